-- National speed (issue 10, docs/decisions/0070): the people ever placed under a scope's units are
-- read from the units' assignments (indicators, as of any date) — by unit, not by scanning every
-- assignment of the registry (4.2 million over 34 provinces).
CREATE INDEX IF NOT EXISTS assignments_unit_idx ON assignments (unit_id, person_id);
