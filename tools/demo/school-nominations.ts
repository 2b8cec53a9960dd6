/**
 * Who goes to which class, and how they got there. People are weighed by the rules engine as the
 * nominations service weighs them (the class's programme and mode, as of its start); only eligible
 * people are nominated, except a few the provincial board overrides with a reason. The demo
 * accounts' people are placed first (the `hocvien` learner in a class under way, the `unit`
 * officer's people where reports are owed, `unit2`'s in the state-management classes), then each
 * class is filled from the units around its site. Nominations then go through the chain: the
 * agency, the board or home affairs (by programme), the school, whose acceptance creates the
 * enrolment; never more places held than the capacity, the rest waitlisted.
 */
import { rules, type IsoDate } from '@nang-tam/domain';
import type { EligibilityResult } from '@nang-tam/contracts';
import { classesRepo, nominationsRepo, personFactsRepo, type Queryable } from '@nang-tam/db';
import type { AuthUser } from '../../apps/server/src/auth/auth-user.js';
import { toEligibilityResult } from '../../apps/server/src/services/eligibility.service.js';
import { loadCatalogue, rulesInForceOf, type RulesCatalogue } from '../../apps/server/src/services/rules.service.js';
import { addDays } from './days.js';
import type { Rng } from './random.js';
import { inScopeOf, minutesAfter, officeTime, record, shuffled, stamp, type PersonRow, type SchoolContext } from './school-context.js';
import type { ClassRecord } from './school-classes.js';
import { daysBetween, workdayOnOrAfter, workdayOnOrBefore, type ClassKey, type ClassPlan } from './school-plan.js';
import type { UnitSpec } from './units.js';

export interface Chosen {
  person: PersonRow;
  eligibility: EligibilityResult;
  overrideReason: string | null;
}

/** The school's request for the home agencies' conduct reports in a class. */
export interface ConductRequest {
  requestedOn: IsoDate;
  dueOn: IsoDate;
  /** The `unit` officer still owes the report of (the first of) their people. */
  unitOwes: boolean;
}

/** Failing rules the board may set aside with a reason (never "already holds it" or "already studying it"). */
const OVERRIDABLE: ReadonlySet<string> = new Set(['target_post', 'appraisal_streak', 'min_qualification', 'party_member', 'target_group']);

function overrideReasonFor(e: EligibilityResult, unitName: string): string {
  const failed = e.rules.filter((r) => r.outcome === 'fail').map((r) => r.kind);
  if (failed.includes('target_post'))
    return `Cán bộ nguồn của ${unitName} được Ban Thường vụ Tỉnh ủy đồng ý bổ sung quy hoạch (Thông báo số 245-TB/TU); Ban Tổ chức Tỉnh ủy đồng ý cử đi học.`;
  if (failed.includes('appraisal_streak'))
    return 'Năm trước chưa được đánh giá, xếp loại do đi học tập trung dài hạn; Ban Tổ chức Tỉnh ủy xem xét và đồng ý cử đi học.';
  return `Theo đề nghị của ${unitName}, Ban Thường vụ Tỉnh ủy đồng ý cử đi học (Công văn số 1532-CV/BTCTU).`;
}

const overridden = (x: Chosen): Chosen => ({ ...x, overrideReason: overrideReasonFor(x.eligibility, x.person.unit_name) });

/** Why the board (or home affairs) refused a nomination of an eligible person. */
const REFUSAL_NOTES = {
  province_board: 'Chưa có trong danh sách quy hoạch đã được phê duyệt; đề nghị đơn vị rà soát lại nguồn cử đi học.',
  home_affairs: 'Chưa đủ thời gian giữ ngạch chuyên viên theo quy định để dự nguồn nâng ngạch; đề nghị đơn vị cử vào khóa sau.',
};

// ---------- weighing people ----------

type Verdict = (facts: personFactsRepo.PersonFactsRow) => EligibilityResult;

/** Who may be nominated: people weighed by the rules engine, each person in one class at most. */
class Chooser {
  private readonly used = new Set<number>();
  private readonly facts = new Map<number, personFactsRepo.PersonFactsRow>();
  private readonly everyone: PersonRow[];
  private readonly around = new Map<string, PersonRow[]>();
  /** Answers the rules engine gave. */
  judged = 0;

  constructor(
    private readonly tx: Queryable,
    people: readonly PersonRow[],
    schoolPath: string,
    private readonly sites: { local_north: readonly UnitSpec[]; local_south: readonly UnitSpec[] },
  ) {
    // the school's own staff do not study at the school in the demo
    this.everyone = people.filter((p) => !p.unit_path.startsWith(schoolPath));
  }

  use(personId: number): void {
    this.used.add(personId);
  }

  /** Gives back a person `pick` set aside who was not placed. */
  release(personId: number): void {
    this.used.delete(personId);
  }

  /** The people of the units around a site: the whole province for the school, fifteen communes for a local hall. */
  pool(site: ClassPlan['site']): PersonRow[] {
    if (site === 'school') return this.everyone;
    let list = this.around.get(site);
    if (!list) {
      const codes = this.sites[site].map((c) => c.code);
      list = this.everyone.filter((p) => codes.some((code) => p.unit_code === code || p.unit_code.startsWith(`${code}-`)));
      this.around.set(site, list);
    }
    return list;
  }

  /** The rules engine's answer for each person (facts loaded once per person). */
  async judge(persons: readonly PersonRow[], verdict: Verdict): Promise<EligibilityResult[]> {
    const missing = persons
      .map((p) => p.id)
      .filter((id) => !this.facts.has(id))
      .sort((a, b) => a - b);
    for (const row of await personFactsRepo.loadFactsOf(this.tx, missing, personFactsRepo.ALL_FACTS)) this.facts.set(row.id, row);
    this.judged += persons.length;
    return persons.map((p) => {
      const f = this.facts.get(p.id);
      if (!f) throw new Error(`no facts for person ${p.id}`);
      return verdict(f);
    });
  }

  /**
   * Walks the (shuffled) candidates not yet placed, in chunks: up to `wanted` eligible people and
   * up to `overridable` people who fail only rules the board may set aside. Both are set aside.
   */
  async pick(
    candidates: readonly PersonRow[],
    wanted: number,
    verdict: Verdict,
    overridable = 0,
  ): Promise<{ eligible: Chosen[]; overridable: Chosen[] }> {
    const eligible: Chosen[] = [];
    const soft: Chosen[] = [];
    const free = candidates.filter((p) => !this.used.has(p.id));
    const chunk = Math.max(64, Math.min(600, wanted * 3));
    for (let i = 0; i < free.length && (eligible.length < wanted || soft.length < overridable); i += chunk) {
      const slice = free.slice(i, i + chunk);
      const answers = await this.judge(slice, verdict);
      for (const [j, e] of answers.entries()) {
        const person = slice[j]!;
        const fails = e.rules.filter((r) => r.outcome === 'fail');
        if (e.outcome === 'eligible') {
          if (eligible.length < wanted) eligible.push({ person, eligibility: e, overrideReason: null });
        } else if (
          soft.length < overridable &&
          e.outcome === 'not_eligible' &&
          fails.length > 0 &&
          fails.every((r) => OVERRIDABLE.has(r.kind))
        ) {
          soft.push({ person, eligibility: e, overrideReason: null });
        }
      }
    }
    for (const x of [...eligible, ...soft]) this.used.add(x.person.id);
    return { eligible, overridable: soft };
  }
}

/** The engine prepared once per class (programme, mode, start date), as the nominations service prepares it. */
async function verdicts(tx: Queryable, classes: readonly ClassRecord[]) {
  const catalogues = new Map<string, RulesCatalogue>();
  const verdictOf = new Map<ClassKey, Verdict>();
  for (const c of classes) {
    let catalogue = catalogues.get(c.plan.programmeCode);
    if (!catalogue) catalogues.set(c.plan.programmeCode, (catalogue = await loadCatalogue(tx, { programmeCode: c.plan.programmeCode })));
    const evaluate = rules.prepareEligibility({
      programme: c.plan.programmeCode,
      mode: c.plan.mode,
      programmes: catalogue.programmes,
      rules: catalogue.ruleSets,
      levels: catalogue.levels,
      titles: catalogue.titles,
      jobPositions: catalogue.jobPositions,
      asOf: c.startDate,
    });
    verdictOf.set(c.plan.key, (facts) => toEligibilityResult(evaluate(personFactsRepo.factsOn(facts, c.startDate), null)));
  }
  return { catalogues, verdictOf };
}

/** The people the SQL pre-filter of the rules in force leaves (a necessary condition; the engine still decides). */
async function possiblyEligible(tx: Queryable, c: ClassRecord, catalogue: RulesCatalogue): Promise<Set<number>> {
  const ids = await personFactsRepo.findSubtreePersonIds(
    tx,
    '/',
    personFactsRepo.eligibilityCondition(rulesInForceOf(catalogue, c.plan.programmeCode, c.startDate), {
      asOf: c.startDate,
      mode: c.plan.mode,
      programmeCode: c.plan.programmeCode,
      levels: catalogue.levels,
      titles: catalogue.reference.titles,
      ranks: catalogue.reference.ranks,
    }),
  );
  return new Set(ids);
}

export interface Placement {
  picks: Map<ClassKey, Chosen[]>;
  conduct: Map<ClassKey, ConductRequest>;
}

/**
 * Places people in classes, the demo accounts' people first:
 * - `hocvien` in the first class under way they are eligible for (else the board overrides);
 * - up to three of the `unit` commune's people in the trung cấp class at the school (their reports
 *   due soon), one in the local trung cấp class (report overdue) or, when none may go there, in
 *   another class under way whose reports the school asked for ten days ago; the board overrides
 *   for one of them when nobody of a small commune qualifies;
 * - Sở Y tế people (`unit2`) in the state-management classes under way;
 * - one override by the board in each of two classes, with its reason;
 * - everyone else from the units around each class's site; a small province fills its classes in
 *   proportion, except the one kept full to show its waitlist.
 */
export async function chooseLearners(
  ctx: SchoolContext,
  classes: readonly ClassRecord[],
  sites: { local_north: readonly UnitSpec[]; local_south: readonly UnitSpec[] },
): Promise<Placement> {
  const { tx, rng, actors, today, people } = ctx;
  const chooser = new Chooser(tx, people, ctx.school.path, sites);
  const { catalogues, verdictOf } = await verdicts(tx, classes);
  const byKey = (key: ClassKey) => classes.find((c) => c.plan.key === key)!;
  const verdict = (key: ClassKey) => verdictOf.get(key)!;
  const running = (key: ClassKey) => byKey(key).phase === 'running';
  const picks = new Map<ClassKey, Chosen[]>();
  const add = (key: ClassKey, chosen: Chosen) => picks.set(key, [...(picks.get(key) ?? []), chosen]);
  const conduct = new Map<ClassKey, ConductRequest>();

  const learner = people.find((p) => p.id === actors.learner.personId);
  if (learner) {
    chooser.use(learner.id);
    let placed = false;
    for (const key of ['sc_running', 'cvc_running', 'cv_running', 'tc_anchor'] as const) {
      if (!running(key)) continue;
      const [e] = await chooser.judge([learner], verdict(key));
      if (e!.outcome !== 'eligible') continue;
      add(key, { person: learner, eligibility: e!, overrideReason: null });
      placed = true;
      break;
    }
    if (!placed) {
      const [e] = await chooser.judge([learner], verdict('sc_running'));
      add('sc_running', overridden({ person: learner, eligibility: e!, overrideReason: null }));
    }
  }

  const unitPeople = () =>
    shuffled(
      rng,
      people.filter((p) => inScopeOf(p, actors.unit) && p.id !== actors.learner.personId),
    );
  const anchor = await chooser.pick(unitPeople(), 3, verdict('tc_anchor'), 1);
  for (const x of anchor.eligible) add('tc_anchor', x);
  if (anchor.eligible.length === 0 && anchor.overridable[0]) add('tc_anchor', overridden(anchor.overridable[0]));
  else if (anchor.overridable[0]) chooser.release(anchor.overridable[0].person.id);
  // the overdue one: in the local class; for a small commune none of whose people may go there, in
  // another class under way whose reports the school asked for ten days ago; failing that, the board
  // overrides for one of them in the local class
  let owedIn: ClassKey | null = null;
  for (const key of ['tc_local', 'cvc_running', 'cv_running', 'sc_running'] as const) {
    if (!running(key)) continue;
    const x = (await chooser.pick(unitPeople(), 1, verdict(key))).eligible[0];
    if (!x) continue;
    add(key, x);
    owedIn = key;
    break;
  }
  if (owedIn === null && running('tc_local')) {
    const x = (await chooser.pick(unitPeople(), 0, verdict('tc_local'), 1)).overridable[0];
    if (x) {
      add('tc_local', overridden(x));
      owedIn = 'tc_local';
    }
  }
  for (const key of ['tc_anchor', 'tc_local'] as const) {
    const plan = byKey(key).plan.conduct;
    if (!running(key) || !plan) continue;
    conduct.set(key, {
      requestedOn: addDays(today, -plan.requestedDaysAgo),
      dueOn: addDays(today, plan.dueInDays),
      unitOwes: key === 'tc_anchor' || owedIn === 'tc_local',
    });
  }
  if (owedIn !== null && owedIn !== 'tc_local') {
    const c = byKey(owedIn);
    const asked = addDays(today, -10);
    conduct.set(owedIn, { requestedOn: asked < c.startDate ? c.startDate : asked, dueOn: addDays(today, -3), unitOwes: true });
  }

  const healthPeople = people.filter((p) => inScopeOf(p, actors.unit2));
  for (const [key, wanted] of [
    ['cvc_running', 2],
    ['cv_running', 1],
  ] as const) {
    for (const x of (await chooser.pick(shuffled(rng, healthPeople), wanted, verdict(key))).eligible) add(key, x);
  }

  for (const key of ['tc_anchor', 'sc_running'] as const) {
    const x = (await chooser.pick(shuffled(rng, chooser.pool(byKey(key).plan.site)), 0, verdict(key), 1)).overridable[0];
    if (x) add(key, overridden(x));
  }

  const scale = Math.min(1, Math.max(0.2, people.length / 15_000));
  for (const c of classes) {
    const pipeline = c.plan.pipeline;
    const places = Math.round(c.plan.capacity * c.plan.fill * (pipeline && pipeline.waitlisted > 0 ? 1 : scale));
    const wanted = places + (pipeline?.waitlisted ?? 0) + (pipeline?.refused ?? 0) - (picks.get(c.plan.key)?.length ?? 0);
    if (wanted <= 0) continue;
    const possible = await possiblyEligible(tx, c, catalogues.get(c.plan.programmeCode)!);
    const pool = chooser.pool(c.plan.site).filter((p) => possible.has(p.id));
    for (const x of (await chooser.pick(shuffled(rng, pool), wanted, verdict(c.plan.key))).eligible) add(c.plan.key, x);
  }
  ctx.progress(`school: ${chooser.judged} answers of the rules engine weighed`);
  return { picks, conduct };
}

// ---------- the approval chain ----------

type FinalStatus = 'enrolled' | 'approved_board' | 'nominated' | 'waitlisted' | 'refused';

/**
 * The status each chosen person ends with, in nomination order: a class under way has only
 * learners; a class not yet started has the school's acceptances first, then the board's, then
 * those still waiting for the board, a refusal among the first, and the waitlist past the capacity.
 */
function statusesOf(c: ClassRecord, count: number): FinalStatus[] {
  const p = c.plan.pipeline;
  if (c.phase !== 'upcoming' || !p) return Array.from({ length: count }, () => 'enrolled');
  const refused = Math.min(p.refused, count);
  const holding = Math.min(c.plan.capacity, count - refused);
  const waitlisted = count - refused - holding;
  const enrolled = Math.round(holding * p.enrolled);
  const board = Math.round(holding * p.approvedBoard);
  const out: FinalStatus[] = [];
  for (let i = 0; i < holding; i++) out.push(i < enrolled ? 'enrolled' : i < enrolled + board ? 'approved_board' : 'nominated');
  out.splice(Math.min(out.length, 2), 0, ...Array.from({ length: refused }, (): FinalStatus => 'refused'));
  for (let i = 0; i < waitlisted; i++) out.push('waitlisted');
  return out;
}

/**
 * When each step of a nomination was taken, on working days and in chain order: nominations
 * spread over a window (before the class starts for a class under way, before the reference date
 * for one not yet started; the waitlisted ones last, in the order they came), the board's decision
 * three to nine days later, the school's two to seven days after that, never past the limit.
 */
class Chain {
  private readonly limit: IsoDate;
  private readonly from: IsoDate;
  private readonly to: IsoDate;
  private previous = '';

  constructor(
    private readonly rng: Rng,
    private readonly count: number,
    startDate: IsoDate,
    today: IsoDate,
    upcoming: boolean,
  ) {
    this.limit = upcoming ? addDays(today, -1) : addDays(startDate, -3);
    this.from = upcoming ? addDays(today, -30) : addDays(startDate, -45);
    this.to = upcoming ? addDays(today, -4) : addDays(startDate, -30);
  }

  /** The i-th nomination (of `count`), later than the one before. */
  nominated(i: number): string {
    const day = workdayOnOrBefore(addDays(this.from, Math.floor((i * daysBetween(this.from, this.to)) / Math.max(1, this.count))));
    let at = stamp(day, officeTime(this.rng));
    if (at <= this.previous) at = stamp(this.previous.slice(0, 10), minutesAfter(this.previous.slice(11, 16), 4));
    this.previous = at;
    return at;
  }

  private after(previous: string, days: number): string {
    const wanted = workdayOnOrAfter(addDays(previous.slice(0, 10), days));
    const day = wanted <= this.limit ? wanted : workdayOnOrBefore(this.limit);
    const at = stamp(day, officeTime(this.rng));
    return at > previous ? at : stamp(previous.slice(0, 10), minutesAfter(previous.slice(11, 16), 15));
  }

  board(nominatedAt: string): string {
    return this.after(nominatedAt, this.rng.int(3, 9));
  }

  school(boardAt: string): string {
    return this.after(boardAt, this.rng.int(2, 7));
  }
}

/**
 * Writes each class's nominations through the chain, as the nominations service would have: the
 * rules engine's answer stored with each, the override step and reason where the board set a rule
 * aside, the agency step (the `unit` and `unit2` officers for their people; elsewhere the approver
 * records the agency's written proposal), the board or home affairs, the school (whose acceptance
 * creates the enrolment), a waitlist step past the capacity; classes under way are then closed.
 * Returns the number of nominations and of enrolments.
 */
export async function nominate(
  ctx: SchoolContext,
  classes: readonly ClassRecord[],
  picks: Map<ClassKey, Chosen[]>,
): Promise<{ nominations: number; enrolments: number }> {
  const { tx, actors, times } = ctx;
  let nominations = 0;
  let enrolments = 0;
  const agencyOf = (c: ClassRecord, x: Chosen): { user: AuthUser; note: string | null } => {
    if (x.overrideReason === null && inScopeOf(x.person, actors.unit)) return { user: actors.unit, note: null };
    if (x.overrideReason === null && inScopeOf(x.person, actors.unit2)) return { user: actors.unit2, note: null };
    return { user: x.overrideReason !== null ? actors.board : c.approver, note: `Theo văn bản đề nghị của ${x.person.unit_name}.` };
  };
  for (const c of classes) {
    const chosen = picks.get(c.plan.key) ?? [];
    const statuses = statusesOf(c, chosen.length);
    const chain = new Chain(ctx.rng, chosen.length, c.startDate, ctx.today, c.phase === 'upcoming');
    let waitlistPosition = 0;
    const steps: (nominationsRepo.StepWrite & { at: string })[] = [];
    for (const [i, x] of chosen.entries()) {
      const status = statuses[i]!;
      const agency = agencyOf(c, x);
      const waitlisted = status === 'waitlisted';
      const id = await nominationsRepo.insertNomination(tx, {
        classId: c.id,
        personId: x.person.id,
        status: waitlisted ? 'waitlisted' : 'nominated',
        eligibility: x.eligibility,
        overrideReason: x.overrideReason,
        overrideBy: x.overrideReason !== null ? actors.board.id : null,
        nominatedBy: agency.user.id,
        note: agency.note,
      });
      nominations += 1;
      const nominatedAt = chain.nominated(i);
      if (x.overrideReason !== null)
        steps.push({
          nominationId: id,
          step: 'override',
          decision: 'approved',
          note: x.overrideReason,
          decidedBy: actors.board.id,
          at: nominatedAt,
        });
      steps.push({ nominationId: id, step: 'agency', decision: 'approved', note: agency.note, decidedBy: agency.user.id, at: nominatedAt });
      if (waitlisted)
        steps.push({
          nominationId: id,
          step: 'waitlist',
          decision: 'recorded',
          note: `Lớp đã đủ ${c.plan.capacity} chỗ.`,
          decidedBy: agency.user.id,
          at: nominatedAt,
        });
      record(ctx, agency.user, {
        action: 'create',
        entity: 'nomination',
        entityId: id,
        personId: x.person.id,
        after: {
          classId: c.id,
          status: waitlisted ? 'waitlisted' : 'nominated',
          waitlistPosition: waitlisted ? ++waitlistPosition : null,
          eligibility: { outcome: x.eligibility.outcome, summary: x.eligibility.summary, asOf: c.startDate },
          overrideReason: x.overrideReason,
          note: agency.note,
        },
      });

      let decidedAt: string | null = null;
      let current = waitlisted ? 'waitlisted' : 'nominated';
      if (status === 'refused' || status === 'approved_board' || status === 'enrolled') {
        const refused = status === 'refused';
        const note = refused ? REFUSAL_NOTES[c.approver === actors.homeAffairs ? 'home_affairs' : 'province_board'] : null;
        const next = refused ? 'refused' : 'approved_board';
        decidedAt = chain.board(nominatedAt);
        await nominationsRepo.setNominationStatus(tx, id, next, true);
        steps.push({
          nominationId: id,
          step: 'board',
          decision: refused ? 'refused' : 'approved',
          note,
          decidedBy: c.approver.id,
          at: decidedAt,
        });
        record(ctx, c.approver, {
          action: 'decide',
          entity: 'nomination',
          entityId: id,
          personId: x.person.id,
          before: { status: current },
          after: { status: next, step: 'board', decision: refused ? 'refused' : 'approved', note, enrolmentId: null },
        });
        current = next;
      }
      if (status === 'enrolled') {
        decidedAt = chain.school(decidedAt!);
        await nominationsRepo.setNominationStatus(tx, id, 'enrolled', true);
        steps.push({ nominationId: id, step: 'school', decision: 'approved', note: null, decidedBy: actors.registrar.id, at: decidedAt });
        const enrolmentId = await nominationsRepo.insertEnrolment(tx, {
          classId: c.id,
          nominationId: id,
          personId: x.person.id,
          programmeCode: c.plan.programmeCode,
          startedOn: c.startDate,
          endedOn: c.endDate,
        });
        enrolments += 1;
        times.enrolments.push([enrolmentId, decidedAt]);
        record(ctx, actors.registrar, {
          action: 'create',
          entity: 'enrolment',
          entityId: enrolmentId,
          personId: x.person.id,
          after: {
            classId: c.id,
            nominationId: id,
            programmeCode: c.plan.programmeCode,
            startedOn: c.startDate,
            endedOn: c.endDate,
            status: 'enrolled',
          },
        });
        record(ctx, actors.registrar, {
          action: 'decide',
          entity: 'nomination',
          entityId: id,
          personId: x.person.id,
          before: { status: current },
          after: { status: 'enrolled', step: 'school', decision: 'approved', note: null, enrolmentId },
        });
        c.learners.push({ person: x.person, nominationId: id, enrolmentId });
      }
      times.nominations.push([id, nominatedAt, decidedAt]);
    }
    // each nomination's steps in chain order, the class's in one statement
    await nominationsRepo.insertSteps(
      tx,
      steps.map(({ at: _at, ...step }) => step),
    );
    for (const step of steps) times.steps.push([step.nominationId, step.step, step.at]);
    // the list is closed once the class is under way
    if (c.phase !== 'upcoming') {
      const snapshot = {
        cohortCode: c.cohortCode,
        name: c.name,
        mode: c.plan.mode,
        site: c.site,
        startDate: c.startDate,
        endDate: c.endDate,
        capacity: c.plan.capacity,
      };
      if (!(await classesRepo.updateClass(tx, c.id, 1, { ...snapshot, status: 'closed' })))
        throw new Error(`class ${c.cohortCode} changed while it was built`);
      record(ctx, actors.registrar, {
        action: 'update',
        entity: 'class',
        entityId: c.id,
        before: { ...snapshot, status: 'open' },
        after: { ...snapshot, status: 'closed' },
      });
    }
  }
  return { nominations, enrolments };
}
