import { loadavg } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { foldVietnamese, nameSortKey } from '@nang-tam/domain';
import { IMPORT_COLUMNS, IMPORT_SHEET, type ColumnKey } from '../apps/server/src/jobs/people-import/columns.js';
import { currentRssMiB, peakRssMiB, startServer, stop, waitForHttp } from './lib.js';

export interface ImportBench {
  rows: number;
  fileBytes: number;
  uploadSeconds: number;
  importSeconds: number;
  copySeconds: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
  // import-speed: seconds from the upload's start to the first poll that saw each stage of the job
  stages: Record<string, number>;
  loadAverage: number;
}

export const CITIZEN_PREFIX = '099'; // the generator never uses it, so bench rows never collide

export interface BenchRow {
  fullName: string;
  citizenId: string;
  birthDate: string; // ISO
  gender: 'male' | 'female';
  ethnicityCode: string;
  unitId: number;
  unitCode: string;
  partyJoinedOn: string; // ISO
  partyOfficialOn: string; // ISO
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Phạm', 'Ma', 'Nông', 'Triệu', 'Giàng', 'Lò'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phương', 'Quân', 'Thảo'];

export function makeRows(count: number, units: { id: number; code: string }[]): BenchRow[] {
  return Array.from({ length: count }, (_, i) => {
    const year = 1966 + (i % 36);
    return {
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 3) % MIDDLE.length]} ${GIVEN[(i >> 5) % GIVEN.length]}`,
      citizenId: `${CITIZEN_PREFIX}${String(i).padStart(9, '0')}`,
      birthDate: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      gender: i % 2 ? 'female' : 'male',
      ethnicityCode: ['01', '02', '09', '08'][i % 4]!,
      unitId: units[i % units.length]!.id,
      unitCode: units[i % units.length]!.code,
      partyJoinedOn: `${year + 24}-05-15`,
      partyOfficialOn: `${year + 25}-05-15`,
    };
  });
}

const viDate = (iso: string) => iso.split('-').reverse().join('/');

export async function buildXlsx(rows: BenchRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet(IMPORT_SHEET);
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (const r of rows) {
    const values: Record<ColumnKey, string> = {
      fullName: r.fullName,
      citizenId: r.citizenId,
      birthDate: viDate(r.birthDate),
      gender: r.gender === 'male' ? 'Nam' : 'Nữ',
      ethnicity: r.ethnicityCode,
      category: 'Công chức',
      unit: r.unitCode,
      title: '',
      jobPosition: 'TH',
      rank: '01.003',
      managementScope: 'CQDV',
      partyMembership: 'Chính thức',
      partyJoinedOn: viDate(r.partyJoinedOn),
      partyOfficialOn: viDate(r.partyOfficialOn),
      phone: '0912345678',
      email: `cb${r.citizenId}@tuyenquang.gov.vn`,
      educationLevel: 'Đại học',
      educationField: 'Quản lý nhà nước',
      politicalTheoryLevel: 'Trung cấp',
      stateManagementLevel: 'Chuyên viên',
    };
    ws.addRow(IMPORT_COLUMNS.map((c) => values[c.key])).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** COPY of the same rows into a same-shaped table with the same indexes: the baseline. */
async function copyBaseline(url: string, rows: BenchRow[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS bench_people_copy');
  await client.query('CREATE TABLE bench_people_copy (LIKE people INCLUDING ALL)');
  const csv = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const t0 = performance.now();
  const copy = client.query(
    copyFrom(
      'COPY bench_people_copy (citizen_id, full_name, search_name, sort_key, birth_date, gender, ethnicity_code, category, unit_id, party_joined_on, party_official_on, phone, email, education_level, political_theory_level, state_management_level) FROM STDIN WITH (FORMAT csv)',
    ),
  );
  await pipeline(
    Readable.from(
      (function* () {
        for (const r of rows) {
          yield `${[r.citizenId, r.fullName, foldVietnamese(r.fullName), nameSortKey(r.fullName), r.birthDate, r.gender, r.ethnicityCode, 'cong_chuc', r.unitId, r.partyJoinedOn, r.partyOfficialOn, '0912345678', `cb${r.citizenId}@tuyenquang.gov.vn`, 'dai_hoc', 'trung_cap', 'chuyen_vien'].map(csv).join(',')}\n`;
        }
      })(),
    ),
    copy,
  );
  const seconds = (performance.now() - t0) / 1000;
  await client.query('DROP TABLE bench_people_copy');
  await client.end();
  return seconds;
}

export async function removeBenchRows(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DELETE FROM audit_log WHERE person_id IN (SELECT id FROM people WHERE citizen_id LIKE '${CITIZEN_PREFIX}%')`);
  await client.query(`DELETE FROM people WHERE citizen_id LIKE '${CITIZEN_PREFIX}%'`);
  await client.query('DELETE FROM jobs');
  await client.end();
}

export async function benchImport(url: string, opts: { rows: number; port: number }): Promise<ImportBench> {
  await removeBenchRows(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const units = (await client.query<{ id: number; code: string }>("SELECT id, code FROM units WHERE kind = 'commune' ORDER BY code")).rows;
  await client.end();
  const rows = makeRows(opts.rows, units);
  console.log(`Import: building an xlsx of ${opts.rows} rows…`);
  const file = await buildXlsx(rows);

  console.log('Import: COPY baseline…');
  const copySeconds = await copyBaseline(url, rows);

  const server = startServer({ DATABASE_URL: url, PORT: String(opts.port), IMPORT_MAX_MB: '200' });
  try {
    const api = `http://127.0.0.1:${opts.port}`;
    await waitForHttp(`${api}/api/health`);
    const login = await fetch(`${api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'NangTam@2025' }),
    });
    const me = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const rssBeforeMiB = currentRssMiB(server.pid!);
    let peak = rssBeforeMiB;
    const sampler = setInterval(() => (peak = Math.max(peak, currentRssMiB(server.pid!))), 100);

    console.log(`Import: uploading ${(file.length / 2 ** 20).toFixed(1)} MiB…`);
    const t0 = performance.now();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'bench.xlsx');
    const res = await fetch(`${api}/api/v1/imports/people`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken },
      body: form,
    });
    if (res.status !== 202) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    const uploadSeconds = (performance.now() - t0) / 1000;
    const job = (await res.json()) as { id: number };
    const stages: Record<string, number> = {};
    for (;;) {
      const j = (await (await fetch(`${api}/api/v1/jobs/${job.id}`, { headers: { cookie } })).json()) as {
        status: string;
        stage: string | null;
        result: unknown;
        progress: number;
        total: number;
      };
      if (j.stage && stages[j.stage] === undefined) stages[j.stage] = (performance.now() - t0) / 1000;
      if (j.status === 'succeeded') break;
      if (j.status === 'failed') throw new Error(`import failed: ${JSON.stringify(j.result).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const importSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const peakRss = Math.max(peak, peakRssMiB(server.pid!));
    const loadAverage = loadavg()[0]!;
    console.log(`  import ${importSeconds.toFixed(1)} s vs COPY ${copySeconds.toFixed(2)} s; peak RSS ${peakRss} MiB; load average ${loadAverage.toFixed(1)}`);
    console.log(`  stages first seen at: ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
    return { rows: opts.rows, fileBytes: file.length, uploadSeconds, importSeconds, copySeconds, rssBeforeMiB, peakRssMiB: peakRss, stages, loadAverage };
  } finally {
    await stop(server);
    await removeBenchRows(url);
  }
}
