/**
 * Explainable eligibility: every rule of a programme in force on asOf, with its outcome, the facts
 * it used, and its source document. Pure: the date is always given, never read from the clock.
 */
import { formatViDate, isIsoDate, type IsoDate } from '../dates.js';
import { evaluateRule, type CheckOutcome, type EvaluationContext } from './checks.js';
import { RulesError } from './errors.js';
import { factLabel, type JobPositionCatalogue, type LevelCatalogue, type PersonFacts, type TitleCatalogue } from './facts.js';
import { assertAsOf, inForce, isInForce } from './period.js';
import { STUDY_MODES, type EffectivePeriod, type Programme, type Rule, type RuleSet, type SourceDocument, type StudyMode } from './types.js';
import { validateRule } from './validate.js';

export interface CheckEligibilityInput {
  person: PersonFacts;
  /** Programme code, e.g. 'TC_LLCT'. */
  programme: string;
  mode: StudyMode;
  programmes: readonly Programme[];
  rules: readonly RuleSet[];
  levels: LevelCatalogue;
  titles?: TitleCatalogue;
  jobPositions?: JobPositionCatalogue;
  /** The field the person is nominated to study, for field-matching rules (postgraduate). */
  studyField?: string | null;
  /** The nomination date, "YYYY-MM-DD". */
  asOf: string;
}

export type EligibilityOutcome = 'eligible' | 'not_eligible' | 'cannot_decide';

export interface RuleResult {
  ruleId: string;
  version: number;
  kind: Rule['kind'];
  description: string;
  outcome: CheckOutcome;
  facts: Record<string, unknown>;
  missing?: string[];
  message: string;
  source: SourceDocument;
  period: EffectivePeriod;
  note?: string;
}

export interface EligibilityNote {
  text: string;
  source: SourceDocument;
}

export interface EligibilityResult {
  programmeCode: string;
  programmeName: string;
  mode: StudyMode;
  asOf: IsoDate;
  outcome: EligibilityOutcome;
  rules: RuleResult[];
  /** Every missing fact, once, in rule order. */
  missing: string[];
  /** Remarks in force that decide nothing (e.g. the service commitment after postgraduate study). */
  notes: EligibilityNote[];
  /** One Vietnamese sentence for the whole answer. */
  summary: string;
}

const DATE_FACTS = ['birthDate', 'partyJoinedOn', 'partyOfficialOn', 'serviceStartedOn'] as const;

/** A malformed date among the person's facts is a data error, not a missing fact. */
function assertPersonDates(person: PersonFacts): void {
  for (const key of DATE_FACTS) {
    const value = person[key];
    if (value !== null && !isIsoDate(value)) throw new RulesError('INVALID_FACT', `Dữ liệu ${factLabel(key)} không hợp lệ.`, { fact: key, value });
  }
}

function findProgramme(programmes: readonly Programme[], code: string, mode: string): Programme {
  const programme = programmes.find((p) => p.code === code);
  if (!programme) throw new RulesError('UNKNOWN_PROGRAMME', `Không có chương trình "${code}".`, { programme: code });
  if (!STUDY_MODES.includes(mode as StudyMode) || !programme.modes.includes(mode as StudyMode)) {
    throw new RulesError('UNSUPPORTED_MODE', `Chương trình ${programme.name} không có hình thức học "${mode}".`, { programme: code, mode });
  }
  return programme;
}

/** The rules in force on asOf, each checked again so that bad data never yields an answer. */
function rulesInForce(sets: readonly RuleSet[], code: string, asOf: IsoDate, levels: LevelCatalogue): Rule[] {
  const rules = inForce(
    sets.filter((s) => s.programmeCode === code).flatMap((s) => s.rules),
    asOf,
  );
  for (const rule of rules) {
    const errors = validateRule(rule, levels);
    if (errors.length > 0) throw new RulesError('INVALID_RULE', `Quy định ${rule.id} (phiên bản ${rule.version}) không hợp lệ.`, { ruleId: rule.id, version: rule.version, errors });
  }
  return rules;
}

function overallOutcome(results: readonly RuleResult[]): EligibilityOutcome {
  if (results.some((r) => r.outcome === 'fail')) return 'not_eligible';
  if (results.length === 0 || results.some((r) => r.outcome === 'missing_fact')) return 'cannot_decide';
  return 'eligible';
}

function summarise(outcome: EligibilityOutcome, results: readonly RuleResult[], missing: readonly string[], programme: Programme, asOf: IsoDate): string {
  const on = `chương trình ${programme.name}, ngày ${formatViDate(asOf)}`;
  if (results.length === 0) return `Chưa thể kết luận: không có quy định nào có hiệu lực đối với ${on}.`;
  const missingText = missing.length > 0 ? `; còn thiếu ${missing.map(factLabel).join(', ')}` : '';
  if (outcome === 'eligible') return `Đủ điều kiện (${on}).`;
  if (outcome === 'cannot_decide') return `Chưa thể kết luận (${on}): thiếu ${missing.map(factLabel).join(', ')}.`;
  const failed = results.filter((r) => r.outcome === 'fail').map((r) => r.description);
  return `Không đủ điều kiện (${on}): ${failed.join('; ')}${missingText}.`;
}

/**
 * Checks a person against a programme's rules in force on asOf. Throws RulesError for an invalid
 * asOf (INVALID_AS_OF), an unknown programme (UNKNOWN_PROGRAMME), a mode the programme does not
 * offer (UNSUPPORTED_MODE), a malformed date fact (INVALID_FACT), or bad rule data (INVALID_RULE,
 * OVERLAPPING_VERSIONS). Outcome: any rule failing → not_eligible (missing facts still listed);
 * otherwise any missing fact, or no rule in force at all → cannot_decide; otherwise eligible.
 */
export function checkEligibility(input: CheckEligibilityInput): EligibilityResult {
  const { person, asOf } = input;
  assertAsOf(asOf);
  const programme = findProgramme(input.programmes, input.programme, input.mode);
  assertPersonDates(person);
  const ctx: EvaluationContext = {
    person,
    asOf,
    mode: input.mode,
    programmeCode: programme.code,
    levels: input.levels,
    titles: input.titles,
    jobPositions: input.jobPositions,
    studyField: input.studyField ?? null,
  };
  const results = rulesInForce(input.rules, programme.code, asOf, input.levels).map((rule): RuleResult => {
    const check = evaluateRule(rule, ctx);
    return {
      ruleId: rule.id,
      version: rule.version,
      kind: rule.kind,
      description: rule.description,
      ...check,
      source: rule.source,
      period: rule.period,
      ...(rule.note ? { note: rule.note } : {}),
    };
  });
  const missing = [...new Set(results.flatMap((r) => r.missing ?? []))];
  const outcome = overallOutcome(results);
  const notes = input.rules
    .filter((s) => s.programmeCode === programme.code)
    .flatMap((s) => s.notes ?? [])
    .filter((n) => isInForce(n.period, asOf))
    .map((n) => ({ text: n.text, source: n.source }));
  return {
    programmeCode: programme.code,
    programmeName: programme.name,
    mode: input.mode,
    asOf,
    outcome,
    rules: results,
    missing: results.length === 0 ? ['rulesInForce'] : missing,
    notes,
    summary: summarise(outcome, results, missing, programme, asOf),
  };
}
