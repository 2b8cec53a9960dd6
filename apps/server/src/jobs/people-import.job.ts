import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { FIELD_ERRORS, JOB_FAILURES } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { jobsRepo, peopleImportRepo, peopleRepo } from '@nang-tam/db';
import { TaskError, WorkerCrashed, workerPool } from '../workers/pool.js';
import { asBuffer } from '../workers/tasks.js';
import { JobFailure, JobSuperseded, type JobContext, type JobOutcome } from './context.js';
import { cellText, columnLetter, parseAddress, type Cell } from './xlsx/cells.js';
import { IMPORT_COLUMNS, IMPORT_SHEET, columnForHeader, isExampleName, type ColumnKey } from './people-import/columns.js';
import { ERROR_REPORT_FILE, ErrorCollector, type PositionedError } from './people-import/error-report.js';
import { workbookTooLarge, type ImportFileChunk, type ImportSheetRow } from './people-import/read-file.js';
import { buildImportReference, loadReferenceLists, type ImportReference } from './people-import/reference.js';
import { validateRow, type CellError, type RowCells, type ValidRow } from './people-import/rows.js';

const BATCH = 1000;
const RESULT_ERRORS = 100;

/**
 * Imports the people of an uploaded workbook: every row is checked and every problem reported;
 * if there is any, nothing is written and the job fails with an error report. Otherwise all rows
 * are published at once (decision 0018).
 *
 * The file is read in a worker thread (limits on what it expands to, exceljs's parse), which sends
 * rows in batches; checked rows are staged in short statements as they come, and published in one
 * short set-based transaction that also finishes the job — so an import holds no long transaction,
 * the web process's event loop only validates rows, and the publish happens exactly once even if
 * another process took the job over.
 */
export async function runPeopleImport(ctx: JobContext): Promise<JobOutcome> {
  await ctx.progress.report('reading', 0, 0);
  const input = (await jobsRepo.loadJobInput(ctx.db, ctx.job.id)) ?? Buffer.alloc(0);
  await peopleImportRepo.clearStagedImport(ctx.db, ctx.job.id);
  const file = workerPool().stream('readImportFile', { buf: input }, { signal: ctx.signal });
  const checked = await checkRows(ctx, file).catch(async (err: unknown) => {
    await peopleImportRepo.clearStagedImport(ctx.db, ctx.job.id).catch(() => undefined);
    throw fromWorker(err);
  });
  await addExistingIdErrors(ctx, checked);

  if (checked.errors.count > 0) {
    await peopleImportRepo.clearStagedImport(ctx.db, ctx.job.id);
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
      file: await writeErrorReportInWorker(sorted, checked.errors.count, ctx.signal),
    };
  }
  return publish(ctx, checked.staged);
}

/** A failure inside the worker comes back as the import's own failure (or as a file too large for it). */
function fromWorker(err: unknown): unknown {
  if (err instanceof TaskError && err.name === 'JobFailure') {
    const f = err.fields as { code: JobFailure['code']; extra?: Record<string, unknown> };
    return new JobFailure(f.code, f.extra ?? {}, err.message);
  }
  // a file within the limits whose parse still exhausted the worker's heap
  if (err instanceof WorkerCrashed && err.outOfMemory) return workbookTooLarge({ limit: 'totalBytes', max: 0 });
  return err;
}

async function writeErrorReportInWorker(errors: PositionedError[], count: number, signal: AbortSignal): Promise<Buffer> {
  return asBuffer(await workerPool().run('importErrorReport', { errors, count }, { signal }));
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
  /** Checked rows not yet staged (kept only while the file has no error). */
  pending: ValidRow[];
  /** Rows staged so far. */
  staged: number;
  errors: ErrorCollector;
  /** First row of each well-formed citizen id. */
  firstRowOf: Map<string, number>;
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

const EMPTY: Cell = { kind: 'empty' };
const isBlank = (cells: (Cell | undefined)[]) => cells.every((c) => !c || c.kind === 'empty');

/** Stages the checked rows kept so far (short statements: no transaction stays open), then lets the API in. */
async function stagePending(ctx: JobContext, c: Checked): Promise<void> {
  if (c.pending.length === 0) return;
  const rows = c.pending.map((r) => ({ row: r.row, person: withHighestLevels(r), qualifications: r.qualifications }));
  c.pending = [];
  await peopleImportRepo.stageImportRows(ctx.db, ctx.job.id, rows, BATCH);
  c.staged += rows.length;
  await yieldToEventLoop();
}

async function checkRows(ctx: JobContext, file: AsyncGenerator<ImportFileChunk, null>): Promise<Checked> {
  const today = todayInVietnam();
  const ref: ImportReference = buildImportReference(await loadReferenceLists(ctx.db, ctx.owner.scope));
  const c: Checked = { header: null, dataRows: 0, pending: [], staged: 0, errors: new ErrorCollector(), firstRowOf: new Map() };
  const duplicated = new Set<string>();
  let seen = 0;
  let total = 0;
  let merges: string[] = [];
  for await (const chunk of file) {
    if (chunk.kind === 'scan') {
      total = Math.max(chunk.rowCount - 1, 0);
      merges = chunk.merges;
      await ctx.progress.report('validating', 0, total);
      continue;
    }
    for (const r of chunk.rows) {
      if (!c.header) {
        if (!isBlank(r.cells)) c.header = readHeader(r);
        continue;
      }
      seen += 1;
      if (seen % 500 === 0) {
        ctx.signal.throwIfAborted();
        await ctx.progress.report('validating', Math.min(seen, total), Math.max(total, seen));
      }
      const cells: RowCells = {};
      for (const [col, key] of c.header.keys) cells[key] = r.cells[col] ?? EMPTY;
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
      if (check.person && c.errors.count === 0) c.pending.push({ row: r.number, person: check.person, qualifications: check.qualifications });
      else c.pending.length = 0;
    }
    if (c.errors.count === 0 && c.pending.length >= BATCH) await stagePending(ctx, c);
    else await yieldToEventLoop();
  }
  if (!c.header || c.dataRows === 0) throw new JobFailure('NO_DATA_ROWS');
  addMergeErrors(c, merges);
  if (c.errors.count === 0) await stagePending(ctx, c);
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

/**
 * Publishes the staged rows and finishes the job in one transaction, while this attempt still
 * holds the job (a process that lost it — recovered as stale and claimed again elsewhere — writes
 * nothing): the import is written exactly once.
 */
async function publish(ctx: JobContext, staged: number): Promise<JobOutcome> {
  const { db, owner, job } = ctx;
  ctx.signal.throwIfAborted();
  await ctx.progress.report('inserting', 0, staged);
  const outcome: JobOutcome = { status: 'succeeded', result: { imported: staged }, finished: true };
  try {
    await db.transaction(async (tx) => {
      if (!(await jobsRepo.lockRunningAttempt(tx, job.id, job.attempts))) throw new JobSuperseded(job.id);
      const imported = await peopleImportRepo.publishStagedImport(tx, job.id, { id: owner.id, name: owner.username });
      if (imported !== staged) throw new Error(`staged ${staged} rows, published ${imported}`);
      await ctx.progress.report('inserting', imported, staged, tx);
      await jobsRepo.finishJob(tx, job.id, outcome, job.attempts);
    });
  } catch (err) {
    // someone saved one of these citizen ids after the check: the whole import is rolled back
    if ((err as { code?: string }).code === '23505') {
      await peopleImportRepo.clearStagedImport(db, job.id);
      throw new JobFailure('DUPLICATE_CITIZEN_ID');
    }
    throw err;
  }
  return outcome;
}
