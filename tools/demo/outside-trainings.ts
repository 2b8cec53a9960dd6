/**
 * Training outside the province's classes in the demo province (issue 9): people sent to the
 * national academy for cao cấp LLCT, to universities for a master's, one abroad, through the same
 * chain the service runs (agency proposal → board or home affairs → sending decision → result).
 * Some finished last year with their qualification written into the registry, some under way
 * (carried over into this year), one proposed, one approved awaiting its decision, one refused.
 *
 * People are chosen as the service would accept them: the rules engine's answer for the programme
 * and mode as of the start date; the first eligible candidate (the `unit` account's commune first for
 * a few records), else the board's override with a reason. Dates are relative to the reference date
 * so that the demo reads the same whatever day it is built. Deterministic (seeded Rng).
 */
import { rules, training, type IsoDate } from '@nang-tam/domain';
import type { EligibilityResult } from '@nang-tam/contracts';
import { auditRepo, outsideTrainingsRepo, peopleRepo, personFactsRepo, usersRepo, type Queryable } from '@nang-tam/db';
import { actorOf, toAuthUser, type AuthUser } from '../../apps/server/src/auth/auth-user.js';
import { toEligibilityResult } from '../../apps/server/src/services/eligibility.service.js';
import { loadCatalogue, rulesInForceOf } from '../../apps/server/src/services/rules.service.js';
import { addDays } from './days.js';
import { Rng } from './random.js';
import { shuffled, stamp } from './school-context.js';

type Outcome = { result: training.OutsideResult; classification: 'xuat_sac' | 'gioi' | 'kha' | null };

interface Spec {
  programmeCode: string;
  mode: 'full_time' | 'part_time';
  institution: string;
  country: string | null;
  /** Years from the reference year and the month-day, or days from the reference date. */
  start: [number, string] | number;
  /** Years from the reference year and the month-day, or days after the start. */
  end: [number, string] | number;
  cost: number;
  studyField: string | null;
  /** How far it went. */
  reach: 'proposed' | 'approved' | 'refused' | 'sent' | 'completed';
  outcome?: Outcome;
  /** Picked in the `unit` account's commune. */
  inUnitCommune: boolean;
  outsidePlan?: boolean;
}

const ACADEMY = 'Học viện Chính trị quốc gia Hồ Chí Minh';
const REGIONAL = 'Học viện Chính trị khu vực I';

const SPECS: Spec[] = [
  // cao cấp LLCT at the academy: finished last year, graduated
  {
    programmeCode: 'CC_LLCT',
    mode: 'full_time',
    institution: ACADEMY,
    country: null,
    start: [-2, '09-09'],
    end: [-1, '06-27'],
    cost: 62_000_000,
    studyField: null,
    reach: 'completed',
    outcome: { result: 'graduated', classification: 'gioi' },
    inUnitCommune: true,
  },
  {
    programmeCode: 'CC_LLCT',
    mode: 'full_time',
    institution: ACADEMY,
    country: null,
    start: [-2, '09-09'],
    end: [-1, '06-27'],
    cost: 62_000_000,
    studyField: null,
    reach: 'completed',
    outcome: { result: 'graduated', classification: 'kha' },
    inUnitCommune: false,
  },
  // part-time at the regional academy: carried over into this year and the next
  {
    programmeCode: 'CC_LLCT',
    mode: 'part_time',
    institution: REGIONAL,
    country: null,
    start: [-1, '03-02'],
    end: [1, '01-15'],
    cost: 48_500_000,
    studyField: null,
    reach: 'sent',
    inUnitCommune: false,
  },
  {
    programmeCode: 'CC_LLCT',
    mode: 'part_time',
    institution: REGIONAL,
    country: null,
    start: [0, '03-02'],
    end: [1, '12-18'],
    cost: 48_500_000,
    studyField: null,
    reach: 'sent',
    inUnitCommune: true,
  },
  // next year's intake: proposed, and approved awaiting the decision
  {
    programmeCode: 'CC_LLCT',
    mode: 'full_time',
    institution: ACADEMY,
    country: null,
    start: 60,
    end: 290,
    cost: 64_000_000,
    studyField: null,
    reach: 'proposed',
    inUnitCommune: true,
  },
  {
    programmeCode: 'CC_LLCT',
    mode: 'full_time',
    institution: ACADEMY,
    country: null,
    start: 35,
    end: 290,
    cost: 64_000_000,
    studyField: null,
    reach: 'approved',
    inUnitCommune: false,
  },
  // master's: one finished (graduated), one under way, one refused
  {
    programmeCode: 'SDH_THS',
    mode: 'part_time',
    institution: 'Trường Đại học Kinh tế quốc dân',
    country: null,
    start: [-3, '10-15'],
    end: [-1, '09-30'],
    cost: 96_000_000,
    studyField: 'Quản lý kinh tế',
    reach: 'completed',
    outcome: { result: 'graduated', classification: 'gioi' },
    inUnitCommune: false,
  },
  {
    programmeCode: 'SDH_THS',
    mode: 'part_time',
    institution: 'Học viện Hành chính và Quản trị công',
    country: null,
    start: [-1, '10-20'],
    end: [1, '10-19'],
    cost: 88_000_000,
    studyField: 'Quản lý công',
    reach: 'sent',
    inUnitCommune: false,
  },
  {
    programmeCode: 'SDH_THS',
    mode: 'full_time',
    institution: 'Trường Đại học Luật Hà Nội',
    country: null,
    start: 30,
    end: 700,
    cost: 90_000_000,
    studyField: 'Luật',
    reach: 'refused',
    inUnitCommune: false,
    outsidePlan: true,
  },
  // abroad: a master's in Australia, under way
  {
    programmeCode: 'SDH_THS',
    mode: 'full_time',
    institution: 'Trường Đại học Queensland',
    country: 'Úc',
    start: [0, '02-23'],
    end: [1, '12-11'],
    cost: 1_250_000_000,
    studyField: 'Chính sách công',
    reach: 'sent',
    inUnitCommune: false,
    outsidePlan: true,
  },
];

export interface OutsideSeedResult {
  records: number;
  graduated: number;
  overridden: number;
}

const dateOf = (year: number, when: [number, string]): IsoDate => `${year + when[0]}-${when[1]}`;

/** How far a record can have gone by `today`: nothing is decided, signed or finished in the future. */
function reachBy(reach: Spec['reach'], start: IsoDate, end: IsoDate, today: IsoDate): Spec['reach'] {
  let r = reach;
  if (r === 'completed' && addDays(end, 14) > today) r = 'sent';
  if (r === 'sent' && addDays(start, -20) > today) r = 'approved';
  if ((r === 'approved' || r === 'refused') && addDays(start, -50) > today) r = 'proposed';
  return r;
}

export async function seedDemoOutsideTrainings(tx: Queryable, opts: { seed: number; today: IsoDate }): Promise<OutsideSeedResult> {
  const rng = new Rng((opts.seed ^ 0x0075_1de0) >>> 0);
  const year = Number(opts.today.slice(0, 4));
  const user = async (username: string): Promise<AuthUser> => {
    const row = await usersRepo.findUserByUsername(tx, username);
    if (!row) throw new Error(`the demo account '${username}' is missing`);
    return toAuthUser(row, 'demo', 'demo');
  };
  const board = await user('admin');
  const homeAffairs = await user('noivu');
  const agency = await user('unit');
  const unitPath = agency.scope.kind === 'subtree' ? agency.scope.unitPath : '/';
  const used = new Set<number>();
  const audit: auditRepo.AuditInput[] = [];
  let graduated = 0;
  let overridden = 0;
  let written = 0;
  const catalogues = new Map<string, Awaited<ReturnType<typeof loadCatalogue>>>();

  for (const planned of SPECS) {
    const start = typeof planned.start === 'number' ? addDays(opts.today, planned.start) : dateOf(year, planned.start);
    const end = typeof planned.end === 'number' ? addDays(start, planned.end) : dateOf(year, planned.end);
    const spec = { ...planned, reach: reachBy(planned.reach, start, end, opts.today) };
    let catalogue = catalogues.get(spec.programmeCode);
    if (!catalogue) catalogues.set(spec.programmeCode, (catalogue = await loadCatalogue(tx, { programmeCode: spec.programmeCode })));
    const programme = catalogue.programmes.find((p) => p.code === spec.programmeCode);
    if (!programme) throw new Error(`the demo needs the programme ${spec.programmeCode}`);
    const evaluate = rules.prepareEligibility({
      programme: spec.programmeCode,
      mode: spec.mode,
      programmes: catalogue.programmes,
      rules: catalogue.ruleSets,
      levels: catalogue.levels,
      titles: catalogue.titles,
      jobPositions: catalogue.jobPositions,
      asOf: start,
    });
    // the SQL pre-filter of the rules in force (a necessary condition) narrows the candidates; the
    // engine decides: the first eligible one, else one of the first others the board may override
    const scopePath = spec.inUnitCommune ? unitPath : '/';
    const possible = shuffled(
      rng,
      await personFactsRepo.findSubtreePersonIds(
        tx,
        scopePath,
        personFactsRepo.eligibilityCondition(rulesInForceOf(catalogue, spec.programmeCode, start), {
          asOf: start,
          mode: spec.mode,
          programmeCode: spec.programmeCode,
          levels: catalogue.levels,
          titles: catalogue.reference.titles,
          ranks: catalogue.reference.ranks,
        }),
      ),
    ).filter((id) => !used.has(id));
    // a few others too: the board's override needs someone when nobody passes
    const others =
      possible.length >= 150 ? [] : shuffled(rng, await personFactsRepo.findSubtreePersonIds(tx, scopePath)).filter((id) => !used.has(id));
    const likely = [...new Set([...possible.slice(0, 150), ...others.slice(0, 50)])];
    let chosen: { id: number; eligibility: EligibilityResult } | null = null;
    let first: { id: number; eligibility: EligibilityResult } | null = null;
    const rows = await personFactsRepo.loadFactsOf(
      tx,
      [...likely].sort((a, b) => a - b),
      personFactsRepo.ALL_FACTS,
    );
    const order = new Map(likely.map((id, k) => [id, k]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    for (const row of rows) {
      const e = toEligibilityResult(evaluate(personFactsRepo.factsOn(row, start), spec.studyField));
      if (e.outcome === 'eligible') {
        chosen = { id: row.id, eligibility: e };
        break;
      }
      // the board sets aside a rule of standing (appraisals, age, target group), never "already holds it"
      const hard = e.rules.some((r) => r.outcome === 'fail' && (r.kind === 'not_already_holding' || r.kind === 'not_enrolled'));
      if (!hard) first ??= { id: row.id, eligibility: e };
    }
    const pick = chosen ?? first;
    if (!pick) throw new Error(`no candidate for ${spec.programmeCode}`);
    used.add(pick.id);
    const overrideReason = chosen ? null : 'Cán bộ trong quy hoạch, cần đào tạo trước khi bổ nhiệm; Ban Thường vụ Tỉnh ủy đã đồng ý.';
    if (overrideReason) overridden += 1;
    const proposer = overrideReason ? board : spec.inUnitCommune ? agency : board;
    const approver = programme.kind === 'postgraduate' ? homeAffairs : board;

    const id = await outsideTrainingsRepo.insertOutsideTraining(tx, {
      personId: pick.id,
      programmeCode: spec.programmeCode,
      mode: spec.mode,
      institution: spec.institution,
      country: spec.country,
      startDate: start,
      endDate: end,
      cost: spec.cost,
      studyField: spec.studyField,
      eligibility: pick.eligibility,
      overrideReason,
      overrideBy: overrideReason ? board.id : null,
      proposedBy: proposer.id,
      outsidePlan: spec.outsidePlan ?? false,
      planLineId: null,
      note: null,
    });
    written += 1;
    const proposedOn = addDays(start, -75);
    const times: string[] = [];
    const steps: outsideTrainingsRepo.OutsideStepWrite[] = [];
    const step = (s: outsideTrainingsRepo.OutsideStepWrite, on: IsoDate, at: string) => {
      steps.push(s);
      times.push(stamp(on, at));
    };
    if (overrideReason)
      step(
        { outsideTrainingId: id, step: 'override', decision: 'approved', note: overrideReason, decidedBy: board.id },
        proposedOn,
        '08:30',
      );
    step({ outsideTrainingId: id, step: 'agency', decision: 'approved', note: null, decidedBy: proposer.id }, proposedOn, '08:40');
    audit.push({
      ...actorOf(proposer),
      action: 'create',
      entity: 'outside_training',
      entityId: id,
      personId: pick.id,
      after: { programmeCode: spec.programmeCode, institution: spec.institution, startDate: start, endDate: end, status: 'proposed' },
    });

    let status: training.OutsideStatus = 'proposed';
    const decideOn = addDays(start, -50);
    if (spec.reach !== 'proposed') {
      const refused = spec.reach === 'refused';
      const note = refused ? 'Đơn vị chưa bố trí được người thay thế trong thời gian học; đề nghị cử vào năm sau.' : null;
      step(
        { outsideTrainingId: id, step: 'board', decision: refused ? 'refused' : 'approved', note, decidedBy: approver.id },
        decideOn,
        '14:10',
      );
      status = refused ? 'refused' : 'approved';
      await outsideTrainingsRepo.setOutsideStatus(tx, id, status);
      audit.push({
        ...actorOf(approver),
        action: 'decide',
        entity: 'outside_training',
        entityId: id,
        personId: pick.id,
        before: { status: 'proposed' },
        after: { status, note },
      });
    }
    if (spec.reach === 'sent' || spec.reach === 'completed') {
      const signedOn = addDays(start, -20);
      const decision = {
        number: `${rng.int(100, 980)}-QĐ/${programme.kind === 'postgraduate' ? 'SNV' : 'TU'}`,
        date: signedOn,
        signer: programme.kind === 'postgraduate' ? 'Giám đốc Sở Nội vụ' : 'Phó Trưởng Ban Tổ chức Tỉnh ủy',
      };
      await outsideTrainingsRepo.recordSendingDecision(tx, id, decision);
      step(
        {
          outsideTrainingId: id,
          step: 'decision',
          decision: 'recorded',
          note: `Quyết định số ${decision.number}, ${decision.signer} ký.`,
          decidedBy: approver.id,
        },
        signedOn,
        '15:00',
      );
      audit.push({
        ...actorOf(approver),
        action: 'record_decision',
        entity: 'outside_training',
        entityId: id,
        personId: pick.id,
        before: { status },
        after: { status: 'sent', decision },
      });
      status = 'sent';
    }
    if (spec.reach === 'completed' && spec.outcome) {
      const on = addDays(end, 14);
      let qualificationId: number | null = null;
      const grants = programme.grants;
      if (spec.outcome.result === 'graduated' && grants) {
        const q = {
          kind: grants.kind,
          level: grants.level,
          field: grants.kind === 'education' ? spec.studyField : null,
          awardedOn: on,
          institution: spec.institution,
          source: 'graduated',
        };
        qualificationId = await peopleRepo.insertQualification(tx, pick.id, q);
        await peopleRepo.refreshHighestLevels(tx, [pick.id]);
        audit.push({
          ...actorOf(proposer),
          action: 'create',
          entity: 'qualification',
          entityId: qualificationId,
          personId: pick.id,
          after: { ...q, outsideTrainingId: id },
        });
        graduated += 1;
      }
      await outsideTrainingsRepo.recordResult(tx, id, {
        result: spec.outcome.result,
        classification: spec.outcome.classification,
        resultDate: on,
        certificateNo: null,
        qualificationId,
      });
      const label = training.OUTSIDE_RESULT_LABELS[spec.outcome.result].vi;
      step({ outsideTrainingId: id, step: 'result', decision: 'recorded', note: `${label}.`, decidedBy: proposer.id }, on, '10:00');
      audit.push({
        ...actorOf(proposer),
        action: 'record_result',
        entity: 'outside_training',
        entityId: id,
        personId: pick.id,
        before: { status },
        after: { status: 'completed', ...spec.outcome, resultDate: on, qualificationId },
      });
    }
    await outsideTrainingsRepo.insertOutsideSteps(tx, steps);
    await outsideTrainingsRepo.setOutsideTimes(tx, id, stamp(proposedOn, '08:40'), times);
  }
  await auditRepo.appendAuditMany(tx, audit);
  return { records: written, graduated, overridden };
}
