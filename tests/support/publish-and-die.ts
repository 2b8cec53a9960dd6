/**
 * A process that starts publishing a staged import and waits to be killed (decision 0054's crash
 * test): `node --import tsx publish-and-die.ts <pglite-dir | postgres-url> <jobId> <actorId> <chunk rows> [finished]`.
 * PGlite: prepares every chunk; with `finished`, finishes the job and commits the first chunk only,
 * as a process killed in the middle of making them visible. PostgreSQL: publishes in one open
 * transaction. Then prints READY and waits.
 */
import { createDb, jobsRepo, peopleImportRepo } from '@nang-tam/db';

const [target, job, actorId, chunkRows, finished] = process.argv.slice(2);
const jobId = Number(job);
const actor = { id: Number(actorId), name: 'crash-test' };
const db = target!.startsWith('postgres') ? await createDb({ databaseUrl: target!, poolSize: 2 }) : await createDb({ dataDir: target! });
if (db.kind === 'pglite') {
  const range = await peopleImportRepo.stagedRowRange(db, jobId);
  let n = 0;
  for (let from = range.first; from <= range.last; from += Number(chunkRows)) {
    await peopleImportRepo.prepareImportChunk(db, jobId, 1, n++, { from, to: from + Number(chunkRows) - 1 }, actor);
  }
  if (finished === 'finished') {
    await db.exclusive!(async (raw) => {
      await raw.transaction((tx) => jobsRepo.finishJob(tx, jobId, { status: 'succeeded', result: {} }, 1).then(() => undefined));
      await raw.query(`COMMIT PREPARED 'nangtam-import:${jobId}:1:0'`);
    });
  }
  process.stdout.write('READY\n');
} else {
  void db.transaction(async (tx) => {
    await peopleImportRepo.publishStagedImport(tx, jobId, actor);
    process.stdout.write('READY\n');
    await new Promise(() => undefined);
  });
}
setInterval(() => undefined, 1000);
