/**
 * Evaluation of results at two years and after (issue 11 point 4, docs/decisions/0052). The
 * repository gathers the registry facts of cohorts inside the windows the domain defines
 * (evaluationResults.evaluationWindows) in two set-based statements (graduates one row each;
 * comparable people summed per class and stratum); the domain decides each graduate's outcome and
 * the comparison. A campaign freezes those facts per graduate when it opens, collects the home
 * agency's short assessment, and closes with the final report (a background job).
 *
 * Who sees what: the school running the class and the board see the whole cohort; any other
 * officer (an agency) sees the cohort's graduates working in their subtree, compared with comparable
 * people of their subtree.
 */
import { evaluationResults as er, formatViDate, hasPermission, todayInVietnam, type AgeBand, type IsoDate } from '@nang-tam/domain';
import type {
  Assessment,
  AssessmentInput,
  CampaignClose,
  CampaignDetail,
  CampaignList,
  CampaignOpen,
  CampaignSummary,
  CohortOptions,
  Comparison,
  OwedList,
  Results,
  ResultsQuery,
} from '@nang-tam/contracts';
import { auditRepo, evaluationResultsRepo as repo, type Db, type Queryable } from '@nang-tam/db';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { evaluationAssessmentPolicy, evaluationCampaignPolicy, runsEvaluation } from '../policies/evaluation-campaign.js';
import { refusalError } from '../policies/policy.js';
import { queueJob, toJob } from './jobs.service.js';

export const RESULT_RULES: readonly string[] = [
  'Xếp loại trước khóa học: kết quả đánh giá, xếp loại chất lượng hằng năm của 2 năm liền trước năm khai giảng.',
  'Xếp loại sau khóa học: 2 năm đầu tiên sau khóa học — từ chính năm bế giảng nếu lớp kết thúc trước hoặc vào ngày 30/6, từ năm sau nếu kết thúc sau ngày 30/6.',
  'Tỷ lệ "hoàn thành tốt nhiệm vụ trở lên" (gồm hoàn thành xuất sắc) tính trên số lượt đánh giá có trong hồ sơ (người × năm); năm không có kết quả không tính vào mẫu số.',
  'Quy hoạch, luân chuyển/điều động, bổ nhiệm hoặc giao chức vụ cao hơn: tính trong 2 năm kể từ ngày sau ngày bế giảng, trên số học viên còn công tác.',
  'Người nghỉ việc trước khi hết 2 năm: không tính vào tỷ lệ sau khóa học và các chỉ tiêu trên, được đếm riêng.',
  'Đánh giá được thực hiện khi lớp đã kết thúc đủ 2 năm (Trường Chính trị tỉnh Long An: "ít nhất sau 2 năm kể từ thời điểm học viên tốt nghiệp").',
];

// ---------- who sees the cohort ----------

/** The subtree whose people count (graduates and comparable people): '/' for the organiser or the board. */
function peoplePathOf(user: AuthUser, organiserPath: string): string | null {
  if (user.scope.kind !== 'subtree') return null;
  if (runsEvaluation(user, organiserPath)) return '/';
  // a school sees the classes it runs only
  if (hasPermission(user.role, 'classes.manage') && !hasPermission(user.role, 'conduct.write')) return null;
  return hasPermission(user.role, 'conduct.write') ? user.scope.unitPath : null;
}

/** A class's evaluation windows (decision 0052) as the statements take them; also used by the differential test and the bench. */
export function cohortWindow(
  c: Pick<repo.CohortClassRow, 'id' | 'programme_code' | 'start_date' | 'end_date'>,
): repo.CohortWindow & { windows: er.EvaluationWindows } {
  const w = er.evaluationWindows(c.start_date, c.end_date);
  return {
    classId: c.id,
    programmeCode: c.programme_code,
    matchOn: w.matchOn,
    beforeFrom: w.beforeYears[0],
    beforeTo: w.beforeYears[1],
    afterFrom: w.afterYears[0],
    afterTo: w.afterYears[1],
    eventsFrom: w.eventsFrom,
    eventsTo: w.eventsTo,
    windows: w,
  };
}

function factsOf(r: repo.GraduateFactsRow, matchOn: IsoDate): er.PersonFacts {
  return {
    personId: r.person_id,
    stratum: { category: r.category, titleLevel: r.title_level, ageBand: er.ageBandOn(r.birth_date, matchOn) },
    before: r.before,
    after: r.after,
    planned: r.planned,
    rotated: r.rotated,
    promoted: r.promoted,
    leftOn: r.left_on,
  };
}

const totalsFromRow = (r: repo.ControlTotalsRow): er.GroupTotals => ({
  people: r.people,
  left: r.left,
  beforeRated: r.before_rated,
  beforeGood: r.before_good,
  afterRated: r.after_rated,
  afterGood: r.after_good,
  planned: r.planned,
  rotated: r.rotated,
  promoted: r.promoted,
});

/** From this many cohorts on, comparable people are counted by the domain over the kept spans read once (decision 0065). */
export const MANY_COHORTS = 4;

const NONE: readonly number[] = [];
const numbers = (t: string): readonly number[] => (t === '' ? NONE : t.split(' ').map(Number));
const NO_CODES: readonly string[] = [];

/**
 * The comparable people of the cohorts summed per class and stratum. A few cohorts: one statement
 * over the kept spans (`sumControls`); many: the spans that may be members read once and counted by
 * the domain (`sumComparable`). `how` forces one way (the differential test compares both with the
 * statement over the records).
 */
export async function comparableTotals(
  db: Queryable,
  windows: readonly repo.CohortWindow[],
  strata: readonly repo.StratumOfCohort[],
  peoplePath: string,
  how: 'auto' | 'statement' | 'domain' = 'auto',
): Promise<repo.ControlTotalsRow[]> {
  if (windows.length === 0 || strata.length === 0) return [];
  if (how === 'statement' || (how === 'auto' && windows.length < MANY_COHORTS)) return repo.sumControls(db, windows, strata, peoplePath);
  const starts = windows.map((w) => w.matchOn).sort();
  const cols = await repo.listSpans(db, {
    categories: [...new Set(strata.map((s) => s.category))],
    firstDay: starts[0]!,
    lastDay: starts[starts.length - 1]!,
    peoplePath,
  });
  const spans: er.Spans = {
    group: cols.group,
    birth: cols.birth,
    from: cols.from,
    to: cols.to,
    left: cols.left,
    programmes: cols.programmes.map((t) => (t === '' ? NO_CODES : t.split(' '))),
    rated: cols.rated.map(numbers),
    good: cols.good.map(numbers),
    planned: cols.planned.map(numbers),
    rotated: cols.rotated.map(numbers),
    promoted: cols.promoted.map(numbers),
  };
  return er.sumComparable(spans, windows, strata).map((t) => ({
    class_id: t.classId,
    category: t.category,
    title_level: t.titleLevel,
    age_band: t.ageBand,
    people: t.people,
    left: t.left,
    before_rated: t.beforeRated,
    before_good: t.beforeGood,
    after_rated: t.afterRated,
    after_good: t.afterGood,
    planned: t.planned,
    rotated: t.rotated,
    promoted: t.promoted,
  }));
}

export interface CohortFacts {
  graduates: repo.GraduateFactsRow[];
  outcomes: Map<number, er.PersonOutcome[]>;
  cells: Map<number, er.ComparisonCell[]>;
}

/** The facts and cells of many cohorts, whose people lie under `peoplePath`: two statements. */
export async function gatherCohorts(db: Queryable, classes: readonly repo.CohortClassRow[], peoplePath: string): Promise<CohortFacts> {
  const windows = classes.map((c) => cohortWindow(c));
  const byClass = new Map(windows.map((w) => [w.classId, w.windows]));
  const graduates = await repo.listGraduateFacts(db, windows, peoplePath);
  const strata = new Map<string, repo.StratumOfCohort>();
  const factsByPerson = new Map<string, er.PersonFacts>();
  for (const g of graduates) {
    const w = byClass.get(g.class_id)!;
    const f = factsOf(g, w.matchOn);
    factsByPerson.set(`${g.class_id}|${g.person_id}`, f);
    const band = f.stratum.ageBand as AgeBand;
    const bounds = er.ageBandBirthBounds(band, w.matchOn);
    const s = {
      classId: g.class_id,
      category: g.category,
      titleLevel: g.title_level,
      ageBand: band,
      bornAfter: bounds.bornAfter,
      bornUntil: bounds.bornOnOrBefore,
    };
    strata.set(`${g.class_id}|${er.stratumKey(s)}`, s);
  }
  const controls = await comparableTotals(db, windows, [...strata.values()], peoplePath);
  const controlOf = new Map(controls.map((c) => [`${c.class_id}|${c.category}|${c.title_level}|${c.age_band}`, totalsFromRow(c)]));
  const outcomes = new Map<number, er.PersonOutcome[]>();
  const cellMap = new Map<
    string,
    { cohort: string; stratum: er.Stratum; graduates: er.PersonOutcome[]; controls: er.GroupTotals; classId: number }
  >();
  for (const g of graduates) {
    const f = factsByPerson.get(`${g.class_id}|${g.person_id}`)!;
    const o = er.personOutcome(f, byClass.get(g.class_id)!);
    outcomes.set(g.class_id, [...(outcomes.get(g.class_id) ?? []), o]);
    const key = `${g.class_id}|${er.stratumKey(f.stratum)}`;
    let cell = cellMap.get(key);
    if (!cell) {
      cell = {
        cohort: String(g.class_id),
        classId: g.class_id,
        stratum: f.stratum,
        graduates: [],
        controls: controlOf.get(key) ?? er.emptyTotals(),
      };
      cellMap.set(key, cell);
    }
    cell.graduates.push(o);
  }
  const cells = new Map<number, er.ComparisonCell[]>();
  for (const c of cellMap.values()) cells.set(c.classId, [...(cells.get(c.classId) ?? []), c]);
  return { graduates, outcomes, cells };
}

// ---------- results ----------

export async function getResults(db: Queryable, user: AuthUser, q: ResultsQuery, today: IsoDate = todayInVietnam()): Promise<Results> {
  if (q.from && q.to && q.from > q.to) throw new AppError('VALIDATION_FAILED', [fieldError('to', 'INVALID_DATE_RANGE')]);
  const all = await repo.listCohortClasses(db, {
    classId: q.classId ?? null,
    programmeCode: q.programmeCode ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
  });
  // the classes this user may evaluate, and whose people count
  const visible = all.filter((c) => peoplePathOf(user, c.organiser_path) !== null);
  if (q.classId !== undefined && visible.length === 0) throw notFound();
  const ready = visible.filter((c) => er.evaluationReady(c.end_date, today));
  const notReady = visible
    .filter((c) => !er.evaluationReady(c.end_date, today))
    .map((c) => ({ id: c.id, name: c.name, endDate: c.end_date, readyOn: er.evaluationWindows(c.start_date, c.end_date).readyOn }));
  const scopedToUnit = visible.some((c) => peoplePathOf(user, c.organiser_path) !== '/');
  const peoplePath = scopedToUnit && user.scope.kind === 'subtree' ? user.scope.unitPath : '/';
  const facts = await gatherCohorts(db, ready, peoplePath);
  const campaignIds = await Promise.all(ready.map((c) => repo.campaignOfClass(db, c.id)));
  const classes = ready.map((c, i) => {
    const w = er.evaluationWindows(c.start_date, c.end_date);
    const campaignId = campaignIds[i] ?? null;
    return {
      id: c.id,
      name: c.name,
      programme: { code: c.programme_code, name: c.programme_name },
      startDate: c.start_date,
      endDate: c.end_date,
      beforeYears: [w.beforeYears[0], w.beforeYears[1]] as [number, number],
      afterYears: [w.afterYears[0], w.afterYears[1]] as [number, number],
      eventsTo: w.eventsTo,
      readyOn: w.readyOn,
      ready: true,
      comparison: er.compare(facts.cells.get(c.id) ?? []) as Comparison,
      campaignId,
      actions: campaignId === null && runsEvaluation(user, c.organiser_path) ? (['openCampaign'] as const).slice() : [],
    };
  });
  const title =
    q.classId !== undefined
      ? (visible[0]?.name ?? '')
      : `${visible[0]?.programme_name ?? q.programmeCode}${q.from || q.to ? ` — các lớp kết thúc ${q.from ? `từ ${formatViDate(q.from)} ` : ''}${q.to ? `đến ${formatViDate(q.to)}` : ''}` : ''}`.trim();
  return {
    asOf: today,
    title,
    comparison: er.compare([...facts.cells.values()].flat()) as Comparison,
    classes,
    notReady,
    rules: [...RESULT_RULES],
    scopedToUnit,
  };
}

/** The programmes and classes with graduates, for the picker. */
export async function getCohortOptions(db: Queryable, user: AuthUser, today: IsoDate = todayInVietnam()): Promise<CohortOptions> {
  const rows = (await repo.listCohortClasses(db, { limit: 2000 })).filter((c) => peoplePathOf(user, c.organiser_path) !== null);
  const programmes = new Map<string, string>();
  for (const r of rows) programmes.set(r.programme_code, r.programme_name);
  return {
    programmes: [...programmes].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    classes: rows.map((r) => ({
      id: r.id,
      name: r.name,
      programmeCode: r.programme_code,
      endDate: r.end_date,
      graduates: r.graduates,
      ready: er.evaluationReady(r.end_date, today),
    })),
  };
}

// ---------- campaigns ----------

type StoredFacts = Assessment['facts'];

function storedFactsOf(g: repo.GraduateFactsRow, o: er.PersonOutcome, ageBand: string): StoredFacts {
  return {
    category: g.category,
    titleLevel: g.title_level,
    ageBand,
    before: g.before,
    after: o.left ? [] : g.after,
    beforeRated: o.beforeRated,
    beforeGood: o.beforeGood,
    afterRated: o.afterRated,
    afterGood: o.afterGood,
    planned: o.planned,
    rotated: o.rotated,
    promoted: o.promoted,
    left: o.left,
  };
}

function summaryOf(r: repo.CampaignRow): CampaignSummary {
  return {
    id: r.id,
    // branch lecturer-views (decision 0066): a class campaign, or a programme campaign over a period
    scope: r.class_id !== null ? 'class' : 'programme',
    class: r.class_id !== null ? { id: r.class_id, name: r.class_name!, startDate: r.start_date!, endDate: r.end_date! } : null,
    period: r.period_from !== null && r.period_to !== null ? { from: r.period_from, to: r.period_to } : null,
    classCount: r.class_count,
    programme: { code: r.programme_code, name: r.programme_name },
    status: r.status as CampaignSummary['status'],
    dueOn: r.due_on,
    openedBy: r.opened_by_name,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    graduates: r.graduates,
    assessed: r.assessed,
    version: r.version,
  };
}

function assessmentOf(user: AuthUser, campaignStatus: 'open' | 'closed', a: repo.AssessmentRow): Assessment {
  return {
    campaignId: a.campaign_id,
    class: { id: a.class_id, name: a.class_name },
    person: { id: a.person_id, fullName: a.full_name, birthDate: a.birth_date },
    unit: { id: a.unit_id, name: a.unit_name },
    facts: a.facts as StoredFacts,
    appliesKnowledge: a.applies_knowledge as Assessment['appliesKnowledge'],
    workChange: a.work_change as Assessment['workChange'],
    comment: a.comment,
    assessedBy: a.assessed_by_name,
    assessedAt: a.assessed_at,
    actions: evaluationAssessmentPolicy.allowedActions(user, { campaignStatus, unitPath: a.unit_path }),
  };
}

/** The subtree whose assessments a user sees in a campaign; null when none. */
function assessmentPathOf(user: AuthUser, c: repo.CampaignRow): string | null {
  if (user.scope.kind !== 'subtree') return null;
  if (runsEvaluation(user, c.organiser_path)) return '/';
  return hasPermission(user.role, 'conduct.write') ? user.scope.unitPath : null;
}

export async function listCampaigns(db: Queryable, user: AuthUser): Promise<CampaignList> {
  if (user.scope.kind !== 'subtree') throw notFound();
  const manages = hasPermission(user.role, 'classes.manage') || hasPermission(user.role, 'nominations.approve');
  const all = await repo.listCampaigns(db, null);
  // an agency sees the campaigns with graduates of its subtree; the organiser or the board all of theirs
  const mine = hasPermission(user.role, 'conduct.write')
    ? new Set((await repo.listCampaigns(db, user.scope.unitPath)).map((r) => r.id))
    : new Set<number>();
  const visible = all.filter((c) => runsEvaluation(user, c.organiser_path) || mine.has(c.id));
  return { items: visible.map(summaryOf), actions: manages ? ['open'] : [] };
}

async function loadCampaign(
  db: Queryable,
  user: AuthUser,
  id: number,
  lock = false,
): Promise<{ c: repo.CampaignRow; path: string; rows: repo.AssessmentRow[] }> {
  const c = await repo.findCampaign(db, id, lock);
  if (!c) throw notFound();
  const path = assessmentPathOf(user, c);
  if (path === null) throw notFound();
  const rows = await repo.listAssessments(db, id, path);
  if (path !== '/' && rows.length === 0) throw notFound();
  return { c, path, rows };
}

function answersOf(rows: readonly repo.AssessmentRow[]): CampaignDetail['answers'] {
  const appliesKnowledge: Record<string, number> = {};
  const workChange: Record<string, number> = {};
  for (const r of rows) {
    if (r.applies_knowledge) appliesKnowledge[r.applies_knowledge] = (appliesKnowledge[r.applies_knowledge] ?? 0) + 1;
    if (r.work_change) workChange[r.work_change] = (workChange[r.work_change] ?? 0) + 1;
  }
  return { appliesKnowledge, workChange };
}

export async function getCampaign(db: Queryable, user: AuthUser, id: number): Promise<CampaignDetail> {
  const { c, path, rows } = await loadCampaign(db, user, id);
  const status = c.status as 'open' | 'closed';
  const stored = c.summary as { comparison: Comparison };
  // an agency sees its own graduates' figures only (the cohort's comparison is the organiser's)
  const comparison: Comparison =
    path === '/'
      ? stored.comparison
      : (() => {
          const outcomes = rows.map((r) => {
            const f = r.facts as StoredFacts;
            return {
              personId: r.person_id,
              left: f.left,
              beforeRated: f.beforeRated,
              beforeGood: f.beforeGood,
              beforeMissing: 0,
              afterRated: f.afterRated,
              afterGood: f.afterGood,
              afterMissing: 0,
              planned: f.planned,
              rotated: f.rotated,
              promoted: f.promoted,
            };
          });
          const t = er.totalsOf(outcomes);
          return { ...stored.comparison, graduates: t, graduateShares: er.sharesOf(t) };
        })();
  const classes = (await repo.listCampaignClasses(db, id)).map((k) => ({ id: k.id, name: k.name, startDate: k.start_date, endDate: k.end_date }));
  return {
    ...summaryOf(c),
    note: c.note,
    classes,
    comparison,
    assessments: rows.map((r) => assessmentOf(user, status, r)),
    answers: answersOf(rows),
    actions: evaluationCampaignPolicy.allowedActions(user, { status, organiserPath: c.organiser_path }),
  };
}

/** Opens a campaign inside the caller's transaction (the demo province uses it too); its id. */
export async function openCampaignWithin(
  tx: Queryable,
  user: AuthUser,
  input: CampaignOpen,
  today: IsoDate = todayInVietnam(),
): Promise<number> {
  if ('programmeCode' in input) return openProgrammeCampaignWithin(tx, user, input, today);
  const [cls] = await repo.listCohortClasses(tx, { classId: input.classId });
  if (!cls || !runsEvaluation(user, cls.organiser_path)) throw notFound();
  const w = er.evaluationWindows(cls.start_date, cls.end_date);
  if (!er.evaluationReady(cls.end_date, today))
    throw new AppError(
      'EVALUATION_TOO_EARLY',
      [],
      `Lớp "${cls.name}" kết thúc ngày ${formatViDate(cls.end_date)}; chỉ mở đợt đánh giá kết quả sau đào tạo khi lớp đã kết thúc đủ 2 năm, tức từ ngày ${formatViDate(w.readyOn)}.`,
    );
  if (input.dueOn < today) throw new AppError('VALIDATION_FAILED', [fieldError('dueOn', 'DATE_IN_PAST')]);
  const facts = await gatherCohorts(tx, [cls], '/');
  const outcomes = new Map((facts.outcomes.get(cls.id) ?? []).map((o) => [o.personId, o]));
  const comparison = er.compare(facts.cells.get(cls.id) ?? []);
  const summary = { comparison, windows: w, openedOn: today };
  const campaignId = await repo.insertCampaign(tx, {
    classId: cls.id,
    dueOn: input.dueOn,
    note: input.note ?? null,
    summary,
    openedBy: user.id,
  });
  if (campaignId === null)
    throw new AppError('DUPLICATE', [fieldError('classId', 'DUPLICATE_ENTRY')], 'Lớp này đã có đợt đánh giá kết quả sau đào tạo.');
  await repo.insertAssessments(
    tx,
    campaignId,
    facts.graduates.map((g) => ({
      personId: g.person_id,
      unitId: g.unit_id,
      classId: cls.id,
      facts: storedFactsOf(g, outcomes.get(g.person_id)!, er.ageBandOn(g.birth_date, w.matchOn)),
    })),
  );
  await auditRepo.appendAudit(tx, {
    ...actorOf(user),
    action: 'open',
    entity: 'evaluation_campaign',
    entityId: campaignId,
    after: { classId: cls.id, dueOn: input.dueOn, note: input.note ?? null, graduates: facts.graduates.length, comparison },
  });
  return campaignId;
}

// ---------- programme campaigns (branch lecturer-views, decision 0066) ----------

type ProgrammeCampaignOpen = Extract<CampaignOpen, { programmeCode: string }>;

/**
 * Opens a campaign for a programme and a period: every class of the programme that ended inside
 * [from, to], is due (ended two years ago or more) and is organised in the opener's reach. Refused:
 * a reversed period (400), an unknown programme (404), an overlapping open campaign (below), no due class (409 EVALUATION_NO_DUE_CLASS,
 * naming the day the first class in the period becomes due, if any), a due date in the past (400).
 * An open campaign of the same programme over an overlapping period is checked before the classes
 * (409 CAMPAIGN_OVERLAP: the period is taken, whatever classes it holds). The
 * programme's row is locked first, so two overlapping openings are serialised. Each graduate gets
 * one row (a person who graduated from two of its classes: the later class); the comparison pools
 * every class's strata (direct standardisation over the union, as the results page does for a
 * programme).
 */
async function openProgrammeCampaignWithin(tx: Queryable, user: AuthUser, input: ProgrammeCampaignOpen, today: IsoDate): Promise<number> {
  if (user.scope.kind !== 'subtree') throw notFound();
  if (input.from > input.to) {
    const message = 'Khoảng thời gian không hợp lệ: ngày cuối trước ngày đầu.';
    throw new AppError('VALIDATION_FAILED', [{ path: 'to', code: 'DATE_BEFORE_START', message }], message);
  }
  if (!(await repo.lockProgramme(tx, input.programmeCode))) throw new AppError('UNKNOWN_PROGRAMME', [fieldError('programmeCode', 'UNKNOWN_PROGRAMME')]);
  const overlap = await repo.findOverlappingOpenCampaigns(tx, input.programmeCode, input.from, input.to);
  if (overlap.length > 0) {
    const o = overlap[0]!;
    const message = `Chương trình đã có đợt đánh giá đang mở cho các lớp kết thúc từ ${formatViDate(o.period_from)} đến ${formatViDate(o.period_to)}, trùng với khoảng thời gian này.`;
    throw new AppError('CAMPAIGN_OVERLAP', [{ path: 'from', code: 'OUT_OF_RANGE', message }], message);
  }
  const inPeriod = (await repo.listCohortClasses(tx, { programmeCode: input.programmeCode, from: input.from, to: input.to, limit: 5000 })).filter((c) =>
    runsEvaluation(user, c.organiser_path),
  );
  const due = inPeriod.filter((c) => er.evaluationReady(c.end_date, today));
  if (due.length === 0) {
    const firstReady = inPeriod.map((c) => er.evaluationWindows(c.start_date, c.end_date).readyOn).sort()[0];
    const period = `từ ${formatViDate(input.from)} đến ${formatViDate(input.to)}`;
    const message = firstReady
      ? `Các lớp của chương trình kết thúc ${period} chưa đủ 2 năm; lớp sớm nhất được đánh giá từ ngày ${formatViDate(firstReady)}.`
      : `Chương trình không có lớp nào (có học viên tốt nghiệp, do đơn vị bạn tổ chức) kết thúc ${period}.`;
    throw new AppError('EVALUATION_NO_DUE_CLASS', [{ path: 'to', code: 'OUT_OF_RANGE', message }], message);
  }
  if (input.dueOn < today) throw new AppError('VALIDATION_FAILED', [fieldError('dueOn', 'DATE_IN_PAST')]);
  const facts = await gatherCohorts(tx, due, '/');
  const comparison = er.compare([...facts.cells.values()].flat());
  const summary = {
    comparison,
    classes: due.map((c) => ({ id: c.id, name: c.name, windows: er.evaluationWindows(c.start_date, c.end_date) })),
    openedOn: today,
  };
  const campaignId = await repo.insertProgrammeCampaign(tx, {
    programmeCode: input.programmeCode,
    from: input.from,
    to: input.to,
    organiserUnitId: user.unitId,
    classIds: due.map((c) => c.id),
    dueOn: input.dueOn,
    note: input.note ?? null,
    summary,
    openedBy: user.id,
  });
  // one row per person: `due` is latest end first, so the first class seen is the later one
  const endOf = new Map(due.map((c) => [c.id, c]));
  const seeds = new Map<number, repo.AssessmentSeed>();
  const ordered = [...facts.graduates].sort((a, b) => due.indexOf(endOf.get(a.class_id)!) - due.indexOf(endOf.get(b.class_id)!));
  for (const g of ordered) {
    if (seeds.has(g.person_id)) continue;
    const c = endOf.get(g.class_id)!;
    const w = er.evaluationWindows(c.start_date, c.end_date);
    const o = facts.outcomes.get(g.class_id)!.find((x) => x.personId === g.person_id)!;
    seeds.set(g.person_id, { personId: g.person_id, unitId: g.unit_id, classId: g.class_id, facts: storedFactsOf(g, o, er.ageBandOn(g.birth_date, w.matchOn)) });
  }
  await repo.insertAssessments(tx, campaignId, [...seeds.values()]);
  await auditRepo.appendAudit(tx, {
    ...actorOf(user),
    action: 'open',
    entity: 'evaluation_campaign',
    entityId: campaignId,
    after: {
      programmeCode: input.programmeCode,
      from: input.from,
      to: input.to,
      classIds: due.map((c) => c.id),
      dueOn: input.dueOn,
      note: input.note ?? null,
      graduates: seeds.size,
      comparison,
    },
  });
  return campaignId;
}

export async function openCampaign(
  db: Db,
  user: AuthUser,
  input: CampaignOpen,
  today: IsoDate = todayInVietnam(),
): Promise<CampaignDetail> {
  const id = await db.transaction((tx) => openCampaignWithin(tx, user, input, today));
  return getCampaign(db, user, id);
}

/** Closes a campaign inside the caller's transaction (the demo province uses it too). */
export async function closeCampaignWithin(tx: Queryable, user: AuthUser, id: number, input: CampaignClose): Promise<void> {
  const c = await repo.findCampaign(tx, id, true);
  if (!c) throw notFound();
  const v = evaluationCampaignPolicy.decide(user, { status: c.status as 'open' | 'closed', organiserPath: c.organiser_path }, 'close');
  if (v !== true) throw refusalError(v);
  if (c.version !== input.version) throw new AppError('CONFLICT');
  const rows = await repo.listAssessments(tx, id, '/');
  const summary = {
    ...(c.summary as object),
    answers: answersOf(rows),
    assessed: rows.filter((r) => r.assessed_at).length,
    closedOn: todayInVietnam(),
  };
  await repo.closeCampaign(tx, id, user.id, summary);
  await auditRepo.appendAudit(tx, {
    ...actorOf(user),
    action: 'close',
    entity: 'evaluation_campaign',
    entityId: id,
    before: { status: c.status, version: c.version },
    after: { status: 'closed', answers: summary.answers, assessed: summary.assessed },
  });
}

export async function closeCampaign(db: Db, user: AuthUser, id: number, input: CampaignClose): Promise<CampaignDetail> {
  await db.transaction((tx) => closeCampaignWithin(tx, user, id, input));
  return getCampaign(db, user, id);
}

export async function assess(db: Db, user: AuthUser, campaignId: number, personId: number, input: AssessmentInput): Promise<Assessment> {
  return db.transaction((tx) => assessWithin(tx, user, campaignId, personId, input));
}

/** One assessment inside the caller's transaction (the demo province uses it too). */
export async function assessWithin(
  tx: Queryable,
  user: AuthUser,
  campaignId: number,
  personId: number,
  input: AssessmentInput,
): Promise<Assessment> {
  const c = await repo.findCampaign(tx, campaignId, true);
  if (!c) throw notFound();
  const a = await repo.findAssessment(tx, campaignId, personId);
  if (!a) throw notFound();
  const v = evaluationAssessmentPolicy.decide(user, { campaignStatus: c.status as 'open' | 'closed', unitPath: a.unit_path }, 'assess');
  if (v !== true) throw refusalError(v);
  const w: repo.AssessmentWrite = {
    appliesKnowledge: input.appliesKnowledge,
    workChange: input.workChange,
    comment: input.comment?.trim() || null,
    assessedBy: user.id,
  };
  await repo.updateAssessment(tx, campaignId, personId, w);
  await auditRepo.appendAudit(tx, {
    ...actorOf(user),
    action: 'assess',
    entity: 'evaluation_assessment',
    entityId: `${campaignId}:${personId}`,
    personId,
    before: { appliesKnowledge: a.applies_knowledge, workChange: a.work_change, comment: a.comment },
    after: { appliesKnowledge: w.appliesKnowledge, workChange: w.workChange, comment: w.comment },
  });
  return assessmentOf(user, 'open', (await repo.findAssessment(tx, campaignId, personId))!);
}

export async function listOwed(db: Queryable, user: AuthUser): Promise<OwedList> {
  if (user.scope.kind !== 'subtree') throw notFound();
  const rows = await repo.listOwed(db, user.scope.unitPath);
  return { items: rows.map((r) => ({ ...assessmentOf(user, 'open', r), className: r.class_name, dueOn: r.due_on })) };
}

export async function startReport(db: Db, user: AuthUser, id: number, format: 'xlsx' | 'pdf') {
  const c = await repo.findCampaign(db, id);
  if (!c) throw notFound();
  const v = evaluationCampaignPolicy.decide(user, { status: c.status as 'open' | 'closed', organiserPath: c.organiser_path }, 'report');
  if (v !== true) throw refusalError(v);
  return toJob(await queueJob(db, user, { kind: 'evaluation_report', params: { campaignId: id, format } }, { audit: 'export' }));
}
