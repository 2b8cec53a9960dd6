import { JOB_FAILURES } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { isUniqueViolation, jobsRepo, peopleImportRepo, peopleRepo } from '@nang-tam/db';
import { workerPool } from '../workers/pool.js';
import { asBuffer } from '../workers/tasks.js';
import { JobFailure, JobSuperseded, type JobContext, type JobOutcome } from './context.js';
import { rowError, type CheckFileChunk } from './people-import/check-file.js';
import { ERROR_REPORT_FILE, ErrorCollector, type PositionedError } from './people-import/error-report.js';
import { loadReferenceLists } from './people-import/reference.js';
import { fromWorker } from './worker-failure.js';

const RESULT_ERRORS = 100;

/**
 * Imports the people of an uploaded workbook: every row is checked and every problem reported;
 * if there is any, nothing is written and the job fails with an error report. Otherwise all rows
 * are published at once (decision 0018).
 *
 * The file is read and its rows checked in a worker thread (limits on what the file expands to,
 * the sheet streamed row by row, validation against the reference lists), which sends checked rows
 * in batches and waits while the job is a few batches behind; they are staged by COPY as they come
 * (decision 0053), and published in one set-based transaction
 * that also finishes the job. So an import holds no long transaction but the publish, the web
 * process's event loop does little more than pass rows to the database, and the publish happens
 * exactly once even if another process took the job over.
 */
export async function runPeopleImport(ctx: JobContext): Promise<JobOutcome> {
  await ctx.progress.report('reading', 0, 0);
  const input = (await jobsRepo.loadJobInput(ctx.db, ctx.job.id)) ?? Buffer.alloc(0);
  const lists = await loadReferenceLists(ctx.db, ctx.owner.scope);
  await peopleImportRepo.clearStagedImport(ctx.db, ctx.job.id);
  const file = workerPool().stream('checkImportFile', { buf: input, lists, today: todayInVietnam() }, { signal: ctx.signal });
  const checked = await stageRows(ctx, file).catch(async (err: unknown) => {
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

async function writeErrorReportInWorker(errors: PositionedError[], count: number, signal: AbortSignal): Promise<Buffer> {
  return asBuffer(await workerPool().run('importErrorReport', { errors, count }, { signal }));
}

interface Checked {
  dataRows: number;
  /** Rows staged. */
  staged: number;
  errors: ErrorCollector;
  /** First row of each well-formed citizen id. */
  firstRowOf: Map<string, number>;
  citizenIdColumn: { col: number; text: string };
}

/** Stages the rows the worker checked, batch by batch, until the file turns out to have an error. */
async function stageRows(ctx: JobContext, file: AsyncGenerator<CheckFileChunk, null>): Promise<Checked> {
  const c: Checked = { dataRows: 0, staged: 0, errors: new ErrorCollector(), firstRowOf: new Map(), citizenIdColumn: { col: 0, text: '' } };
  let total = 0;
  for await (const chunk of file) {
    ctx.signal.throwIfAborted();
    if (chunk.kind === 'scan') {
      total = Math.max(chunk.rowCount - 1, 0);
      await ctx.progress.report('validating', 0, total);
    } else if (chunk.kind === 'rows') {
      for (const [id, row] of chunk.ids) c.firstRowOf.set(id, row);
      if (chunk.errorCount === 0 && chunk.valid.length > 0) {
        await peopleImportRepo.stageImportRows(ctx.db, ctx.job.id, chunk.valid, STAGE_BATCH[ctx.db.kind]);
        c.staged += chunk.valid.length;
      }
      await ctx.progress.report('validating', Math.min(chunk.seen, total), Math.max(total, chunk.seen));
    } else {
      c.dataRows = chunk.dataRows;
      c.errors.absorb(chunk.errors, chunk.errorCount);
      c.citizenIdColumn = chunk.citizenIdColumn;
      await ctx.progress.report('validating', chunk.seen, chunk.seen);
    }
  }
  return c;
}

/**
 * Rows per staging statement (COPY on both databases, decision 0053). PGlite runs on the web
 * process's own thread, so one statement is one pause of the event loop: smaller there.
 */
const STAGE_BATCH = { pglite: 100, postgres: 500 } as const;

async function addExistingIdErrors(ctx: JobContext, c: Checked): Promise<void> {
  const ids = [...c.firstRowOf.keys()];
  const header = { cols: new Map([['citizenId' as const, c.citizenIdColumn.col]]), texts: new Map([[c.citizenIdColumn.col, c.citizenIdColumn.text]]) };
  // PGlite: one statement is one pause of the web process's thread (decision 0064: 5,000 ids took ~1 s under load)
  const slice = ctx.db.kind === 'pglite' ? 1000 : 5000;
  for (let i = 0; i < ids.length; i += slice) {
    const existing = await peopleRepo.findExistingCitizenIds(ctx.db, ids.slice(i, i + slice));
    for (const id of existing) c.errors.add(rowError(header, c.firstRowOf.get(id)!, { key: 'citizenId', code: 'DUPLICATE_CITIZEN_ID' }));
  }
}

/**
 * Publishes the staged rows and finishes the job in one transaction, while this attempt still
 * holds the job (a process that lost it — recovered as stale and claimed again elsewhere — writes
 * nothing): the import is written exactly once. On PGlite a large import is published in chunks
 * instead (publishInChunks, decision 0054).
 */
async function publish(ctx: JobContext, staged: number): Promise<JobOutcome> {
  const { db, owner, job } = ctx;
  ctx.signal.throwIfAborted();
  await ctx.progress.report('inserting', 0, staged);
  const outcome: JobOutcome = { status: 'succeeded', result: { imported: staged }, finished: true };
  try {
    await publishChunk.beforeWrite?.(job.id);
    if (db.kind === 'pglite' && (await publishInChunks(ctx, staged, outcome))) return outcome;
    await db.transaction(async (tx) => {
      if (!(await jobsRepo.lockRunningAttempt(tx, job.id, job.attempts))) throw new JobSuperseded(job.id);
      // the references are locked and checked set-based instead of row by row (decisions 0032, 0068)
      const imported = await peopleImportRepo.publishStagedImport(
        tx,
        job.id,
        { id: owner.id, name: owner.username },
        { checkReferencesAtOnce: true, sortInMemory: db.kind === 'postgres' },
      );
      if (imported !== staged) throw new Error(`staged ${staged} rows, published ${imported}`);
      await ctx.progress.report('inserting', imported, staged, tx);
      await jobsRepo.finishJob(tx, job.id, outcome, job.attempts);
    });
  } catch (err) {
    // someone saved one of these citizen ids after the check: the whole import is rolled back
    if (isUniqueViolation(err, 'people_citizen_id_key')) {
      await peopleImportRepo.clearStagedImport(db, job.id);
      throw new JobFailure('DUPLICATE_CITIZEN_ID');
    }
    throw err;
  }
  return outcome;
}

class ReferencesChanged extends Error {}

/**
 * Rows per prepared chunk on PGlite (decision 0054): each chunk holds the one connection about
 * 55 µs per row on an idle machine, and making a chunk visible costs one `COMMIT PREPARED` in the
 * final pause, so large imports take larger chunks (at most `chunksMax` of them). Decision 0064: a
 * chunk that held the connection longer than `targetMs` (a loaded machine: 1,000 rows took 1 s at
 * load average ~20) makes the next ones smaller, as far as the chunks left allow; the first chunk
 * has at most `firstRows` rows, and quick chunks grow back (at most doubling) up to the size above.
 */
export const publishChunk: {
  rows: number;
  chunksMax: number;
  targetMs: number;
  firstRows: number;
  /** Tests only: called once the publish has begun (stage `inserting`), before anything is written. */
  beforeWrite?: (jobId: number) => Promise<void>;
  /** Tests only: called after each prepared chunk (PGlite), with the chunks prepared so far. */
  afterChunk?: (jobId: number, prepared: number) => Promise<void>;
} = { rows: 1000, chunksMax: 120, targetMs: 300, firstRows: 250 };

/**
 * PGlite (decision 0054): every transaction there holds the one connection, so one transaction
 * publishing 100,000 people paused the API for tens of seconds. Instead each chunk of rows is
 * written in its own transaction and *prepared*, not committed: its rows are invisible to every
 * reader, and the connection is free between chunks. Then, with the database to itself
 * (`Db.exclusive`), one short transaction checks that the references still exist and finishes the
 * job under its fencing token, and every chunk is committed — readers see all of the import or none
 * of it. A failure, a stop or a lost job rolls the prepared chunks back; a process killed meanwhile
 * leaves them to `resolvePreparedImports` at the next start (committed if the job had finished,
 * rolled back otherwise). Returns false — publish in one transaction instead — for an import of
 * one chunk, where the references do not hold (its foreign keys report them), or where PGlite was
 * opened without prepared transactions.
 */
async function publishInChunks(ctx: JobContext, staged: number, outcome: JobOutcome): Promise<boolean> {
  const { db, owner, job } = ctx;
  if (!db.exclusive) return false;
  const largest = Math.max(publishChunk.rows, Math.ceil(staged / publishChunk.chunksMax));
  if (staged <= largest) return false;
  const budget = Math.min(publishChunk.chunksMax, await peopleImportRepo.maxPreparedTransactions(db));
  if (budget < Math.ceil(staged / largest)) return false;
  let size = Math.min(largest, Math.max(publishChunk.firstRows, Math.ceil(staged / budget)));
  const actor = { id: owner.id, name: owner.username };
  const range = await peopleImportRepo.stagedRowRange(db, job.id);
  if (range.count !== staged) throw new Error(`staged ${staged} rows, found ${range.count}`);
  let prepared = 0;
  let refs: peopleImportRepo.StagedReferences | null = null;
  try {
    let written = 0;
    // row numbers are the sheet's; a chunk covers `size` consecutive numbers (fewer rows where the sheet skips some)
    for (let from = range.first; from <= range.last; ) {
      ctx.signal.throwIfAborted();
      const rows = { from, to: from + size - 1 };
      const started = performance.now();
      // checked chunk by chunk (short statements), and again, all at once, before anything is visible
      const chunkRefs = await peopleImportRepo.stagedReferences(db, job.id, actor.id, rows);
      if (!chunkRefs) throw new ReferencesChanged();
      refs = peopleImportRepo.mergeReferences(refs, chunkRefs);
      written += await peopleImportRepo.prepareImportChunk(db, job.id, job.attempts, prepared, rows, actor);
      prepared += 1;
      const took = performance.now() - started;
      from += size;
      // decision 0064: the next chunk sized to hold the connection about targetMs, never so small
      // that the chunks run out, nor larger than `largest`
      const left = range.last - from + 1;
      if (left > 0) {
        const floor = Math.ceil(left / Math.max(1, budget - prepared));
        const aimed = Math.min(2 * size, Math.floor((size * publishChunk.targetMs) / Math.max(took, 1)));
        size = Math.max(floor, Math.min(largest, Math.max(1, aimed)));
      }
      await ctx.progress.report('inserting', written, staged);
      await publishChunk.afterChunk?.(job.id, prepared);
    }
    if (written !== staged) throw new Error(`staged ${staged} rows, published ${written}`);
    ctx.signal.throwIfAborted();
    await db.exclusive(async (raw) => {
      await raw.transaction(async (tx) => {
        if (!(await jobsRepo.lockRunningAttempt(tx, job.id, job.attempts))) throw new JobSuperseded(job.id);
        if (!refs || !(await peopleImportRepo.referencesStillExist(tx, refs))) throw new ReferencesChanged();
        await jobsRepo.finishJob(tx, job.id, outcome, job.attempts);
      });
      // the job is finished: from here a kill leaves the rest to be committed at the next start
      await peopleImportRepo.commitPreparedImport(raw, job.id, job.attempts, prepared);
    });
  } catch (err) {
    if (prepared > 0) await peopleImportRepo.rollbackPreparedImport(db, job.id, job.attempts);
    // a reference is dangling, or went away meanwhile: the one-transaction publish's foreign keys report it
    if (err instanceof ReferencesChanged) return false;
    throw err;
  }
  // one DELETE of 100,000 staged rows paused the API for seconds under load: in slices too
  await peopleImportRepo.clearStagedImportInSlices(db, job.id, range, size);
  return true;
}
