import { parentPort } from 'node:worker_threads';
import { renderOfficialPdf } from '../documents/pdf.js';
import { renderOfficialXlsx } from '../documents/xlsx.js';
import { renderCertificatePdf, renderCertificatesPdf } from '../certificates/pdf.js';
import { renderAdminDocx } from '../documents/administrative/docx.js';
import { renderAdminPdf } from '../documents/administrative/pdf.js';
import { writeErrorReport } from '../jobs/people-import/error-report.js';
import { checkImportFile } from '../jobs/people-import/check-file.js';
import { readImportFile } from '../jobs/people-import/read-file.js';
import { readBulkNominationFile } from '../jobs/nominations-bulk/read-file.js';
import { writeTable } from '../jobs/xlsx/table.js';
import type { TaskName, Tasks } from './tasks.js';

/** A worker thread of the pool: runs one task at a time, posting its chunks, result or error. */
type Impl<N extends TaskName> = (
  input: Tasks[N]['input'],
  emit: (chunk: Tasks[N]['chunk']) => void,
  pieces: AsyncIterable<Tasks[N]['feed']>,
) => Promise<Tasks[N]['result']>;

const IMPLEMENTATIONS: { [N in TaskName]: Impl<N> } = {
  readImportFile: async (input, emit) => {
    await readImportFile(Buffer.from(input.buf.buffer, input.buf.byteOffset, input.buf.byteLength), emit, input.limits);
    return null;
  },
  checkImportFile: async (input, emit) => {
    await checkImportFile(input, emit);
    return null;
  },
  importErrorReport: (input) => writeErrorReport(input.errors, input.count),
  certificatePdf: (input) => renderCertificatePdf(input),
  officialDocument: (input) => (input.format === 'pdf' ? renderOfficialPdf(input.doc) : renderOfficialXlsx(input.doc)),
  readBulkNominationFile: (input) => readBulkNominationFile(input),
  tableWorkbook: async (input, _emit, pieces) => new Uint8Array(await writeTable(input, pieces)),
  certificatesPdf: (input) => renderCertificatesPdf(input),
  adminDocument: (input) => (input.format === 'docx' ? renderAdminDocx(input.document) : renderAdminPdf(input.document)),
};

const port = parentPort;
if (!port) throw new Error('workers/entry.ts runs in a worker thread only');

/**
 * The pieces a fed task receives: queued as they arrive; each is acknowledged when the task takes
 * it up (the producer waits for that before sending more, so pieces never pile up here).
 */
class Pieces implements AsyncIterable<unknown> {
  private readonly queue: unknown[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(private readonly id: number) {}

  push(piece: unknown): void {
    this.queue.push(piece);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<unknown> {
    for (;;) {
      if (this.queue.length > 0) {
        const piece = this.queue.shift();
        port!.postMessage({ id: this.id, type: 'ack' });
        yield piece;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }
}

const fed = new Map<number, Pieces>();

type ToWorker =
  { type: 'start'; id: number; name: TaskName; input: never } | { type: 'piece'; id: number; data: unknown } | { type: 'end'; id: number };

port.on('message', (m: ToWorker) => {
  if (m.type === 'piece') return fed.get(m.id)?.push(m.data);
  if (m.type === 'end') return fed.get(m.id)?.end();
  const impl = IMPLEMENTATIONS[m.name] as Impl<TaskName>;
  const emit = (data: unknown) => port.postMessage({ id: m.id, type: 'chunk', data });
  const pieces = new Pieces(m.id);
  fed.set(m.id, pieces);
  Promise.resolve()
    .then(() => impl(m.input, emit, pieces as AsyncIterable<never>))
    .then(
      (data) => port.postMessage({ id: m.id, type: 'done', data }),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        // own enumerable fields (a JobFailure's code and extra) travel with the name and message
        const fields = JSON.parse(JSON.stringify({ ...e })) as Record<string, unknown>;
        port.postMessage({ id: m.id, type: 'error', error: { name: e.name, message: e.message, fields } });
      },
    )
    .finally(() => fed.delete(m.id));
});
