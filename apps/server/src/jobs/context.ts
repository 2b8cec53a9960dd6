import type { FastifyBaseLogger } from 'fastify';
import { JOB_FAILURES, type JobFailureCode, type JobStage } from '@nang-tam/contracts';
import { jobsRepo, type Db, type Queryable } from '@nang-tam/db';
import type { Config } from '../config.js';
import type { AuthUser } from '../auth/auth-user.js';

export type JobLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** What a job handler gets: the database, the job, the user it runs as, progress and a stop signal. */
export interface JobContext {
  db: Db;
  /** Where a report-like job (an export) reads: the replica when configured (decision 0018), else db. */
  readDb: Db;
  config: Config;
  job: jobsRepo.JobRow;
  /** The job's creator as they are now (role and unit read again when the job starts). */
  owner: AuthUser;
  progress: Progress;
  signal: AbortSignal;
}

export interface JobOutcome {
  status: 'succeeded' | 'failed';
  result: Record<string, unknown>;
  fileName?: string;
  file?: Buffer;
  /** The handler already finished the job in the transaction of its own writes (an import's publish). */
  finished?: boolean;
}

/** This process no longer holds the job (it was recovered as stale and claimed elsewhere): drop it. */
export class JobSuperseded extends Error {
  override name = 'JobSuperseded';
  constructor(readonly jobId: number) {
    super(`job ${jobId} was taken over by another process`);
  }
}

/** A failed job's result: a code, its Vietnamese message and kind-specific facts. */
export function failureResult(code: JobFailureCode, extra: Record<string, unknown> = {}, message?: string): Record<string, unknown> {
  return { code, message: message ?? JOB_FAILURES[code].vi, ...extra };
}

/** Thrown by a job for an expected failure (a bad file); the runner records it as the result. */
export class JobFailure extends Error {
  constructor(
    readonly code: JobFailureCode,
    readonly extra: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? JOB_FAILURES[code].vi);
    this.name = 'JobFailure';
  }

  toOutcome(): JobOutcome {
    return { status: 'failed', result: failureResult(this.code, this.extra, this.message) };
  }
}

/**
 * Progress writes, throttled to one per `every` rows within a stage. Inside a transaction on
 * PGlite (one connection) the write must go through the transaction itself: pass it as `via`.
 */
export class Progress {
  private stage: JobStage | null = null;
  private written = -1;
  private total = -1;

  constructor(
    private readonly db: Queryable,
    private readonly jobId: number,
    private readonly every = 500,
  ) {}

  async report(stage: JobStage, progress: number, total: number, via?: Queryable): Promise<void> {
    const same = stage === this.stage && total === this.total;
    if (same && (progress === this.written || (progress - this.written < this.every && progress !== total))) return;
    this.stage = stage;
    this.written = progress;
    this.total = total;
    await jobsRepo.updateJobProgress(via ?? this.db, this.jobId, { stage, progress, total });
  }
}
