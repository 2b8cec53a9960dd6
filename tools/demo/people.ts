/**
 * The people of the demo province, generated one at a time from a seed: identity (name, birth date,
 * gender, ethnicity, citizen id), category, party membership, post (unit, title, job position, rank,
 * management scope), qualifications, assignments, planning entries and appraisals. Pure: the
 * database writer (generate.ts) consumes this stream in batches.
 */
import { addYears, membershipFromDates, type Gender, type IsoDate, type PartyMembership, type PersonCategory } from '@nang-tam/domain';
import { aboutYearsAfter, addDays, minDate } from './days.js';
import {
  generateAppraisals,
  generateAssignments,
  generatePlanning,
  type AppraisalDraft,
  type AssignmentDraft,
  type PlanningDraft,
} from './history.js';
import { ETHNIC_MIX, generateFullName } from './names.js';
import {
  TITLE_PROFILES,
  drawJobPosition,
  drawRank,
  femaleShare,
  staffCategories,
  staffProfile,
  titledCategory,
  type PostProfile,
  type ScopeCode,
  type TitleCode,
} from './profiles.js';
import { drawEducationLevel, generateQualifications, type HomeInstitutions, type QualificationDraft } from './qualifications.js';
import { Rng } from './random.js';
import { planPosts, planStaffing, type Post } from './staffing.js';
import { PREDECESSORS, REORGANISATION_DATE, buildUnitPlan, type UnitSpec } from './units.js';

export interface PersonDraft {
  citizenId: string;
  fullName: string;
  birthDate: IsoDate;
  gender: Gender;
  ethnicityCode: string;
  category: PersonCategory;
  partyMembership: PartyMembership | null;
  partyJoinedOn: IsoDate | null;
  partyOfficialOn: IsoDate | null;
  unitCode: string;
  titleCode: TitleCode | null;
  jobPositionCode: string;
  rankCode: string | null;
  scopeCode: ScopeCode;
  phone: string | null;
  qualifications: QualificationDraft[];
  assignments: AssignmentDraft[];
  planning: PlanningDraft[];
  appraisals: AppraisalDraft[];
}

export interface GenerateOptions {
  people: number;
  seed: number;
  provinceCode: string;
  /** Reference date: ages, history and appraisals end here. */
  today: IsoDate;
}

/** Where a person comes from: the birth-province prefix of their citizen id and the institutions there. */
interface Home extends HomeInstitutions {
  unitCode: string | null;
  citizenIdPrefix: string;
  provincialStaffShare: number;
}

/** The random state of one pass over the people. */
interface Run {
  rng: Rng;
  issuedIds: Set<string>;
}

/** Birth provinces of cadres who came from elsewhere (old province codes of citizen ids). */
const OTHER_BIRTH_PROVINCES = ['001', '004', '006', '010', '015', '019', '020', '025', '030', '034', '036'];
const RETIREMENT_AGE: Record<Gender, number> = { male: 60, female: 57 };
const MIN_AGE = 22;

/**
 * 12-digit citizen id: birth-province code (3 digits), century-and-gender digit (0/1 for men/women
 * born in the 1900s, 2/3 in the 2000s), the last two digits of the birth year, then 6 random digits.
 */
export function formatCitizenId(provincePrefix: string, gender: Gender, birthDate: IsoDate, random6: string): string {
  const year = Number(birthDate.slice(0, 4));
  const centuryGender = (year >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
  return `${provincePrefix}${centuryGender}${birthDate.slice(2, 4)}${random6}`;
}

/** Birth date giving an age in [min, max] on `today`, most people near the middle of the range. */
function drawBirthDate(rng: Rng, range: readonly [number, number], gender: Gender, today: IsoDate): { birthDate: IsoDate; age: number } {
  const min = Math.max(range[0], MIN_AGE);
  const max = Math.max(min, Math.min(range[1], RETIREMENT_AGE[gender]));
  const age = min + Math.floor(((rng.next() + rng.next()) / 2) * (max - min + 1));
  return { birthDate: addDays(addYears(today, -age), -rng.int(0, 364)), age };
}

function drawPartyDates(rng: Rng, birthDate: IsoDate, age: number, share: number, today: IsoDate): [IsoDate | null, IsoDate | null] {
  if (!rng.chance(share)) return [null, null];
  const joinAge = rng.int(19, Math.max(19, Math.min(age - 1, 38)));
  const joined = minDate(addDays(aboutYearsAfter(birthDate, joinAge), rng.int(0, 364)), addDays(today, -30));
  const official = addYears(joined, 1);
  return [joined, official <= today ? official : null];
}

/**
 * What the registry records of a person's membership (decision 0031): mostly what the dates say, or
 * "not a member" without them; a few records carried over from paper files say "member" with the
 * dates still to be looked up, and a few do not say at all. Chosen from the citizen id, not the random
 * stream, so every other figure of the demo stays as it was.
 */
export function recordedMembership(
  citizenId: string,
  category: PersonCategory,
  dates: [IsoDate | null, IsoDate | null],
  today: IsoDate,
): { partyMembership: PartyMembership | null; partyJoinedOn: IsoDate | null; partyOfficialOn: IsoDate | null } {
  const [joined, official] = dates;
  const bucket = Number(citizenId.slice(-3)) % 100;
  if (joined !== null) {
    if (bucket < 2) return { partyMembership: membershipFromDates(joined, official, today), partyJoinedOn: null, partyOfficialOn: null };
    return { partyMembership: membershipFromDates(joined, official, today), partyJoinedOn: joined, partyOfficialOn: official };
  }
  const unknown = category !== 'quan_chung' && bucket >= 96;
  return { partyMembership: unknown ? null : 'not_member', partyJoinedOn: null, partyOfficialOn: null };
}

/** Deterministic generator of every person of the province: each pass gives the same people. */
export class PeopleGenerator {
  readonly units: UnitSpec[];
  readonly totalPeople: number;
  private readonly options: GenerateOptions;
  private readonly homes: Home[];
  /** Current units by kind and sector ("commune/commune", "public_service/health"...). */
  private readonly peers = new Map<string, UnitSpec[]>();

  constructor(options: GenerateOptions) {
    this.options = options;
    this.units = buildUnitPlan(options.provinceCode);
    this.totalPeople = options.people;
    const predecessors = PREDECESSORS[options.provinceCode] ?? [];
    const school = this.units.find((u) => u.kind === 'school')?.name ?? '';
    this.homes =
      predecessors.length > 0
        ? predecessors.map((p) => ({ ...p, unitCode: p.code }))
        : [{ unitCode: null, citizenIdPrefix: `0${options.provinceCode}`, school, districts: [], provincialStaffShare: 1 }];
    for (const u of this.units) {
      if (u.validTo) continue;
      const key = `${u.kind}/${u.sector}`;
      this.peers.set(key, [...(this.peers.get(key) ?? []), u]);
    }
  }

  /** Every person, in unit order (leaders of a unit first). */
  *people(): Generator<PersonDraft> {
    const plan = planStaffing(this.units, this.totalPeople, new Rng(this.options.seed ^ 0x5eed));
    const run: Run = { rng: new Rng(this.options.seed), issuedIds: new Set() };
    for (const post of planPosts(plan)) yield this.person(run, post);
  }

  /** A commune's staff come from its pre-merger province; provincial staff from either. */
  private home(rng: Rng, post: Post): Home {
    const byCommune = this.homes.find((h) => h.unitCode !== null && h.unitCode === post.unit.predecessorCode);
    return byCommune ?? rng.weighted(this.homes.map((h) => [h, h.provincialStaffShare] as const));
  }

  private citizenId({ rng, issuedIds }: Run, prefix: string, gender: Gender, birthDate: IsoDate): string {
    for (;;) {
      const id = formatCitizenId(prefix, gender, birthDate, rng.digits(6));
      if (!issuedIds.has(id)) {
        issuedIds.add(id);
        return id;
      }
    }
  }

  private person(run: Run, post: Post): PersonDraft {
    const { rng } = run;
    const { options } = this;
    const { unit, title } = post;
    const titleProfile = title ? TITLE_PROFILES[title] : null;
    const category: PersonCategory = titleProfile ? (titleProfile.category ?? titledCategory(unit)) : rng.weighted(staffCategories(unit));
    const profile: PostProfile = titleProfile ?? staffProfile(category, unit.sector);

    const gender: Gender = rng.chance(femaleShare(profile, unit.sector, title !== null)) ? 'female' : 'male';
    const ethnicityCode = rng.weighted(ETHNIC_MIX);
    const fullName = generateFullName(rng, ethnicityCode, gender);
    const { birthDate, age } = drawBirthDate(rng, profile.age, gender, options.today);
    const home = this.home(rng, post);
    const bornElsewhere = rng.chance(ethnicityCode === '01' ? 0.25 : 0.05);
    const citizenId = this.citizenId(run, bornElsewhere ? rng.pick(OTHER_BIRTH_PROVINCES) : home.citizenIdPrefix, gender, birthDate);
    const { partyMembership, partyJoinedOn, partyOfficialOn } = recordedMembership(
      citizenId,
      category,
      drawPartyDates(rng, birthDate, age, profile.partyShare, options.today),
      options.today,
    );

    const education = drawEducationLevel(rng, category, unit.sector, profile.postgraduate);
    const jobPositionCode = drawJobPosition(rng, unit, title !== null);
    const graduate = education === 'dai_hoc' || education === 'thac_si' || education === 'tien_si';
    const rankCode = drawRank(rng, { category, unit, title, jobPosition: jobPositionCode, graduate });
    const qualifications = generateQualifications(rng, {
      birthDate,
      today: options.today,
      category,
      sector: unit.sector,
      education,
      profile,
      home,
    });

    const careerStart = minDate(addDays(aboutYearsAfter(birthDate, rng.int(22, 26)), rng.int(0, 364)), addDays(options.today, -60));
    const movedFrom = home.unitCode !== null && (unit.kind === 'commune' || rng.chance(0.4)) ? home.unitCode : null;
    const assignments = generateAssignments(rng, {
      unit,
      title,
      careerStart,
      movedFrom: careerStart < REORGANISATION_DATE ? movedFrom : null,
      today: options.today,
      peers: (this.peers.get(`${unit.kind}/${unit.sector}`) ?? []).filter((u) => u.code !== unit.code),
    });
    const planning = generatePlanning(rng, { title, unit, age, staffTarget: staffPlanningTarget(unit), today: options.today });
    const appraisals = generateAppraisals(rng, assignments[0]?.startedOn ?? careerStart, options.today);

    return {
      citizenId,
      fullName,
      birthDate,
      gender,
      ethnicityCode,
      category,
      partyMembership,
      partyJoinedOn,
      partyOfficialOn,
      unitCode: unit.code,
      titleCode: title,
      jobPositionCode,
      rankCode,
      scopeCode: post.scope ?? profile.scope,
      phone: rng.chance(0.85) ? `0${rng.pick(['912', '913', '915', '983', '984', '986', '978', '868', '388'])}${rng.digits(6)}` : null,
      qualifications,
      assignments,
      planning,
      appraisals,
    };
  }
}

/** The first leadership title an untitled person of this unit would be planned for. */
function staffPlanningTarget(unit: UnitSpec): TitleCode {
  if (unit.kind === 'commune') return 'PTP_X';
  return unit.sector === 'school' ? 'TK_TCT' : 'PTP_T';
}
