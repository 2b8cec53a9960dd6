/**
 * Indicators (chỉ tiêu) as data (issue 10 point 1, docs/decisions/0046-indicators-as-data.md).
 * The repository counts, as of each date asked, the people of the population (intersected with the
 * reader's subtree) and those meeting the condition; the domain (`indicators`) turns the counts into
 * the value, the trend, the projection and the status. Definitions are checked here against the
 * reference lists (unknown codes refused with the field), written in one transaction with their
 * version row and an audit record.
 */
import {
  GENDERS,
  PERSON_CATEGORIES,
  QUALIFICATION_KINDS,
  indicators as ind,
  labelOf,
  todayInVietnam,
  type Scope,
} from '@nang-tam/domain';
import { auditRepo, indicatorsRepo, rulesRepo, unitsRepo, type Db, type Queryable } from '@nang-tam/db';
import type {
  AdminReformPosts,
  AdminReformPostsUpdate,
  ErrorDetail,
  IndicatorCondition,
  IndicatorCreate,
  IndicatorDetail,
  IndicatorList,
  IndicatorPeoplePage,
  IndicatorPeopleQuery,
  IndicatorPopulation,
  IndicatorQuery,
  IndicatorSource,
  IndicatorSummary,
  IndicatorUpdate,
  Job,
} from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { indicatorListPolicy, indicatorPolicy } from '../policies/indicator.js';
import { queueJob, toJob } from './jobs.service.js';

/** The whole province: definitions refer to any unit; readers' scopes are applied when counting. */
const WHOLE: Scope = { kind: 'subtree', unitPath: '/' };

export const AS_OF_METHOD =
  'Tính theo lịch sử hồ sơ tại ngày chọn: đơn vị và chức danh theo quá trình công tác (bổ nhiệm, điều động) tại ngày đó; ' +
  'người đã thôi việc trước ngày đó hoặc chưa vào làm không được tính; trình độ tính từ ngày cấp bằng (bằng không ghi ngày coi như đã có); ' +
  'bồi dưỡng cải cách hành chính tính từ ngày tốt nghiệp lớp hoặc ngày có kết quả đi học. Loại cán bộ, diện quản lý, vị trí việc làm, ' +
  'giới tính, dân tộc lấy theo hồ sơ hiện tại (hệ thống chưa lưu lịch sử các thông tin này). ' +
  'Điều kiện theo tiêu chuẩn của bộ quy tắc được tính tại từng ngày: phiên bản tiêu chuẩn có hiệu lực ngày đó, với trình độ đã được cấp đến ngày đó ' +
  '(ngoại lệ cho người dân tộc thiểu số xét theo dân tộc ghi trong hồ sơ hiện tại); ngày không có phiên bản nào có hiệu lực thì không ai được tính là đạt.';

// ---------- definitions: checks ----------

const detail = (path: string, code: string, message: string): ErrorDetail => ({ path, code, message });

async function checkDefinition(db: Queryable, user: AuthUser, d: IndicatorCreate | IndicatorUpdate): Promise<void> {
  const out: ErrorDetail[] = ind.checkDefinition({ targetKind: d.target.kind, targetValue: d.target.value, startOn: d.startOn, deadline: d.deadline });
  const pop = d.population;
  if (pop.unitId !== undefined && !(await unitsRepo.findUnitById(db, user.scope, pop.unitId))) {
    out.push(detail('population.unitId', 'UNKNOWN_CODE', `Đơn vị (mã số ${pop.unitId}) không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.`));
  }
  const titles = await indicatorsRepo.missingIds(db, 'titles', pop.titleIds ?? []);
  if (titles.length > 0) out.push(detail('population.titleIds', 'UNKNOWN_CODE', `Chức danh không có trong danh mục: ${titles.join(', ')}.`));
  if (pop.managementScopeId !== undefined && (await indicatorsRepo.missingIds(db, 'management_scopes', [pop.managementScopeId])).length > 0) {
    out.push(detail('population.managementScopeId', 'UNKNOWN_CODE', `Diện quản lý (mã số ${pop.managementScopeId}) không có trong danh mục.`));
  }
  if (pop.jobPositionId !== undefined && (await indicatorsRepo.missingIds(db, 'job_positions', [pop.jobPositionId])).length > 0) {
    out.push(detail('population.jobPositionId', 'UNKNOWN_CODE', `Vị trí việc làm (mã số ${pop.jobPositionId}) không có trong danh mục.`));
  }
  if (pop.ethnicity !== undefined && pop.ethnicity !== 'minority' && !(await indicatorsRepo.ethnicityExists(db, pop.ethnicity))) {
    out.push(detail('population.ethnicity', 'UNKNOWN_CODE', `Dân tộc "${pop.ethnicity}" không có trong danh mục.`));
  }
  if (d.condition.kind === 'qualification' && !(await indicatorsRepo.levelRank(db, d.condition.qualificationKind, d.condition.minLevel))) {
    out.push(
      detail(
        'condition.minLevel',
        'UNKNOWN_CODE',
        `Trình độ "${d.condition.minLevel}" không có trong danh mục trình độ ${labelOf(QUALIFICATION_KINDS, d.condition.qualificationKind).toLowerCase()}.`,
      ),
    );
  }
  if (d.condition.kind === 'standard' && (await activeStandardVersions(db, d.condition.standardId)).length === 0) {
    out.push(detail('condition.standardId', 'UNKNOWN_CODE', `Tiêu chuẩn "${d.condition.standardId}" không có trong bộ quy tắc.`));
  }
  if (!(await unitsRepo.findUnitById(db, user.scope, d.ownerUnitId))) {
    out.push(detail('ownerUnitId', 'UNKNOWN_CODE', `Đơn vị chủ trì (mã số ${d.ownerUnitId}) không tồn tại hoặc nằm ngoài phạm vi quản lý của bạn.`));
  }
  assertNoFieldErrors(out);
}

// ---------- evaluation ----------

/** The versions of a standard not replaced by a correction (none: no such standard). */
async function activeStandardVersions(db: Queryable, id: string): Promise<rulesRepo.StandardVersionRow[]> {
  return (await rulesRepo.findStandardVersions(db, { id })).filter((v) => v.superseded_by === null);
}

/** A standard's versions as ranks (a level the catalogue lacks counts nobody, never everybody). */
async function standardRanks(db: Queryable, id: string): Promise<indicatorsRepo.StandardVersionRanks[]> {
  const out: indicatorsRepo.StandardVersionRanks[] = [];
  for (const v of await activeStandardVersions(db, id)) {
    const min = await indicatorsRepo.levelRank(db, v.requirement_kind, v.min_level);
    const alt = (v.alternatives ?? []).find((a) => a.when === 'ethnic_minority');
    const minority = alt ? await indicatorsRepo.levelRank(db, v.requirement_kind, alt.level) : null;
    out.push({
      from: v.period_from,
      to: v.period_to,
      qualificationKind: v.requirement_kind,
      minRank: min?.rank ?? Number.MAX_SAFE_INTEGER,
      minorityRank: minority ? minority.rank : null,
    });
  }
  return out;
}

export interface Resolved {
  population: indicatorsRepo.PopulationFilter;
  condition: indicatorsRepo.ConditionFilter;
}

/** The stored definition as repository filters (unit path, level rank, the flagged posts). */
export async function resolveDefinition(db: Queryable, row: indicatorsRepo.IndicatorRow): Promise<Resolved> {
  const pop = row.population as IndicatorPopulation;
  const cond = row.condition as IndicatorCondition;
  let unitPath: string | undefined;
  if (pop.unitId !== undefined) {
    // a unit deleted since the definition counts nobody (an impossible path), never the whole province
    unitPath = (await unitsRepo.findUnitById(db, WHOLE, pop.unitId))?.path ?? '/nowhere/';
  }
  const population: indicatorsRepo.PopulationFilter = {
    unitPath,
    unitId: pop.unitId,
    subtree: pop.subtree ?? true,
    category: pop.category,
    titleIds: pop.titleIds,
    managementScopeId: pop.managementScopeId,
    jobPositionId: pop.jobPositionId,
    adminReform: pop.adminReformPost ? await indicatorsRepo.adminReformPostIds(db) : undefined,
    gender: pop.gender,
    ethnicity: pop.ethnicity,
  };
  if (cond.kind === 'qualification') {
    const level = await indicatorsRepo.levelRank(db, cond.qualificationKind, cond.minLevel);
    return { population, condition: { kind: 'qualification', qualificationKind: cond.qualificationKind, minRank: level?.rank ?? Number.MAX_SAFE_INTEGER } };
  }
  if (cond.kind === 'standard') return { population, condition: { kind: 'standard', versions: await standardRanks(db, cond.standardId) } };
  return { population, condition: { kind: 'adminReformTraining', withinYears: cond.withinYears } };
}

/** The reader's scope, narrowed to a unit of it when asked (another unit: 404). */
async function readingScope(db: Queryable, user: AuthUser, unitId: number | undefined): Promise<{ scope: Scope; unit: { id: number; name: string } }> {
  if (unitId === undefined) return { scope: user.scope, unit: { id: user.unitId, name: user.unitName } };
  const unit = await unitsRepo.findUnitById(db, user.scope, unitId);
  if (!unit) throw notFound();
  return { scope: { kind: 'subtree', unitPath: unit.path }, unit: { id: unit.id, name: unit.name } };
}

const targetOf = (row: indicatorsRepo.IndicatorRow): ind.Target => ({ kind: row.target_kind, comparison: row.comparison, value: Number(row.target_value) });

async function summarise(
  db: Queryable,
  user: AuthUser,
  row: indicatorsRepo.IndicatorRow,
  reading: { scope: Scope; unit: { id: number; name: string } },
  asOf: string,
  fullTrend: boolean,
): Promise<IndicatorSummary & { resolved: Resolved }> {
  const resolved = await resolveDefinition(db, row);
  const target = targetOf(row);
  // at most the last 40 year ends (a start decades back would otherwise ask for every year)
  const all = ind.trendDates(row.start_on, asOf).slice(-41);
  const count = (dates: string[]) => indicatorsRepo.countIndicator(db, reading.scope, resolved.population, resolved.condition, dates);
  // the list: the date asked and the points the projection is fitted on, in the same one statement
  // (the status needs the projection whenever the value does not meet the target before the deadline)
  const counts = await count(fullTrend ? all : all.slice(-ind.PROJECTION_POINTS));
  const trend = counts.map((c) => {
    const v = ind.valueOf(target.kind, c);
    return { date: c.on_date, population: c.population, counted: c.counted, value: v === null ? null : ind.roundValue(target.kind, v) };
  });
  const exact = counts.map((c) => ({ date: c.on_date, value: ind.valueOf(target.kind, c) }));
  const now = counts[counts.length - 1]!;
  const projection = ind.project(target.kind, exact, row.deadline);
  const verdict = ind.statusOf({ target, count: now, asOf, deadline: row.deadline, projection });
  const value = ind.valueOf(target.kind, now);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    target,
    startOn: row.start_on,
    deadline: row.deadline,
    source: row.source as IndicatorSource,
    ownerUnit: { id: row.owner_unit_id, name: row.owner_unit_name },
    asOf,
    unit: reading.unit,
    population: now.population,
    counted: now.counted,
    value: value === null ? null : ind.roundValue(target.kind, value),
    status: verdict.status,
    statusExplanation: verdict.explanation,
    trend,
    projection: projection
      ? { deadline: row.deadline, value: ind.roundValue(target.kind, projection.value), slopePerYear: Math.round(projection.slopePerYear * 100) / 100, points: projection.points, method: projection.method }
      : null,
    actions: indicatorPolicy.allowedActions(user, null),
    resolved,
  };
}

/** Every indicator with its value as of a date over the reader's subtree (or a unit of it). */
export async function listIndicators(db: Db, user: AuthUser, q: IndicatorQuery): Promise<IndicatorList> {
  const asOf = q.asOf ?? todayInVietnam();
  const reading = await readingScope(db, user, q.unitId);
  const rows = await indicatorsRepo.listIndicators(db);
  // the indicators are computed side by side (each is one statement on its own pooled connection)
  const items: IndicatorSummary[] = await Promise.all(
    rows.map(async (row) => {
      const { resolved: _r, trend, ...s } = await summarise(db, user, row, reading, asOf, q.trend);
      return q.trend ? { ...s, trend } : s;
    }),
  );
  return { items, asOf, actions: indicatorListPolicy.allowedActions(user, null) };
}

async function describe(db: Queryable, row: indicatorsRepo.IndicatorRow): Promise<{ populationText: string; conditionText: string }> {
  const pop = row.population as IndicatorPopulation;
  const cond = row.condition as IndicatorCondition;
  const parts: string[] = [];
  if (pop.unitId !== undefined) {
    const name = (await indicatorsRepo.namesOf(db, 'units', [pop.unitId])).get(pop.unitId) ?? `đơn vị ${pop.unitId}`;
    parts.push(pop.subtree === false ? `thuộc ${name}` : `thuộc ${name} và các đơn vị trực thuộc`);
  }
  if (pop.category) parts.push(labelOf(PERSON_CATEGORIES, pop.category).toLowerCase());
  if (pop.managementScopeId) parts.push((await indicatorsRepo.namesOf(db, 'management_scopes', [pop.managementScopeId])).get(pop.managementScopeId) ?? '');
  if (pop.titleIds && pop.titleIds.length > 0) {
    const names = await indicatorsRepo.namesOf(db, 'titles', pop.titleIds);
    parts.push(`chức danh: ${pop.titleIds.map((id) => names.get(id) ?? String(id)).join(', ')}`);
  }
  if (pop.jobPositionId) parts.push(`vị trí việc làm: ${(await indicatorsRepo.namesOf(db, 'job_positions', [pop.jobPositionId])).get(pop.jobPositionId) ?? ''}`);
  if (pop.adminReformPost) parts.push('giữ vị trí việc làm hoặc chức danh làm công tác cải cách hành chính');
  if (pop.gender) parts.push(labelOf(GENDERS, pop.gender).toLowerCase());
  if (pop.ethnicity) parts.push(pop.ethnicity === 'minority' ? 'người dân tộc thiểu số' : `dân tộc ${pop.ethnicity}`);
  const populationText = parts.length > 0 ? `Cán bộ, công chức, viên chức ${parts.filter(Boolean).join('; ')}` : 'Toàn bộ cán bộ, công chức, viên chức';
  let conditionText: string;
  if (cond.kind === 'qualification') {
    const level = await indicatorsRepo.levelRank(db, cond.qualificationKind, cond.minLevel);
    conditionText = `Trình độ ${labelOf(QUALIFICATION_KINDS, cond.qualificationKind).toLowerCase()} từ ${level?.name ?? cond.minLevel} trở lên`;
  } else if (cond.kind === 'standard') {
    const versions = await activeStandardVersions(db, cond.standardId);
    const last = versions[versions.length - 1];
    conditionText = last
      ? `Đạt tiêu chuẩn "${last.description}" (${cond.standardId}) của bộ quy tắc, theo phiên bản có hiệu lực tại ngày tính (${versions.length} phiên bản)`
      : `Đạt tiêu chuẩn ${cond.standardId} của bộ quy tắc (tiêu chuẩn này không còn trong bộ quy tắc: không ai được tính là đạt)`;
  } else {
    conditionText = `Đã được bồi dưỡng kiến thức, kỹ năng về cải cách hành chính trong ${cond.withinYears} năm gần nhất (tốt nghiệp lớp hoặc hoàn thành khóa học)`;
  }
  return { populationText, conditionText };
}

async function requireIndicator(db: Queryable, id: number, forUpdate = false): Promise<indicatorsRepo.IndicatorRow> {
  const row = await indicatorsRepo.findIndicator(db, id, forUpdate);
  if (!row) throw notFound();
  return row;
}

/** One indicator: value, whole trend, projection, status, definition in words, versions. */
export async function getIndicator(db: Db, user: AuthUser, id: number, q: IndicatorQuery): Promise<IndicatorDetail> {
  const asOf = q.asOf ?? todayInVietnam();
  const reading = await readingScope(db, user, q.unitId);
  const row = await requireIndicator(db, id);
  const { resolved: _r, ...s } = await summarise(db, user, row, reading, asOf, true);
  const versions = await indicatorsRepo.listIndicatorVersions(db, id);
  return {
    ...s,
    definition: { population: row.population as IndicatorPopulation, condition: row.condition as IndicatorCondition, note: row.note },
    ...(await describe(db, row)),
    asOfMethod: AS_OF_METHOD,
    version: row.version,
    versions: versions.map((v) => ({ version: v.version, changedAt: v.changed_at, changedBy: v.changed_by })),
  };
}

/** The people counted (or missing) as of a date, one page, over the reader's subtree. */
export async function listIndicatorPeople(db: Db, user: AuthUser, id: number, q: IndicatorPeopleQuery): Promise<IndicatorPeoplePage> {
  const asOf = q.asOf ?? todayInVietnam();
  const reading = await readingScope(db, user, q.unitId);
  const row = await requireIndicator(db, id);
  const r = await resolveDefinition(db, row);
  const page = await indicatorsRepo.listIndicatorPeople(db, reading.scope, r.population, r.condition, asOf, q.set, q.limit, q.offset);
  return {
    items: page.rows.map((p) => ({
      id: p.id,
      fullName: p.full_name,
      birthDate: p.birth_date,
      unit: { id: p.unit_id, name: p.unit_name },
      title: p.title_name,
      evidence: p.evidence,
    })),
    total: page.total,
    asOf,
  };
}

/** Queues the Excel export of the drill-down; a unit out of scope is refused now (404). */
export async function startIndicatorPeopleExport(
  db: Db,
  user: AuthUser,
  id: number,
  q: { asOf?: string; unitId?: number; set: 'counted' | 'missing' },
): Promise<Job> {
  indicatorPolicy.authorize(user, null, 'exportPeople');
  await readingScope(db, user, q.unitId);
  await requireIndicator(db, id);
  return toJob(await queueJob(db, user, { kind: 'indicator_people_export', params: { id, ...q, asOf: q.asOf ?? todayInVietnam() } }, { audit: 'export' }));
}

// ---------- definitions: writes ----------

function writeOf(d: IndicatorCreate | IndicatorUpdate): Omit<indicatorsRepo.IndicatorWrite, 'code'> {
  return {
    name: d.name,
    population: d.population,
    condition: d.condition,
    targetKind: d.target.kind,
    comparison: d.target.comparison,
    targetValue: Math.round(d.target.value * 100) / 100,
    startOn: d.startOn,
    deadline: d.deadline,
    source: d.source,
    ownerUnitId: d.ownerUnitId,
    note: d.note ?? null,
  };
}

const definitionOf = (code: string, w: Omit<indicatorsRepo.IndicatorWrite, 'code'>) => ({ code, ...w });

export async function createIndicator(db: Db, user: AuthUser, input: IndicatorCreate): Promise<IndicatorDetail> {
  indicatorListPolicy.authorize(user, null, 'create');
  await checkDefinition(db, user, input);
  const w = writeOf(input);
  const id = await db.transaction(async (tx) => {
    if (await indicatorsRepo.indicatorCodeExists(tx, input.code)) {
      throw new AppError('DUPLICATE', [detail('code', 'DUPLICATE', `Đã có chỉ tiêu mã ${input.code}.`)], `Đã có chỉ tiêu mã ${input.code}.`);
    }
    const id = await indicatorsRepo.insertIndicator(tx, { code: input.code, ...w }, user.id);
    await indicatorsRepo.insertIndicatorVersion(tx, id, 1, definitionOf(input.code, w), user.id);
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'create', entity: 'indicator', entityId: id, after: definitionOf(input.code, w) });
    return id;
  });
  return getIndicator(db, user, id, { trend: true });
}

export async function updateIndicator(db: Db, user: AuthUser, id: number, input: IndicatorUpdate): Promise<IndicatorDetail> {
  // not found before forbidden: the indicator list is readable by every reader
  await requireIndicator(db, id);
  indicatorPolicy.authorize(user, null, 'update');
  await checkDefinition(db, user, input);
  const w = writeOf(input);
  await db.transaction(async (tx) => {
    const before = await requireIndicator(tx, id, true);
    if (before.version !== input.version) throw new AppError('CONFLICT');
    const version = await indicatorsRepo.updateIndicator(tx, id, w);
    await indicatorsRepo.insertIndicatorVersion(tx, id, version, definitionOf(before.code, w), user.id);
    const beforeDef = definitionOf(before.code, {
      name: before.name,
      population: before.population,
      condition: before.condition,
      targetKind: before.target_kind,
      comparison: before.comparison,
      targetValue: Number(before.target_value),
      startOn: before.start_on,
      deadline: before.deadline,
      source: before.source,
      ownerUnitId: before.owner_unit_id,
      note: before.note,
    });
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'update', entity: 'indicator', entityId: id, before: beforeDef, after: definitionOf(before.code, w) });
  });
  return getIndicator(db, user, id, { trend: true });
}

// ---------- administrative-reform posts ----------

export async function getAdminReformPosts(db: Db, _user: AuthUser): Promise<AdminReformPosts> {
  const r = await indicatorsRepo.listPosts(db);
  const map = (p: indicatorsRepo.PostRow) => ({ id: p.id, code: p.code, name: p.name, adminReform: p.admin_reform });
  return { jobPositions: r.jobPositions.map(map), titles: r.titles.map(map) };
}

export async function updateAdminReformPosts(db: Db, user: AuthUser, input: AdminReformPostsUpdate): Promise<AdminReformPosts> {
  indicatorListPolicy.authorize(user, null, 'markPosts');
  await db.transaction(async (tx) => {
    const missing: ErrorDetail[] = [];
    const apply = async (table: 'job_positions' | 'titles', entity: string, list: { id: number; adminReform: boolean }[], path: string) => {
      for (const [i, e] of list.entries()) {
        const before = await indicatorsRepo.setPostFlag(tx, table, e.id, e.adminReform);
        if (before === null) {
          missing.push(detail(`${path}.${i}.id`, 'UNKNOWN_CODE', `${entity === 'title' ? 'Chức danh' : 'Vị trí việc làm'} (mã số ${e.id}) không có trong danh mục.`));
        } else if (before !== e.adminReform) {
          await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'update', entity, entityId: e.id, before: { adminReform: before }, after: { adminReform: e.adminReform } });
        }
      }
    };
    await apply('job_positions', 'job_position', input.jobPositions, 'jobPositions');
    await apply('titles', 'title', input.titles, 'titles');
    // an unknown id refuses the whole change: the transaction rolls back
    assertNoFieldErrors(missing);
  });
  return getAdminReformPosts(db, user);
}
