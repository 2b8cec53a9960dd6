-- Statistical report forms as data (issue 10 point 3, docs/decisions/0048). A form is versioned
-- like the programme catalogue: each version carries its body (rows, columns, the measure and
-- filters behind each cell; validated by domain reports.validateDefinition), its source document,
-- the reason and who wrote it, and the periods it applies to. A period ending on D is filled with
-- the latest version whose [period_from, period_to] holds D. Shipped versions are written at start
-- by reportsRepo.seedShippedReports; afterwards the database is authoritative.
CREATE TABLE report_forms (
  code        text PRIMARY KEY,
  sort_order  integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report_form_versions (
  form_code   text NOT NULL REFERENCES report_forms(code),
  version     integer NOT NULL CHECK (version >= 1),
  body        jsonb NOT NULL,
  -- { code, title, issuer, issuedOn }
  source      jsonb NOT NULL,
  reason      text NOT NULL,
  period_from date NOT NULL,
  period_to   date,
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (form_code, version),
  CHECK (period_to IS NULL OR period_to >= period_from)
);
