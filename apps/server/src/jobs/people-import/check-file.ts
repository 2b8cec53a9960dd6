import { FIELD_ERRORS, type ImportRowError } from '@nang-tam/contracts';
import type { IsoDate } from '@nang-tam/domain';
import type { peopleImportRepo } from '@nang-tam/db';
import { JobFailure } from '../context.js';
import { cellText, columnLetter, parseAddress, type Cell } from '../xlsx/cells.js';
import { WORKBOOK_LIMITS, type WorkbookLimits } from '../xlsx/limits.js';
import { IMPORT_COLUMNS, IMPORT_SHEET, columnForHeader, isExampleName, type ColumnKey } from './columns.js';
import { ErrorCollector, type PositionedError } from './error-report.js';
import { readImportFile, type ImportSheetRow } from './read-file.js';
import { buildImportReference, type ReferenceLists } from './reference.js';
import { validateRow, type CellError, type RowCells, type ValidRow } from './rows.js';

/**
 * Checking an import file, in a worker thread: the header, every row against the reference lists
 * (loaded by the job and passed in), citizen ids repeated in the file, merged cells. Sends back,
 * every 500 rows, the rows to stage (while the file has no error) and the citizen ids seen; at the
 * end, the errors (the first 50,000, sorted) and their count. What needs the database (staging,
 * ids already registered) stays with the job.
 */
export interface CheckFileInput {
  buf: Uint8Array;
  lists: ReferenceLists;
  today: IsoDate;
  limits?: WorkbookLimits;
}

export type CheckFileChunk =
  | { kind: 'scan'; rowCount: number }
  | {
      kind: 'rows';
      /** Rows looked at so far. */
      seen: number;
      /** Checked rows to stage; empty once the file has an error. */
      valid: peopleImportRepo.StagedPerson[];
      errorCount: number;
      /** Citizen ids first seen in these rows, with their row. */
      ids: [string, number][];
    }
  | {
      kind: 'end';
      seen: number;
      dataRows: number;
      errors: PositionedError[];
      errorCount: number;
      /** Where the citizen id column is, for errors the job adds (ids already registered). */
      citizenIdColumn: { col: number; text: string };
    };

const EMPTY: Cell = { kind: 'empty' };
const EVERY = 500;

interface Header {
  row: number;
  keys: Map<number, ColumnKey>;
  texts: Map<number, string>;
  cols: Map<ColumnKey, number>;
}

function readHeader(r: ImportSheetRow): Header {
  const header: Header = { row: r.number, keys: new Map(), texts: new Map(), cols: new Map() };
  r.cells.forEach((cell, col) => {
    const text = cell ? cellText(cell) : null;
    if (text === null) return;
    header.texts.set(col, text);
    const key = columnForHeader(text);
    if (key && !header.cols.has(key)) {
      header.cols.set(key, col);
      header.keys.set(col, key);
    }
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !header.cols.has(c.key)).map((c) => c.header);
  if (missing.length > 0) {
    throw new JobFailure(
      'COLUMNS_MISSING',
      { missingColumns: missing, headerRow: r.number },
      `Trang tính "${IMPORT_SHEET}" thiếu cột bắt buộc: ${missing.join('; ')}. Dòng tiêu đề (dòng ${r.number}) phải giữ tên cột như tệp mẫu.`,
    );
  }
  return header;
}

/** A new person holds only the levels of their row (at most one of each kind): those are the highest. */
function toStaged(r: ValidRow): peopleImportRepo.StagedPerson {
  const level = (kind: string) => r.qualifications.find((q) => q.kind === kind)?.level ?? null;
  return {
    row: r.row,
    person: {
      ...r.person,
      educationLevel: level('education'),
      politicalTheoryLevel: level('political_theory'),
      stateManagementLevel: level('state_management'),
    },
    qualifications: r.qualifications,
  };
}

/** A row error located by the header: its column's text as written in the file. */
export function rowError(header: { cols: Map<ColumnKey, number>; texts: Map<number, string> } | null, row: number, e: CellError): PositionedError {
  const col = header?.cols.get(e.key) ?? 0;
  const base = FIELD_ERRORS[e.code].vi;
  return { row, col, column: header?.texts.get(col) ?? e.key, code: e.code, message: e.detail ? `${base} ${e.detail}` : base };
}

export async function checkImportFile(input: CheckFileInput, emit: (chunk: CheckFileChunk) => void | Promise<void>): Promise<void> {
  const ref = buildImportReference(input.lists);
  const errors = new ErrorCollector();
  const firstRowOf = new Map<string, number>();
  const duplicated = new Set<string>();
  let header: Header | null = null;
  let merges: string[] = [];
  let seen = 0;
  let dataRows = 0;
  let valid: peopleImportRepo.StagedPerson[] = [];
  let ids: [string, number][] = [];
  const add = (row: number, e: CellError) => errors.add(rowError(header, row, e));
  // the last emit's promise: resolves when the job has room for more (workers/entry.ts)
  let room: void | Promise<void> = undefined;
  const flush = () => {
    room = emit({ kind: 'rows', seen, valid: errors.count === 0 ? valid : [], errorCount: errors.count, ids });
    valid = [];
    ids = [];
  };

  const check = (r: ImportSheetRow) => {
    if (!header) {
      if (!r.cells.every((c) => !c || c.kind === 'empty')) header = readHeader(r);
      return;
    }
    seen += 1;
    const cells: RowCells = {};
    for (const [col, key] of header.keys) cells[key] = r.cells[col] ?? EMPTY;
    if (Object.values(cells).every((cell) => cell.kind === 'empty')) return;
    const name = cells.fullName;
    if (name?.kind === 'text' && isExampleName(name.text)) return;
    dataRows += 1;
    const result = validateRow(cells, ref, input.today);
    for (const e of result.errors) add(r.number, e);
    if (result.citizenId) {
      const first = firstRowOf.get(result.citizenId);
      if (first === undefined) {
        firstRowOf.set(result.citizenId, r.number);
        ids.push([result.citizenId, r.number]);
      } else {
        add(r.number, { key: 'citizenId', code: 'DUPLICATE_IN_FILE', detail: `Trùng với dòng ${first}.` });
        if (!duplicated.has(result.citizenId)) {
          duplicated.add(result.citizenId);
          add(first, { key: 'citizenId', code: 'DUPLICATE_IN_FILE', detail: `Trùng với dòng ${r.number}.` });
        }
      }
    }
    // once a row is wrong nothing will be written: stop keeping rows
    if (result.person && errors.count === 0) valid.push(toStaged({ row: r.number, person: result.person, qualifications: result.qualifications }));
    if (seen % EVERY === 0) flush();
  };

  await readImportFile(
    Buffer.from(input.buf.buffer, input.buf.byteOffset, input.buf.byteLength),
    async (chunk) => {
      if (chunk.kind === 'scan') {
        merges = chunk.merges;
        await emit({ kind: 'scan', rowCount: chunk.rowCount });
      } else {
        chunk.rows.forEach(check);
        await room;
      }
    },
    input.limits ?? WORKBOOK_LIMITS,
  );
  const h = header as Header | null;
  if (!h || dataRows === 0) throw new JobFailure('NO_DATA_ROWS');
  // merged ranges from the header row down: each is reported once, at its top-left cell
  for (const range of merges) {
    const topLeft = parseAddress(range.split(':')[0]!);
    if (!topLeft || topLeft.row < h.row) continue;
    errors.add({
      row: topLeft.row,
      col: topLeft.col,
      column: h.texts.get(topLeft.col) ?? `Cột ${columnLetter(topLeft.col)}`,
      code: 'MERGED_CELL',
      message: `${FIELD_ERRORS.MERGED_CELL.vi} Vùng gộp: ${range}.`,
    });
  }
  flush();
  await room;
  const idCol = h.cols.get('citizenId') ?? 0;
  await emit({
    kind: 'end',
    seen,
    dataRows,
    errors: errors.sorted(),
    errorCount: errors.count,
    citizenIdColumn: { col: idCol, text: h.texts.get(idCol) ?? 'citizenId' },
  });
}

export type { ImportRowError };
