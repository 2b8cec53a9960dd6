import { asBuffer } from '../workers/tasks.js';
import { workerPool, type WorkerPool } from '../workers/pool.js';
import type { OfficialDocument } from './model.js';

export type OfficialFormat = 'xlsx' | 'pdf';

export const OFFICIAL_MIME: Record<OfficialFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * Renders the document in a worker thread of the pool (off the web process's event loop): a job
 * builds the document from the database, then awaits this. The signal (a job's ctx.signal) stops
 * the rendering when the job is stopped.
 */
export async function renderOfficialDocument(
  doc: OfficialDocument,
  format: OfficialFormat,
  options: { signal?: AbortSignal; pool?: WorkerPool } = {},
): Promise<Buffer> {
  const pool = options.pool ?? workerPool();
  return asBuffer(await pool.run('officialDocument', { doc, format }, { signal: options.signal }));
}

/**
 * A download's file name: the base in lower case ASCII words, the date and the extension, e.g.
 * officialFileName('Kế hoạch đào tạo 2027', '2026-12-07', 'pdf') → 'ke-hoach-dao-tao-2027-2026-12-07.pdf'.
 */
export function officialFileName(base: string, isoDate: string, format: OfficialFormat): string {
  const slug = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'van-ban'}-${isoDate}.${format}`;
}
