-- Background jobs: which stage a job is in, how often it was started (a job that keeps crashing its
-- process is failed, not retried forever), and a heartbeat so that jobs left 'running' by a dead
-- process can be told from jobs another live process is running.
ALTER TABLE jobs ADD COLUMN stage text;
ALTER TABLE jobs ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN heartbeat_at timestamptz;
-- a user reads only their own jobs
CREATE INDEX jobs_created_by_idx ON jobs (created_by, id);
