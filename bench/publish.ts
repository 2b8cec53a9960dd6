/**
 * `npx tsx bench/publish.ts [--rows 20000] [--pg postgres://…]`: the publish of a staged import
 * alone (decisions 0018, 0032) — people, qualifications (three each) and audit records written from
 * import_staging in one transaction — on a fresh PGlite data folder, with the foreign keys checked
 * row by row (the triggers) and at once (PGlite's path), and on PostgreSQL when --pg names a server
 * (a scratch database is created and dropped). On PGlite the transaction holds the API for its whole
 * duration; its CPU time (PGlite runs on this thread) is what it costs on an idle core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, jobsRepo, migrate, peopleImportRepo, type Db } from '@nang-tam/db';
import { foldVietnamese } from '@nang-tam/domain';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '20000' }, pg: { type: 'string' }, chunked: { type: 'boolean', default: false } },
});
const ROWS = Number(args.rows);

async function setUp(db: Db): Promise<{ jobId: number; actor: { id: number; name: string } }> {
  await migrate(db);
  const unit = await db.query<{ id: number }>(
    `INSERT INTO units (code, name, search_name, kind, path, depth) VALUES ('B1', 'Tỉnh', 'tinh', 'province', '/b1/', 0) RETURNING id`,
  );
  const unitId = unit.rows[0]!.id;
  const user = await db.query<{ id: number }>(
    `INSERT INTO users (username, password_hash, display_name, role, unit_id) VALUES ('bench', 'x', 'Bench', 'provincial_board', $1) RETURNING id`,
    [unitId],
  );
  const actor = { id: user.rows[0]!.id, name: 'bench' };
  const job = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, created_by, status) VALUES ('people_import', $1, 'running') RETURNING id`,
    [actor.id],
  );
  const first = async (table: string) =>
    (await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id LIMIT 1`)).rows[0]?.id ?? null;
  const level = async (kind: string) =>
    (await db.query<{ code: string }>('SELECT code FROM qualification_levels WHERE kind = $1 ORDER BY code LIMIT 1', [kind])).rows[0]!.code;
  const [titleId, jobPositionId, rankId, managementScopeId] = [
    await first('titles'),
    await first('job_positions'),
    await first('ranks'),
    await first('management_scopes'),
  ];
  const [edu, llct, qlnn] = [await level('education'), await level('political_theory'), await level('state_management')];
  const rows: peopleImportRepo.StagedPerson[] = Array.from({ length: ROWS }, (_, i) => {
    const fullName = `${['Nguyễn', 'Trần', 'Lò', 'Giàng'][i % 4]} ${['Văn', 'Thị'][i % 2]} Thứ ${i}`;
    return {
      row: i + 2,
      person: {
        citizenId: `099${String(i).padStart(9, '0')}`,
        fullName,
        birthDate: `${1966 + (i % 36)}-0${(i % 9) + 1}-1${i % 10}`,
        gender: i % 2 ? 'female' : 'male',
        ethnicityCode: '01',
        category: 'cong_chuc',
        partyMembership: null,
        partyJoinedOn: null,
        partyOfficialOn: null,
        unitId,
        titleId,
        jobPositionId,
        rankId,
        managementScopeId,
        phone: '0912345678',
        email: null,
        educationLevel: edu,
        politicalTheoryLevel: llct,
        stateManagementLevel: qlnn,
      },
      qualifications: [
        { kind: 'education', level: edu, field: foldVietnamese('Luật') },
        { kind: 'political_theory', level: llct, field: null },
        { kind: 'state_management', level: qlnn, field: null },
      ],
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await peopleImportRepo.stageImportRows(db, job.rows[0]!.id, rows.slice(i, i + 1000), 500);
  return { jobId: job.rows[0]!.id, actor };
}

async function publishOnce(db: Db, atOnce: boolean): Promise<{ wallMs: number; cpuMs: number }> {
  const { jobId, actor } = await setUp(db);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const n = await db.transaction((tx) => peopleImportRepo.publishStagedImport(tx, jobId, actor, { checkReferencesAtOnce: atOnce }));
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  if (n !== ROWS) throw new Error(`published ${n} of ${ROWS}`);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * decision 0054: PGlite's publish in prepared chunks, as the job runs it. Each chunk (its references
 * checked, then written and prepared) and the final step (job finished, every chunk committed, the
 * database to itself) is one pause of the API: their CPU time is what they cost on an idle core.
 */
async function publishChunked(db: Db, size: number): Promise<{ chunks: number; maxChunkCpuMs: number; flipCpuMs: number; wallMs: number }> {
  const { jobId, actor } = await setUp(db);
  await db.query("UPDATE jobs SET attempts = 1, stage = 'inserting' WHERE id = $1", [jobId]);
  const cpuMs = (from: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(from);
    return (u.user + u.system) / 1000;
  };
  const t0 = performance.now();
  const range = await peopleImportRepo.stagedRowRange(db, jobId);
  let refs: peopleImportRepo.StagedReferences | null = null;
  let n = 0;
  let maxChunkCpuMs = 0;
  for (let from = range.first; from <= range.last; from += size) {
    const c = process.cpuUsage();
    const rows = { from, to: from + size - 1 };
    refs = peopleImportRepo.mergeReferences(refs, (await peopleImportRepo.stagedReferences(db, jobId, actor.id, rows))!);
    await peopleImportRepo.prepareImportChunk(db, jobId, 1, n++, rows, actor);
    maxChunkCpuMs = Math.max(maxChunkCpuMs, cpuMs(c));
  }
  const c = process.cpuUsage();
  await db.exclusive!(async (raw) => {
    await raw.transaction(async (tx) => {
      if (!(await jobsRepo.lockRunningAttempt(tx, jobId, 1))) throw new Error('job lost');
      if (!(await peopleImportRepo.referencesStillExist(tx, refs!))) throw new Error('references changed');
      await jobsRepo.finishJob(tx, jobId, { status: 'succeeded', result: {} }, 1);
    });
    await peopleImportRepo.commitPreparedImport(raw, jobId, 1, n);
  });
  const flipCpuMs = cpuMs(c);
  const wallMs = performance.now() - t0;
  const written = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND (after->>'jobId')::int = $1", [jobId]);
  if (written.rows[0]!.n !== ROWS) throw new Error(`published ${written.rows[0]!.n} of ${ROWS}`);
  return { chunks: n, maxChunkCpuMs, flipCpuMs, wallMs };
}

const show = (label: string, r: { wallMs: number; cpuMs: number }) =>
  console.log(
    `  ${label}: ${Math.round(r.wallMs).toLocaleString('en-US')} ms (CPU of this process ${Math.round(r.cpuMs).toLocaleString('en-US')} ms)`,
  );

console.log(`Publishing ${ROWS.toLocaleString('en-US')} staged people (3 qualifications each):`);
if (args.chunked) {
  const size = Math.max(1000, Math.ceil(ROWS / 60)); // as PUBLISH_CHUNK in the job
  const dir = mkdtempSync(join(tmpdir(), 'nangtam-publish-'));
  try {
    const db = await createDb({ dataDir: dir });
    const r = await publishChunked(db, size);
    console.log(
      `  PGlite, in ${r.chunks} prepared chunks of ${size}: longest chunk ${Math.round(r.maxChunkCpuMs)} ms CPU, final step ${Math.round(r.flipCpuMs)} ms CPU (whole publish ${Math.round(r.wallMs).toLocaleString('en-US')} ms wall)`,
    );
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
for (const atOnce of args.chunked ? [true] : [false, true]) {
  const dir = mkdtempSync(join(tmpdir(), 'nangtam-publish-'));
  try {
    const db = await createDb({ dataDir: dir });
    show(`PGlite, foreign keys ${atOnce ? 'checked at once' : 'row by row'}`, await publishOnce(db, atOnce));
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (args.pg) {
  const name = `nangtam_publish_${process.pid}`;
  const admin = new pg.Client({ connectionString: args.pg });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(args.pg);
    url.pathname = `/${name}`;
    const db = await createDb({ databaseUrl: url.toString() });
    show('PostgreSQL, foreign keys row by row', await publishOnce(db, false));
    await db.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
