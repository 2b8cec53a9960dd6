import { parentPort } from 'node:worker_threads';
import type { TaskName, Tasks } from './tasks.js';

/** A worker thread of the pool: runs one task at a time, posting its chunks, result or error. */
type Impl<N extends TaskName> = (
  input: Tasks[N]['input'],
  /** Posts a chunk; resolves once the receiver has taken up all but a few (await it to go no faster than the receiver). */
  emit: (chunk: Tasks[N]['chunk']) => Promise<void>,
  pieces: AsyncIterable<Tasks[N]['feed']>,
) => Promise<Tasks[N]['result']>;

/**
 * Each task's modules are loaded on its first use (decision 0053): a worker that only reads imports
 * does not load pdfmake, its fonts, docx and exceljs — about 100 MiB of memory per worker.
 */
const IMPLEMENTATIONS: { [N in TaskName]: Impl<N> } = {
  readImportFile: async (input, emit) => {
    const { readImportFile } = await import('../jobs/people-import/read-file.js');
    await readImportFile(Buffer.from(input.buf.buffer, input.buf.byteOffset, input.buf.byteLength), emit, input.limits);
    return null;
  },
  checkImportFile: async (input, emit) => {
    const { checkImportFile } = await import('../jobs/people-import/check-file.js');
    await checkImportFile(input, emit);
    return null;
  },
  importErrorReport: async (input) => (await import('../jobs/people-import/error-report.js')).writeErrorReport(input.errors, input.count),
  certificatePdf: async (input) => (await import('../certificates/pdf.js')).renderCertificatePdf(input),
  officialDocument: async (input) =>
    input.format === 'pdf'
      ? (await import('../documents/pdf.js')).renderOfficialPdf(input.doc)
      : (await import('../documents/xlsx.js')).renderOfficialXlsx(input.doc),
  readBulkNominationFile: async (input) => (await import('../jobs/nominations-bulk/read-file.js')).readBulkNominationFile(input),
  tableWorkbook: async (input, _emit, pieces) => new Uint8Array(await (await import('../jobs/xlsx/table.js')).writeTable(input, pieces)),
  certificatesPdf: async (input) => (await import('../certificates/pdf.js')).renderCertificatesPdf(input),
  adminDocument: async (input) =>
    input.format === 'docx'
      ? (await import('../documents/administrative/docx.js')).renderAdminDocx(input.document)
      : (await import('../documents/administrative/pdf.js')).renderAdminPdf(input.document),
  // PAdES (decision 0061)
  signPdf: async (input) =>
    (await import('../certificates/pades.js')).signPdf(Buffer.from(input.pdf.buffer, input.pdf.byteOffset, input.pdf.byteLength), input.signing),
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

/**
 * Chunks posted and not yet taken up by the receiver (a streamed task's consumer, e.g. an import
 * staging its rows). A task that awaits emit() waits while more than CHUNKS_AHEAD are outstanding,
 * so a receiver slower than the worker does not collect the whole file in its memory (decision 0053).
 */
const CHUNKS_AHEAD = 4;

class Credit {
  private outstanding = 0;
  private waiting: (() => void) | null = null;

  posted(): Promise<void> {
    this.outstanding += 1;
    if (this.outstanding <= CHUNKS_AHEAD) return Promise.resolve();
    return new Promise((r) => (this.waiting = r));
  }

  taken(): void {
    this.outstanding = Math.max(0, this.outstanding - 1);
    if (this.outstanding <= CHUNKS_AHEAD && this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w();
    }
  }
}

const credits = new Map<number, Credit>();

type ToWorker =
  | { type: 'start'; id: number; name: TaskName; input: never }
  | { type: 'piece'; id: number; data: unknown }
  | { type: 'end'; id: number }
  | { type: 'taken'; id: number };

port.on('message', (m: ToWorker) => {
  if (m.type === 'piece') return fed.get(m.id)?.push(m.data);
  if (m.type === 'end') return fed.get(m.id)?.end();
  if (m.type === 'taken') return credits.get(m.id)?.taken();
  const impl = IMPLEMENTATIONS[m.name] as Impl<TaskName>;
  const credit = new Credit();
  credits.set(m.id, credit);
  const emit = (data: unknown) => {
    port.postMessage({ id: m.id, type: 'chunk', data });
    return credit.posted();
  };
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
    .finally(() => {
      fed.delete(m.id);
      credits.delete(m.id);
    });
});
