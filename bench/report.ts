import { readFileSync, writeFileSync } from 'node:fs';
import type { ImportBench } from './import.js';
import type { LoadResult } from './lib.js';
import { ROOT } from './lib.js';

interface Report {
  people: number;
  seconds: number;
  machine: string;
  search: {
    scenarios: string[];
    throughput: { api: LoadResult; baseline: LoadResult };
    fixedRate: { rate: number; api: LoadResult; baseline: LoadResult };
  } | null;
  imported: ImportBench | null;
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

export function writeReport(r: Report): void {
  const lines = [
    '# Performance',
    '',
    'Written by `npm run bench` (see `bench/`); every figure is measured against a baseline in the same run.',
    `Last run: ${new Date().toISOString().slice(0, 10)}, ${r.people.toLocaleString('en-US')} people on PostgreSQL, ${r.machine}.`,
    'Load comes from autocannon in the benchmark process on the same machine, so client and server share the 2 cores.',
    '',
  ];
  if (r.search) {
    const { throughput: t, fixedRate: f } = r.search;
    lines.push(
      '## People search and list (`GET /api/v1/people`)',
      '',
      'Requests rotate through these filters (page of 20 unless stated, with the total count):',
      ...r.search.scenarios.map((s) => `- \`${decodeURIComponent(s)}\``),
      '',
      'Baseline: the same two SQL statements our repository builds (page + count), through bare `pg` and `node:http`,',
      'with no framework, validation, session lookup or response shaping.',
      '',
      `| measure | API | baseline | ratio | target |`,
      `|---|---|---|---|---|`,
      `| throughput, 10 connections, ${r.seconds} s | ${n(t.api.rps)} req/s | ${n(t.baseline.rps)} req/s | ${pct(t.api.rps, t.baseline.rps)} | ≥ 50% — ${verdict(t.api.rps >= 0.5 * t.baseline.rps)} |`,
      `| p50 at ${f.rate} req/s | ${f.api.p50} ms | ${f.baseline.p50} ms | | |`,
      `| p99 at ${f.rate} req/s | ${f.api.p99} ms | ${f.baseline.p99} ms | | < 50 ms — ${verdict(f.api.p99 < 50)} |`,
      `| errors / non-2xx | ${t.api.errors + f.api.errors} / ${t.api.non2xx + f.api.non2xx} | ${t.baseline.errors + f.baseline.errors} / ${t.baseline.non2xx + f.baseline.non2xx} | | 0 |`,
      '',
    );
  }
  if (r.imported) {
    const i = r.imported;
    lines.push(
      '## Excel import of people (`POST /api/v1/imports/people`)',
      '',
      `An xlsx of ${n(i.rows)} new people (every template column filled) uploaded through the API as the provincial`,
      'board and run as a background job: parse, validate every row against the database, insert people,',
      'qualifications and one audit record per person in one transaction. Baseline: `COPY` of the same rows',
      '(CSV) into a copy of the `people` table with the same indexes.',
      '',
      '| measure | import | COPY baseline | ratio | target |',
      '|---|---|---|---|---|',
      `| ${n(i.rows)} rows | ${i.importSeconds.toFixed(1)} s (${n(i.rows / i.importSeconds)} rows/s) | ${i.copySeconds.toFixed(2)} s (${n(i.rows / i.copySeconds)} rows/s) | ${pct(i.copySeconds, i.importSeconds)} | ≥ 25% — ${verdict(i.copySeconds / i.importSeconds >= 0.25)} |`,
      `| server peak RSS during the import | ${n(i.peakRssMiB)} MiB (before: ${n(i.rssBeforeMiB)} MiB) | | | < 1 GiB — ${verdict(i.peakRssMiB < 1024)} |`,
      `| upload (${(i.fileBytes / 2 ** 20).toFixed(1)} MiB file) | ${i.uploadSeconds.toFixed(1)} s | | | |`,
      '',
    );
  }
  // the interpretation is written by people, in bench/notes.md, and kept below the figures
  const notes = readFileSync(`${ROOT}bench/notes.md`, 'utf8');
  writeFileSync(`${ROOT}docs/PERFORMANCE.md`, `${lines.join('\n')}\n${notes}`);
}
