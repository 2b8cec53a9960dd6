-- The people registry: units, reference lists, people and their histories; accounts, sessions,
-- audit and background jobs.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE units (
  id            serial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  official_code text UNIQUE,
  name          text NOT NULL,
  search_name   text NOT NULL,
  kind          text NOT NULL,
  parent_id     integer REFERENCES units(id),
  -- materialised path of ids, e.g. '/1/7/42/': a subtree is every path with this prefix
  path          text NOT NULL UNIQUE,
  depth         integer NOT NULL,
  sort_order    integer NOT NULL DEFAULT 0,
  valid_from    date,
  valid_to      date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX units_parent_idx ON units (parent_id, sort_order, name);
CREATE INDEX units_path_idx ON units (path text_pattern_ops);

-- merges and splits: the predecessor's records moved to the successor on effective_on
CREATE TABLE unit_links (
  predecessor_id integer NOT NULL REFERENCES units(id),
  successor_id   integer NOT NULL REFERENCES units(id),
  effective_on   date NOT NULL,
  note           text,
  PRIMARY KEY (predecessor_id, successor_id)
);

CREATE TABLE ethnicities (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  minority boolean NOT NULL
);

-- levels of each qualification kind, ordered by rank (higher is more)
CREATE TABLE qualification_levels (
  kind text NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  rank integer NOT NULL,
  PRIMARY KEY (kind, code)
);

CREATE TABLE titles (
  id         serial PRIMARY KEY,
  code       text NOT NULL UNIQUE,
  name       text NOT NULL,
  level      text NOT NULL,
  leadership boolean NOT NULL DEFAULT false,
  sort_order integer NOT NULL DEFAULT 0
);

CREATE TABLE job_positions (
  id   serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL
);

CREATE TABLE ranks (
  id   serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL
);

CREATE TABLE management_scopes (
  id   serial PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL
);

CREATE TABLE people (
  id                     serial PRIMARY KEY,
  citizen_id             text NOT NULL UNIQUE,
  full_name              text NOT NULL,
  search_name            text NOT NULL,
  sort_key               text NOT NULL,
  birth_date             date NOT NULL,
  gender                 text NOT NULL CHECK (gender IN ('male', 'female')),
  ethnicity_code         text NOT NULL REFERENCES ethnicities(code),
  category               text NOT NULL,
  party_joined_on        date,
  party_official_on      date,
  unit_id                integer NOT NULL REFERENCES units(id),
  title_id               integer REFERENCES titles(id),
  job_position_id        integer REFERENCES job_positions(id),
  rank_id                integer REFERENCES ranks(id),
  management_scope_id    integer REFERENCES management_scopes(id),
  phone                  text,
  email                  text,
  -- highest level held of each kind, kept by the repository whenever qualifications change
  education_level        text,
  political_theory_level text,
  state_management_level text,
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_unit_idx ON people (unit_id);
CREATE INDEX people_sort_idx ON people (sort_key, id);
CREATE INDEX people_search_trgm_idx ON people USING gin (search_name gin_trgm_ops);
CREATE INDEX people_title_idx ON people (title_id);
CREATE INDEX people_birth_idx ON people (birth_date);

CREATE TABLE qualifications (
  id           serial PRIMARY KEY,
  person_id    integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind         text NOT NULL,
  level        text,
  field        text,
  awarded_on   date,
  institution  text,
  source       text NOT NULL CHECK (source IN ('imported', 'entered', 'graduated')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (kind, level) REFERENCES qualification_levels(kind, code)
);
CREATE INDEX qualifications_person_idx ON qualifications (person_id);

CREATE TABLE assignments (
  id          serial PRIMARY KEY,
  person_id   integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  unit_id     integer NOT NULL REFERENCES units(id),
  title_id    integer REFERENCES titles(id),
  started_on  date NOT NULL,
  ended_on    date,
  reason      text NOT NULL,
  decision_no text,
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX assignments_person_idx ON assignments (person_id, started_on);

CREATE TABLE planning_entries (
  id          serial PRIMARY KEY,
  person_id   integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  title_id    integer NOT NULL REFERENCES titles(id),
  term        text NOT NULL,
  approved_on date,
  UNIQUE (person_id, title_id, term)
);
CREATE INDEX planning_title_idx ON planning_entries (title_id, term);

CREATE TABLE appraisals (
  id             serial PRIMARY KEY,
  person_id      integer NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  year           integer NOT NULL,
  classification text NOT NULL,
  UNIQUE (person_id, year)
);

CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  display_name  text NOT NULL,
  role          text NOT NULL,
  unit_id       integer NOT NULL REFERENCES units(id),
  person_id     integer REFERENCES people(id),
  locale        text NOT NULL DEFAULT 'vi',
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  -- sha-256 of the cookie token; the token itself is never stored
  id           text PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    integer REFERENCES users(id),
  actor_name  text NOT NULL,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  -- the person the change concerns, so a profile can show its whole history
  person_id   integer,
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_entity_idx ON audit_log (entity, entity_id, id);
CREATE INDEX audit_person_idx ON audit_log (person_id, id);

CREATE TABLE jobs (
  id           serial PRIMARY KEY,
  kind         text NOT NULL,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  created_by   integer NOT NULL REFERENCES users(id),
  params       jsonb NOT NULL DEFAULT '{}',
  input        bytea,
  progress     integer NOT NULL DEFAULT 0,
  total        integer NOT NULL DEFAULT 0,
  result       jsonb,
  file_name    text,
  file         bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
CREATE INDEX jobs_status_idx ON jobs (status, id);
