import { parentPort } from 'node:worker_threads';
import { renderCertificatePdf, renderCertificatesPdf } from '../certificates/pdf.js';
import { renderAdminDocx } from '../documents/administrative/docx.js';
import { renderAdminPdf } from '../documents/administrative/pdf.js';
import { writeErrorReport } from '../jobs/people-import/error-report.js';
import { checkImportFile } from '../jobs/people-import/check-file.js';
import { readImportFile } from '../jobs/people-import/read-file.js';
import type { TaskName, Tasks } from './tasks.js';

/** A worker thread of the pool: runs one task at a time, posting its chunks, result or error. */
type Impl<N extends TaskName> = (input: Tasks[N]['input'], emit: (chunk: Tasks[N]['chunk']) => void) => Promise<Tasks[N]['result']>;

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
  certificatesPdf: (input) => renderCertificatesPdf(input),
  adminDocument: (input) => (input.format === 'docx' ? renderAdminDocx(input.document) : renderAdminPdf(input.document)),
};

const port = parentPort;
if (!port) throw new Error('workers/entry.ts runs in a worker thread only');

port.on('message', (m: { id: number; name: TaskName; input: never }) => {
  const impl = IMPLEMENTATIONS[m.name] as Impl<TaskName>;
  const emit = (data: unknown) => port.postMessage({ id: m.id, type: 'chunk', data });
  Promise.resolve()
    .then(() => impl(m.input, emit))
    .then(
      (data) => port.postMessage({ id: m.id, type: 'done', data }),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        // own enumerable fields (a JobFailure's code and extra) travel with the name and message
        const fields = JSON.parse(JSON.stringify({ ...e })) as Record<string, unknown>;
        port.postMessage({ id: m.id, type: 'error', error: { name: e.name, message: e.message, fields } });
      },
    );
});
