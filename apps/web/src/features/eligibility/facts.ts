/**
 * The facts a rule used, as a user reads them (formatFacts: "Tuổi: 44 · Giới hạn: 45"), and the names
 * of the codes they carry. No React: the screens are common.tsx and its neighbours.
 */
import type { Reference } from '@nang-tam/contracts';
import { APPRAISAL_CLASSIFICATIONS, GENDERS, PARTY_MEMBERSHIPS, PERSON_CATEGORIES, QUALIFICATION_KINDS, type Term } from '@nang-tam/domain';
import { levelName } from '../../api/reference';
import type { MessageKey, TFunction } from '../../i18n';
import { formatDate } from '../../shared/format';

export function modeLabel(t: TFunction, mode: string): string {
  return t(`mode.${mode}` as MessageKey);
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
// prettier-ignore
const FACT_KEYS = new Set([
  'age', 'birthDate', 'gender', 'mode', 'modes', 'min', 'max', 'years', 'minYears', 'since', 'partyJoinedOn', 'partyOfficialOn',
  'partyMember', 'partyMembership', 'required', 'held', 'kind', 'level', 'ethnicMinority', 'alternativeApplied', 'classifications', 'serviceStartedOn',
  'currentTitleCode', 'plannedTitles', 'matched', 'category', 'rankCode', 'jobPositionCode', 'jobFields', 'fields',
  'enrolledProgrammeCodes', 'checkedCodes',
]);
/** Facts whose value is a qualification level of the rule's `kind`. */
const LEVEL_KEYS = new Set(['required', 'held', 'level', 'alternativeApplied']);
const MODES = ['full_time', 'part_time', 'online'];

/** Names for the codes rule facts and answers carry (titles, job positions, ranks, programmes, levels). */
export interface CodeNames {
  title: (code: string) => string;
  jobPosition: (code: string) => string;
  rank: (code: string) => string;
  programme: (code: string) => string;
  level: (kind: string, code: string) => string;
  /** A title or a job position (gap targets name either). */
  target: (code: string) => string;
}

/** The names the reference tables and the programme list give to codes (a code without one stays as it is). */
export function codeNamesOf(ref: Reference | undefined, programmes: readonly { code: string; name: string }[] | undefined): CodeNames {
  const byCode = <T extends { code: string; name: string }>(list: readonly T[] | undefined) => {
    const m = new Map((list ?? []).map((x) => [x.code, x.name]));
    return (code: string) => m.get(code) ?? code;
  };
  const title = byCode(ref?.titles);
  const jobPosition = byCode(ref?.jobPositions);
  const titles = new Set((ref?.titles ?? []).map((x) => x.code));
  return {
    title,
    jobPosition,
    rank: byCode(ref?.ranks),
    programme: byCode(programmes),
    level: (kind: string, code: string) => levelName(ref, kind, code),
    target: (code: string) => (titles.has(code) ? title(code) : jobPosition(code)),
  };
}

type Label = (list: readonly Term[], code: string | null | undefined) => string;

function factValue(t: TFunction, label: Label, names: CodeNames, facts: Record<string, unknown>, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('fact.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (ISO.test(v)) return formatDate(v);
    if ((key === 'mode' || key === 'modes') && MODES.includes(v)) return modeLabel(t, v);
    if (key === 'kind') return label(QUALIFICATION_KINDS, v);
    if (key === 'gender') return label(GENDERS, v);
    if (key === 'category') return label(PERSON_CATEGORIES, v);
    if (key === 'partyMembership') return label(PARTY_MEMBERSHIPS, v);
    if (key === 'rankCode') return names.rank(v);
    if (key === 'jobPositionCode') return names.jobPosition(v);
    if (key === 'currentTitleCode') return names.title(v);
    if (key === 'enrolledProgrammeCodes' || key === 'checkedCodes') return names.programme(v);
    if (key === 'since' && (v === 'joined' || v === 'official')) return t(`fact.since.${v}`);
    if (key === 'required' && (v === 'member' || v === 'official')) return t(`fact.required.${v}`);
    if (key === 'required' && APPRAISAL_CLASSIFICATIONS.some((c) => c.code === v)) return label(APPRAISAL_CLASSIFICATIONS, v);
    if (LEVEL_KEYS.has(key) && typeof facts.kind === 'string') return names.level(facts.kind, v);
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return t('fact.empty');
    // title names contain commas: list them with semicolons
    return v.map((x) => factValue(t, label, names, facts, key, x)).join(key === 'plannedTitles' ? '; ' : ', ');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('titleCode' in o) {
      const name = names.title(String(o.titleCode));
      return o.term ? `${name} (${t('gaps.term', { term: String(o.term) })})` : name;
    }
    if ('male' in o && 'female' in o) return t('fact.byGender', { male: String(o.male), female: String(o.female) });
    if (key === 'classifications') {
      return Object.entries(o)
        .sort(([a], [b]) => b.localeCompare(a))
        .map(([year, c]) => `${year}: ${label(APPRAISAL_CLASSIFICATIONS, String(c))}`)
        .join('; ');
    }
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${factValue(t, label, names, facts, k, x)}`)
      .join(', ');
  }
  return String(v);
}

/** "Tuổi: 44 · Giới hạn: 45" — the facts a rule used, labelled and with names for codes, in the UI language. */
export function formatFacts(t: TFunction, label: Label, names: CodeNames, facts: Record<string, unknown>): string {
  return Object.entries(facts)
    .map(([k, v]) => {
      const name = k === 'years' && Array.isArray(v) ? t('fact.yearsChecked') : FACT_KEYS.has(k) ? t(`fact.${k}` as MessageKey) : k;
      return `${name}: ${factValue(t, label, names, facts, k, v)}`;
    })
    .join(' · ');
}
