import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { EligibilityBench } from './eligibility.js';
import type { ClassesBench } from './classes.js';
import type { ResponsivenessBench } from './responsiveness.js';
import type { StatisticsBench } from './statistics.js';
import type { NeedsBench } from './needs.js';
import type { BudgetsBench } from './budgets.js';
import type { PaymentsBench } from './payments.js';
import type { ImportBench } from './import.js';
import type { ReportsBench } from './reports.js';
import type { EvaluationBench } from './evaluation.js';
import type { IndicatorsBench } from './indicators.js';
// national speed (issue 10, decision 0058)
import type { NationalBench, NationalRow } from './national-types.js';
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
    // people list (decision 0059): the 1-minute load average after each phase
    loadAverage: { throughput: number; fixedRate: number };
    // people-list (decision 0069)
    cpuPerRequestMs?: { api: number; baseline: number; postgresApi?: number; postgresBaseline?: number };
    clientInProcess?: { api: LoadResult; baseline: LoadResult };
  } | null;
  imported: ImportBench | null;
  eligibility: EligibilityBench | null;
  classes: ClassesBench | null;
  responsiveness?: ResponsivenessBench | null;
  needs?: NeedsBench | null;
  budgets?: BudgetsBench | null;
  payments?: PaymentsBench | null;
  reports?: ReportsBench | null;
  evaluation?: EvaluationBench | null;
  indicators?: IndicatorsBench | null;
  statistics?: StatisticsBench | null;
}

const SEARCH_HEADING = '## People search and list (`GET /api/v1/people`)';
const IMPORT_HEADING = '## Excel import of people (`POST /api/v1/imports/people`)';
const ELIGIBILITY_HEADING = '## Gaps and eligibility (`GET /api/v1/units/:id/gaps`, `GET /api/v1/candidates`)';
const CLASSES_HEADING = '## Classes: graduation and certificates, bulk nomination, class board';
const RESPONSIVENESS_HEADING = '## The API during an import (`GET /api/health` while a 100,000-row import runs)';
const NEEDS_HEADING = '## Needs aggregation (`GET /api/v1/needs/campaigns/:id/aggregate`)';
const BUDGETS_HEADING = '## Budget report of a year (`GET /api/v1/budgets/report`)';
const PAYMENTS_HEADING = '## Payment list of a class of 500 (`GET /api/v1/classes/:id/support`)';
const REPORTS_HEADING = '## Official report forms (`POST /api/v1/reports/forms/:code/fill`)';
const EVALUATION_HEADING = '## Results at two years (every cohort of the province, `GET /api/v1/evaluation/results`)';
const INDICATORS_HEADING = '## Indicators as of a date (`GET /api/v1/indicators/:id?asOf=…`)';
const STATISTICS_HEADING = '## Training statistics and dashboards (`/api/v1/statistics/…`)';

/** Where and when a section's figures were measured: the line under its heading. */
const measuredLine = (date: string, run: string) => `_Measured ${date}: ${run}._`;
const MEASURED = /^_Measured /;
const LAST_RUN = /^Last run: (\d{4}-\d{2}-\d{2}), (.*)\.$/;

/**
 * The sections of the current docs/PERFORMANCE.md by heading, to keep those not measured this run.
 * A kept section without its own "Measured" line (written before sections had one) gets one from
 * the previous header, so figures from another run or machine never pass for this run's.
 */
function previousSections(): Map<string, string[]> {
  const path = `${ROOT}docs/PERFORMANCE.md`;
  const out = new Map<string, string[]>();
  if (!existsSync(path)) return out;
  const notesHeadings = new Set(
    readFileSync(`${ROOT}bench/notes.md`, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('## ')),
  );
  let lastRun: string | null = null;
  let current: string[] | null = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = LAST_RUN.exec(line);
    if (m && lastRun === null) lastRun = measuredLine(m[1]!, m[2]!);
    if (line.startsWith('## ')) {
      // every section of figures, also those written by other benchmarks (first load, certificates…);
      // the interpretation below them comes from bench/notes.md
      current = notesHeadings.has(line) ? null : [];
      if (current) out.set(line, current);
    }
    current?.push(line);
  }
  for (const section of out.values()) {
    if (lastRun !== null && !section.some((l) => MEASURED.test(l))) section.splice(1, 0, '', lastRun);
  }
  return out;
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

function eligibilitySection(e: EligibilityBench, measured: string): string[] {
  const service = e.gaps.serviceMs + e.eligibility.serviceMs;
  const baseline = e.gaps.baselineMs + e.eligibility.baselineMs;
  const ratio = service / baseline;
  const api = e.gaps.apiMs + e.candidates.apiMs;
  const c = e.eligibility.counts;
  const same = e.gaps.match && e.eligibility.match;
  return [
    ELIGIBILITY_HEADING,
    '',
    measured,
    '',
    `The whole province (${n(e.people)} people) as of ${e.asOf}, median of ${e.runs} runs after three untimed ones.`,
    'The services answer through the rules engine (`rules.prepareGaps` / `rules.prepareEligibility`) on facts loaded',
    'in chunks of 4,000 people; SQL only pre-filters people who fail a rule for certain (see',
    '`packages/db/src/repositories/person-facts.repository.ts`). Baselines: one hand-written, set-based SQL statement',
    'per answer, written for the shipped rules (the gaps of every person per direct child unit by qualification kind',
    'and level; the trung cấp LLCT counts under 350-QĐ/TW), run on the same connection pool in the same process and',
    'timed in alternation with the service, so both see the same load. The benchmark compares the answers, not only',
    'the times. "Through the API" is the route with session, validation and JSON, called in-process (`app.inject`).',
    '',
    '| measure | service | SQL baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| gaps dashboard of the province (${n(e.gaps.withGaps)} of ${n(e.gaps.withStandards)} people with standards lack something) | ${ms(e.gaps.serviceMs)} | ${ms(e.gaps.baselineMs)} | ${(e.gaps.serviceMs / e.gaps.baselineMs).toFixed(2)}× | |`,
    `| trung cấp LLCT, full time: ${n(c.eligible)} eligible, ${n(c.cannotDecide)} cannot decide, ${n(c.notEligible)} not eligible | ${ms(e.eligibility.serviceMs)} | ${ms(e.eligibility.baselineMs)} | ${(e.eligibility.serviceMs / e.eligibility.baselineMs).toFixed(2)}× | |`,
    `| **gaps + eligibility** | ${ms(service)} | ${ms(baseline)} | ${ratio.toFixed(2)}× | < 2 s and ≤ 3× — ${verdict(service < 2000 && ratio <= 3)} |`,
    `| gaps + eligibility through the API (dashboard and candidate list) | ${ms(api)} (${ms(e.gaps.apiMs)} + ${ms(e.candidates.apiMs)}) | | | < 2 s — ${verdict(api < 2000)} |`,
    `| same answers as the baselines | ${same ? 'yes' : '**no**'} | | | yes — ${verdict(same)} |`,
    `| candidate list, trung cấp LLCT over the province, ranked, page of ${e.candidates.pageSize} of ${n(e.candidates.total)}, through the API | ${ms(e.candidates.apiMs)} (service alone, same rounds: ${ms(e.candidates.serviceMs)}) | | | < 500 ms — ${verdict(e.candidates.apiMs < 500)} |`,
    `| for reading: the same list with every person through the engine (no pre-filter) | ${ms(e.fullEvaluation.ms)} | | | |`,
    `| for reading: what-if 28/8 → 29/8/2025 (57-QĐ/TW → 350-QĐ/TW), ${n(e.whatIf.changed)} people change | ${ms(e.whatIf.ms)} | | | |`,
    '',
  ];
}

function classesSection(c: ClassesBench, measured: string): string[] {
  const g = c.graduation;
  const p = g.pdf;
  const withPdfs = g.apiMs + p.apiMs;
  const b = c.board;
  const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
  return [
    CLASSES_HEADING,
    '',
    measured,
    '',
    `On a scratch copy of the province's database (made from it as a template and dropped afterwards), as of ${c.asOf}; the`,
    'classes, their schedules, enrolments, nominations, attendance, recalls, make-ups, grades and conduct reports are',
    'generated by the benchmark under a unit and accounts of its own (`bench/classes.ts`). Through the API means the real',
    'routes with session, validation and JSON, called in-process (`app.inject`). The machine was shared with other work:',
    `its 1-minute load average was ${c.load.board.toFixed(1)} when the board was measured, ${c.load.graduation.toFixed(1)} for the graduation and ${c.load.bulk.toFixed(1)} for the bulk nomination.`,
    '',
    '| measure | ours | baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| graduating a class of ${n(g.learners)} (${n(g.completed)} graduated, ${n(g.failed)} not) and issuing ${n(g.completed)} certificates, one API call | ${s(g.apiMs)} | ${s(g.baselineMs)}: the same rows as bare multi-row statements | ${(g.apiMs / g.baselineMs).toFixed(1)}× | |`,
    `| downloading the ${n(p.count)} PDFs through the API, one after another (${n(p.meanBytes / 1024)} KiB each) | ${s(p.apiMs)} (${n(p.apiMs / p.count)} ms each) | | | |`,
    `| of them, ${n(p.sample.count)} sampled: through the API vs pdfmake rendering the same certificate alone right after | ${n(p.sample.apiMeanMs)} ms each | ${n(p.sample.renderMeanMs)} ms each | ${(p.sample.apiMeanMs / p.sample.renderMeanMs).toFixed(2)}× | |`,
    `| **graduation + certificates, including the PDFs** | ${s(withPdfs)} (without the PDFs: ${s(g.apiMs)}) | | | < 10 s — ${verdict(withPdfs < 10_000)}; without the PDFs ${verdict(g.apiMs < 10_000)} |`,
    `| bulk nomination of ${n(c.bulk.people)} eligible people through the job (${n(c.bulk.nominated)} nominated, ${n(c.bulk.waitlisted)} waitlisted, ${n(c.bulk.refused)} refused), from the request to the finished job | ${s(c.bulk.jobMs)} | ${s(c.bulk.baselineMs)}: the same rows, bare \`pg\`, one transaction each | ${(c.bulk.jobMs / c.bulk.baselineMs).toFixed(1)}× | < 30 s — ${verdict(c.bulk.jobMs < 30_000)} |`,
    `| class board of ${b.year}: ${n(b.classes)} classes (${n(b.carriedOver)} carried over), ${n(b.learners)} learners (${n(b.examEligibility.eligible)} may sit the exam, ${n(b.examEligibility.notEligible)} may not, ${n(b.examEligibility.pending)} pending), through the API, median of ${b.runs} | ${n(b.apiMs)} ms (service alone ${n(b.serviceMs)} ms, of which reading ${n(b.readMs)} ms; ${n(b.bytes / 1024)} KiB) | ${n(b.baselineMs)} ms: one SQL statement | ${(b.apiMs / b.baselineMs).toFixed(2)}× | < 300 ms — ${verdict(b.apiMs < 300)} |`,
    `| the board's figures equal the SQL baseline's, class by class | ${b.match ? 'yes' : `**no**: ${b.mismatches.join('; ')}`} | | | yes — ${verdict(b.match)} |`,
    '',
  ];
}

function responsivenessSection(b: ResponsivenessBench, today: string, machine: string): string[] {
  const f = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
  const rows = b.runs.map((x) => {
    const target =
      x.db === 'postgres' ? `p99 < 200 ms — ${verdict(x.during.p99 < 200)}` : `longest pause < 1 s — ${verdict(x.during.max < 1000)}`;
    return `| ${x.db === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${n(x.rows)} rows | ${f(x.during.p50)} / ${f(x.during.p99)} / ${f(x.during.max)} (${n(x.during.requests)} requests, ${x.during.errors} errors; longest while ${x.longestPauseIn}) | ${f(x.baseline.p50)} / ${f(x.baseline.p99)} / ${f(x.baseline.max)} | ${x.importSeconds.toFixed(1)} s, peak RSS ${n(x.peakRssMiB)} MiB | ${target} |`;
  });
  return [
    RESPONSIVENESS_HEADING,
    '',
    measuredLine(
      today,
      `PostgreSQL (the benchmark province) and PGlite (a fresh data folder with the 100-person demo province), ${machine}`,
    ),
    '',
    'An xlsx of new people (every template column filled; 100,000 rows is 9 MiB) uploaded through the API and run as a',
    'background job, while `GET /api/health` (which runs `SELECT 1`) is called one request after another, every 10 ms,',
    'from the benchmark process. Baseline: the same probe on the same server for 10 s (PGlite: 5 s) before the upload.',
    'The file is stored in 256 KiB parts, one short statement each (decision 0064); the workbook is read in a worker',
    'thread, rows are staged in short statements and published set-based (decisions 0018, 0032): on PostgreSQL in one',
    'transaction (0068), on PGlite in prepared chunks of about 300 ms each, made visible at once (0054, 0064).',
    'p50 / p99 / longest; the longest is the longest time the API did not answer, with the stage the job was in (as',
    'polled every 0.5 s) before and after it.',
    `Load average (1 min) when the figures were written: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`,
    '',
    '| import | health during the import (p50 / p99 / longest) | baseline, no import (p50 / p99 / longest) | import | target |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

function needsSection(e: NeedsBench, measured: string): string[] {
  return [
    NEEDS_HEADING,
    '',
    measured,
    '',
    `A campaign asking every unit of the province (${n(e.units)} units of ${n(e.people)} people), every answer submitted with`,
    `${n(e.lines)} lines in all (${n(e.requested)} people asked for, ${n(e.named)} named), aggregated by programme, mode, quarter,`,
    'unit with the subtree roll-up and target group (young, female, ethnic minority, planned), with the units not answered.',
    'The service: SQL gathers one row per line with its named people counted by group, the domain sums them',
    '(`needs.aggregateNeeds`). Baseline: one hand-written set-based statement computing the same sums (programme × mode',
    `× quarter with the groups; every unit's subtree total by a path join), timed in alternation with the service, median of ${e.runs}`,
    'after three untimed rounds. The answers are compared. The campaign is made for the run and deleted afterwards.',
    '',
    '| measure | ours | SQL baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| aggregation, service | ${ms(e.serviceMs)} | ${ms(e.baselineMs)} | ${(e.serviceMs / e.baselineMs).toFixed(2)}× | < 500 ms — ${verdict(e.serviceMs < 500)} |`,
    `| aggregation through the API | ${ms(e.apiMs)} | | | < 500 ms — ${verdict(e.apiMs < 500)} |`,
    `| same answer as the baseline | ${e.match ? 'yes' : 'no'} | | | yes — ${verdict(e.match)} |`,
    '',
  ];
}

function budgetsSection(e: BudgetsBench, measured: string): string[] {
  return [
    BUDGETS_HEADING,
    '',
    measured,
    '',
    `A year of ${n(e.classes)} classes (${n(e.lines)} plan lines realised by 400 of them, 100 outside the plan), ${n(e.enrolments)} enrolments,`,
    `a detailed estimate for every line and class and ${n(e.entries)} vouchers, in a province of ${n(e.people)} people. The API answers`,
    "estimate against actual by category with learners, person-times (the plans' realisation facts) and the cost per learner",
    "and per person-time. Baseline: the same SQL statements (the repository's, in the same order) through a bare `pg` pool,",
    `with no HTTP, session, validation, domain or response shaping; timed in alternation, median of ${e.runs} after three`,
    'untimed rounds. The totals are compared with a hand-written SQL sum. The year is made for the run and deleted afterwards.',
    '',
    '| measure | ours | SQL baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| report by plan line, through the API | ${ms(e.apiLineMs)} | ${ms(e.baselineMs)} | ${(e.apiLineMs / e.baselineMs).toFixed(2)}× | < 1 s — ${verdict(e.apiLineMs < 1000)} |`,
    `| report by programme, through the API | ${ms(e.apiProgrammeMs)} | | | < 1 s — ${verdict(e.apiProgrammeMs < 1000)} |`,
    `| totals equal the hand-written SQL | ${e.match ? 'yes' : 'no'} | | | yes — ${verdict(e.match)} |`,
    '',
  ];
}

function paymentsSection(e: PaymentsBench, measured: string): string[] {
  return [
    PAYMENTS_HEADING,
    '',
    measured,
    '',
    `A class made for the run with ${n(e.learners)} learners of the province, ${n(e.paid)} of them already paid in part; its payment`,
    'list read as the provincial board: every learner assessed under the support policy in force on the first day (each item with',
    `its explanation), what was paid, the totals (${n(e.owed)} đ owed). Baseline: the ${e.statements} SQL statements the service issues for one`,
    'list (recorded from one call) replayed through bare `pg` on one client, no assessment, no shaping, no HTTP. Timed in alternation,',
    `median of ${e.runs} after three untimed rounds. The API is timed to the whole answer received (about 1.4 kB a learner, written`,
    'without the zod re-validation of the response, decision 0049), not including the client parsing it. The class, its enrolments and',
    'payments are deleted afterwards. The machine was shared with other work during the run: the figures vary from run to run.',
    '',
    '| measure | ours | SQL baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| payment list through the API | ${ms(e.apiMs)} | ${ms(e.baselineMs)} | ${(e.apiMs / e.baselineMs).toFixed(2)}× | < 200 ms — ${verdict(e.apiMs < 200)} |`,
    `| payment list, service | ${ms(e.serviceMs)} | | | |`,
    '',
  ];
}

// official statistical reports (issue 10 point 3, decision 0048)
function reportsSection(e: ReportsBench, measured: string): string[] {
  return [
    REPORTS_HEADING,
    '',
    measured,
    '',
    `The yearly training report (NT-02-KQDT, ${e.statements} SQL statements) filled for the whole province (${n(e.people)} people) for ${e.year}, the year with`,
    `the most training records (${n(e.personTimes)} person-times). Through the API: the fill request (checks, job queued), the job run (every cell`,
    'counted — headcounts here, person-times through the training statistics —, the grid laid out, the Excel rendered in the worker pool)',
    'and the job read back. The service: the fill alone (no Excel). Baseline: the same SQL statements, captured from one fill, replayed',
    `one after another through a bare \`pg\` client. Median of ${e.runs} after two untimed rounds. The grid's total is compared with a hand-written count.`,
    `Load average when the timing started: ${e.load} (the machine is shared with other benchmarks and test runs).`,
    '',
    '| measure | ours | bare pg baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| fill + Excel through the API | ${ms(e.apiMs)} | ${ms(e.baselineMs)} | ${(e.apiMs / e.baselineMs).toFixed(2)}× | < 1 s — ${verdict(e.apiMs < 1000)} |`,
    `| fill, service (grid only) | ${ms(e.serviceMs)} | ${ms(e.baselineMs)} | ${(e.serviceMs / e.baselineMs).toFixed(2)}× | |`,
    `| total equals the hand-written count | ${e.match ? 'yes' : 'no'} | | | yes — ${verdict(e.match)} |`,
    '',
  ];
}

// evaluation after training: results at two years (issue 11 point 4, decision 0052)
function evaluationSection(e: EvaluationBench, measured: string): string[] {
  return [
    EVALUATION_HEADING,
    '',
    measured,
    '',
    `The two-year evaluation of every cohort due (${n(e.cohorts)} classes of ten years, ${n(e.graduates)} graduates, ${n(e.people)} people):`,
    'per graduate the appraisals before and after, planning, rotation or transfer, higher title within two years, and the',
    'comparable people who did not attend summed per class and stratum, then the domain comparison per class and overall.',
    'Comparable people are read from the kept `evaluation_spans` (decision 0065): one statement for a few cohorts, the spans',
    'read once and counted by the domain for many. Baseline: the same two SQL statements through bare `pg`, no shaping and no',
    `domain. One class: median of ${e.runs} after one untimed round; every cohort: ${e.allRuns === 1 ? 'one timed round' : `median of ${e.allRuns} timed rounds`} (no untimed round).`,
    `Reference: decision 0052's statements over the records, same class, same run. 1-minute load average ${e.load.one.toFixed(1)} after the`,
    `one-class rounds, ${e.load.all.toFixed(1)} after every cohort (2 cores).`,
    '',
    '| measure | ours | SQL baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| one class, service | ${ms(e.classMs)} | ${ms(e.classBaselineMs)} | ${(e.classMs / e.classBaselineMs).toFixed(2)}× | < 1 s — ${verdict(e.classMs < 1000)} |`,
    `| one class, decision 0052's statements over the records | ${ms(e.classRecordsMs)} | | ${(e.classRecordsMs / e.classMs).toFixed(1)}× ours | |`,
    `| one class, same comparable totals as the records | ${e.classSameAsRecords ? 'yes' : 'no'} | | | yes — ${verdict(e.classSameAsRecords)} |`,
    `| every cohort, service | ${ms(e.serviceMs)} | ${ms(e.baselineMs)} | ${(e.serviceMs / e.baselineMs).toFixed(2)}× | < 1 s — ${verdict(e.serviceMs < 1000)} |`,
    `| same rows as the baseline | ${e.match ? 'yes' : 'no'} | | | yes — ${verdict(e.match)} |`,
    '',
  ];
}

// indicators (issue 10 point 1, decision 0046)
function indicatorsSection(e: IndicatorsBench, measured: string): string[] {
  return [
    INDICATORS_HEADING,
    '',
    measured,
    '',
    `The demo province's indicators over ${n(e.people)} people (decision 0046): BTV-THACSI (cadres managed by the provincial`,
    'standing committee with a master’s or higher) and CCHC-2030 (holders of administrative-reform posts trained within 5',
    'years). "API" is the indicator page’s answer: the value, the status, the whole yearly trend (one point per year end)',
    'and the projection. "value" is the repository’s statement for the one date. Baseline: a hand-written SQL of the same',
    `value (DISTINCT ON for the assignment in force, a grouped best level) on the same pool, timed in alternation, median of ${e.runs}`,
    'after two untimed rounds. The answers (population and counted) are compared.',
    // indicators-speed (decision 0057): the machine is shared, its load is given with the figures
    `Load average during the run: ${e.load ?? 'not recorded'}. Figures before decision 0057 on the same database: bench/notes.md.`,
    '',
    '| indicator | as of | population / counted | API (trend points) | value | SQL baseline | same answer | target |',
    '|---|---|---|---|---|---|---|---|',
    ...e.rows.map(
      (r) =>
        `| ${r.code} | ${r.asOf} | ${n(r.population)} / ${n(r.counted)} | ${ms(r.apiDetailMs)} (${r.trendPoints}) | ${ms(r.valueMs)} | ${ms(r.baselineMs)} | ${r.match ? 'yes' : '**no**'} | < 1 s — ${verdict(r.apiDetailMs < 1000)} |`,
    ),
    ...e.list.map(
      (l) => `| all ${l.indicators} (the list, with status) | ${l.asOf} | | ${ms(l.ms)} | | | | < 1 s — ${verdict(l.ms < 1000)} |`,
    ),
    '',
  ];
}

// training statistics and dashboards (issue 10, decisions 0047 and 0056)
function statisticsSection(s: StatisticsBench, measured: string): string[] {
  return [
    STATISTICS_HEADING,
    '',
    measured,
    '',
    `The bench province (${n(s.people)} people) with ten years of training history (${s.years}): ${n(s.enrolments)} class enrolments and`,
    `${n(s.outside)} outside-training records. Each endpoint through the API (app.inject: validation, session, service, SQL, response)`,
    'against a baseline in the same run: the same SQL statements the repository builds (`statisticsRepo.statisticsTableSql`, reading',
    'the person-times kept in `stat_person_times`, decision 0056) through bare `pg`, one after another. "Before": the same statistic',
    "opened from the records on the spot (`statisticsTableSql(q, 'records')`, what every statistic ran before decision 0056), one timed",
    `round. JIT off and work_mem 64 MB everywhere. Median of ${s.runs} after one untimed round; "same answer": the API's figures equal`,
    "the baseline's and the records'. The machine is shared with other work: its load average is given so the figures can be read.",
    `Load average during the run: ${s.load}.`,
    '',
    '| measure | API | SQL baseline | ratio | before (records) | same answer | target |',
    '|---|---|---|---|---|---|---|',
    ...s.rows.map(
      (r) =>
        `| ${r.name} | ${ms(r.apiMs)} | ${ms(r.baselineMs)} | ${(r.apiMs / r.baselineMs).toFixed(2)}× | ${r.beforeMs === null ? '' : ms(r.beforeMs)} | ${r.match === null ? '' : r.match ? 'yes' : '**no**'} | < 1 s — ${verdict(r.apiMs < 1000)} |`,
    ),
    '',
  ];
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

export function writeReport(r: Report): void {
  const today = new Date().toISOString().slice(0, 10);
  const run = `${r.people.toLocaleString('en-US')} people on PostgreSQL, ${r.machine}`;
  const measured = measuredLine(today, run);
  const ran = [
    r.search && 'search',
    r.imported && 'import',
    r.eligibility && 'gaps and eligibility',
    r.classes && 'classes',
    r.responsiveness && 'the API during an import',
    r.needs && 'needs aggregation',
    r.budgets && 'budget report',
    r.payments && 'payment list',
    r.reports && 'report forms',
    r.evaluation && 'results at two years',
    r.indicators && 'indicators',
    r.statistics && 'training statistics',
  ]
    .filter(Boolean)
    .join(', ');
  const lines = [
    '# Performance',
    '',
    'Written by `npm run bench` (see `bench/`); every figure is measured against a baseline in the same run.',
    `Last run: ${today}, ${run}.`,
    `It measured: ${ran}. Sections it did not run keep their earlier figures; each section says when and on what it was measured.`,
    // people-list (decision 0069): the load generator runs in a process of its own
    'Load comes from autocannon in a process of its own on the same machine, so client, server and PostgreSQL share the 2 cores.',
    '',
  ];
  // this run's sections replace their earlier figures in place; the others keep theirs, in their order
  const previous = previousSections();
  const fresh = new Map<string, string[]>();
  const put = (section: string[]) => fresh.set(section[0]!, section);
  if (r.search) {
    const { throughput: t, fixedRate: f } = r.search;
    put([
      SEARCH_HEADING,
      '',
      measured,
      '',
      'Requests rotate through these filters (page of 20 unless stated, with the total counted up to 1,000: decision 0040):',
      ...r.search.scenarios.map((s) => `- \`${decodeURIComponent(s)}\``),
      '',
      // people list (issue 13 point 1, decision 0059): one statement, and the load average of the run
      'Baseline: the same SQL statement our repository builds (the page with its total, counted up to the cap only when',
      'the page is full or empty: decision 0059), through bare `pg` and `node:http`, with no framework, validation,',
      'session or response shaping. The API keeps sessions per node (decision 0059), so it too sends one statement.',
      `The machine is shared with other work: its 1-minute load average was ${r.search.loadAverage.throughput.toFixed(1)} after the throughput runs and ${r.search.loadAverage.fixedRate.toFixed(1)} after the fixed-rate runs (2 cores); bench/notes.md reads the figures.`,
      '',
      `| measure | API | baseline | ratio | target |`,
      `|---|---|---|---|---|`,
      `| throughput, 10 connections, ${r.seconds} s | ${n(t.api.rps)} req/s | ${n(t.baseline.rps)} req/s | ${pct(t.api.rps, t.baseline.rps)} | ≥ 50% — ${verdict(t.api.rps >= 0.5 * t.baseline.rps)}; ≥ 300 req/s — ${verdict(t.api.rps >= 300)} |`,
      `| p50 at ${f.rate} req/s | ${f.api.p50} ms | ${f.baseline.p50} ms | | |`,
      `| p99 at ${f.rate} req/s | ${f.api.p99} ms | ${f.baseline.p99} ms | | < 50 ms — ${verdict(f.api.p99 < 50)} |`,
      `| errors / non-2xx | ${t.api.errors + f.api.errors} / ${t.api.non2xx + f.api.non2xx} | ${t.baseline.errors + f.baseline.errors} / ${t.baseline.non2xx + f.baseline.non2xx} | | 0 |`,
      // people-list (decision 0069): the server's CPU per request, and the former method in the same run
      ...(r.search.cpuPerRequestMs
        ? [
            `| server process CPU per request (throughput runs) | ${r.search.cpuPerRequestMs.api.toFixed(2)} ms | ${r.search.cpuPerRequestMs.baseline.toFixed(2)} ms | | |`,
            ...(r.search.cpuPerRequestMs.postgresApi !== undefined
              ? [`| PostgreSQL backends' CPU per request (throughput runs) | ${r.search.cpuPerRequestMs.postgresApi.toFixed(2)} ms | ${r.search.cpuPerRequestMs.postgresBaseline!.toFixed(2)} ms | | |`]
              : []),
          ]
        : []),
      ...(r.search.clientInProcess
        ? [
            `| p50 / p99 at ${f.rate} req/s, load generator in the benchmark's process (the method before decision 0069), same run | ${r.search.clientInProcess.api.p50} / ${r.search.clientInProcess.api.p99} ms | ${r.search.clientInProcess.baseline.p50} / ${r.search.clientInProcess.baseline.p99} ms | | |`,
          ]
        : []),
      '',
      ...(r.search.clientInProcess
        ? ['The load generator (autocannon) runs in a child process of its own since decision 0069; the last row repeats the fixed-rate runs with it in the benchmark\'s process, as measured before.', '']
        : []),
    ]);
  }
  if (r.imported) {
    const i = r.imported;
    put([
      IMPORT_HEADING,
      '',
      measured,
      '',
      `An xlsx of ${n(i.rows)} new people (every template column filled) uploaded through the API as the provincial`,
      'board and run as a background job: the sheet streamed and every row validated against the database in a',
      'worker thread, rows staged with `COPY`, then people, qualifications and one audit record per person published',
      'in one transaction (decisions 0018, 0053). Baseline: `COPY` of the same rows (CSV) into a copy of the `people`',
      'table with the same indexes. The machine is shared: the load average is given with each run in bench/notes.md.',
      '',
      '| measure | import | COPY baseline | ratio | target |',
      '|---|---|---|---|---|',
      `| ${n(i.rows)} rows | ${i.importSeconds.toFixed(1)} s (${n(i.rows / i.importSeconds)} rows/s) | ${i.copySeconds.toFixed(2)} s (${n(i.rows / i.copySeconds)} rows/s) | ${pct(i.copySeconds, i.importSeconds)} | ≥ 25% — ${verdict(i.copySeconds / i.importSeconds >= 0.25)} |`,
      `| server peak RSS during the import | ${n(i.peakRssMiB)} MiB (before: ${n(i.rssBeforeMiB)} MiB) | | | < 512 MiB — ${verdict(i.peakRssMiB < 512)} |`,
      `| upload (${(i.fileBytes / 2 ** 20).toFixed(1)} MiB file) | ${i.uploadSeconds.toFixed(1)} s | | | |`,
      '',
      // import-speed: the run's load average and when each stage of the job was first seen (polled every 200 ms)
      `Load average (1 min) at the end of the import: ${i.loadAverage.toFixed(1)}. Stages first seen, from the upload's start: ${Object.entries(i.stages)
        .map(([stage, s]) => `${stage} ${s.toFixed(1)} s`)
        .join(', ')}, finished ${i.importSeconds.toFixed(1)} s.`,
      '',
    ]);
  }
  if (r.eligibility) put(eligibilitySection(r.eligibility, measured));
  if (r.classes) put(classesSection(r.classes, measured));
  if (r.responsiveness) put(responsivenessSection(r.responsiveness, today, r.machine));
  if (r.needs) put(needsSection(r.needs, measured));
  if (r.budgets) put(budgetsSection(r.budgets, measured));
  if (r.payments) put(paymentsSection(r.payments, measured));
  if (r.reports) put(reportsSection(r.reports, measured));
  if (r.evaluation) put(evaluationSection(r.evaluation, measured));
  if (r.indicators) put(indicatorsSection(r.indicators, measured));
  if (r.statistics) put(statisticsSection(r.statistics, measured));
  for (const [heading, kept] of previous) lines.push(...(fresh.get(heading) ?? kept));
  for (const [heading, section] of fresh) if (!previous.has(heading)) lines.push(...section);
  // the interpretation is written by people, in bench/notes.md, and kept below the figures
  const notes = readFileSync(`${ROOT}bench/notes.md`, 'utf8');
  writeFileSync(`${ROOT}docs/PERFORMANCE.md`, `${lines.join('\n')}\n${notes}`);
}

// national speed (issue 10, decision 0058): the "National dataset" section, written by
// `npm run bench:national` alone; every other section and the header are kept as they are
export const NATIONAL_HEADING = '## National dataset (2,000,000 people)';

function nationalSection(b: NationalBench): string[] {
  const today = new Date().toISOString().slice(0, 10);
  const d = b.dataset;
  const built = d.built;
  const secs = (x: number | null) => (x === null ? '–' : x >= 120 ? `${(x / 60).toFixed(1)} min` : `${x.toFixed(0)} s`);
  const cell = (m: NationalRow['country']) =>
    !m
      ? '–'
      : m.error
        ? `**failed** after ${ms(m.apiMs)}: ${m.error.replace(/\|/g, '/')}`
        : `${ms(m.apiMs)} / ${ms(m.baselineMs)} (${m.statements})`;
  const worst = (r: NationalRow) => Math.max(...[r.country, r.province].map((m) => (!m || m.error ? Infinity : m.apiMs)));
  return [
    NATIONAL_HEADING,
    '',
    measuredLine(today, `${n(d.people)} people in ${d.provinces} provinces on PostgreSQL, ${b.machine}`),
    '',
    `The national bench dataset (\`bench/national-dataset.ts\`, decision 0058): ${n(d.people)} people in ${d.provinces} provinces under one`,
    `national root, each province ${n(b.provincePeople)} people with the demo province's ten years of history (qualifications,`,
    'assignments, appraisals, classes and enrolments, outside training, plans, budgets, support, evaluation). Built once, set-based:',
    `the template province by the demo generator in ${secs(built.template)}, the other ${d.provinces - 1} copied from it by INSERT … SELECT in`,
    `${secs(built.clone)}, then VACUUM ANALYZE in ${secs(built.analyze)}; database size ${(d.sizeBytes / 2 ** 30).toFixed(1)} GiB${d.reused ? ' (reused by this run)' : ''}.`,
    '',
    'Each measure through the API (app.inject: validation, session, scope, service, SQL, response; a report also runs its',
    "job and is read back), as the national account (the whole country) and as one province's board, against a baseline",
    'in the same run, timed in alternation: the very statements the API issued for that request, captured and replayed one',
    `after another through bare \`pg\` (their count in brackets). Median of ${b.runs} after one untimed round; a call over the`,
    `10 s target is timed once, and any statement running longer than ${b.statementTimeoutS} s is cancelled (statement_timeout of the`,
    "run's connections), its call reported as failed with the time until then. Every national",
    `count must be exactly ${d.provinces} × the province's (the other provinces are copies of it): column "×${d.provinces}".`,
    `Load average during the run: ${b.load} (the machine is shared with other work).`,
    '',
    `| measure | country: API / SQL replay (statements) | province: API / SQL replay (statements) | ×${d.provinces} | target < 10 s |`,
    '|---|---|---|---|---|',
    ...b.rows.map((r) =>
      r.error
        ? `| ${r.name} | **failed**: ${r.error.replace(/\|/g, '/')} | | | **not met** |`
        : `| ${r.name}${r.single ? ' (timed once: over 10 s)' : ''} | ${cell(r.country)} | ${cell(r.province)} | ${r.times34 === null ? '' : r.times34 ? 'yes' : '**no**'} | ${verdict(worst(r) < 10_000)} |`,
    ),
    '',
  ];
}

/** Replaces (or adds) the national section of docs/PERFORMANCE.md, keeping the header and every other section. */
export function writeNationalSection(b: NationalBench): void {
  const path = `${ROOT}docs/PERFORMANCE.md`;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const firstSection = lines.findIndex((l) => l.startsWith('## '));
  const header = lines.slice(0, firstSection);
  const out = [...header];
  const previous = previousSections();
  const section = nationalSection(b);
  let placed = false;
  for (const [heading, kept] of previous) {
    if (heading === NATIONAL_HEADING) {
      out.push(...section);
      placed = true;
    } else out.push(...kept);
  }
  if (!placed) out.push(...section);
  const notes = readFileSync(`${ROOT}bench/notes.md`, 'utf8');
  writeFileSync(path, `${out.join('\n')}\n${notes}`);
}
