import { hasPermission, type Permission } from '@nang-tam/domain';
import type { JobFailureCode } from '@nang-tam/contracts';
import { jobsRepo, peopleImportRepo, usersRepo } from '@nang-tam/db';
import type { AppContext } from '../context.js';
import { toAuthUser } from '../auth/auth-user.js';
import { reportsDb } from '../database.js';
import { AppError } from '../errors.js';
import { JobFailure, JobSuperseded, Progress, failureResult, type JobContext, type JobLog, type JobOutcome } from './context.js';
import { runCandidatesExport } from './candidates-export.job.js';
import { runClassDocument } from './class-document.job.js';
import { runEvaluationReport } from './evaluation-report.job.js';
import { runNominationsBulk } from './nominations-bulk.job.js';
import { runPlanExport, runRealisationExport } from './plan-export.job.js';
import { runBudgetReportExport, runReimbursementCasesExport } from './budget-export.job.js';
import { runPeopleExport } from './people-export.job.js';
import { runIndicatorPeopleExport } from './indicator-people-export.job.js';
import { runPeopleImport } from './people-import.job.js';
import { remindOverdueConductReports } from '../services/learners.service.js';
import { runNeedsReminders } from './needs-reminders.job.js';
import { runNeedsAggregateExport, runNeedsAnswerExport } from './needs-export.job.js';
import { sendNotificationEmails } from './notification-emails.job.js';
import { runSupportExport } from './support-export.job.js';
import { runFeedbackExport, runFeedbackReminders, runReactionExport } from './feedback.job.js';
// branch lecturer-views (decision 0066)
import { runTeachingResultsExport } from './feedback.job.js';
import { runReportFill } from './report-fill.job.js';
import { runStatisticsExport } from './statistics-export.job.js';

interface Handler {
  /** The permission the job's creator must still hold when it runs. */
  permission: Permission;
  run(ctx: JobContext): Promise<JobOutcome>;
}

const HANDLERS: Record<string, Handler> = {
  people_import: { permission: 'people.import', run: runPeopleImport },
  people_export: { permission: 'people.export', run: runPeopleExport },
  candidates_export: { permission: 'rules.read', run: runCandidatesExport },
  nominations_bulk: { permission: 'nominations.write', run: runNominationsBulk },
  needs_answer_export: { permission: 'needs.read', run: runNeedsAnswerExport },
  needs_aggregate_export: { permission: 'needs.aggregate', run: runNeedsAggregateExport },
  plan_export: { permission: 'plans.read', run: runPlanExport },
  realisation_export: { permission: 'plans.read', run: runRealisationExport },
  class_document: { permission: 'classes.read', run: runClassDocument },
  // issue 11: budgets and reimbursement cases
  budget_report_export: { permission: 'plans.read', run: runBudgetReportExport },
  reimbursement_cases_export: { permission: 'nominations.approve', run: runReimbursementCasesExport },
  support_list_export: { permission: 'support.read', run: runSupportExport },
  reaction_export: { permission: 'evaluation.read', run: runReactionExport },
  feedback_export: { permission: 'evaluation.read', run: runFeedbackExport },
  // official statistical reports (issue 10 point 3, decision 0048)
  report_fill: { permission: 'statistics.read', run: runReportFill },
  // training statistics (issue 10, decision 0047)
  statistics_export: { permission: 'statistics.read', run: runStatisticsExport },
  evaluation_report: { permission: 'classes.read', run: runEvaluationReport },
  indicator_people_export: { permission: 'people.export', run: runIndicatorPeopleExport },
  // branch lecturer-views (decision 0066): a lecturer's own reaction results
  teaching_results_export: { permission: 'reaction.ownResults', run: runTeachingResultsExport },
};

export interface RunnerOptions {
  /** How often an idle runner looks for queued jobs. */
  pollMs?: number;
  /** A running job without a heartbeat for this long belongs to a dead process. */
  staleAfterSeconds?: number;
  heartbeatMs?: number;
  /** A job started this many times without finishing is failed instead of retried. */
  maxAttempts?: number;
  /** Output files and uploads are dropped this many days after their job ended. */
  fileRetentionDays?: number;
  maintenanceMs?: number;
}

const DEFAULTS: Required<RunnerOptions> = {
  pollMs: 1000,
  staleAfterSeconds: 60,
  heartbeatMs: 10_000,
  maxAttempts: 3,
  fileRetentionDays: 7,
  maintenanceMs: 60_000,
};

const silent: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs queued jobs one after another until the queue is empty; returns how many ran. */
export async function runPendingJobs(
  ctx: AppContext,
  log: JobLog = silent,
  signal?: AbortSignal,
  options: RunnerOptions = {},
): Promise<number> {
  const opts = { ...DEFAULTS, ...options };
  let count = 0;
  while (!signal?.aborted) {
    const job = await jobsRepo.claimNextJob(ctx.db);
    if (!job) break;
    await runJob(ctx, job, log, signal ?? new AbortController().signal, opts.heartbeatMs);
    count += 1;
  }
  return count;
}

async function execute(ctx: AppContext, job: jobsRepo.JobRow, signal: AbortSignal): Promise<JobOutcome> {
  const handler = HANDLERS[job.kind];
  if (!handler) throw new Error(`unknown job kind ${job.kind}`);
  const ownerRow = await usersRepo.findUserById(ctx.db, job.created_by);
  if (!ownerRow || !ownerRow.active) return { status: 'failed', result: failureResult('FORBIDDEN') };
  const owner = toAuthUser(ownerRow, `job:${job.id}`, '');
  if (!hasPermission(owner.role, handler.permission)) return { status: 'failed', result: failureResult('FORBIDDEN') };
  const progress = new Progress(ctx.db, job.id);
  return handler.run({ db: ctx.db, readDb: reportsDb(ctx), config: ctx.config, job, owner, progress, signal });
}

/** Runs one job this process has claimed (its row as claimNextJob returned it). */
export async function runClaimedJob(
  ctx: AppContext,
  job: jobsRepo.JobRow,
  log: JobLog = silent,
  signal: AbortSignal = new AbortController().signal,
  heartbeatMs = DEFAULTS.heartbeatMs,
): Promise<void> {
  return runJob(ctx, job, log, signal, heartbeatMs);
}

async function runJob(ctx: AppContext, job: jobsRepo.JobRow, log: JobLog, signal: AbortSignal, heartbeatMs: number): Promise<void> {
  const heartbeat = setInterval(() => {
    jobsRepo.touchJobHeartbeat(ctx.db, job.id).catch(() => undefined);
  }, heartbeatMs);
  const started = Date.now();
  try {
    let outcome: JobOutcome;
    try {
      outcome = await execute(ctx, job, signal);
    } catch (err) {
      if (err instanceof JobSuperseded) {
        log.warn({ jobId: job.id }, 'job taken over by another process; this attempt dropped');
        return;
      }
      if (signal.aborted) {
        await jobsRepo.requeueJob(ctx.db, job.id);
        log.info({ jobId: job.id }, 'job put back in the queue (shutting down)');
        return;
      }
      outcome = failedOutcome(err, job, log);
    }
    // fenced by the attempt: a process that lost the job (recovered as stale) records nothing
    if (!outcome.finished && !(await jobsRepo.finishJob(ctx.db, job.id, outcome, job.attempts))) {
      log.warn({ jobId: job.id }, 'job taken over by another process; this attempt dropped');
      return;
    }
    // the uploaded file (personal data) is no longer needed: dropped in a statement of its own (decision 0064)
    await jobsRepo.dropJobInput(ctx.db, job.id);
    log.info({ jobId: job.id, kind: job.kind, status: outcome.status, ms: Date.now() - started }, 'job finished');
  } finally {
    clearInterval(heartbeat);
  }
}

function failedOutcome(err: unknown, job: jobsRepo.JobRow, log: JobLog): JobOutcome {
  if (err instanceof JobFailure) return err.toOutcome();
  if (err instanceof AppError) return { status: 'failed', result: { code: err.code, message: err.message } };
  // no file content or personal data in the log: the message and stack only
  const e = err as Error;
  log.error({ jobId: job.id, kind: job.kind, err: { message: e?.message, stack: e?.stack } }, 'job failed');
  return { status: 'failed', result: failureResult('INTERNAL') };
}

/**
 * Jobs left running by a dead process go back to the queue (or fail after too many attempts); jobs
 * whose upload a dead process was still storing fail (UPLOAD_INTERRUPTED) and their parts are
 * dropped (decision 0064). The uploads first: at a PGlite start this is the first statement the
 * runner sends, before the server listens, so no upload of this process is taken for a dead one.
 */
export async function recoverJobs(ctx: AppContext, staleAfterSeconds: number, maxAttempts: number, log: JobLog = silent): Promise<void> {
  const uploads = await jobsRepo.failInterruptedUploads(ctx.db, staleAfterSeconds, failureResult('UPLOAD_INTERRUPTED'));
  if (uploads.length > 0) log.warn({ jobs: uploads }, 'uploads left half-stored by a stopped process failed');
  const code: JobFailureCode = 'INTERRUPTED';
  const recovered = await jobsRepo.recoverStaleJobs(ctx.db, staleAfterSeconds, maxAttempts, failureResult(code));
  if (recovered.length > 0) log.warn({ jobs: recovered }, 'jobs left running by a stopped process recovered');
  if (recovered.some((r) => r.status === 'failed')) await jobsRepo.purgeJobInputs(ctx.db);
}

/**
 * The in-process runner: on start it recovers jobs a crashed process left running (on PGlite,
 * which only one process can open, every running job; on PostgreSQL, those whose heartbeat has
 * stopped, as other live processes may share the queue), then polls for queued jobs and runs
 * them one at a time. stop() lets the current job put itself back in the queue and waits for it.
 */
export function startJobRunner(ctx: AppContext, log: JobLog, options: RunnerOptions = {}): { stop(): Promise<void> } {
  const opts = { ...DEFAULTS, ...options };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let lastMaintenance = Date.now();

  const maintain = async () => {
    await recoverJobs(ctx, opts.staleAfterSeconds, opts.maxAttempts, log);
    const purged =
      (await jobsRepo.purgeOldJobFiles(ctx.db, opts.fileRetentionDays)) +
      (await jobsRepo.purgeJobInputs(ctx.db)) +
      (await peopleImportRepo.purgeOrphanStaging(ctx.db));
    if (purged > 0) log.info({ purged }, 'old job files dropped');
    const reminded = await remindOverdueConductReports(ctx.db);
    if (reminded > 0) log.info({ reminded }, 'overdue conduct reports reminded');
    await runNeedsReminders(ctx, log);
    await runFeedbackReminders(ctx, log);
  };

  const tick = async (): Promise<void> => {
    try {
      if (Date.now() - lastMaintenance >= opts.maintenanceMs) {
        lastMaintenance = Date.now();
        await maintain();
      }
      await runPendingJobs(ctx, log, controller.signal, opts);
      // notification e-mail (decision 0036): only when SMTP is configured
      if (ctx.config.smtp) await sendNotificationEmails(ctx, log);
    } catch (err) {
      log.error({ err: { message: (err as Error)?.message } }, 'job runner error');
    }
    if (!controller.signal.aborted) timer = setTimeout(() => void (loop = tick()), opts.pollMs);
  };

  let loop: Promise<void> = (async () => {
    try {
      await recoverJobs(ctx, ctx.db.kind === 'pglite' ? 0 : opts.staleAfterSeconds, opts.maxAttempts, log);
    } catch (err) {
      log.error({ err: { message: (err as Error)?.message } }, 'job recovery failed');
    }
    await tick();
  })();

  return {
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await loop;
    },
  };
}
