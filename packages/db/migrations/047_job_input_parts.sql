-- Decision 0064: an uploaded file is stored in parts of a few hundred KiB, each part its own short
-- statement outside any transaction (on PGlite one statement of a 9 MiB file held the web process's
-- thread for seconds). While its parts are being written the job is 'storing', which no runner
-- claims; one short statement makes it 'queued' once every part is in. input_bytes is the file's
-- size (NULL: a job without an uploaded file); the parts are checked against it.
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check CHECK (status IN ('storing', 'queued', 'running', 'succeeded', 'failed'));
ALTER TABLE jobs ADD COLUMN input_bytes bigint CHECK (input_bytes >= 0);

CREATE TABLE job_input_parts (
  job_id integer NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  part   integer NOT NULL CHECK (part >= 0),
  data   bytea NOT NULL,
  PRIMARY KEY (job_id, part)
);
-- an uploaded workbook is a zip (already compressed): kept out of line without trying to compress it
ALTER TABLE job_input_parts ALTER COLUMN data SET STORAGE EXTERNAL;

-- the files of jobs still to run become one part each; finished jobs' files were to be dropped anyway
INSERT INTO job_input_parts (job_id, part, data)
  SELECT id, 0, input FROM jobs WHERE input IS NOT NULL AND status IN ('queued', 'running');
UPDATE jobs SET input_bytes = octet_length(input) WHERE input IS NOT NULL AND status IN ('queued', 'running');
ALTER TABLE jobs DROP COLUMN input;
