import type { CertificatePdfData } from '../certificates/pdf.js';
import type { PdfSigning } from '../certificates/pades.js';
import type { OfficialDocument } from '../documents/model.js';
import type { AdminDocument } from '../documents/administrative/model.js';
import type { CheckFileChunk, CheckFileInput } from '../jobs/people-import/check-file.js';
import type { ImportFileChunk, ImportFileInput } from '../jobs/people-import/read-file.js';
import type { PositionedError } from '../jobs/people-import/error-report.js';
import type { BulkFileInput, BulkFileRow } from '../jobs/nominations-bulk/read-file.js';
import type { TableRow, TableSpec } from '../jobs/xlsx/table.js';

/**
 * The tasks a worker thread runs: name → input, chunks emitted on the way, result; a fed task
 * (pool.feed) also receives pieces of input after it starts. Inputs and results cross threads by
 * structured clone (a Buffer arrives as a Uint8Array, a Date stays a Date).
 */
export interface Tasks {
  /** Checks an uploaded workbook's limits and reads sheet "CanBo" into cells, in batches of rows. */
  readImportFile: { input: ImportFileInput; chunk: ImportFileChunk; result: null; feed: never };
  /** Reads sheet "CanBo" (as readImportFile) and checks every row: rows to stage, ids seen, errors. */
  checkImportFile: { input: CheckFileInput; chunk: CheckFileChunk; result: null; feed: never };
  /** The error report of an import (xlsx). */
  importErrorReport: { input: { errors: PositionedError[]; count: number }; chunk: never; result: Uint8Array; feed: never };
  /** One certificate as a PDF. */
  certificatePdf: { input: CertificatePdfData; chunk: never; result: Uint8Array; feed: never };
  /** An official document (title block, table, signatures) as a workbook or a PDF. */
  officialDocument: { input: { doc: OfficialDocument; format: 'xlsx' | 'pdf' }; chunk: never; result: Uint8Array; feed: never };
  /** Checks a bulk-nomination workbook's limits and reads its citizen ids, one entry per data row. */
  readBulkNominationFile: { input: BulkFileInput; chunk: never; result: BulkFileRow[]; feed: never };
  /** A one-sheet table workbook (exports, result files): fed its rows in batches, returns the file. */
  tableWorkbook: { input: TableSpec; chunk: never; result: Uint8Array; feed: TableRow[] };
  /** A class's certificates as one PDF (one page each). */
  certificatesPdf: { input: CertificatePdfData[]; chunk: never; result: Uint8Array; feed: never };
  /** A printed administrative document (decision, summons, list, sheet, register) as DOCX or PDF. */
  adminDocument: { input: { document: AdminDocument; format: 'docx' | 'pdf' }; chunk: never; result: Uint8Array; feed: never };
  /** A PDF signed with the school's certificate (PAdES, decision 0061). */
  signPdf: { input: { pdf: Uint8Array; signing: PdfSigning }; chunk: never; result: Uint8Array; feed: never };
}

export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Tasks[N]['input'];
export type TaskChunk<N extends TaskName> = Tasks[N]['chunk'];
export type TaskResult<N extends TaskName> = Tasks[N]['result'];
export type TaskFeed<N extends TaskName> = Tasks[N]['feed'];

/** A Buffer view of bytes that came back from a worker. */
export const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
