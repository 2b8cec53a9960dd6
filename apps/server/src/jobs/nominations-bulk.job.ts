/**
 * Bulk nomination: a list of registry ids, or an uploaded .xlsx whose header row has a "Số CCCD"
 * column (the people-import template and its aliases work too), nominated one by one into a class.
 *
 * Each person is nominated by the same service function as a single nomination, in its own
 * transaction, and not all-or-nothing as the people import is: a nomination list routinely holds a
 * few people who turn out ineligible, already nominated or outside the sender's scope, and one of
 * them must not send the others back; each also takes its place (or the waitlist) under the class
 * lock in the order of the list, as if sent one after another. The result file lists every row with
 * its outcome: nominated, waitlisted (with its place in the waitlist) or refused with the reason.
 *
 * Because rows are committed as they go, the job does not stop halfway on a server shutdown (a
 * re-run would find its own nominations and report them as duplicates); it finishes the list
 * (bounded by NOMINATIONS_BULK_MAX) and only checks for a shutdown before the first write.
 */
import { FIELD_ERRORS, NOMINATIONS_BULK_COLUMN, NOMINATIONS_BULK_MAX, type BulkOutcome } from '@nang-tam/contracts';
import { formatViDate, isValidCitizenId, rules, todayInVietnam } from '@nang-tam/domain';
import { jobsRepo, nominationsRepo, personFactsRepo, type classesRepo } from '@nang-tam/db';
import { AppError } from '../errors.js';
import { nominatePerson, prepareClass } from '../services/nominations.service.js';
import { JobFailure, type JobContext, type JobOutcome } from './context.js';
import { columnForHeader, isExampleName } from './people-import/columns.js';
import { cellText, readCell, type Cell } from './xlsx/cells.js';
import { NotAWorkbookError, openWorkbook, type Workbook } from './xlsx/inspect.js';
import { readSheetRows, type SheetRow } from './xlsx/read-rows.js';
import { HEADER_FILL, HEADER_FONT, writeWorkbook } from './xlsx/write.js';
import { WorkbookTooLargeError } from './xlsx/limits.js';
import { checkDeclaredSizes, looksLikeOle2, looksLikeZip, measureEntries } from './xlsx/zip.js';
import { workbookTooLarge } from './people-import/read-file.js';

export interface BulkNominationParams {
  classId: number;
  personIds?: number[];
  fileName?: string;
}

/** One entry of the list or one data row of the file, and what became of it. */
interface BulkRow {
  /** The row number Excel shows; null for a list of ids. */
  fileRow: number | null;
  citizenId: string | null;
  personId: number | null;
  person: nominationsRepo.BulkPersonRow | null;
  outcome: BulkOutcome | null;
  waitlistPosition: number | null;
  reason: string | null;
}

const OUTCOME_LABELS: Record<BulkOutcome, string> = {
  nominated: 'Đã cử',
  waitlisted: 'Danh sách chờ',
  refused: 'Không cử được',
};

/** Header rows are looked for among the first rows of a sheet (a title may sit above the table). */
const HEADER_SEARCH_ROWS = 10;

/** People whose facts are loaded in one query. */
const FACTS_CHUNK = 500;

const NOT_IN_SCOPE = 'Không tìm thấy hồ sơ này trong phạm vi quản lý của bạn.';

export function bulkResultFileName(classId: number, today = todayInVietnam()): string {
  return `ket-qua-cu-di-hoc-lop-${classId}-${today}.xlsx`;
}

export async function runNominationsBulk(ctx: JobContext): Promise<JobOutcome> {
  const { db, owner } = ctx;
  const params = ctx.job.params as unknown as BulkNominationParams;
  await ctx.progress.report('reading', 0, 0);
  const rows = params.personIds
    ? listRows(params.personIds)
    : await fileRows((await jobsRepo.loadJobInput(db, ctx.job.id)) ?? Buffer.alloc(0));
  await attachPeople(ctx, rows);
  const prepared = await prepareClass(db, params.classId);
  ctx.signal.throwIfAborted();

  const counts: Record<BulkOutcome, number> = { nominated: 0, waitlisted: 0, refused: 0 };
  const total = rows.length;
  await ctx.progress.report('evaluating', 0, total);
  for (let start = 0; start < total; start += FACTS_CHUNK) {
    const chunk = rows.slice(start, start + FACTS_CHUNK);
    // the people were found in the owner's scope above; their facts are loaded a chunk at a time
    const ids = [...new Set(chunk.filter((r) => r.outcome === null).map((r) => r.personId!))].sort((a, b) => a - b);
    const facts = new Map((await personFactsRepo.loadFactsOf(db, ids, personFactsRepo.ALL_FACTS)).map((f) => [f.id, f]));
    for (const [j, row] of chunk.entries()) {
      if (row.outcome === null) {
        try {
          const done = await nominatePerson(db, owner, prepared, { personId: row.personId! }, facts.get(row.personId!));
          row.outcome = done.status;
          row.waitlistPosition = done.waitlistPosition;
          if (done.status === 'waitlisted') row.reason = `Lớp đã đủ chỗ; thứ tự trong danh sách chờ: ${done.waitlistPosition}.`;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          row.outcome = 'refused';
          row.reason = refusalReason(err);
        }
      }
      counts[row.outcome!] += 1;
      await ctx.progress.report('evaluating', start + j + 1, total);
    }
  }

  await ctx.progress.report('writing', 0, total);
  const file = await writeResult(prepared.cls, rows, counts, params.personIds === undefined);
  await ctx.progress.report('writing', total, total);
  return {
    status: 'succeeded',
    result: { classId: params.classId, rows: total, ...counts },
    fileName: bulkResultFileName(params.classId),
    file,
  };
}

function refusalReason(err: AppError): string {
  if (err.code === 'NOT_FOUND') return NOT_IN_SCOPE;
  if (err.code === 'NOT_ELIGIBLE') return `Chưa đủ điều kiện: ${err.details.map((d) => d.message).join('; ')}`;
  return err.message;
}

function refused(reason: string): Pick<BulkRow, 'outcome' | 'reason'> {
  return { outcome: 'refused', reason };
}

// ---------- the people ----------

function listRows(ids: readonly number[]): BulkRow[] {
  const firstAt = new Map<number, number>();
  return ids.map((id, i) => {
    const row: BulkRow = {
      fileRow: null,
      citizenId: null,
      personId: id,
      person: null,
      outcome: null,
      waitlistPosition: null,
      reason: null,
    };
    const first = firstAt.get(id);
    if (first !== undefined) return { ...row, ...refused(`Trùng với mục thứ ${first + 1} của danh sách.`) };
    firstAt.set(id, i);
    return row;
  });
}

/** Finds each row's person in the owner's scope; a row whose person is not there is refused now. */
async function attachPeople(ctx: JobContext, rows: BulkRow[]): Promise<void> {
  const scope = ctx.owner.scope;
  const byId = new Map<number, nominationsRepo.BulkPersonRow>();
  const ids = rows.filter((r) => r.outcome === null && r.personId !== null).map((r) => r.personId!);
  for (const p of await nominationsRepo.findPeopleInScope(ctx.db, scope, ids)) byId.set(p.id, p);
  const citizenIds = rows.filter((r) => r.outcome === null && r.citizenId !== null).map((r) => r.citizenId!);
  const byCitizenId = new Map((await nominationsRepo.findPeopleByCitizenIds(ctx.db, scope, citizenIds)).map((p) => [p.citizen_id, p]));
  for (const row of rows) {
    if (row.outcome !== null) continue;
    const person = row.personId !== null ? byId.get(row.personId) : byCitizenId.get(row.citizenId!);
    if (!person) {
      Object.assign(row, refused(NOT_IN_SCOPE));
      continue;
    }
    row.person = person;
    row.personId = person.id;
    row.citizenId = person.citizen_id;
  }
}

// ---------- the uploaded file ----------

function openFile(buf: Buffer): Workbook {
  if (buf.length === 0) throw new JobFailure('FILE_EMPTY');
  if (looksLikeOle2(buf)) {
    throw new JobFailure(
      'FILE_NOT_XLSX',
      { format: 'xls' },
      'Tệp ở định dạng Excel 97-2003 (.xls). Hãy mở tệp và lưu lại dưới dạng Excel Workbook (.xlsx).',
    );
  }
  if (!looksLikeZip(buf)) throw new JobFailure('FILE_NOT_XLSX');
  try {
    const wb = openWorkbook(buf);
    checkDeclaredSizes(wb.entries);
    return wb;
  } catch (err) {
    if (err instanceof WorkbookTooLargeError) throw workbookTooLarge(err);
    throw new JobFailure(err instanceof NotAWorkbookError ? 'FILE_NOT_XLSX' : 'FILE_CORRUPT');
  }
}

/** The real inflated sizes (decision 0018), before exceljs inflates every part into memory. */
async function checkInflatedSizes(wb: Workbook): Promise<void> {
  try {
    await measureEntries(wb.buf, wb.entries);
  } catch (err) {
    throw err instanceof WorkbookTooLargeError ? workbookTooLarge(err) : new JobFailure('FILE_CORRUPT');
  }
}

async function* sheetRows(wb: Workbook, sheet: Workbook['sheets'][number]): AsyncGenerator<SheetRow> {
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

interface Header {
  citizenId: number;
  fullName: number | null;
}

function findHeader(r: SheetRow): Header | null {
  let citizenId: number | null = null;
  let fullName: number | null = null;
  r.values.forEach((v, col) => {
    const text = cellText(readCell(v));
    if (text === null) return;
    const key = columnForHeader(text);
    if (key === 'citizenId' && citizenId === null) citizenId = col;
    if (key === 'fullName' && fullName === null) fullName = col;
  });
  return citizenId !== null ? { citizenId, fullName } : null;
}

/** A citizen id typed into a number cell has lost its leading zeros (it always has 12 digits). */
function citizenIdOf(c: Cell): string | null {
  if (c.kind === 'number') return Number.isInteger(c.value) && c.value >= 0 && c.value < 1e12 ? String(c.value).padStart(12, '0') : null;
  if (c.kind !== 'text') return null;
  const id = c.text.replace(/[\s.]/g, '');
  return isValidCitizenId(id) ? id : null;
}

/**
 * The data rows of the first sheet with a "Số CCCD" header among its first rows. Blank rows and the
 * template's example row are skipped; a malformed id or a repeated one is refused on its row.
 */
async function fileRows(buf: Buffer): Promise<BulkRow[]> {
  const wb = openFile(buf);
  await checkInflatedSizes(wb);
  for (const sheet of wb.sheets) {
    let header: Header | null = null;
    let looked = 0;
    const rows: BulkRow[] = [];
    const firstRowOf = new Map<string, number>();
    for await (const r of sheetRows(wb, sheet)) {
      const cells = r.values.map(readCell);
      if (cells.every((c) => c.kind === 'empty')) continue;
      if (!header) {
        header = findHeader(r);
        looked += 1;
        if (!header && looked >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      const name = header.fullName !== null ? cells[header.fullName] : undefined;
      if (name?.kind === 'text' && isExampleName(name.text)) continue;
      if (rows.length >= NOMINATIONS_BULK_MAX) {
        throw new JobFailure(
          'TOO_MANY_ROWS',
          { maxRows: NOMINATIONS_BULK_MAX },
          `Tệp có quá nhiều dòng (tối đa ${NOMINATIONS_BULK_MAX.toLocaleString('vi-VN')} người mỗi lần cử). Hãy chia thành nhiều tệp.`,
        );
      }
      const cell = cells[header.citizenId] ?? { kind: 'empty' };
      const row: BulkRow = {
        fileRow: r.number,
        citizenId: null,
        personId: null,
        person: null,
        outcome: null,
        waitlistPosition: null,
        reason: null,
      };
      rows.push(row);
      if (cell.kind === 'empty') {
        Object.assign(row, refused(`Thiếu ${NOMINATIONS_BULK_COLUMN}.`));
        continue;
      }
      if (cell.kind === 'formula') {
        Object.assign(row, refused(FIELD_ERRORS.FORMULA_NOT_ALLOWED.vi));
        continue;
      }
      const id = citizenIdOf(cell);
      if (id === null) {
        Object.assign(row, refused(`${FIELD_ERRORS.INVALID_CITIZEN_ID.vi} (đã nhập: ${cellText(cell) ?? ''})`));
        continue;
      }
      row.citizenId = id;
      const first = firstRowOf.get(id);
      if (first !== undefined) Object.assign(row, refused(`Trùng với dòng ${first} trong tệp.`));
      else firstRowOf.set(id, r.number);
    }
    if (!header) continue;
    if (rows.length === 0) {
      throw new JobFailure(
        'NO_DATA_ROWS',
        {},
        `Trang tính "${sheet.name}" có cột "${NOMINATIONS_BULK_COLUMN}" nhưng không có dòng dữ liệu nào.`,
      );
    }
    return rows;
  }
  throw new JobFailure(
    'COLUMNS_MISSING',
    { missingColumns: [NOMINATIONS_BULK_COLUMN] },
    `Không tìm thấy cột "${NOMINATIONS_BULK_COLUMN}" trong tệp. Dòng tiêu đề của bảng phải có một cột tên "${NOMINATIONS_BULK_COLUMN}" chứa số định danh cá nhân (12 chữ số) của người được cử.`,
  );
}

// ---------- the result file ----------

async function writeResult(
  cls: classesRepo.ClassRow,
  rows: readonly BulkRow[],
  counts: Record<BulkOutcome, number>,
  fromFile: boolean,
): Promise<Buffer> {
  const columns = [
    { header: 'STT', key: 'no', width: 7 },
    fromFile ? { header: 'Dòng trong tệp', key: 'source', width: 10 } : { header: 'Mã hồ sơ', key: 'source', width: 10 },
    { header: NOMINATIONS_BULK_COLUMN, key: 'citizenId', width: 16 },
    { header: 'Họ và tên', key: 'fullName', width: 26 },
    { header: 'Đơn vị', key: 'unit', width: 34 },
    { header: 'Kết quả', key: 'outcome', width: 16 },
    { header: 'Thứ tự chờ', key: 'position', width: 10 },
    { header: 'Lý do', key: 'reason', width: 90 },
  ];
  return writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('KetQua', { views: [{ state: 'frozen', ySplit: 4 }] });
    ws.columns = columns.map(({ header: _header, ...col }) => col);
    ws.getRow(1).values = [`KẾT QUẢ CỬ ĐI HỌC: ${cls.name.toUpperCase()}`];
    ws.getRow(1).font = { bold: true, size: 13 };
    ws.getRow(1).commit();
    ws.getRow(2).values = [
      `${cls.programme_name}, khóa ${cls.cohort_code}, ${rules.STUDY_MODE_LABELS[cls.mode as rules.StudyMode]}, khai giảng ${formatViDate(cls.start_date)}; ` +
        `${rows.length} người: ${counts.nominated} đã cử, ${counts.waitlisted} vào danh sách chờ, ${counts.refused} không cử được.`,
    ];
    ws.getRow(2).commit();
    ws.getRow(3).commit();
    const header = ws.getRow(4);
    header.values = columns.map((c) => c.header);
    header.font = HEADER_FONT;
    header.fill = HEADER_FILL;
    header.commit();
    ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: columns.length } };
    rows.forEach((r, i) => {
      ws.addRow({
        no: i + 1,
        source: fromFile ? r.fileRow : r.personId,
        citizenId: r.citizenId,
        fullName: r.person?.full_name ?? null,
        unit: r.person?.unit_name ?? null,
        outcome: r.outcome ? OUTCOME_LABELS[r.outcome] : null,
        position: r.waitlistPosition,
        reason: r.reason,
      }).commit();
    });
    ws.commit();
  });
}
