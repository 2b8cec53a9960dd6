-- An import stages its checked rows here in short transactions and publishes them into people,
-- qualifications and audit_log in one (decision 0018): the all-or-nothing guarantee stays, and the
-- only long-held lock is the publish. Unlogged: staged rows are scratch data, re-staged from the
-- upload if a crash (or a failover) loses them. Each staged person takes its id from people's own
-- sequence when staged, so the publish writes people, qualifications and audit records straight
-- from the staged rows, without joining the new people back by citizen id.
CREATE UNLOGGED TABLE import_staging (
  job_id                 integer NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  row_no                 integer NOT NULL,
  person_id              integer NOT NULL DEFAULT nextval('people_id_seq'),
  citizen_id             text NOT NULL,
  full_name              text NOT NULL,
  search_name            text NOT NULL,
  sort_key               text NOT NULL,
  birth_date             date NOT NULL,
  gender                 text NOT NULL,
  ethnicity_code         text NOT NULL,
  category               text NOT NULL,
  party_joined_on        date,
  party_official_on      date,
  unit_id                integer NOT NULL,
  title_id               integer,
  job_position_id        integer,
  rank_id                integer,
  management_scope_id    integer,
  phone                  text,
  email                  text,
  education_level        text,
  political_theory_level text,
  state_management_level text,
  qualifications         jsonb NOT NULL,
  PRIMARY KEY (job_id, row_no)
);
