-- Training statistics at province scale (issue 10 speed, docs/decisions/0056): the person-times of
-- plans' realisation facts (decision 0030, plansRepo.REALISATION_SOURCES) kept as rows, one per
-- (fact, person), so a statistic reads one narrow table instead of opening classes × enrolments and
-- outside-training records on every request.
--
-- Kept equal to the records by triggers in the same transaction as every write (enrolments,
-- classes, outside-training records, plan line versions); the differential test
-- (statistics-facts.int.test.ts) checks it against a hand-written SQL after a sequence of writes.
-- The person's dimensions (unit, gender, minority, birth date, party admission, management scope)
-- are copied too, kept by a trigger on people (and ethnicities): a statistic then reads one table.
-- Units, programmes and management scopes (a few hundred rows) are joined when read.

CREATE TABLE stat_person_times (
  source            text NOT NULL CHECK (source IN ('class', 'outside_training')),
  -- classes.id or outside_trainings.id
  fact_id           integer NOT NULL,
  person_id         integer NOT NULL,
  programme_code    text NOT NULL,
  mode              text NOT NULL,
  start_date        date NOT NULL,
  -- an outside record withdrawn from before its end ends on the withdrawal's date
  end_date          date NOT NULL,
  -- the basis "completed": the enrolment completed in a finished class; the outside record completed, graduated
  graduated         boolean NOT NULL,
  -- an outside record abroad (a country given); false for a class
  abroad            boolean NOT NULL,
  -- the class's organiser; an outside record's: the organiser of the latest version of its plan line,
  -- null when it has none (then the person's unit organises it, as in REALISATION_SOURCES)
  organiser_unit_id integer,
  -- the person's, now (statistics take the person's current unit and scope, decision 0047)
  person_unit_id    integer NOT NULL,
  gender            text NOT NULL,
  minority          boolean NOT NULL,
  birth_date        date NOT NULL,
  party_joined_on   date,
  management_scope_id integer,
  PRIMARY KEY (source, fact_id, person_id)
);
CREATE INDEX stat_person_times_person_idx ON stat_person_times (person_id);
CREATE INDEX stat_person_times_start_idx ON stat_person_times (start_date);

-- The definition over the records: what the triggers copy from, row by row.
CREATE VIEW stat_person_times_of_records AS
  SELECT f.*, p.unit_id AS person_unit_id, p.gender, eth.minority, p.birth_date, p.party_joined_on, p.management_scope_id
  FROM (
    SELECT 'class'::text AS source, c.id AS fact_id, e.person_id, c.programme_code, c.mode, c.start_date, c.end_date,
      (c.status = 'finished' AND e.status = 'completed') AS graduated, false AS abroad, c.organiser_unit_id
    FROM classes c JOIN enrolments e ON e.class_id = c.id AND e.status <> 'withdrawn'
    UNION ALL
    SELECT 'outside_training'::text, o.id, o.person_id, o.programme_code, o.mode, o.start_date,
      CASE WHEN o.result = 'withdrawn' AND o.result_date IS NOT NULL AND o.result_date < o.end_date THEN o.result_date ELSE o.end_date END,
      COALESCE(o.status = 'completed' AND o.result = 'graduated', false), o.country IS NOT NULL,
      (SELECT plv.organiser_unit_id FROM plan_line_versions plv WHERE plv.line_id = o.plan_line_id ORDER BY plv.version_id DESC LIMIT 1)
    FROM outside_trainings o
    WHERE o.status IN ('sent', 'completed')
  ) f
  JOIN people p ON p.id = f.person_id
  JOIN ethnicities eth ON eth.code = p.ethnicity_code;

INSERT INTO stat_person_times SELECT * FROM stat_person_times_of_records;

-- an enrolment: its (class, person) pair, before and after
CREATE FUNCTION stat_person_times_enrolment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.class_id IS NOT NULL THEN
    DELETE FROM stat_person_times WHERE source = 'class' AND fact_id = OLD.class_id AND person_id = OLD.person_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.class_id IS NOT NULL THEN
    DELETE FROM stat_person_times WHERE source = 'class' AND fact_id = NEW.class_id AND person_id = NEW.person_id;
    INSERT INTO stat_person_times
      SELECT * FROM stat_person_times_of_records WHERE source = 'class' AND fact_id = NEW.class_id AND person_id = NEW.person_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_person_times_enrolment AFTER INSERT OR UPDATE OR DELETE ON enrolments
  FOR EACH ROW EXECUTE FUNCTION stat_person_times_enrolment();

-- a class: every learner of it (dates, programme, mode, status, organiser)
CREATE FUNCTION stat_person_times_class() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM stat_person_times WHERE source = 'class' AND fact_id = OLD.id;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO stat_person_times SELECT * FROM stat_person_times_of_records WHERE source = 'class' AND fact_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_person_times_class AFTER UPDATE OF id, programme_code, mode, start_date, end_date, status, organiser_unit_id OR DELETE ON classes
  FOR EACH ROW EXECUTE FUNCTION stat_person_times_class();

-- an outside-training record
CREATE FUNCTION stat_person_times_outside() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM stat_person_times WHERE source = 'outside_training' AND fact_id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    DELETE FROM stat_person_times WHERE source = 'outside_training' AND fact_id = NEW.id;
    INSERT INTO stat_person_times SELECT * FROM stat_person_times_of_records WHERE source = 'outside_training' AND fact_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_person_times_outside AFTER INSERT OR UPDATE OR DELETE ON outside_trainings
  FOR EACH ROW EXECUTE FUNCTION stat_person_times_outside();

-- a plan line's versions: the organiser of the outside records realising the line
CREATE FUNCTION stat_person_times_plan_line() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lines integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    lines := ARRAY[NEW.line_id];
  ELSIF TG_OP = 'DELETE' THEN
    lines := ARRAY[OLD.line_id];
  ELSE
    lines := ARRAY[OLD.line_id, NEW.line_id];
  END IF;
  UPDATE stat_person_times t SET organiser_unit_id = r.organiser_unit_id
    FROM stat_person_times_of_records r, outside_trainings o
    WHERE o.plan_line_id = ANY(lines) AND r.source = 'outside_training' AND r.fact_id = o.id
      AND t.source = 'outside_training' AND t.fact_id = o.id AND t.organiser_unit_id IS DISTINCT FROM r.organiser_unit_id;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_person_times_plan_line AFTER INSERT OR UPDATE OF line_id, version_id, organiser_unit_id OR DELETE ON plan_line_versions
  FOR EACH ROW EXECUTE FUNCTION stat_person_times_plan_line();

-- a person's dimensions
CREATE FUNCTION stat_person_times_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stat_person_times t
    SET person_unit_id = NEW.unit_id, gender = NEW.gender, birth_date = NEW.birth_date, party_joined_on = NEW.party_joined_on,
      management_scope_id = NEW.management_scope_id,
      minority = (SELECT eth.minority FROM ethnicities eth WHERE eth.code = NEW.ethnicity_code)
    WHERE t.person_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_person_times_person AFTER UPDATE OF unit_id, gender, ethnicity_code, birth_date, party_joined_on, management_scope_id ON people
  FOR EACH ROW
  WHEN ((OLD.unit_id, OLD.gender, OLD.ethnicity_code, OLD.birth_date, OLD.party_joined_on, OLD.management_scope_id)
    IS DISTINCT FROM (NEW.unit_id, NEW.gender, NEW.ethnicity_code, NEW.birth_date, NEW.party_joined_on, NEW.management_scope_id))
  EXECUTE FUNCTION stat_person_times_person();

-- an ethnicity counted as a minority or not
CREATE FUNCTION stat_person_times_ethnicity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stat_person_times t SET minority = NEW.minority
    FROM people p WHERE p.id = t.person_id AND p.ethnicity_code = NEW.code AND t.minority IS DISTINCT FROM NEW.minority;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_person_times_ethnicity AFTER UPDATE OF code, minority ON ethnicities
  FOR EACH ROW EXECUTE FUNCTION stat_person_times_ethnicity();
