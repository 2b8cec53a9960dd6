import type { CertificatePdfData } from '../certificates/pdf.js';
import type { AdminDocument } from '../documents/administrative/model.js';
import type { CheckFileChunk, CheckFileInput } from '../jobs/people-import/check-file.js';
import type { ImportFileChunk, ImportFileInput } from '../jobs/people-import/read-file.js';
import type { PositionedError } from '../jobs/people-import/error-report.js';

/**
 * The tasks a worker thread runs: name → input, chunks emitted on the way, result. Inputs and
 * results cross threads by structured clone (a Buffer arrives as a Uint8Array).
 */
export interface Tasks {
  /** Checks an uploaded workbook's limits and reads sheet "CanBo" into cells, in batches of rows. */
  readImportFile: { input: ImportFileInput; chunk: ImportFileChunk; result: null };
  /** Reads sheet "CanBo" (as readImportFile) and checks every row: rows to stage, ids seen, errors. */
  checkImportFile: { input: CheckFileInput; chunk: CheckFileChunk; result: null };
  /** The error report of an import (xlsx). */
  importErrorReport: { input: { errors: PositionedError[]; count: number }; chunk: never; result: Uint8Array };
  /** One certificate as a PDF. */
  certificatePdf: { input: CertificatePdfData; chunk: never; result: Uint8Array };
  /** A class's certificates as one PDF (one page each). */
  certificatesPdf: { input: CertificatePdfData[]; chunk: never; result: Uint8Array };
  /** A printed administrative document (decision, summons, list, sheet, register) as DOCX or PDF. */
  adminDocument: { input: { document: AdminDocument; format: 'docx' | 'pdf' }; chunk: never; result: Uint8Array };
}

export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Tasks[N]['input'];
export type TaskChunk<N extends TaskName> = Tasks[N]['chunk'];
export type TaskResult<N extends TaskName> = Tasks[N]['result'];

/** A Buffer view of bytes that came back from a worker. */
export const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
