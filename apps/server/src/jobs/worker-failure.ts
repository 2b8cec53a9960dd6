import { TaskError, WorkerCrashed } from '../workers/pool.js';
import { JobFailure } from './context.js';
import { workbookTooLarge } from './people-import/read-file.js';

/** A failure inside a worker comes back as the job's own failure (or as a file too large for it). */
export function fromWorker(err: unknown): unknown {
  if (err instanceof TaskError && err.name === 'JobFailure') {
    const f = err.fields as { code: JobFailure['code']; extra?: Record<string, unknown> };
    return new JobFailure(f.code, f.extra ?? {}, err.message);
  }
  // a file within the limits whose parse still exhausted the worker's heap
  if (err instanceof WorkerCrashed && err.outOfMemory) return workbookTooLarge({ limit: 'totalBytes', max: 0 });
  return err;
}
