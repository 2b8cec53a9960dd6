-- Training needs (issue 9): the board's yearly needs campaign (đợt đăng ký nhu cầu), the units that
-- must answer, each unit's answer (lines of programme × mode × quarter × people, optionally naming
-- people), its return with a comment, and the reminders before and after the deadline.

CREATE TABLE needs_campaigns (
  id             serial PRIMARY KEY,
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title          text NOT NULL,
  -- the last day an answer is accepted (inclusive), unless reopened for a unit
  deadline       date NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- the unit that opened it (the province for the board and home affairs)
  owner_unit_id  integer NOT NULL REFERENCES units(id),
  -- how the answering units were chosen: { "kinds": [...] } or { "unitIds": [...] }
  target         jsonb NOT NULL,
  note           text,
  version        integer NOT NULL DEFAULT 1,
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX needs_campaigns_year_idx ON needs_campaigns (year DESC, id DESC);

-- The programmes a campaign offers, with the modes offered for each (a subset of the programme's).
CREATE TABLE needs_campaign_offers (
  campaign_id    integer NOT NULL REFERENCES needs_campaigns(id) ON DELETE CASCADE,
  programme_code text NOT NULL REFERENCES programmes(code),
  modes          text[] NOT NULL,
  sort_order     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, programme_code)
);

-- The units that must answer; reopened_until lets one unit answer after the deadline or the close.
CREATE TABLE needs_campaign_units (
  campaign_id    integer NOT NULL REFERENCES needs_campaigns(id) ON DELETE CASCADE,
  unit_id        integer NOT NULL REFERENCES units(id),
  reopened_until date,
  PRIMARY KEY (campaign_id, unit_id)
);
CREATE INDEX needs_campaign_units_unit_idx ON needs_campaign_units (unit_id);

-- A unit's answer (no row: not started). Optimistic concurrency on version.
CREATE TABLE needs_answers (
  id              serial PRIMARY KEY,
  campaign_id     integer NOT NULL,
  unit_id         integer NOT NULL,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned')),
  version         integer NOT NULL DEFAULT 1,
  submitted_at    timestamptz,
  submitted_by    integer REFERENCES users(id),
  return_comment  text,
  returned_at     timestamptz,
  returned_by     integer REFERENCES users(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      integer REFERENCES users(id),
  FOREIGN KEY (campaign_id, unit_id) REFERENCES needs_campaign_units(campaign_id, unit_id) ON DELETE CASCADE,
  UNIQUE (campaign_id, unit_id)
);

CREATE TABLE needs_answer_lines (
  id             serial PRIMARY KEY,
  answer_id      integer NOT NULL REFERENCES needs_answers(id) ON DELETE CASCADE,
  line_no        integer NOT NULL,
  programme_code text NOT NULL REFERENCES programmes(code),
  mode           text NOT NULL CHECK (mode IN ('full_time', 'part_time', 'online')),
  quarter        smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  people         integer NOT NULL CHECK (people >= 0),
  UNIQUE (answer_id, line_no),
  UNIQUE (answer_id, programme_code, mode, quarter)
);

-- The people a line names (each in the unit's subtree, once per programme: checked by the service).
CREATE TABLE needs_answer_people (
  line_id   integer NOT NULL REFERENCES needs_answer_lines(id) ON DELETE CASCADE,
  person_id integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (line_id, person_id)
);
CREATE INDEX needs_answer_people_person_idx ON needs_answer_people (person_id);

-- Reminders recorded for a unit that had not submitted: D-3 and D+1, once each.
CREATE TABLE needs_reminders (
  campaign_id integer NOT NULL,
  unit_id     integer NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('before_deadline', 'after_deadline')),
  message     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, unit_id, kind),
  FOREIGN KEY (campaign_id, unit_id) REFERENCES needs_campaign_units(campaign_id, unit_id) ON DELETE CASCADE
);
