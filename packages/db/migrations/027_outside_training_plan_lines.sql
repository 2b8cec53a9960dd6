-- Issue 9 wiring (docs/decisions/0035): an outside-training record realises a plan line like a class
-- does (one learner, no class). The foreign key migration 020 left for when the plan tables exist.
UPDATE outside_trainings SET plan_line_id = NULL
 WHERE plan_line_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plan_lines l WHERE l.id = outside_trainings.plan_line_id);
ALTER TABLE outside_trainings
  ADD CONSTRAINT outside_trainings_plan_line_fkey FOREIGN KEY (plan_line_id) REFERENCES plan_lines(id);
CREATE INDEX outside_trainings_plan_line_idx ON outside_trainings (plan_line_id) WHERE plan_line_id IS NOT NULL;
