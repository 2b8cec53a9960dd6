import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@nang-tam/db';
import { buildXlsx, makeRows } from './import.js';
import { startServer, stop, waitForHttp } from './lib.js';
const port = 3911;
const dataDir = process.env.DIAG_DIR ?? mkdtempSync(join(tmpdir(), 'diag-'));
const api = `http://127.0.0.1:${port}`;
if (!process.env.DIAG_DIR) {
  const s = startServer({ DATA_DIR: dataDir, PORT: String(port), DEMO: 'auto', DEMO_PEOPLE: '100' });
  await waitForHttp(`${api}/api/health`, 600000); await stop(s);
}
console.log('dir', dataDir);
const db = await createDb({ dataDir });
const communes = (await db.query<{ id: number; code: string }>("SELECT id, code FROM units WHERE kind = 'commune' ORDER BY code")).rows;
await db.close();
const rows = Number(process.env.ROWS ?? 3000);
const file = await buildXlsx(makeRows(rows, communes).map((r, i) => ({ ...r, citizenId: `098${String(Date.now() % 1000).padStart(3,'0')}${String(i).padStart(6, '0')}` })));
const server = startServer({ DATA_DIR: dataDir, PORT: String(port), IMPORT_MAX_MB: '200', LOG_LEVEL: 'info' });
await waitForHttp(`${api}/api/health`);
const res = await fetch(`${api}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'NangTam@2025' }) });
const me = await res.json() as { csrfToken: string }; const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
const t0 = performance.now(); let running = true;
const probe = (async () => { while (running) { const t = performance.now(); await fetch(`${api}/api/health`).then(r => r.arrayBuffer()); const d = performance.now() - t; if (d > 150) console.log(`slow ${d.toFixed(0)} ms ending at ${(performance.now() - t0).toFixed(0)}`); await new Promise(r => setTimeout(r, 10)); } })();
const form = new FormData(); form.append('file', new Blob([new Uint8Array(file)]), 'b.xlsx');
const up = await fetch(`${api}/api/v1/imports/people`, { method: 'POST', headers: { cookie, 'x-csrf-token': me.csrfToken }, body: form });
const job = await up.json() as { id: number };
let last = '';
for (;;) { const j = await (await fetch(`${api}/api/v1/jobs/${job.id}`, { headers: { cookie } })).json() as any; const st = `${j.status} ${j.stage} ${j.progress}/${j.total}`; if (st !== last) { console.log(`${(performance.now() - t0).toFixed(0)} ${st}`); last = st; } if (j.status === 'succeeded' || j.status === 'failed') break; await new Promise(r => setTimeout(r, 100)); }
running = false; await probe; await stop(server);
