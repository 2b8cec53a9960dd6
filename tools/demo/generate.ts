/**
 * Writes the demo province into an empty registry: units and their merger links, people with their
 * qualifications, assignments, planning entries and appraisals, one account per role, and the
 * political school's year (school.ts: lecturers, classes, nominations, learners, certificates). One
 * transaction, multi-row INSERTs in batches, people streamed 1,000 at a time (200,000 people fit in
 * memory as easily as 2,000).
 */
import {
  analyzeTables,
  catalogueRepo,
  peopleRepo,
  referenceRepo,
  rulesRepo,
  unitsRepo,
  usersRepo,
  vacuumAnalyze,
  type Db,
  type Tx,
} from '@nang-tam/db';
import { todayInVietnam, type IsoDate } from '@nang-tam/domain';
import { hashPassword } from '../../apps/server/src/auth/password.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoPerson, type DemoUnit } from './accounts.js';
import { PeopleGenerator, type GenerateOptions, type PersonDraft } from './people.js';
import { seedDemoSchool } from './school.js';
import { seedDemoOutsideTrainings } from './outside-trainings.js';
import { seedDemoReimbursement } from './reimbursement.js';
import { seedDemoBudgets } from './budgets.js';
import { seedDemoSupport } from './support.js';
import { seedDemoFeedback } from './feedback.js';
import { seedDemoEvaluationResults } from './evaluation-results.js';
import { seedDemoNeeds } from './needs.js';
import { seedDemoNotifications } from './notifications.js';
import { seedDemoTrainingHistory } from './training-history.js';
import { seedDemoPlans } from './school-annual-plans.js';
import { seedDemoPlanWiring } from './plan-wiring.js';
import { seedDemoIndicators } from './indicators.js';
import { MERGER_NOTE, REORGANISATION_DATE, type UnitSpec } from './units.js';

export interface SeedOptions {
  people?: number;
  seed?: number;
  provinceCode?: string;
  /** Reference date (ages, history, appraisals); defaults to today in Vietnam. */
  today?: IsoDate;
  onProgress?: (msg: string) => void;
}

export interface SeedResult {
  units: number;
  people: number;
  users: number;
}

export const DEFAULT_SEED_OPTIONS = { people: 20_000, seed: 2025, provinceCode: '08' } as const;
const PEOPLE_PER_CHUNK = 1_000;

function resolveOptions(opts: SeedOptions): GenerateOptions {
  const options = {
    people: opts.people ?? DEFAULT_SEED_OPTIONS.people,
    seed: opts.seed ?? DEFAULT_SEED_OPTIONS.seed,
    provinceCode: opts.provinceCode ?? DEFAULT_SEED_OPTIONS.provinceCode,
    today: opts.today ?? todayInVietnam(),
  };
  if (!Number.isInteger(options.people) || options.people < 1) throw new Error(`people must be a positive integer, got ${options.people}`);
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  return options;
}

/** Code → id of a reference table; a code the generator uses but the table lacks is an error. */
class CodeMap {
  private readonly ids: Map<string, number>;
  constructor(
    private readonly what: string,
    rows: readonly { id: number; code: string }[],
  ) {
    this.ids = new Map(rows.map((r) => [r.code, r.id]));
  }
  id(code: string): number {
    const id = this.ids.get(code);
    if (id === undefined) throw new Error(`${this.what} '${code}' is missing from the reference tables`);
    return id;
  }
  idOrNull(code: string | null): number | null {
    return code === null ? null : this.id(code);
  }
}

interface References {
  titles: CodeMap;
  jobPositions: CodeMap;
  ranks: CodeMap;
  scopes: CodeMap;
  units: CodeMap;
}

/** Writes a unit plan (parents before children) with materialised paths and merger links. */
export async function insertUnits(tx: Tx, units: readonly UnitSpec[]): Promise<Map<string, number>> {
  const ids = await unitsRepo.insertUnits(tx, units);
  const root = units.find((u) => u.parentCode === null);
  await unitsRepo.insertUnitLinks(
    tx,
    units
      .filter((u) => root && u.kind === 'province' && u.validTo !== null)
      .map((u) => ({ predecessorId: ids.get(u.code)!, successorId: ids.get(root!.code)!, effectiveOn: REORGANISATION_DATE, note: MERGER_NOTE })),
  );
  return ids;
}

function personWrite(p: PersonDraft, refs: References): peopleRepo.PersonWrite {
  return {
    citizenId: p.citizenId,
    fullName: p.fullName,
    birthDate: p.birthDate,
    gender: p.gender,
    ethnicityCode: p.ethnicityCode,
    category: p.category,
    partyMembership: p.partyMembership,
    partyJoinedOn: p.partyJoinedOn,
    partyOfficialOn: p.partyOfficialOn,
    unitId: refs.units.id(p.unitCode),
    titleId: refs.titles.idOrNull(p.titleCode),
    jobPositionId: refs.jobPositions.id(p.jobPositionCode),
    rankId: refs.ranks.idOrNull(p.rankCode),
    managementScopeId: refs.scopes.id(p.scopeCode),
    phone: p.phone,
    email: null,
  };
}

/**
 * The people the personal demo accounts are linked to, picked while the people stream by: the first
 * lecturer of the school, the first untitled civil servant of the first commune (or, failing those,
 * anyone there).
 */
interface PickedPerson {
  id: number;
  fullName: string;
}

class PersonPicks {
  private readonly best = new Map<DemoPerson, PickedPerson>();
  private readonly fallback = new Map<DemoPerson, PickedPerson>();
  private readonly wanted: Record<DemoPerson, { unit: (p: PersonDraft) => boolean; best: (p: PersonDraft) => boolean }>;

  constructor(schoolUnits: ReadonlySet<string>, firstCommune: string) {
    this.wanted = {
      school_lecturer: { unit: (p) => schoolUnits.has(p.unitCode), best: (p) => p.jobPositionCode === 'GD' },
      commune_staff: { unit: (p) => p.unitCode === firstCommune, best: (p) => p.titleCode === null && p.category === 'cong_chuc' },
    };
  }

  offer(p: PersonDraft, id: number): void {
    for (const [who, w] of Object.entries(this.wanted) as [DemoPerson, (typeof this.wanted)[DemoPerson]][]) {
      if (this.best.has(who) || !w.unit(p)) continue;
      if (w.best(p)) this.best.set(who, { id, fullName: p.fullName });
      else if (!this.fallback.has(who)) this.fallback.set(who, { id, fullName: p.fullName });
    }
  }

  get(who: DemoPerson): PickedPerson | null {
    return this.best.get(who) ?? this.fallback.get(who) ?? null;
  }
}

/**
 * Writes the people and their records, 1,000 people at a time; then sets each chunk's highest level
 * of each kind in SQL, as the repository keeps it whenever qualifications change (per chunk: on
 * PGlite twice as fast as one UPDATE of everyone at the end). Returns the number of people.
 */
async function insertPeople(
  tx: Tx,
  generator: PeopleGenerator,
  refs: References,
  picks: PersonPicks,
  progress: (msg: string) => void,
): Promise<number> {
  const records = new peopleRepo.PersonRecordsBatch(tx);
  let written = 0;

  const writeChunk = async (chunk: PersonDraft[]) => {
    const ids = await peopleRepo.insertPeople(
      tx,
      chunk.map((p) => personWrite(p, refs)),
      PEOPLE_PER_CHUNK,
    );
    for (const [i, p] of chunk.entries()) {
      const id = ids[i]!;
      picks.offer(p, id);
      for (const q of p.qualifications) await records.addQualification(id, { ...q, source: 'imported' });
      for (const a of p.assignments) {
        await records.addAssignment(id, {
          unitId: refs.units.id(a.unitCode),
          titleId: refs.titles.idOrNull(a.titleCode),
          startedOn: a.startedOn,
          endedOn: a.endedOn,
          reason: a.reason,
          decisionNo: a.decisionNo,
        });
      }
      for (const e of p.planning) await records.addPlanningEntry(id, { titleId: refs.titles.id(e.titleCode), term: e.term, approvedOn: e.approvedOn });
      for (const a of p.appraisals) await records.addAppraisal(id, a);
    }
    await records.flushQualifications();
    // without statistics PostgreSQL plans the UPDATE below three times slower
    if (written === 0) await analyzeTables(tx, ['people', 'qualifications']);
    await peopleRepo.refreshHighestLevels(tx, ids);
    written += chunk.length;
    if (written % 5_000 === 0) progress(`people: ${written} / ${generator.totalPeople}`);
  };

  let chunk: PersonDraft[] = [];
  for (const person of generator.people()) {
    chunk.push(person);
    if (chunk.length === PEOPLE_PER_CHUNK) {
      await writeChunk(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await writeChunk(chunk);
  const n = await records.flush();
  progress(`people: ${written}, qualifications: ${n.qualifications}, assignments: ${n.assignments}, planning entries: ${n.planning}, appraisals: ${n.appraisals}`);
  return written;
}

/** The units the demo accounts sit in; the commune is the first by official code. */
export function demoUnits(units: readonly UnitSpec[]): Record<DemoUnit, UnitSpec> {
  const required = (what: string, u: UnitSpec | undefined): UnitSpec => {
    if (!u) throw new Error(`the demo province has no ${what}`);
    return u;
  };
  const communes = units.filter((u) => u.kind === 'commune').sort((a, b) => (a.officialCode ?? '').localeCompare(b.officialCode ?? ''));
  return {
    province: required(
      'root unit',
      units.find((u) => u.parentCode === null),
    ),
    school: required(
      'political school',
      units.find((u) => u.kind === 'school'),
    ),
    first_commune: required('commune', communes[0]),
    health_department: required(
      'Sở Y tế',
      units.find((u) => u.code === 'SYT'),
    ),
  };
}

async function insertUsers(
  tx: Tx,
  accountUnits: Record<DemoUnit, UnitSpec>,
  refs: References,
  picks: PersonPicks,
  passwordHashes: ReadonlyMap<string, string>,
): Promise<number> {
  for (const account of DEMO_ACCOUNTS) {
    const unit = accountUnits[account.unit];
    const person = account.person ? picks.get(account.person) : null;
    const displayName = person?.fullName ?? (account.displayName ?? account.username).replace('{unit}', unit.name);
    await usersRepo.insertUser(tx, {
      username: account.username,
      passwordHash: passwordHashes.get(account.username)!,
      displayName,
      role: account.role,
      unitId: refs.units.id(unit.code),
      personId: person?.id ?? null,
    });
  }
  return DEMO_ACCOUNTS.length;
}

/**
 * Builds the demo province into an empty registry (refuses if there are people already). The same
 * options give the same data, whatever the database; only the password hash's salt differs.
 */
export async function seedDemoProvince(db: Db, opts: SeedOptions = {}): Promise<SeedResult> {
  const options = resolveOptions(opts);
  const progress = opts.onProgress ?? (() => undefined);
  const generator = new PeopleGenerator(options);
  // one hash (with its own salt) per account, so that two accounts never share a stored hash
  const passwordHashes = new Map(
    await Promise.all(DEMO_ACCOUNTS.map(async (a) => [a.username, await hashPassword(DEMO_PASSWORD)] as const)),
  );
  const reference = await referenceRepo.loadReference(db);
  // the rules and the programme catalogue the school's classes are built on (the server seeds them
  // at start before this; both do nothing when already there)
  await rulesRepo.seedShippedRules(db);
  await catalogueRepo.seedShippedProgrammes(db, options.today);
  await catalogueRepo.seedProgrammeCatalogue(db);

  const result = await db.transaction(async (tx) => {
    if (await peopleRepo.hasPeople(tx)) throw new Error('The people table is not empty: the demo province is only built into an empty registry');

    const unitIds = await insertUnits(tx, generator.units);
    progress(`units: ${unitIds.size}`);
    const refs: References = {
      titles: new CodeMap('title', reference.titles),
      jobPositions: new CodeMap('job position', reference.jobPositions),
      ranks: new CodeMap('rank', reference.ranks),
      scopes: new CodeMap('management scope', reference.managementScopes),
      units: new CodeMap(
        'unit',
        [...unitIds].map(([code, id]) => ({ code, id })),
      ),
    };
    const accountUnits = demoUnits(generator.units);
    const schoolUnits = new Set(generator.units.filter((u) => u.sector === 'school').map((u) => u.code));
    const picks = new PersonPicks(schoolUnits, accountUnits.first_commune.code);
    const people = await insertPeople(tx, generator, refs, picks, progress);
    const users = await insertUsers(tx, accountUnits, refs, picks, passwordHashes);
    progress(`users: ${users}`);
    await seedDemoSchool(tx, generator.units, { seed: options.seed, today: options.today, onProgress: progress });
    const outside = await seedDemoOutsideTrainings(tx, { seed: options.seed, today: options.today });
    progress(`outside trainings: ${outside.records} (${outside.graduated} graduated, ${outside.overridden} overridden)`);
    const reimbursed = await seedDemoReimbursement(tx, { today: options.today });
    progress(`service commitments: ${reimbursed.commitments}, reimbursement cases: ${reimbursed.cases}`);
    const province = generator.units.find((u) => u.kind === 'province')!;
    // support for learners and payments (issue 11 point 1)
    const supported = await seedDemoSupport(tx, { today: options.today, provinceName: province.name.replace(/^Tỉnh\s+/i, '') });
    progress(`support: ${supported.policies} policies, ${supported.payments} payments in ${supported.classesPaid} classes (${supported.paidTotal} đ)`);
    await seedDemoNeeds(tx, { seed: options.seed, today: options.today, provinceCode: province.code, firstCommuneCode: accountUnits.first_commune.code, onProgress: progress });
    const planned = await seedDemoPlans(tx, options.today);
    progress(`plans: ${planned.annualPlans} annual plans, ${planned.lines} lines, ${planned.linkedClasses} classes linked, ${planned.extraClasses} outside the plan`);
    const wired = await seedDemoPlanWiring(tx, options.today);
    progress(`plan wiring: ${wired.outsideLines} lines of people sent outside (${wired.linkedOutside} records linked), ${wired.linesFromNeeds} lines of next year's draft plan from needs`);
    const budgets = await seedDemoBudgets(tx, { today: options.today });
    progress(`budgets: ${budgets.lineEstimates} plan-line estimates, ${budgets.classEstimates} class estimates, ${budgets.entries} vouchers`);
    // evaluation after training, levels 1 and 3 (issue 11 point 4; decision 0051)
    const evaluated = await seedDemoFeedback(tx, { seed: options.seed, today: options.today });
    progress(`evaluation: ${evaluated.surveys} class surveys, ${evaluated.responses} answers, ${evaluated.feedback} agency feedback forms`);
    // training statistics and dashboards (issue 10, decision 0047): the decade before the plans
    const history = await seedDemoTrainingHistory(tx, { today: options.today });
    progress(`training history: ${history.classes} finished classes, ${history.enrolments} enrolments`);
    const indicators = await seedDemoIndicators(tx, { today: options.today });
    progress(`indicators: ${indicators.indicators}; CCHC staff: ${indicators.cchcStaff}, ${indicators.cchcTrained} with CCHC training`);
    const notified = await seedDemoNotifications(tx);
    progress(`notifications: ${notified}`);
    // evaluation after training: results at two years (issue 11 point 4)
    const results = await seedDemoEvaluationResults(tx, { seed: options.seed, today: options.today });
    progress(`results at two years: ${results.classes} earlier classes, ${results.graduates} graduates, ${results.campaigns} campaigns, ${results.assessments} assessments`);
    return { units: unitIds.size, people, users };
  });
  // fresh statistics for the planner; PGlite has no autovacuum to do it
  await vacuumAnalyze(db);
  progress('statistics updated');
  return result;
}
