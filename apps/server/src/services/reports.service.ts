/**
 * Official statistical report forms (issue 10 point 3, docs/decisions/0048). Definitions are data:
 * read by whoever reads statistics, corrected by the board and home affairs (catalogue.write) as a
 * new version validated by the domain (unknown codes and measures refused with the field and a
 * Vietnamese message). Filling runs as a background job over a unit subtree in the caller's scope
 * (another unit: 404): headcount cells from the registry as of the period's last day (this
 * repository), person-time cells through the training statistics (statisticsRepo.statisticsTable,
 * decision 0047), the grid with its totals laid out by the domain.
 */
import { reports, statistics } from '@nang-tam/domain';
import { reportsRepo, statisticsRepo, unitsRepo, type Db, type Queryable } from '@nang-tam/db';
import type {
  ErrorDetail,
  Job,
  ReportFillInput,
  ReportFormDetail,
  ReportFormVersion,
  ReportFormVersionInput,
  ReportGrid,
} from '@nang-tam/contracts';
import { AppError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { queueJob, toJob } from './jobs.service.js';

function toVersion(r: reportsRepo.FormVersionRow): ReportFormVersion {
  return {
    code: r.form_code,
    version: r.version,
    body: r.body as ReportFormVersion['body'],
    source: r.source,
    reason: r.reason,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

const formNotFound = (code: string) =>
  new AppError(
    'NOT_FOUND',
    [{ path: 'code', code: 'REPORT_FORM_UNKNOWN', message: `Không có biểu mẫu báo cáo mã "${code}".` }],
    `Không có biểu mẫu báo cáo mã "${code}".`,
  );

export async function listForms(db: Queryable): Promise<{ items: ReportFormVersion[] }> {
  return { items: (await reportsRepo.listForms(db)).map(toVersion) };
}

export async function getForm(db: Queryable, code: string): Promise<ReportFormDetail> {
  const versions = await reportsRepo.formVersions(db, code);
  if (versions.length === 0) throw formNotFound(code);
  return { current: toVersion(versions[0]!), versions: versions.map(toVersion) };
}

function refuse(details: ErrorDetail[]): never {
  const first = details[0]!;
  throw new AppError(
    'VALIDATION_FAILED',
    details,
    details.length === 1 ? first.message : `${first.message} (và ${details.length - 1} lỗi khác)`,
  );
}

/** A corrected definition as the next version of the form (or a new form); nothing written when invalid. */
export async function saveFormVersion(db: Db, user: AuthUser, code: string, input: ReportFormVersionInput): Promise<ReportFormDetail> {
  const problems = reports.validateDefinition(input.body as reports.ReportDefinitionBody, await reportsRepo.vocabulary(db));
  const details: ErrorDetail[] = problems.map((p) => ({ path: `body.${p.field}`, code: p.code, message: p.message }));
  if (input.periodTo && input.periodTo < input.periodFrom)
    details.push({ path: 'periodTo', code: 'PERIOD_REVERSED', message: 'Ngày hết áp dụng trước ngày bắt đầu áp dụng.' });
  if (details.length > 0) refuse(details);
  const { actorId, actorName } = actorOf(user);
  await reportsRepo.addVersion(
    db,
    {
      code,
      body: input.body as reports.ReportDefinitionBody,
      source: input.source,
      reason: input.reason,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo ?? null,
    },
    { id: actorId, name: actorName },
  );
  return getForm(db, code);
}

interface FillPlan {
  version: reportsRepo.FormVersionRow;
  unit: { id: number; name: string; path: string };
}

/** The checks before a fill: the form in force, the unit in scope (404), the period (what is missing). */
async function planFill(db: Queryable, user: AuthUser, code: string, from: string, to: string, unitId: number): Promise<FillPlan> {
  const exists = (await reportsRepo.formVersions(db, code)).length > 0;
  if (!exists) throw formNotFound(code);
  if (user.scope.kind !== 'subtree') throw notFound();
  const unit = await unitsRepo.findUnitById(db, user.scope, unitId);
  if (!unit) throw notFound();
  if (to < from)
    refuse([
      {
        path: 'to',
        code: 'PERIOD_REVERSED',
        message: `Kỳ báo cáo kết thúc (${reports.vnDate(to)}) trước khi bắt đầu (${reports.vnDate(from)}).`,
      },
    ]);
  const version = await reportsRepo.versionInForce(db, code, to);
  if (!version)
    refuse([
      {
        path: 'to',
        code: 'REPORT_FORM_NOT_IN_FORCE',
        message: `Biểu mẫu "${code}" không áp dụng cho kỳ kết thúc ngày ${reports.vnDate(to)}.`,
      },
    ]);
  const measures = new Set(reports.cellQueries(version.body, {}).map((c) => c.measure));
  const earliest = await reportsRepo.earliestRecords(db);
  const checks: [boolean, string | null, string][] = [
    [measures.has('headcount'), earliest.registry, 'quá trình công tác'],
    [measures.has('person_times') || measures.has('people_trained'), earliest.training, 'đào tạo, bồi dưỡng (lớp học, cử đi học)'],
  ];
  for (const [needed, first, what] of checks) {
    if (!needed) continue;
    const problem = reports.checkPeriod(version.body, from, to, first, what);
    if (problem) refuse([{ path: problem.field, code: problem.code, message: problem.message }]);
  }
  if (measures.size === 0) {
    const problem = reports.checkPeriod(version.body, from, to, from, '');
    if (problem) refuse([{ path: problem.field, code: problem.code, message: problem.message }]);
  }
  return { version, unit: { id: unit.id, name: unit.name, path: unit.path } };
}

/** Queues the fill of a form (Excel or PDF, with the grid in the result) after the checks. */
export async function startFill(db: Db, user: AuthUser, code: string, input: ReportFillInput): Promise<Job> {
  await planFill(db, user, code, input.from, input.to, input.unitId);
  return toJob(await queueJob(db, user, { kind: 'report_fill', params: { code, ...input } }, { audit: 'export' }));
}

/** Counts every data cell of the form and lays out the grid. */
export async function fillReport(
  db: Queryable,
  user: AuthUser,
  code: string,
  from: string,
  to: string,
  unitId: number,
): Promise<{ grid: ReportGrid; version: reportsRepo.FormVersionRow }> {
  const { version, unit } = await planFill(db, user, code, from, to, unitId);
  const def = version.body;
  const vocab = await reportsRepo.vocabulary(db);
  const cells = reports.cellQueries(def, vocab.levels).map((cell, id) => ({ id, cell }));
  const values = new Map<string, number>();
  const put = (id: number, v: number) => {
    const c = cells[id]!.cell;
    values.set(reports.cellKey(c.row, c.column), v);
  };
  const headcount = cells.filter((c) => c.cell.measure === 'headcount' && c.cell.filter !== null);
  const training = cells.filter((c) => c.cell.measure !== 'headcount');
  const young = (await statisticsRepo.youngSetting(db, to)) ?? statistics.DEFAULT_YOUNG_AGE;
  const base = (filters: reports.StatFilters, groupBy: statistics.StatDimension[]): statisticsRepo.StatQuery => ({
    from,
    to,
    subtreePath: unit.path,
    unitBasis: 'learner',
    basis: 'enrolled',
    youngUnderAge: young.underAge,
    filters,
    groupBy,
  });
  const calls = reports.planTrainingCalls(training);
  const programmes = await reportsRepo.programmeKinds(db);
  await Promise.all([
    reportsRepo
      .countHeadcounts(
        db,
        unit.path,
        to,
        headcount.map((c) => ({ id: c.id, measure: c.cell.measure, filter: c.cell.filter! })),
      )
      .then((m) => m.forEach((v, id) => put(id, v))),
    ...calls.grouped.map(async (call) => {
      const rows = (
        await statisticsRepo.statisticsTable(db, base(call.filters, call.second ? ['programme', call.second] : ['programme']))
      ).map((r) => ({
        codes: r.codes,
        counts: r,
      }));
      for (const cell of call.cells) put(cell.id, reports.sumGroups(cell, rows, programmes));
    }),
    ...calls.single.map(async (s) => {
      const [row] = await statisticsRepo.statisticsTable(db, base(s.filters, []));
      put(s.id, row ? row[s.counter] : 0);
    }),
  ]);
  const laid = reports.layoutGrid(def, values);
  const notes = [...(def.notes ?? [])];
  if (training.length > 0)
    notes.push(
      `Cán bộ trẻ: dưới ${young.underAge} tuổi vào ngày khai giảng; đảng viên: đã vào Đảng trước ngày khai giảng (thống kê đào tạo, quyết định 0047).`,
    );
  if (!def.verified) notes.push('Biểu mẫu chưa được đối chiếu với phụ lục biểu mẫu của văn bản quy định (xem ghi chú quyết định 0048).');
  return {
    version,
    grid: {
      formCode: version.form_code,
      version: version.version,
      title: def.title,
      from,
      to,
      unit: { id: unit.id, name: unit.name },
      unitLine: def.unitLine ?? null,
      columns: laid.columns,
      rows: laid.rows,
      notes,
    },
  };
}
