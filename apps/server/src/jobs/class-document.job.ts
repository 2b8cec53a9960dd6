import { renderClassDocument, type ClassDocumentParams } from '../services/documents.service.js';
import type { JobContext, JobOutcome } from './context.js';

/**
 * A printed document of a large class (the class's certificates as one PDF, a list of hundreds of
 * learners) rendered in the background (decision 0034): the same checks as the download, as the
 * job's creator is now (scope and role read again), rendered in a worker thread.
 */
export async function runClassDocument(ctx: JobContext): Promise<JobOutcome> {
  const p = ctx.job.params as unknown as ClassDocumentParams;
  await ctx.progress.report('writing', 0, 1);
  const file = await renderClassDocument(ctx.db, ctx.owner, p.classId, p.kind, p.query, p.baseUrl);
  await ctx.progress.report('writing', 1, 1);
  return { status: 'succeeded', result: { kind: p.kind, bytes: file.content.length }, fileName: file.fileName, file: file.content };
}
