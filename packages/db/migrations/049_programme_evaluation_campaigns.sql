-- Evaluation campaigns for a programme and a period (branch lecturer-views, docs/decisions/0066).
-- Until now a campaign was opened for one class (migration 036). It may now be opened for a
-- programme: every class of the programme that ended inside the period and is due (ended two years
-- ago or more), organised in the opener's reach. Its classes are listed; each graduate's row names
-- the class they graduated from. At most one OPEN campaign per programme over overlapping periods
-- (checked under a lock on the programme's row, in the service: PGlite has no btree_gist for an
-- exclusion constraint).

ALTER TABLE evaluation_campaigns
  ALTER COLUMN class_id DROP NOT NULL,
  ADD COLUMN programme_code text REFERENCES programmes(code),
  ADD COLUMN period_from date,
  ADD COLUMN period_to date,
  -- the unit whose officers run a programme campaign (the opener's unit: the school or the province)
  ADD COLUMN organiser_unit_id integer REFERENCES units(id),
  ADD CONSTRAINT evaluation_campaigns_kind_check CHECK (
    (class_id IS NOT NULL AND programme_code IS NULL AND period_from IS NULL AND period_to IS NULL AND organiser_unit_id IS NULL)
    OR (class_id IS NULL AND programme_code IS NOT NULL AND organiser_unit_id IS NOT NULL AND period_from <= period_to)
  );
CREATE INDEX evaluation_campaigns_programme_idx ON evaluation_campaigns (programme_code, period_from) WHERE programme_code IS NOT NULL;

-- The classes a programme campaign covers (those due when it opened).
CREATE TABLE evaluation_campaign_classes (
  campaign_id integer NOT NULL REFERENCES evaluation_campaigns(id) ON DELETE CASCADE,
  class_id    integer NOT NULL REFERENCES classes(id),
  PRIMARY KEY (campaign_id, class_id)
);

-- The class each graduate of a campaign graduated from (the campaign's class for a class campaign).
ALTER TABLE evaluation_assessments ADD COLUMN class_id integer REFERENCES classes(id);
UPDATE evaluation_assessments a SET class_id = g.class_id FROM evaluation_campaigns g WHERE g.id = a.campaign_id;
ALTER TABLE evaluation_assessments ALTER COLUMN class_id SET NOT NULL;
