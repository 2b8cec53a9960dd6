import type { CandidatesExport, Job, PeopleFilter } from '@nang-tam/contracts';
import { auditRepo, jobsRepo, type Db } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
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
    status: r.status as Job['status'],
    stage: r.stage as Job['stage'],
    progress: r.progress,
    total: r.total,
    result: r.result,
    fileName: r.file_name,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** Queues the import of an uploaded workbook; the file is checked by the job, not here. */
export async function startPeopleImport(db: Db, user: AuthUser, upload: { fileName: string; content: Buffer }): Promise<Job> {
  const job = await jobsRepo.insertJob(db, {
    kind: 'people_import',
    createdBy: user.id,
    params: { fileName: upload.fileName.slice(0, 255) },
    input: upload.content,
  });
  return toJob(job);
}

/** Queues an export of the filtered list; a unit filter outside the user's scope is refused now. */
export async function startPeopleExport(db: Db, user: AuthUser, filter: PeopleFilter): Promise<Job> {
  await resolvePeopleFilter(db, user, filter);
  return queueExport(db, user, 'people_export', filter);
}

/**
 * An export of personal data is queued with its audit record (who asked for which list), in one
 * transaction; downloading the file is audited again (getJobFile).
 */
async function queueExport(
  db: Db,
  user: AuthUser,
  kind: 'people_export' | 'candidates_export',
  params: Record<string, unknown>,
): Promise<Job> {
  return db.transaction(async (tx) => {
    const job = await jobsRepo.insertJob(tx, { kind, createdBy: user.id, params });
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'export', entity: 'job', entityId: job.id, after: { kind, params } });
    return toJob(job);
  });
}

/** Queues an export of a candidate list; an unknown programme or mode, or a unit out of scope, is refused now. */
export async function startCandidatesExport(db: Db, user: AuthUser, q: CandidatesExport): Promise<Job> {
  await resolveCandidateScope(db, user, q);
  return queueExport(db, user, 'candidates_export', q);
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
  if (job.status === 'queued' || job.status === 'running') throw new AppError('JOB_NOT_READY');
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
