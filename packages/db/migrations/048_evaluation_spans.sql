-- Results at two years at province scale (issue 11 point 4, docs/decisions/0065): each person's
-- facts the comparison with comparable people reads, kept as rows, one per assignment (a "span"
-- of service with one title level), so that summing comparable people reads one narrow table
-- instead of aggregating every person's appraisals, planning entries, enrolments and assignments
-- on every request (decision 0052, "Performance": ~0.7 s for the province per request).
--
-- One row per assignment, because the comparison places a person by the assignment covering the
-- course start and counts them once per covering assignment (decision 0052); the person's own facts
-- (category, birth date, current unit, leaving day, programmes enrolled in, appraisal years, event
-- days) are repeated on each of their rows.
--
-- Kept equal to the records by triggers in the same transaction as every write (people, assignments,
-- appraisals, planning entries, enrolments, service leavings, titles): each trigger deletes the rows
-- of the persons it touched and copies them again from one view over the records
-- (`evaluation_spans_of_records`). Statement-level triggers with transition tables, so an import or
-- a seed writing many rows refreshes their persons in one statement. The differential test
-- (evaluation-spans.int.test.ts) checks the table against hand-written SQL after a sequence of writes
-- and the sums read from it against the statement over the records.

CREATE TABLE evaluation_spans (
  assignment_id integer PRIMARY KEY,
  person_id     integer NOT NULL,
  category      text NOT NULL,
  birth_date    date NOT NULL,
  -- the person's current unit (the reader's scope is the current unit, decision 0052)
  unit_id       integer NOT NULL,
  started_on    date NOT NULL,
  ended_on      date,
  -- the level of the assignment's title: 'none' without a title
  title_level   text NOT NULL,
  left_on       date,
  -- programmes the person enrolled in (any class, any status but withdrawn), sorted
  programmes    text[] NOT NULL,
  -- years with an appraisal recorded, and those rated good or excellent (GOOD_OR_BETTER), sorted
  rated         integer[] NOT NULL,
  good          integer[] NOT NULL,
  -- event days, sorted, NULL when none: planning entry approved, assignment started by rotation or
  -- transfer, assignment started to a title ranking above the one held the day before
  planned       date[],
  rotated       date[],
  promoted      date[]
);
CREATE INDEX evaluation_spans_person_idx ON evaluation_spans (person_id);
CREATE INDEX evaluation_spans_stratum_idx ON evaluation_spans (category, title_level, birth_date);

-- The definition over the records: what the triggers copy from. A title's rank (higher is higher):
-- province above commune above none; within a level by sort_order (as evaluation-results.repository).
CREATE VIEW evaluation_spans_of_records AS
  SELECT y.id AS assignment_id, p.id AS person_id, p.category, p.birth_date, p.unit_id, y.started_on, y.ended_on,
    coalesce(t.level, 'none') AS title_level, sl.left_on, f.programmes, f.rated, f.good, f.planned, f.rotated, f.promoted
  FROM people p
  CROSS JOIN LATERAL (
    SELECT
      coalesce((SELECT array_agg(DISTINCT e.programme_code ORDER BY e.programme_code) FROM enrolments e
        WHERE e.person_id = p.id AND e.status <> 'withdrawn'), '{}') AS programmes,
      coalesce((SELECT array_agg(a.year ORDER BY a.year) FROM appraisals a WHERE a.person_id = p.id), '{}') AS rated,
      coalesce((SELECT array_agg(a.year ORDER BY a.year) FROM appraisals a
        WHERE a.person_id = p.id AND a.classification IN ('excellent', 'good')), '{}') AS good,
      (SELECT array_agg(pe.approved_on ORDER BY pe.approved_on) FROM planning_entries pe
        WHERE pe.person_id = p.id AND pe.approved_on IS NOT NULL) AS planned,
      (SELECT array_agg(x.started_on ORDER BY x.started_on) FROM assignments x
        WHERE x.person_id = p.id AND x.reason IN ('rotation', 'transfer')) AS rotated,
      (SELECT array_agg(x.started_on ORDER BY x.started_on) FROM assignments x JOIN titles xt ON xt.id = x.title_id
        WHERE x.person_id = p.id
          AND (CASE WHEN xt.level = 'province' THEN 2000 - xt.sort_order ELSE 1000 - xt.sort_order END) > coalesce((
            SELECT CASE WHEN yt.id IS NULL THEN 0 WHEN yt.level = 'province' THEN 2000 - yt.sort_order ELSE 1000 - yt.sort_order END
            FROM assignments z LEFT JOIN titles yt ON yt.id = z.title_id
            WHERE z.person_id = x.person_id AND z.started_on < x.started_on AND (z.ended_on IS NULL OR z.ended_on >= x.started_on - 1)
            ORDER BY z.started_on DESC LIMIT 1), 0)) AS promoted
  ) f
  JOIN assignments y ON y.person_id = p.id
  LEFT JOIN titles t ON t.id = y.title_id
  LEFT JOIN service_leavings sl ON sl.person_id = p.id;

INSERT INTO evaluation_spans SELECT * FROM evaluation_spans_of_records;

CREATE FUNCTION evaluation_spans_refresh(ids integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  DELETE FROM evaluation_spans WHERE person_id = ANY(ids);
  INSERT INTO evaluation_spans SELECT * FROM evaluation_spans_of_records WHERE person_id = ANY(ids);
END $$;

-- the tables whose rows carry person_id: the persons of the rows written (before and after)
CREATE FUNCTION evaluation_spans_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM evaluation_spans_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM evaluation_spans_refresh(ARRAY(SELECT DISTINCT person_id FROM old_rows));
  ELSE
    PERFORM evaluation_spans_refresh(ARRAY(SELECT person_id FROM old_rows UNION SELECT person_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;

-- enrolments change often without changing what is kept (grades, dates): an update refreshes only
-- the persons whose (person, programme, withdrawn or not) changed
CREATE FUNCTION evaluation_spans_enrolments_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM evaluation_spans_refresh(ARRAY(
    SELECT o.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.person_id, o.programme_code, o.status = 'withdrawn') IS DISTINCT FROM (n.person_id, n.programme_code, n.status = 'withdrawn')
    UNION
    SELECT n.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.person_id, o.programme_code, o.status = 'withdrawn') IS DISTINCT FROM (n.person_id, n.programme_code, n.status = 'withdrawn')));
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_spans_assignments_ins AFTER INSERT ON assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_assignments_upd AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_assignments_del AFTER DELETE ON assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();

CREATE TRIGGER evaluation_spans_appraisals_ins AFTER INSERT ON appraisals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_appraisals_upd AFTER UPDATE ON appraisals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_appraisals_del AFTER DELETE ON appraisals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();

CREATE TRIGGER evaluation_spans_planning_ins AFTER INSERT ON planning_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_planning_upd AFTER UPDATE ON planning_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_planning_del AFTER DELETE ON planning_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();

CREATE TRIGGER evaluation_spans_leavings_ins AFTER INSERT ON service_leavings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_leavings_upd AFTER UPDATE ON service_leavings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_leavings_del AFTER DELETE ON service_leavings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();

CREATE TRIGGER evaluation_spans_enrolments_ins AFTER INSERT ON enrolments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();
CREATE TRIGGER evaluation_spans_enrolments_upd AFTER UPDATE ON enrolments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_enrolments_update();
CREATE TRIGGER evaluation_spans_enrolments_del AFTER DELETE ON enrolments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_rows();

-- a person: the copied columns (category, birth date, current unit); deleted: their rows
CREATE FUNCTION evaluation_spans_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM evaluation_spans_refresh(ARRAY[OLD.id, NEW.id]);
  RETURN NULL;
END $$;
CREATE TRIGGER evaluation_spans_person AFTER UPDATE OF id, category, birth_date, unit_id ON people
  FOR EACH ROW
  WHEN ((OLD.id, OLD.category, OLD.birth_date, OLD.unit_id) IS DISTINCT FROM (NEW.id, NEW.category, NEW.birth_date, NEW.unit_id))
  EXECUTE FUNCTION evaluation_spans_person();

CREATE FUNCTION evaluation_spans_people_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM evaluation_spans s USING old_rows o WHERE s.person_id = o.id;
  RETURN NULL;
END $$;
CREATE TRIGGER evaluation_spans_people_del AFTER DELETE ON people
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evaluation_spans_people_del();

-- a title's level or order: the persons holding it, now or before (their levels and higher-title days)
CREATE FUNCTION evaluation_spans_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM evaluation_spans_refresh(ARRAY(SELECT DISTINCT x.person_id FROM assignments x WHERE x.title_id IN (OLD.id, NEW.id)));
  RETURN NULL;
END $$;
CREATE TRIGGER evaluation_spans_title AFTER UPDATE OF id, level, sort_order ON titles
  FOR EACH ROW
  WHEN ((OLD.id, OLD.level, OLD.sort_order) IS DISTINCT FROM (NEW.id, NEW.level, NEW.sort_order))
  EXECUTE FUNCTION evaluation_spans_title();
