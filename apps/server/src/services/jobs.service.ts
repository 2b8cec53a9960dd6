import type { CandidatesExport, Job, PeopleFilter } from '@nang-tam/contracts';
import { MAX_ACTIVE_JOBS_PER_USER } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { auditRepo, jobsRepo, plansRepo, type Db } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import { failureResult } from '../jobs/context.js';
import { WorkbookTooLargeError, workbookTooLargeMessage } from '../jobs/xlsx/limits.js';
import { checkDeclaredSizes, looksLikeZip, readZipDirectory } from '../jobs/xlsx/zip.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { buildImportTemplate, TEMPLATE_FILE } from '../jobs/people-import/template.js';
import { loadReferenceLists } from '../jobs/people-import/reference.js';
import { resolvePeopleFilter } from './people.service.js';
import { resolveCandidateScope } from './eligibility.service.js';

export interface DownloadFile {
  fileName: string;
  content: Buffer;
}

export function toJob(r: jobsRepo.JobRow): Job {
  return {
    id: r.id,
    kind: r.kind as Job['kind'],
    // a job whose uploaded file is still being stored (decision 0064) waits like a queued one
    status: (r.status === 'storing' ? 'queued' : r.status) as Job['status'],
    stage: r.stage as Job['stage'],
    progress: r.progress,
    total: r.total,
    result: r.result,
    fileName: r.file_name,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/**
 * Queues a job for the user, unless they already have MAX_ACTIVE_JOBS_PER_USER queued or running
 * (TOO_MANY_JOBS, 429): one user cannot fill the queue that every other user's jobs wait in. An
 * export of personal data (`audit: 'export'`) is queued with its audit record (who asked for which
 * list) in the same transaction; downloading the file is audited again (getJobFile).
 * An uploaded file (`input`) is stored after that transaction, in parts, while the job is 'storing'
 * (decision 0064); the job is queued once the last part is in.
 */
export async function queueJob(
  db: Db,
  user: AuthUser,
  j: { kind: Job['kind']; params?: Record<string, unknown>; input?: Buffer | null },
  options: { audit?: 'export' } = {},
): Promise<jobsRepo.JobRow> {
  const job = await db.transaction(async (tx) => {
    const inserted = await jobsRepo.insertJobWithinLimit(
      tx,
      { kind: j.kind, params: j.params, inputBytes: j.input ? j.input.length : null, createdBy: user.id },
      MAX_ACTIVE_JOBS_PER_USER,
    );
    if (inserted && options.audit) {
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: options.audit,
        entity: 'job',
        entityId: inserted.id,
        after: { kind: j.kind, params: j.params },
      });
    }
    return inserted;
  });
  if (!job) {
    throw new AppError(
      'TOO_MANY_JOBS',
      [],
      `Bạn đang có ${MAX_ACTIVE_JOBS_PER_USER} tác vụ đang chờ hoặc đang chạy (tối đa ${MAX_ACTIVE_JOBS_PER_USER}). Vui lòng đợi các tác vụ trước hoàn thành rồi thử lại.`,
    );
  }
  if (!j.input) return job;
  try {
    return await jobsRepo.storeJobInput(db, job.id, j.input);
  } catch (err) {
    // the job never becomes runnable with part of its file: failed, its parts dropped
    await jobsRepo.abandonJobInput(db, job.id, failureResult('UPLOAD_INTERRUPTED')).catch(() => undefined);
    throw err;
  }
}

/**
 * A workbook whose zip directory declares more than the limits allow is refused at upload, at
 * once (413 WORKBOOK_TOO_LARGE, field "file"); the job checks the real sizes again while reading.
 * Anything else about the file (damaged, not a workbook) is for the job to report.
 */
export function refuseDeclaredBomb(content: Buffer): void {
  if (!looksLikeZip(content)) return;
  try {
    checkDeclaredSizes(readZipDirectory(content));
  } catch (err) {
    if (!(err instanceof WorkbookTooLargeError)) return;
    const message = workbookTooLargeMessage(err);
    throw new AppError('WORKBOOK_TOO_LARGE', [{ path: 'file', code: 'WORKBOOK_TOO_LARGE', message }], message);
  }
}

/** Queues the import of an uploaded workbook; the file is checked by the job (its declared sizes here). */
export async function startPeopleImport(db: Db, user: AuthUser, upload: { fileName: string; content: Buffer }): Promise<Job> {
  refuseDeclaredBomb(upload.content);
  const job = await queueJob(db, user, {
    kind: 'people_import',
    params: { fileName: upload.fileName.slice(0, 255) },
    input: upload.content,
  });
  return toJob(job);
}

/** Queues an export of the filtered list; a unit filter outside the user's scope is refused now. */
export async function startPeopleExport(db: Db, user: AuthUser, filter: PeopleFilter): Promise<Job> {
  await resolvePeopleFilter(db, user, filter);
  return toJob(await queueJob(db, user, { kind: 'people_export', params: filter }, { audit: 'export' }));
}

/** Queues an export of a candidate list; an unknown programme or mode, or a unit out of scope, is refused now. */
export async function startCandidatesExport(db: Db, user: AuthUser, q: CandidatesExport): Promise<Job> {
  await resolveCandidateScope(db, user, q);
  return toJob(await queueJob(db, user, { kind: 'candidates_export', params: q }, { audit: 'export' }));
}

/** A job of the user; someone else's job answers "not found". */
export async function getJob(db: Db, user: AuthUser, id: number): Promise<Job> {
  const job = await jobsRepo.findJobOfUser(db, id, user.id);
  if (!job) throw notFound();
  return toJob(job);
}

export async function getJobFile(db: Db, user: AuthUser, id: number): Promise<DownloadFile> {
  const job = await jobsRepo.findJobFileOfUser(db, id, user.id);
  if (!job) throw notFound();
  if (job.status === 'storing' || job.status === 'queued' || job.status === 'running') throw new AppError('JOB_NOT_READY');
  if (!job.file || !job.fileName) throw notFound();
  // a result file lists people (an export, an import's or a bulk nomination's row report): who took it is recorded
  await auditRepo.appendAudit(db, { ...actorOf(user), action: 'download', entity: 'job', entityId: id, after: { fileName: job.fileName } });
  return { fileName: job.fileName, content: job.file };
}

export async function getImportTemplate(db: Db, user: AuthUser): Promise<DownloadFile> {
  return { fileName: TEMPLATE_FILE, content: await buildImportTemplate(await loadReferenceLists(db, user.scope)) };
}

/** The upload's form field was not "file". */
export const missingUpload = () => new AppError('VALIDATION_FAILED', [fieldError('file', 'REQUIRED')]);

/** Queues the export of an annual plan version (Excel or PDF); a version that does not exist is refused now. */
export async function startPlanExport(db: Db, user: AuthUser, q: { versionId: number; format: 'xlsx' | 'pdf' }): Promise<Job> {
  if (!(await plansRepo.findVersion(db, q.versionId))) throw notFound();
  return toJob(await queueJob(db, user, { kind: 'plan_export', params: q }, { audit: 'export' }));
}

/** Queues the export of plan against actual of a year on a date (Excel or PDF). */
export async function startRealisationExport(db: Db, user: AuthUser, q: { year: number; asOf?: string; format: 'xlsx' | 'pdf' }): Promise<Job> {
  return toJob(await queueJob(db, user, { kind: 'realisation_export', params: { year: q.year, asOf: q.asOf ?? todayInVietnam(), format: q.format } }, { audit: 'export' }));
}

/** Queues an official export (Excel or PDF) whose job reads through the user's scoped services (issue 11: budgets, reimbursement cases). */
export async function queueExport(db: Db, user: AuthUser, kind: 'budget_report_export' | 'reimbursement_cases_export', params: Record<string, unknown>): Promise<Job> {
  return toJob(await queueJob(db, user, { kind, params }, { audit: 'export' }));
}
