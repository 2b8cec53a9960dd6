import { FIELD_ERRORS, IMPORT_MAX_ROWS, JOB_FAILURES } from '@nang-tam/contracts';
import { foldVietnamese, todayInVietnam } from '@nang-tam/domain';
import { auditRepo, jobsRepo, peopleImportRepo, peopleRepo, isUniqueViolation } from '@nang-tam/db';
import { JobFailure, type JobContext, type JobOutcome } from './context.js';
import { cellText, columnLetter, parseAddress, readCell } from './xlsx/cells.js';
import { NotAWorkbookError, openWorkbook, scanSheet, type SheetInfo, type Workbook } from './xlsx/inspect.js';
import { readSheetRows, type SheetRow } from './xlsx/read-rows.js';
import { looksLikeOle2, looksLikeZip } from './xlsx/zip.js';
import { IMPORT_COLUMNS, IMPORT_SHEET, columnForHeader, isExampleName, type ColumnKey } from './people-import/columns.js';
import { ERROR_REPORT_FILE, ErrorCollector, writeErrorReport } from './people-import/error-report.js';
import { buildImportReference, loadReferenceLists, type ImportReference } from './people-import/reference.js';
import { validateRow, type CellError, type RowCells, type ValidRow } from './people-import/rows.js';

const BATCH = 1000;
const RESULT_ERRORS = 100;

/**
 * Imports the people of an uploaded workbook: every row is checked and every problem reported;
 * if there is any, nothing is written and the job fails with an error report. Otherwise all rows
 * are written in one transaction.
 */
export async function runPeopleImport(ctx: JobContext): Promise<JobOutcome> {
  await ctx.progress.report('reading', 0, 0);
  const input = (await jobsRepo.loadJobInput(ctx.db, ctx.job.id)) ?? Buffer.alloc(0);
  const { wb, sheet } = openImportFile(input);
  const scan = await scanSheet(wb, sheet, IMPORT_MAX_ROWS + 1).catch(() => {
    throw new JobFailure('FILE_CORRUPT');
  });
  if (scan.rowCount > IMPORT_MAX_ROWS + 1) {
    throw new JobFailure(
      'TOO_MANY_ROWS',
      { maxRows: IMPORT_MAX_ROWS },
      `Tệp có quá nhiều dòng (tối đa ${IMPORT_MAX_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập). Hãy chia thành nhiều tệp.`,
    );
  }
  const ref = buildImportReference(await loadReferenceLists(ctx.db, ctx.owner.scope));
  const checked = await checkRows(ctx, wb, sheet, ref, Math.max(scan.rowCount - 1, 0));
  addMergeErrors(checked, scan.merges);
  await addExistingIdErrors(ctx, checked);

  if (checked.errors.count > 0) {
    const sorted = checked.errors.sorted();
    return {
      status: 'failed',
      result: {
        code: 'ROWS_INVALID',
        message: JOB_FAILURES.ROWS_INVALID.vi,
        rowCount: checked.dataRows,
        errorCount: checked.errors.count,
        errors: sorted.slice(0, RESULT_ERRORS).map(({ row, column, message, code }) => ({ row, column, message, code })),
      },
      fileName: ERROR_REPORT_FILE,
      file: await writeErrorReport(sorted, checked.errors.count),
    };
  }
  const imported = await insertRows(ctx, checked.rows);
  return { status: 'succeeded', result: { imported } };
}

function openImportFile(buf: Buffer): { wb: Workbook; sheet: SheetInfo } {
  if (buf.length === 0) throw new JobFailure('FILE_EMPTY');
  if (looksLikeOle2(buf)) {
    throw new JobFailure(
      'FILE_NOT_XLSX',
      { format: 'xls' },
      'Tệp ở định dạng Excel 97-2003 (.xls). Hãy mở tệp và lưu lại dưới dạng Excel Workbook (.xlsx).',
    );
  }
  if (!looksLikeZip(buf)) throw new JobFailure('FILE_NOT_XLSX');
  let wb: Workbook;
  try {
    wb = openWorkbook(buf);
  } catch (err) {
    throw new JobFailure(err instanceof NotAWorkbookError ? 'FILE_NOT_XLSX' : 'FILE_CORRUPT');
  }
  const wanted = foldVietnamese(IMPORT_SHEET);
  const sheet = wb.sheets.find((s) => foldVietnamese(s.name).replace(/\s/g, '') === wanted);
  if (!sheet) {
    const names = wb.sheets.map((s) => s.name);
    const found = names.length > 0 ? ` Tệp có ${names.length} trang tính: ${names.map((n) => `"${n}"`).join(', ')}.` : '';
    throw new JobFailure(
      'SHEET_MISSING',
      { sheets: names },
      `${JOB_FAILURES.SHEET_MISSING.vi}${found} Hãy dùng tệp mẫu và nhập dữ liệu vào trang tính "${IMPORT_SHEET}".`,
    );
  }
  return { wb, sheet };
}

interface Header {
  row: number;
  /** Column number → the import column it holds. */
  keys: Map<number, ColumnKey>;
  /** Column number → header text as written in the file. */
  texts: Map<number, string>;
  cols: Map<ColumnKey, number>;
}

interface Checked {
  header: Header | null;
  dataRows: number;
  rows: ValidRow[];
  errors: ErrorCollector;
  /** First row of each well-formed citizen id. */
  firstRowOf: Map<string, number>;
}

function readHeader(r: SheetRow): Header {
  const header: Header = { row: r.number, keys: new Map(), texts: new Map(), cols: new Map() };
  r.values.forEach((v, col) => {
    const text = cellText(readCell(v));
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

const isBlank = (values: unknown[]) => values.every((v) => readCell(v).kind === 'empty');

/** The rows of the sheet, with any failure of the reader itself reported as a damaged file. */
async function* guardedRows(wb: Workbook, sheet: SheetInfo): AsyncGenerator<SheetRow> {
  const it = readSheetRows(wb.buf, sheet);
  for (;;) {
    let next: IteratorResult<SheetRow>;
    try {
      next = await it.next();
    } catch {
      throw new JobFailure('FILE_CORRUPT');
    }
    if (next.done) return;
    yield next.value;
  }
}

async function checkRows(ctx: JobContext, wb: Workbook, sheet: SheetInfo, ref: ImportReference, total: number): Promise<Checked> {
  const today = todayInVietnam();
  const c: Checked = { header: null, dataRows: 0, rows: [], errors: new ErrorCollector(), firstRowOf: new Map() };
  const duplicated = new Set<string>();
  let seen = 0;
  await ctx.progress.report('validating', 0, total);
  for await (const r of guardedRows(wb, sheet)) {
    if (!c.header) {
      if (!isBlank(r.values)) c.header = readHeader(r);
      continue;
    }
    seen += 1;
    if (seen % 500 === 0) {
      ctx.signal.throwIfAborted();
      await ctx.progress.report('validating', Math.min(seen, total), Math.max(total, seen));
    }
    const cells: RowCells = {};
    for (const [col, key] of c.header.keys) cells[key] = readCell(r.values[col]);
    if (Object.values(cells).every((cell) => cell.kind === 'empty')) continue;
    const name = cells.fullName;
    if (name?.kind === 'text' && isExampleName(name.text)) continue;
    c.dataRows += 1;

    const check = validateRow(cells, ref, today);
    for (const e of check.errors) addError(c, r.number, e);
    if (check.citizenId) {
      const first = c.firstRowOf.get(check.citizenId);
      if (first === undefined) c.firstRowOf.set(check.citizenId, r.number);
      else {
        addError(c, r.number, { key: 'citizenId', code: 'DUPLICATE_IN_FILE', detail: `Trùng với dòng ${first}.` });
        if (!duplicated.has(check.citizenId)) {
          duplicated.add(check.citizenId);
          addError(c, first, { key: 'citizenId', code: 'DUPLICATE_IN_FILE', detail: `Trùng với dòng ${r.number}.` });
        }
      }
    }
    // once a row is wrong nothing will be written: stop keeping rows
    if (check.person && c.errors.count === 0) c.rows.push({ row: r.number, person: check.person, qualifications: check.qualifications });
    else c.rows.length = 0;
  }
  if (!c.header || c.dataRows === 0) throw new JobFailure('NO_DATA_ROWS');
  await ctx.progress.report('validating', seen, seen);
  return c;
}

function addError(c: Checked, row: number, e: CellError): void {
  const col = c.header?.cols.get(e.key) ?? 0;
  const base = FIELD_ERRORS[e.code].vi;
  c.errors.add({
    row,
    col,
    column: c.header?.texts.get(col) ?? e.key,
    code: e.code,
    message: e.detail ? `${base} ${e.detail}` : base,
  });
}

/** Merged ranges from the header row down: each is reported once, at its top-left cell. */
function addMergeErrors(c: Checked, merges: string[]): void {
  const headerRow = c.header?.row ?? 1;
  for (const range of merges) {
    const topLeft = parseAddress(range.split(':')[0]!);
    if (!topLeft || topLeft.row < headerRow) continue;
    c.errors.add({
      row: topLeft.row,
      col: topLeft.col,
      column: c.header?.texts.get(topLeft.col) ?? `Cột ${columnLetter(topLeft.col)}`,
      code: 'MERGED_CELL',
      message: `${FIELD_ERRORS.MERGED_CELL.vi} Vùng gộp: ${range}.`,
    });
  }
}

async function addExistingIdErrors(ctx: JobContext, c: Checked): Promise<void> {
  const ids = [...c.firstRowOf.keys()];
  for (let i = 0; i < ids.length; i += 5000) {
    const existing = await peopleRepo.findExistingCitizenIds(ctx.db, ids.slice(i, i + 5000));
    for (const id of existing) addError(c, c.firstRowOf.get(id)!, { key: 'citizenId', code: 'DUPLICATE_CITIZEN_ID' });
  }
  if (c.errors.count > 0) c.rows.length = 0;
}

/** A new person holds only the levels of their row (at most one of each kind): those are the highest. */
function withHighestLevels(r: ValidRow): peopleRepo.PersonWrite & peopleRepo.PersonLevels {
  const level = (kind: string) => r.qualifications.find((q) => q.kind === kind)?.level ?? null;
  return {
    ...r.person,
    educationLevel: level('education'),
    politicalTheoryLevel: level('political_theory'),
    stateManagementLevel: level('state_management'),
  };
}

async function insertRows(ctx: JobContext, rows: ValidRow[]): Promise<number> {
  const { db, owner, job } = ctx;
  try {
    await db.transaction(async (tx) => {
      // PGlite has one connection: a progress write outside the transaction would wait for it
      const via = db.kind === 'pglite' ? tx : undefined;
      await ctx.progress.report('inserting', 0, rows.length, via);
      for (let i = 0; i < rows.length; i += BATCH) {
        ctx.signal.throwIfAborted();
        const chunk = rows.slice(i, i + BATCH);
        const ids = await peopleRepo.insertPeople(tx, chunk.map(withHighestLevels), BATCH);
        const qualifications = chunk.flatMap((r, j) =>
          r.qualifications.map((q) => ({ ...q, personId: ids[j]!, awardedOn: null, institution: null, source: 'imported' })),
        );
        await peopleImportRepo.insertQualifications(tx, qualifications, BATCH);
        await auditRepo.appendAuditMany(
          tx,
          chunk.map((r, j) => ({
            actorId: owner.id,
            actorName: owner.username,
            action: 'import',
            entity: 'person',
            entityId: ids[j]!,
            personId: ids[j]!,
            after: { jobId: job.id, row: r.row, fullName: r.person.fullName, citizenId: r.person.citizenId, unitId: r.person.unitId },
          })),
          BATCH,
        );
        await ctx.progress.report('inserting', i + chunk.length, rows.length, via);
      }
    });
  } catch (err) {
    // someone saved one of these citizen ids after the check: the whole import is rolled back
    if (isUniqueViolation(err, 'people_citizen_id_key')) throw new JobFailure('DUPLICATE_CITIZEN_ID');
    throw err;
  }
  return rows.length;
}
