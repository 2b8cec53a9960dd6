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
import { NOMINATIONS_BULK_COLUMN, type BulkOutcome } from '@nang-tam/contracts';
import { formatViDate, rules, todayInVietnam } from '@nang-tam/domain';
import { jobsRepo, nominationsRepo, personFactsRepo, type classesRepo } from '@nang-tam/db';
import { AppError } from '../errors.js';
import { nominatePerson, prepareClass } from '../services/nominations.service.js';
import { workerPool } from '../workers/pool.js';
import type { JobContext, JobOutcome } from './context.js';
import type { BulkFileRow } from './nominations-bulk/read-file.js';
import { renderTable } from './xlsx/render.js';
import { fromWorker } from './worker-failure.js';
import type { TableColumn } from './xlsx/table.js';

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

/** People whose facts are loaded in one query. */
const FACTS_CHUNK = 500;

/** People of a list whose outcome the job's result carries (the file lists all). */
const RESULT_PEOPLE_MAX = 500;

function resultPerson(r: BulkRow) {
  return { personId: r.person ? r.personId : null, name: r.person?.full_name ?? null, outcome: r.outcome, waitlistPosition: r.waitlistPosition, reason: r.reason };
}

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
    : await fileRows((await jobsRepo.loadJobInput(db, ctx.job.id)) ?? Buffer.alloc(0), ctx.signal);
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
  // nominations are committed: the result file is written even while the server shuts down
  const file = await writeResult(prepared.cls, rows, counts, params.personIds === undefined, new AbortController().signal);
  await ctx.progress.report('writing', total, total);
  return {
    status: 'succeeded',
    result: {
      classId: params.classId,
      rows: total,
      ...counts,
      // a list of ids (the candidates page) also gets each person's outcome on screen; a person not
      // found in the owner's scope is listed by its place in the list only
      ...(params.personIds ? { people: rows.slice(0, RESULT_PEOPLE_MAX).map(resultPerson) } : {}),
    },
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

/**
 * The data rows of the file, read in a worker thread (nominations-bulk/read-file.ts: the workbook
 * limits, the header search, each row's citizen id); rows refused there keep their reason.
 */
async function fileRows(buf: Buffer, signal: AbortSignal): Promise<BulkRow[]> {
  let read: BulkFileRow[];
  try {
    read = await workerPool().run('readBulkNominationFile', { buf }, { signal });
  } catch (err) {
    throw fromWorker(err);
  }
  return read.map((r) => ({
    fileRow: r.fileRow,
    citizenId: r.citizenId,
    personId: null,
    person: null,
    waitlistPosition: null,
    ...(r.reason === null ? { outcome: null, reason: null } : refused(r.reason)),
  }));
}

// ---------- the result file ----------

/** The result file, written in a worker thread. */
async function writeResult(
  cls: classesRepo.ClassRow,
  rows: readonly BulkRow[],
  counts: Record<BulkOutcome, number>,
  fromFile: boolean,
  signal: AbortSignal,
): Promise<Buffer> {
  const columns: TableColumn[] = [
    { header: 'STT', key: 'no', width: 7 },
    fromFile ? { header: 'Dòng trong tệp', key: 'source', width: 10 } : { header: 'Mã hồ sơ', key: 'source', width: 10 },
    { header: NOMINATIONS_BULK_COLUMN, key: 'citizenId', width: 16 },
    { header: 'Họ và tên', key: 'fullName', width: 26 },
    { header: 'Đơn vị', key: 'unit', width: 34 },
    { header: 'Kết quả', key: 'outcome', width: 16 },
    { header: 'Thứ tự chờ', key: 'position', width: 10 },
    { header: 'Lý do', key: 'reason', width: 90 },
  ];
  const heading = {
    title: `KẾT QUẢ CỬ ĐI HỌC: ${cls.name.toUpperCase()}`,
    summary:
      `${cls.programme_name}, khóa ${cls.cohort_code}, ${rules.STUDY_MODE_LABELS[cls.mode as rules.StudyMode]}, khai giảng ${formatViDate(cls.start_date)}; ` +
      `${rows.length} người: ${counts.nominated} đã cử, ${counts.waitlisted} vào danh sách chờ, ${counts.refused} không cử được.`,
  };
  return renderTable({ sheet: 'KetQua', columns, heading }, signal, async (send) => {
    for (let start = 0; start < rows.length; start += RESULT_BATCH) {
      await send(
        rows.slice(start, start + RESULT_BATCH).map((r, i) => ({
          no: start + i + 1,
          source: fromFile ? r.fileRow : r.personId,
          citizenId: r.citizenId,
          fullName: r.person?.full_name ?? null,
          unit: r.person?.unit_name ?? null,
          outcome: r.outcome ? OUTCOME_LABELS[r.outcome] : null,
          position: r.waitlistPosition,
          reason: r.reason,
        })),
      );
    }
  });
}

/** Rows of the result file sent to the worker at once. */
const RESULT_BATCH = 1000;
