/**
 * Training statistics (issue 10, docs/decisions/0047): person-times and distinct people trained,
 * grouped and filtered, over a period and a unit subtree the caller may see; drill-down to the
 * person-times behind a cell. `computeStatistics` is the entry the report forms (branch `reports`)
 * call for their cells: keep its signature (add optional fields only).
 */
import { hasPermission, statistics, todayInVietnam, training } from '@nang-tam/domain';
import { plansRepo, statisticsRepo, unitsRepo, type Db, type Queryable } from '@nang-tam/db';
import type { Dashboard, GapsTrend, Job, StatDrill, StatRow, Statistics, StatisticsQueryParsed, StatDrillQuery } from '@nang-tam/contracts';
import { ZDashboardQuery, ZGapsTrendQuery, ZStatDrillQuery, ZStatExportRequest } from '@nang-tam/contracts';
import { queueJob, toJob } from './jobs.service.js';
import { computeRealisation } from './plans.service.js';
import { unitGapCountsOnDates } from './gaps.service.js';
import type { z } from 'zod';
import { assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import type { AuthUser } from '../auth/auth-user.js';

type DrillParsed = z.infer<typeof ZStatDrillQuery>;

/** The subtree root the statistic covers: the given unit (404 outside the caller's scope) or the caller's unit. */
export async function resolveUnit(db: Queryable, user: AuthUser, unitId: number | undefined): Promise<{ id: number; name: string; path: string }> {
  if (user.scope.kind !== 'subtree') throw notFound();
  const id = unitId ?? user.unitId;
  const unit = await unitsRepo.findUnitById(db, user.scope, id);
  if (!unit) throw notFound();
  return { id: unit.id, name: unit.name, path: unit.path };
}

/** Refuses a period that ends before it starts (or too long), and a group-by naming a dimension twice. */
export function checkQuery(q: Pick<StatisticsQueryParsed, 'from' | 'to' | 'groupBy'>): void {
  const errors = statistics.checkPeriod(q.from, q.to).map((e) => fieldError(e.path, e.code));
  if (new Set(q.groupBy).size !== q.groupBy.length) errors.push(fieldError('groupBy', 'STAT_DUPLICATE_DIMENSION'));
  assertNoFieldErrors(errors);
}

async function repoQuery(db: Queryable, q: StatisticsQueryParsed, path: string): Promise<statisticsRepo.StatQuery> {
  const young = (await statisticsRepo.youngSetting(db, q.to)) ?? statistics.DEFAULT_YOUNG_AGE;
  return {
    from: q.from,
    to: q.to,
    subtreePath: path,
    unitBasis: q.unitBasis,
    basis: q.basis,
    youngUnderAge: young.underAge,
    filters: q.filters,
    groupBy: q.groupBy,
  };
}

const BOOL_LABELS: Partial<Record<statistics.StatDimension, Record<string, string>>> = {
  ethnicMinority: { true: 'Dân tộc thiểu số', false: 'Dân tộc Kinh' },
  partyMember: { true: 'Đảng viên', false: 'Chưa là đảng viên' },
  young: { true: 'Cán bộ trẻ', false: 'Không thuộc diện cán bộ trẻ' },
  gender: { female: 'Nữ', male: 'Nam' },
};

/** The Vietnamese label of a dimension's code (the records' own name when they carry one). */
export function labelOf(d: statistics.StatDimension, code: string, recordLabel: string | null): string {
  if (recordLabel) return recordLabel;
  switch (d) {
    case 'programmeKind':
      return (training.PROGRAMME_KIND_LABELS as Record<string, { vi: string }>)[code]?.vi ?? code;
    case 'mode':
      return statistics.STAT_MODE_LABELS[code]?.vi ?? code;
    case 'organiserType':
      return statistics.STAT_ORGANISER_LABELS[code]?.vi ?? code;
    case 'source':
      return statistics.STAT_SOURCE_LABELS[code as statistics.StatSource]?.vi ?? code;
    case 'programmeLevel':
    case 'managementScope':
      return code === '' ? '(không có)' : code;
    default:
      return BOOL_LABELS[d]?.[code] ?? code;
  }
}

function counts(r: statisticsRepo.StatTableRow) {
  return { personTimes: r.person_times, people: r.people, young: r.young, female: r.female, minority: r.minority, partyMember: r.party_member };
}

/**
 * The statistic `q` over the subtree of `q.unitId` (default: the caller's unit) as the caller may
 * see it. Throws 404 for a unit outside the caller's scope and VALIDATION_FAILED for a bad period.
 */
export async function computeStatistics(db: Queryable, user: AuthUser, q: StatisticsQueryParsed, opts: { rowsOnly?: boolean } = {}): Promise<Statistics> {
  checkQuery(q);
  const unit = await resolveUnit(db, user, q.unitId);
  const rq = await repoQuery(db, q, unit.path);
  // the total and the rows are two statements, run side by side (rowsOnly: the caller has the total)
  const [[totalRow], rows] = await Promise.all([
    opts.rowsOnly ? Promise.resolve([]) : statisticsRepo.statisticsTable(db, { ...rq, groupBy: [] }),
    q.groupBy.length === 0 ? Promise.resolve([]) : statisticsRepo.statisticsTable(db, rq),
  ]);
  const total = totalRow ? counts(totalRow) : { personTimes: 0, people: 0, young: 0, female: 0, minority: 0, partyMember: 0 };
  const s = statistics.shares(total);
  const pct = (p: { value: number | null; done: number; planned: number }) => ({ value: p.value, done: p.done, planned: p.planned });
  return {
    from: q.from,
    to: q.to,
    unit: { id: unit.id, name: unit.name },
    unitBasis: q.unitBasis,
    basis: q.basis,
    groupBy: q.groupBy,
    young: { underAge: rq.youngUnderAge, source: (await statisticsRepo.youngSetting(db, q.to))?.source ?? statistics.DEFAULT_YOUNG_AGE.source },
    total,
    shares: { young: pct(s.young), female: pct(s.female), minority: pct(s.minority), partyMember: pct(s.partyMember) },
    rows: rows.map(
      (r): StatRow => ({
        keys: q.groupBy.map((d, i) => ({ code: r.codes[i] ?? '', label: labelOf(d, r.codes[i] ?? '', r.labels[i] ?? null) })),
        ...counts(r),
      }),
    ),
    notes: notes(q, rq.youngUnderAge),
    actions: ['drill', 'export'],
  };
}

export function notes(q: Pick<StatisticsQueryParsed, 'basis' | 'unitBasis' | 'groupBy'>, youngUnderAge: number): string[] {
  const out = [
    q.basis === 'enrolled'
      ? 'Tính mọi lượt học viên của lớp diễn ra trong kỳ (trừ học viên đã rút) và mọi lượt cử đi học đã có quyết định cử hoặc đã hoàn thành (như kế hoạch — thực hiện).'
      : 'Chỉ tính lượt đã tốt nghiệp, hoàn thành (học viên được công nhận tốt nghiệp; cử đi học có kết quả tốt nghiệp).',
    q.unitBasis === 'learner' ? 'Đơn vị: đơn vị công tác của học viên.' : 'Đơn vị: đơn vị tổ chức lớp (hoặc đơn vị của dòng kế hoạch).',
    `Cán bộ trẻ: dưới ${youngUnderAge} tuổi vào ngày khai giảng; đảng viên: đã vào Đảng trước ngày khai giảng; diện quản lý: hiện tại.`,
  ];
  if (q.groupBy.includes('year')) out.push('Một khóa học kéo dài qua nhiều năm được tính ở mỗi năm khóa học diễn ra; cộng các năm có thể lớn hơn tổng của cả kỳ.');
  return out;
}

/** The person-times behind one cell of `q` (the cell's codes in `groupBy` order), paged. */
export async function drillStatistics(db: Queryable, user: AuthUser, q: DrillParsed): Promise<StatDrill> {
  checkQuery(q);
  if (q.cell.length !== q.groupBy.length) assertNoFieldErrors([fieldError('cell', 'STAT_CELL_MISMATCH')]);
  const unit = await resolveUnit(db, user, q.unitId);
  const rq = await repoQuery(db, q, unit.path);
  const r = await statisticsRepo.statisticsDrill(db, rq, q.cell, q.limit, q.offset);
  return {
    total: r.total,
    people: r.people,
    rows: r.rows.map((x) => ({
      source: x.source,
      factId: x.fact_id,
      personId: x.person_id,
      fullName: x.full_name,
      birthDate: x.birth_date,
      gender: x.gender,
      unitName: x.unit_name,
      programmeCode: x.programme_code,
      programmeName: x.programme_name,
      mode: x.mode,
      where: x.where,
      startDate: x.start_date,
      endDate: x.end_date,
      completed: x.completed,
    })),
  };
}

export type { StatDrillQuery };

// ---------- dashboards ----------

const YEARS_SHOWN = 10;

/** The years a dashboard spans: [fromYear, toYear], by default the ten years to this one. */
export function dashboardYears(q: { fromYear?: number; toYear?: number }, today: string): { fromYear: number; toYear: number } {
  const toYear = q.toYear ?? Number(today.slice(0, 4));
  const fromYear = q.fromYear ?? toYear - (YEARS_SHOWN - 1);
  return { fromYear, toYear };
}

/**
 * The dashboard of a unit's subtree (default: the caller's unit): person-times by year and by
 * programme, the shares, and plan against actual for each year with an annual plan (when the caller
 * reads plans; plans' own scope: the caller's subtree). A school registrar's default basis is the
 * organiser (the classes its unit runs); others', the learner's unit.
 */
export async function getDashboard(db: Db, user: AuthUser, q: z.infer<typeof ZDashboardQuery>): Promise<Dashboard> {
  const today = todayInVietnam();
  const { fromYear, toYear } = dashboardYears(q, today);
  if (toYear < fromYear) assertNoFieldErrors([fieldError('toYear', 'STAT_PERIOD_ENDS_BEFORE_START')]);
  if (toYear - fromYear >= 50) assertNoFieldErrors([fieldError('toYear', 'STAT_PERIOD_TOO_LONG')]);
  const unitBasis = q.unitBasis ?? (user.role === 'school_registrar' ? 'organiser' : 'learner');
  const base = { from: `${fromYear}-01-01`, to: `${toYear}-12-31`, unitId: q.unitId, unitBasis, basis: 'enrolled' as const, filters: {} };
  // the panels in parallel (each its own statement on its own connection); by programme shares the
  // total of by year (same period, subtree and basis), so it reads only its rows
  const readsPlans = hasPermission(user.role, 'plans.read');
  const [byYear, byProgramme, planVsActual] = await Promise.all([
    computeStatistics(db, user, { ...base, groupBy: ['year'] }),
    computeStatistics(db, user, { ...base, groupBy: ['programme'] }, { rowsOnly: true }),
    readsPlans ? planAgainstActualByYear(db, user, fromYear, toYear, today) : Promise.resolve(null),
  ]);
  return {
    unit: byYear.unit,
    unitBasis,
    fromYear,
    toYear,
    byYear: byYear.rows,
    byProgramme: [...byProgramme.rows].sort((a, b) => b.personTimes - a.personTimes),
    total: byYear.total,
    shares: byYear.shares,
    planVsActual,
    notes: [
      ...byYear.notes,
      ...(planVsActual !== null ? ['Kế hoạch — thực hiện: số liệu của các dòng kế hoạch và lớp trong phạm vi tài khoản (quyết định 0030), tính đến 31/12 của từng năm.'] : []),
    ],
  };
}

/** Plan against actual for each year of [fromYear, toYear] with an annual plan, the years in parallel. */
async function planAgainstActualByYear(db: Db, user: AuthUser, fromYear: number, toYear: number, today: string): Promise<NonNullable<Dashboard['planVsActual']>> {
  const planned = new Set((await plansRepo.listAnnualPlans(db)).map((p) => p.year));
  const years: number[] = [];
  for (let y = fromYear; y <= toYear; y++) if (planned.has(y)) years.push(y);
  return Promise.all(
    years.map(async (y) => {
      const asOf = `${y}-12-31` < today ? `${y}-12-31` : today;
      const t = (await computeRealisation(db, user, y, asOf)).result.total.figures;
      return { year: y, plannedClasses: t.plannedClasses, doneClasses: t.doneClasses, plannedLearners: t.plannedLearners, doneLearners: t.doneLearners };
    }),
  );
}

/**
 * People lacking the political-theory level their post requires, at the end of each year (the
 * gaps service as of 31/12; the current year: today). The standards in force and the
 * qualifications held are as of the date (awarded on or before it); the post is today's (the
 * registry keeps no history of posts), so a past year's figure is "today's posts, then's degrees".
 */
export async function getGapsTrend(db: Db, user: AuthUser, q: z.infer<typeof ZGapsTrendQuery>): Promise<GapsTrend> {
  const today = todayInVietnam();
  const toYear = q.toYear ?? Number(today.slice(0, 4));
  const fromYear = q.fromYear ?? toYear - 4;
  if (toYear < fromYear) assertNoFieldErrors([fieldError('toYear', 'STAT_PERIOD_ENDS_BEFORE_START')]);
  if (toYear - fromYear >= 10) assertNoFieldErrors([fieldError('toYear', 'STAT_PERIOD_TOO_LONG')]);
  const unit = await resolveUnit(db, user, q.unitId);
  const dates: string[] = [];
  for (let y = fromYear; y <= toYear; y++) dates.push(`${y}-12-31` < today ? `${y}-12-31` : today);
  // every year end from one scan of the subtree (the unit's gaps per date, totals only: decision 0070)
  const points: GapsTrend['points'] = await unitGapCountsOnDates(db, unit, dates, 'political_theory');
  return {
    unit: { id: unit.id, name: unit.name },
    kind: 'political_theory',
    points,
    notes: [
      'Số người thiếu trình độ lý luận chính trị theo tiêu chuẩn chức danh, vào ngày 31/12 mỗi năm (năm nay: hôm nay).',
      'Tiêu chuẩn và văn bằng tính theo ngày đó (bằng cấp sau ngày đó chưa tính); chức danh, vị trí là hiện tại vì hồ sơ chưa lưu lịch sử chức danh.',
    ],
  };
}

// ---------- exports ----------

/**
 * Queues an export of a statistic's table, or of the people behind one of its cells (Excel or
 * PDF, an official document). A bad period or a unit outside the caller's scope is refused now.
 */
export async function startStatisticsExport(db: Db, user: AuthUser, body: z.infer<typeof ZStatExportRequest>): Promise<Job> {
  checkQuery(body.query);
  if (body.cell !== undefined && body.cell.length !== body.query.groupBy.length) assertNoFieldErrors([fieldError('cell', 'STAT_CELL_MISMATCH')]);
  await resolveUnit(db, user, body.query.unitId);
  return toJob(await queueJob(db, user, { kind: 'statistics_export', params: body as unknown as Record<string, unknown> }, { audit: 'export' }));
}
