import { z } from 'zod';

export const JOB_KINDS = ['people_import', 'people_export'] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const ZJob = z.object({
  id: z.number(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  /** Rows done and rows in all (0/0 until the job knows its size). */
  progress: z.number(),
  total: z.number(),
  /** Kind-specific outcome, e.g. { imported: 120 } or { errorCount: 3 }. */
  result: z.record(z.string(), z.unknown()).nullable(),
  /** A downloadable file: the export, or the error report of a failed import. */
  fileName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof ZJob>;
