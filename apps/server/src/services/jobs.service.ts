import type { CandidatesExport, Job, PeopleFilter } from '@nang-tam/contracts';
import { jobsRepo, type Db } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import type { AuthUser } from '../auth/auth-user.js';
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
  return toJob(await jobsRepo.insertJob(db, { kind: 'people_export', createdBy: user.id, params: filter }));
}

/** Queues an export of a candidate list; an unknown programme or mode, or a unit out of scope, is refused now. */
export async function startCandidatesExport(db: Db, user: AuthUser, q: CandidatesExport): Promise<Job> {
  await resolveCandidateScope(db, user, q);
  return toJob(await jobsRepo.insertJob(db, { kind: 'candidates_export', createdBy: user.id, params: q }));
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
  return { fileName: job.fileName, content: job.file };
}

export async function getImportTemplate(db: Db, user: AuthUser): Promise<DownloadFile> {
  return { fileName: TEMPLATE_FILE, content: await buildImportTemplate(await loadReferenceLists(db, user.scope)) };
}

/** The upload's form field was not "file". */
export const missingUpload = () => new AppError('VALIDATION_FAILED', [fieldError('file', 'REQUIRED')]);
