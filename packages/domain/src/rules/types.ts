/**
 * Rules as data: title standards and programme eligibility rules, each with the document it comes
 * from and the period it is in force. Nothing here is a constant of the law; every figure is data
 * an administrator can correct (see README.md in this folder for the model).
 */
import type { IsoDate } from '../dates.js';
import type { AppraisalClassification, PersonCategory, QualificationKind } from '../vocabulary.js';

/** The document a rule or standard comes from (văn bản căn cứ). */
export interface SourceDocument {
  /** Number and symbol, e.g. '350-QĐ/TW', '171/2025/NĐ-CP'. */
  code: string;
  title: string;
  /** Issuing body, e.g. 'Ban Bí thư', 'Chính phủ'. */
  issuer: string;
  issuedOn: IsoDate;
  /** Article (and clause) the rule is taken from, e.g. 'Điều 4, khoản 2'. */
  article?: string;
}

/** Inclusive on both ends; `to: null` is open-ended. */
export interface EffectivePeriod {
  from: IsoDate;
  to: IsoDate | null;
}

/**
 * What every versioned piece of rule data shares. Versions of one `id` never overlap in time.
 * A correction of a version's content for the same period is a new version with `corrects` set;
 * the corrected one is kept for history with `supersededBy` and no longer evaluated.
 */
export interface Versioned {
  /** Stable code, e.g. 'TC_LLCT_350.party_member'. */
  id: string;
  /** 1, 2, 3… per id. */
  version: number;
  period: EffectivePeriod;
  /** Set on a version that corrects version N over exactly the same period. */
  corrects?: number;
  /** Set on a version replaced by a correction: kept for history, never evaluated. */
  supersededBy?: number;
}

export type StudyMode = 'full_time' | 'part_time' | 'online';
export const STUDY_MODES: readonly StudyMode[] = ['full_time', 'part_time', 'online'];

export const STUDY_MODE_LABELS: Record<StudyMode, string> = {
  full_time: 'tập trung',
  part_time: 'vừa làm vừa học (không tập trung)',
  online: 'trực tuyến',
};

export type ProgrammeKind =
  | 'political_theory'
  | 'state_management'
  | 'postgraduate'
  | 'leadership'
  | 'knowledge_update'
  | 'party_awareness'
  | 'new_party_member'
  | 'thematic'
  | 'abroad'
  // the wider catalogue (issue 9): defence & security knowledge, People's Council delegates,
  // administrative reform, digital transformation and AI
  | 'defence_security'
  | 'council_delegates'
  | 'admin_reform'
  | 'digital_transformation';

/** A qualification kind and one of its level codes (as in the qualification_levels table). */
export interface LevelRef {
  kind: QualificationKind;
  level: string;
}

export interface Programme {
  /** Stable across rule changes: 'TC_LLCT' is the same programme under 57-QĐ/TW and 350-QĐ/TW. */
  code: string;
  name: string;
  kind: ProgrammeKind;
  modes: StudyMode[];
  /** The qualification a graduate receives. */
  grants?: LevelRef;
}

/** A lower level accepted instead of the required one when a condition holds. */
export interface LevelAlternative {
  when: 'ethnic_minority';
  level: string;
}

/** A qualification requirement: the kind, the minimum level, and accepted alternatives. */
export interface Requirement {
  kind: QualificationKind;
  minLevel: string;
  alternatives?: LevelAlternative[];
}

/** A group of titles by the title table's level and leadership flag. */
export interface TitleGroup {
  level: string;
  /** Only titles flagged `leadership` in the title table. */
  leadershipOnly?: boolean;
}

/** One way of belonging to the target group: every field given must hold (a conjunction). */
export interface TargetGroupOption {
  categories?: PersonCategory[];
  rankCodes?: string[];
  /** Must be a party member (probationary or official) on asOf. */
  partyMember?: boolean;
  /** Works in a unit at this level: 'commune' = a commune or ward, or a unit under one (e.g. công chức cấp xã). */
  unitLevel?: UnitLevel;
}

/** The two levels of local government since 1/7/2025 (as the titles table's `level`). */
export type UnitLevel = 'province' | 'commune';

/** An age bound: one figure for everyone, or one per gender. */
export type AgeBound = number | { male: number; female: number };

interface RuleBase extends Versioned {
  source: SourceDocument;
  /** What the rule requires, in Vietnamese, as the document says it. */
  description: string;
  /** Free remark for administrators, e.g. 'Cần đối chiếu văn bản gốc' on an uncertain figure. */
  note?: string;
}

/** Holds, or is planned for, one of the listed titles (đương chức hoặc quy hoạch). */
export interface TargetPostRule extends RuleBase {
  kind: 'target_post';
  params: { titleCodes?: string[]; titleGroups?: TitleGroup[]; includePlanned: boolean };
}

/** Belongs to one of the listed groups (category, civil-service rank, party membership). */
export interface TargetGroupRule extends RuleBase {
  kind: 'target_group';
  params: { anyOf: TargetGroupOption[] };
}

/**
 * Party membership on asOf. `member`: probationary or official; `official`: official member.
 * `minYears` counts whole years since `since` (joining, or becoming official).
 */
export interface PartyMemberRule extends RuleBase {
  kind: 'party_member';
  params: { status: 'member' | 'official'; minYears?: number; since?: 'joined' | 'official' };
}

/** Holds a qualification of `kind` at `minLevel` or higher (or an alternative that applies). */
export interface MinQualificationRule extends RuleBase {
  kind: 'min_qualification';
  params: Requirement;
}

/**
 * Only for people of these categories (e.g. NĐ 101/2017 Điều 6: the age, service and appraisal
 * conditions of postgraduate study bind cán bộ and công chức, not viên chức): anyone else is "not
 * applicable"; an unknown category is "missing category". Absent: everyone.
 */
export interface CategoryScope {
  categories?: PersonCategory[];
}

/**
 * Appraised `minClassification` or better in each of the `years` calendar years immediately
 * before the year of asOf: asOf in 2025 and years = 2 → 2024 and 2023 (see README.md).
 */
export interface AppraisalStreakRule extends RuleBase {
  kind: 'appraisal_streak';
  params: { minClassification: AppraisalClassification; years: number } & CategoryScope;
}

/**
 * Age in whole years on asOf (the nomination date): `min` ≤ age ≤ `max`. A birthday falling on
 * asOf counts. `modes`: only for these study modes (otherwise not applicable).
 */
export interface AgeLimitRule extends RuleBase {
  kind: 'age_limit';
  params: { min?: AgeBound; max?: AgeBound; modes?: StudyMode[] } & CategoryScope;
}

/** At least `years` whole years since the person started service. */
export interface MinServiceYearsRule extends RuleBase {
  kind: 'min_service_years';
  params: { years: number } & CategoryScope;
}

/**
 * A field matches one of the job position's fields. `study_field`: the field the person is nominated
 * to study; `held_qualification`: the field of a held education qualification (of `minLevel` or higher).
 */
export interface FieldMatchesJobRule extends RuleBase {
  kind: 'field_matches_job';
  params: { subject: 'study_field' | 'held_qualification'; minLevel?: string };
}

/** Holding `level` of `kind` or higher makes the person ineligible. */
export interface NotAlreadyHoldingRule extends RuleBase {
  kind: 'not_already_holding';
  params: LevelRef;
}

/** Not enrolled in any of `programmeCodes` (default: the programme being checked). */
export interface NotEnrolledRule extends RuleBase {
  kind: 'not_enrolled';
  params: { programmeCodes?: string[] };
}

export type Rule =
  | TargetPostRule
  | TargetGroupRule
  | PartyMemberRule
  | MinQualificationRule
  | AppraisalStreakRule
  | AgeLimitRule
  | MinServiceYearsRule
  | FieldMatchesJobRule
  | NotAlreadyHoldingRule
  | NotEnrolledRule;

export type RuleKind = Rule['kind'];

export const RULE_KINDS: readonly RuleKind[] = [
  'target_post',
  'target_group',
  'party_member',
  'min_qualification',
  'appraisal_streak',
  'age_limit',
  'min_service_years',
  'field_matches_job',
  'not_already_holding',
  'not_enrolled',
];

/** A remark that goes with a programme's answer but decides nothing (e.g. a service commitment). */
export interface RuleSetNote {
  text: string;
  source: SourceDocument;
  period: EffectivePeriod;
}

/** All rules of one programme, across documents and versions; evaluation picks those in force. */
export interface RuleSet {
  programmeCode: string;
  rules: Rule[];
  notes?: RuleSetNote[];
}

/** A title standard (tiêu chuẩn chức danh) or job-position standard: one requirement each. */
export type Standard = Versioned & {
  requirement: Requirement;
  source: SourceDocument;
  description: string;
  note?: string;
} & ({ titleCode: string; jobPositionCode?: never } | { jobPositionCode: string; titleCode?: never });
