/**
 * A process that starts storing an upload and is killed in the middle (decision 0064's crash test):
 * `node --import tsx upload-and-die.ts <pglite-dir | postgres-url> <userId> <bytes> <part bytes> <parts before READY>`.
 * Inserts a people_import job for the file, writes that many of its parts, prints READY and waits
 * for ever before the next part, as a process killed while the upload was being stored.
 */
import { randomBytes } from 'node:crypto';
import { createDb, jobsRepo, type Queryable } from '@nang-tam/db';

const [target, userId, bytes, partBytes, partsBefore] = process.argv.slice(2);
const db = target!.startsWith('postgres') ? await createDb({ databaseUrl: target!, poolSize: 2 }) : await createDb({ dataDir: target! });
const file = randomBytes(Number(bytes));
const job = await jobsRepo.insertJob(db, { kind: 'people_import', createdBy: Number(userId), params: { fileName: 'x.xlsx' }, inputBytes: file.length });
const stopping: Queryable = {
  query(sql, params) {
    if (sql.includes('INSERT INTO job_input_parts') && (params?.[1] as number) >= Number(partsBefore)) {
      process.stdout.write(`READY ${job.id}\n`);
      return new Promise<never>(() => undefined);
    }
    return db.query(sql, params);
  },
};
void jobsRepo.storeJobInput(stopping, job.id, file, Number(partBytes));
setInterval(() => undefined, 1000);
