/**
 * More than one node, on loopback (docs/OPERATIONS.md, "More than one node"):
 *
 *   sudo npm run multinode            (root: it creates PostgreSQL clusters with pg_createcluster)
 *   sudo npm run multinode -- --seconds 40 --jobs 12 --keep
 *
 * Builds a PostgreSQL 15 primary (port 5442) and a streaming replica of it (pg_basebackup, port
 * 5443), two app nodes (3931, 3932; DATABASE_REPLICA_URL set) behind nginx (3930), then runs a write
 * load through nginx — people created by 8 concurrent clients on one session, and import jobs — and
 * `kill -9`s one node in the middle. It then checks that every acknowledged write is on the primary
 * and on the replica, that every job finished exactly once (one success, one audit record per
 * imported person, one "job finished" log line across both nodes), and prints the figures. Every
 * cluster and process it starts is removed at the end (--keep leaves them running to look at).
 * Not part of `npm test`: it needs root, Debian's postgresql-15 and nginx, and takes ~3 minutes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildXlsx, makeRows } from '../import.js';
import { ROOT, waitForHttp } from '../lib.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '40' },
    jobs: { type: 'string', default: '12' },
    'rows-per-job': { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const JOBS = Number(args.jobs);
const ROWS_PER_JOB = Number(args['rows-per-job']);

const PG = '15';
const PRIMARY = { name: 'nt_primary', port: 5442 };
const REPLICA = { name: 'nt_replica', port: 5443 };
const LB_PORT = 3930;
const NODE_PORTS = [3931, 3932];
const DIR = '/tmp/nangtam-multinode';
const DB = 'nangtam';
const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/${DB}`;
const LB = `http://127.0.0.1:${LB_PORT}`;

const sh = (cmd: string) => execFileSync('bash', ['-c', cmd], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- PostgreSQL: a primary and a streaming replica ----------

function dropClusters(): void {
  for (const c of [REPLICA, PRIMARY]) sh(`pg_dropcluster --stop ${PG} ${c.name} 2>/dev/null || true`);
}

function createClusters(): void {
  dropClusters();
  const hba = [
    'local all postgres peer',
    'host all all 127.0.0.1/32 trust',
    'host replication all 127.0.0.1/32 trust',
  ].join('\n');
  const gucs = ['wal_level=replica', 'max_wal_senders=5', 'hot_standby=on', 'max_connections=100']
    .map((g) => `-o "${g}"`)
    .join(' ');
  sh(`pg_createcluster ${PG} ${PRIMARY.name} -p ${PRIMARY.port} ${gucs}`);
  writeFileSync(`/etc/postgresql/${PG}/${PRIMARY.name}/pg_hba.conf`, `${hba}\n`);
  sh(`pg_ctlcluster ${PG} ${PRIMARY.name} start`);
  sh(`psql -h 127.0.0.1 -p ${PRIMARY.port} -U postgres -qc 'CREATE DATABASE ${DB}'`);
  // the replica: a base backup of the primary, streaming from it (-R writes primary_conninfo)
  sh(`pg_createcluster ${PG} ${REPLICA.name} -p ${REPLICA.port} ${gucs}`);
  writeFileSync(`/etc/postgresql/${PG}/${REPLICA.name}/pg_hba.conf`, `${hba}\n`);
  const data = `/var/lib/postgresql/${PG}/${REPLICA.name}`;
  sh(`find ${data} -mindepth 1 -delete && runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p ${PRIMARY.port} -U postgres -D ${data} -R -X stream -c fast`);
  sh(`pg_ctlcluster ${PG} ${REPLICA.name} start`);
}

async function query<T extends pg.QueryResultRow>(port: number, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url(port) });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

// ---------- app nodes and nginx ----------

const children: ChildProcess[] = [];

function startNode(i: number, demo: boolean): ChildProcess {
  const out = createWriteStream(`${DIR}/node${i + 1}.log`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(NODE_PORTS[i]),
      DATABASE_URL: url(PRIMARY.port),
      DATABASE_REPLICA_URL: url(REPLICA.port),
      DEMO: demo ? 'auto' : 'off',
      DEMO_PEOPLE: '500',
      LOG_LEVEL: 'info',
      LOGIN_RATE_LIMIT: '10000',
      IMPORT_MAX_MB: '50',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  children.push(child);
  return child;
}

function startNginx(): ChildProcess {
  mkdirSync(`${DIR}/nginx/logs`, { recursive: true });
  const conf = `${DIR}/nginx/nginx.conf`;
  writeFileSync(
    conf,
    `user root;
worker_processes 1;
daemon off;
pid ${DIR}/nginx/nginx.pid;
error_log ${DIR}/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${DIR}/nginx/body;
  proxy_temp_path ${DIR}/nginx/proxy;
  client_max_body_size 60m;
  upstream nangtam {
    # a node that fails a connection is left alone for 10 s; sessions live in the database, so no stickiness
    server 127.0.0.1:${NODE_PORTS[0]} max_fails=1 fail_timeout=10s;
    server 127.0.0.1:${NODE_PORTS[1]} max_fails=1 fail_timeout=10s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${LB_PORT};
    location / {
      proxy_pass http://nangtam;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      # a GET is retried on the other node; a POST is not (it may have been applied): the client sees 502
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  const child = spawn('nginx', ['-p', `${DIR}/nginx`, '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  nginx = child;
  return child;
}

let nginx: ChildProcess | null = null;

function cleanup(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  // nginx's master stops its workers on SIGTERM (a SIGKILL would leave them holding the port)
  if (nginx && nginx.exitCode === null && nginx.signalCode === null) nginx.kill('SIGTERM');
  if (!args.keep) dropClusters();
}

// ---------- the load ----------

interface Session {
  cookie: string;
  csrf: string;
}

async function login(username: string): Promise<Session> {
  const res = await fetch(`${LB}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'NangTam@2025' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

interface Acked {
  id: number;
  citizenId: string;
}

interface WriteStats {
  acked: Acked[];
  refused: Record<string, number>;
  byNode: Record<string, number>;
}

/** Creates people through the balancer until `until`; a 201 is an acknowledged write. */
async function writer(s: Session, units: number[], prefix: string, until: () => boolean, stats: WriteStats): Promise<void> {
  for (let i = 0; !until(); i++) {
    const citizenId = `${prefix}${String(i).padStart(7, '0')}`;
    try {
      const res = await fetch(`${LB}/api/v1/people`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({
          fullName: `Nguyễn Văn Tải ${prefix}-${i}`,
          citizenId,
          birthDate: '1985-06-15',
          gender: 'male',
          ethnicityCode: '01',
          category: 'cong_chuc',
          unitId: units[i % units.length],
        }),
      });
      const node = res.headers.get('x-upstream') ?? 'none';
      stats.byNode[node] = (stats.byNode[node] ?? 0) + 1;
      if (res.status === 201) stats.acked.push({ id: ((await res.json()) as { id: number }).id, citizenId });
      else {
        stats.refused[res.status] = (stats.refused[res.status] ?? 0) + 1;
        await res.arrayBuffer();
      }
    } catch (err) {
      stats.refused[(err as Error).message] = (stats.refused[(err as Error).message] ?? 0) + 1;
    }
  }
}

interface QueuedJob {
  id: number;
  rows: number;
  citizenPrefix: string;
  session: Session;
}

/** Queues import jobs, waiting while the user has the most jobs allowed (429). */
async function queueImports(sessions: Session[], communes: { id: number; code: string }[], count: number): Promise<QueuedJob[]> {
  const out: QueuedJob[] = [];
  for (let j = 0; j < count; j++) {
    const session = sessions[j % sessions.length]!;
    // bench rows use citizen ids 099 + 9 digits; each job its own range
    const rows = makeRows((j + 1) * ROWS_PER_JOB, communes).slice(j * ROWS_PER_JOB);
    const file = await buildXlsx(rows);
    for (;;) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), `job-${j}.xlsx`);
      const res = await fetch(`${LB}/api/v1/imports/people`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: form,
      });
      if (res.status === 202) {
        out.push({ id: ((await res.json()) as { id: number }).id, rows: ROWS_PER_JOB, citizenPrefix: rows[0]!.citizenId, session });
        break;
      }
      await res.arrayBuffer();
      await sleep(res.status === 429 ? 1000 : 300);
    }
  }
  return out;
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root (pg_createcluster, runuser)');
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const t0 = Date.now();
  log('PostgreSQL: primary on 5442, streaming replica on 5443…');
  createClusters();
  const streaming = await query<{ state: string }>(PRIMARY.port, 'SELECT state FROM pg_stat_replication');
  log(`  replication: ${streaming.map((r) => r.state).join(', ') || 'none'}`);

  log('Nodes: node 1 (builds the demo province), then node 2; nginx in front…');
  const node1 = startNode(0, true);
  await waitForHttp(`http://127.0.0.1:${NODE_PORTS[0]}/api/health`, 600_000);
  const node2 = startNode(1, false);
  await waitForHttp(`http://127.0.0.1:${NODE_PORTS[1]}/api/health`, 120_000);
  if (await fetch(`${LB}/api/health`).then(() => true, () => false)) throw new Error(`port ${LB_PORT} is taken (an nginx left over?)`);
  const lb = startNginx();
  await waitForHttp(`${LB}/api/health`);
  await sleep(500);
  if (lb.exitCode !== null) throw new Error(`nginx exited (${lb.exitCode}): is port ${LB_PORT} taken?`);
  void node1;

  const communes = await query<{ id: number; code: string }>(PRIMARY.port, "SELECT id, code FROM units WHERE kind = 'commune' ORDER BY code");
  const admin = await login('admin');
  const noivu = await login('noivu');

  // the load: 8 writers on one session (requests alternate between the nodes) + import jobs
  let stop = false;
  const stats: WriteStats = { acked: [], refused: {}, byNode: {} };
  const writers = Array.from({ length: 8 }, (_, w) =>
    writer(admin, communes.map((c) => c.id), `0980${w}`, () => stop, stats),
  );
  log(`Load: 8 writers for ${SECONDS} s, ${JOBS} import jobs of ${ROWS_PER_JOB} rows…`);
  const loadStart = Date.now();
  const jobsQueued = queueImports([admin, noivu], communes, JOBS);

  // kill -9 node 2 mid-load, once it is running a job (so a job must be recovered)
  let killedAt = 0;
  let runningOnKill: number[] = [];
  const killer = (async () => {
    await sleep((SECONDS * 1000) / 3);
    for (let i = 0; i < 60; i++) {
      const running = await query<{ id: number }>(PRIMARY.port, "SELECT id FROM jobs WHERE status = 'running' ORDER BY id");
      if (running.length >= 2 || i === 59) {
        runningOnKill = running.map((r) => r.id);
        break;
      }
      await sleep(500);
    }
    node2.kill('SIGKILL');
    killedAt = Date.now();
    log(`  kill -9 node 2 (pid ${node2.pid}) at +${((killedAt - loadStart) / 1000).toFixed(1)} s; running jobs then: ${runningOnKill.join(', ')}`);
  })();
  await sleep(SECONDS * 1000);
  stop = true;
  await Promise.all(writers);
  await killer;
  const jobs = await jobsQueued;
  log(`  writes: ${stats.acked.length} acknowledged, refused ${JSON.stringify(stats.refused)}; by node ${JSON.stringify(stats.byNode)}`);

  log('Waiting for every job to finish (a job of the dead node is recovered once its heartbeat is 60 s old)…');
  const deadline = Date.now() + 600_000;
  const finishedAt = new Map<number, number>();
  while (finishedAt.size < jobs.length && Date.now() < deadline) {
    for (const j of jobs) {
      if (finishedAt.has(j.id)) continue;
      const res = await fetch(`${LB}/api/v1/jobs/${j.id}`, { headers: { cookie: j.session.cookie } });
      const body = (await res.json()) as { status: string };
      if (body.status === 'succeeded' || body.status === 'failed') finishedAt.set(j.id, Date.now());
    }
    await sleep(2000);
  }

  // ---------- checks ----------
  const ids = stats.acked.map((a) => a.id);
  const onPrimary = (await query<{ n: number }>(PRIMARY.port, 'SELECT count(*)::int AS n FROM people WHERE id = ANY($1::int[])', [ids]))[0]!.n;
  // the replica has everything once it has replayed the primary's current WAL position
  const { lsn } = (await query<{ lsn: string }>(PRIMARY.port, 'SELECT pg_current_wal_lsn()::text AS lsn'))[0]!;
  const lagStart = Date.now();
  for (;;) {
    const { caught } = (await query<{ caught: boolean }>(REPLICA.port, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught', [lsn]))[0]!;
    if (caught || Date.now() - lagStart > 60_000) break;
    await sleep(50);
  }
  const catchUpMs = Date.now() - lagStart;
  const onReplica = (await query<{ n: number }>(REPLICA.port, 'SELECT count(*)::int AS n FROM people WHERE id = ANY($1::int[])', [ids]))[0]!.n;
  const lag = await query<{ replay_lag: string | null }>(PRIMARY.port, 'SELECT replay_lag::text FROM pg_stat_replication');

  const jobRows = await query<{ id: number; status: string; attempts: number; result: Record<string, unknown> | null; audit: number; people: number }>(
    PRIMARY.port,
    `SELECT j.id, j.status, j.attempts, j.result,
            (SELECT count(*)::int FROM audit_log a WHERE a.action = 'import' AND (a.after->>'jobId')::int = j.id) AS audit,
            (SELECT count(*)::int FROM people p JOIN audit_log a ON a.person_id = p.id AND a.action = 'import' AND (a.after->>'jobId')::int = j.id) AS people
     FROM jobs j WHERE j.id = ANY($1::int[]) ORDER BY j.id`,
    [jobs.map((j) => j.id)],
  );
  const logs = [1, 2].map((n) => readFileSync(`${DIR}/node${n}.log`, 'utf8'));
  const finishedLines = new Map<number, number>();
  for (const text of logs) {
    for (const line of text.split('\n')) {
      if (!line.includes('"job finished"')) continue;
      const m = /"jobId":(\d+)/.exec(line);
      if (m) finishedLines.set(Number(m[1]), (finishedLines.get(Number(m[1])) ?? 0) + 1);
    }
  }
  const exactlyOnce = jobRows.every((j) => j.status === 'succeeded' && j.audit === ROWS_PER_JOB && j.people === ROWS_PER_JOB);
  const recovered = jobRows.filter((j) => j.attempts > 1).map((j) => j.id);
  const duplicatesLogged = [...finishedLines.entries()].filter(([, n]) => n > 1).map(([id]) => id);
  const reportRes = await fetch(`${LB}/api/v1/units/${communes[0]!.id}/gaps`, { headers: { cookie: admin.cookie } });

  const summary = {
    seconds: SECONDS,
    writers: 8,
    acknowledgedWrites: stats.acked.length,
    refusedWrites: stats.refused,
    requestsByNode: stats.byNode,
    ackedOnPrimary: onPrimary,
    ackedOnReplica: onReplica,
    replicaCatchUpMs: catchUpMs,
    replayLag: lag.map((l) => l.replay_lag),
    killedAfterSeconds: (killedAt - loadStart) / 1000,
    jobsRunningAtKill: runningOnKill,
    jobs: jobRows.map((j) => ({ id: j.id, status: j.status, attempts: j.attempts, audit: j.audit, people: j.people, finishedLogLines: finishedLines.get(j.id) ?? 0 })),
    jobsRecovered: recovered,
    lastJobFinishedAfterKillSeconds: Math.max(...finishedAt.values()) > killedAt ? (Math.max(...finishedAt.values()) - killedAt) / 1000 : 0,
    gapsReportThroughBalancer: reportRes.status,
    totalSeconds: (Date.now() - t0) / 1000,
  };
  writeFileSync(`${DIR}/summary.json`, JSON.stringify(summary, null, 2));
  console.log(JSON.stringify(summary, null, 2));
  const ok =
    onPrimary === stats.acked.length &&
    onReplica === stats.acked.length &&
    exactlyOnce &&
    jobRows.length === jobs.length &&
    duplicatesLogged.length === 0 &&
    jobRows.every((j) => (finishedLines.get(j.id) ?? 0) === 1);
  log(ok ? 'PASS: every acknowledged write is present (primary and replica), every job finished exactly once' : 'FAIL: see the summary above');
  process.exitCode = ok ? 0 : 1;
}

process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});
main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    cleanup();
    log(args.keep ? `left running (logs in ${DIR})` : `clusters and processes removed (logs in ${DIR})`);
    // open handles (pg clients, fetch keep-alive) must not keep the script alive
    setTimeout(() => process.exit(), 500).unref();
  });
