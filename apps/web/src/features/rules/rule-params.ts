/**
 * The parameters of each rule kind without React: how the form holds them (paramsToForm /
 * formToParams, the age bounds) and how the version history words them (describeParams). The form
 * itself is params.tsx.
 */
import { APPRAISAL_CLASSIFICATIONS, PERSON_CATEGORIES, QUALIFICATION_KINDS, type Term } from '@nang-tam/domain';
import type { MessageKey, TFunction } from '../../i18n';
import type { CodeNames } from '../eligibility/facts';

export type RuleKind =
  | 'target_post'
  | 'target_group'
  | 'party_member'
  | 'min_qualification'
  | 'appraisal_streak'
  | 'age_limit'
  | 'min_service_years'
  | 'field_matches_job'
  | 'not_already_holding'
  | 'not_enrolled';

export type Params = Record<string, unknown>;

export const STUDY_MODES = ['full_time', 'part_time', 'online'] as const;

// ---------- age bounds ----------

/** An age bound as the form holds it: none, one figure for everyone, or one per gender. */
export interface AgeBoundValue {
  mode: 'none' | 'all' | 'gender';
  all?: number | null;
  male?: number | null;
  female?: number | null;
}

export function toAgeBoundValue(b: unknown): AgeBoundValue {
  if (typeof b === 'number') return { mode: 'all', all: b };
  if (b && typeof b === 'object' && 'male' in b && 'female' in b) {
    const o = b as { male: number; female: number };
    return { mode: 'gender', male: o.male, female: o.female };
  }
  return { mode: 'none' };
}

export function fromAgeBoundValue(v: AgeBoundValue | undefined): number | { male: number; female: number } | undefined {
  if (!v || v.mode === 'none') return undefined;
  if (v.mode === 'all') return v.all ?? undefined;
  if (v.male === null || v.male === undefined || v.female === null || v.female === undefined) return undefined;
  return { male: v.male, female: v.female };
}

/** What the form says about an age bound it cannot save: a figure missing. */
export function ageBoundProblem(v: AgeBoundValue | undefined): 'rp.age.enter' | 'rp.age.enterBoth' | null {
  if (!v || v.mode === 'none') return null;
  if (v.mode === 'all' && (v.all === null || v.all === undefined)) return 'rp.age.enter';
  if (v.mode === 'gender' && (v.male === null || v.male === undefined || v.female === null || v.female === undefined))
    return 'rp.age.enterBoth';
  return null;
}

/** The ethnic-minority alternative of a requirement. */
export interface Alternative {
  when: 'ethnic_minority';
  level: string;
}

// ---------- form ↔ API ----------

/** The form's values under `params` for a version's params. */
export function paramsToForm(kind: RuleKind, params: Params): Params {
  switch (kind) {
    case 'target_post':
      return { titleCodes: params.titleCodes ?? [], titleGroups: params.titleGroups ?? [], includePlanned: params.includePlanned ?? true };
    case 'target_group':
      return {
        anyOf:
          (params.anyOf as Params[] | undefined)?.map((o) => ({
            categories: o.categories ?? [],
            rankCodes: o.rankCodes ?? [],
            partyMember: o.partyMember === true,
            unitLevel: o.unitLevel ?? null,
          })) ?? [],
      };
    case 'party_member':
      return { status: params.status ?? 'member', minYears: params.minYears ?? null, since: params.since ?? 'joined' };
    case 'min_qualification':
      return { kind: params.kind, minLevel: params.minLevel, alternatives: params.alternatives ?? [] };
    case 'appraisal_streak':
      return { minClassification: params.minClassification ?? 'good', years: params.years ?? 2, categories: params.categories ?? [] };
    case 'age_limit':
      return { min: toAgeBoundValue(params.min), max: toAgeBoundValue(params.max), modes: params.modes ?? [], categories: params.categories ?? [] };
    case 'min_service_years':
      return { years: params.years ?? null, categories: params.categories ?? [] };
    case 'field_matches_job':
      return { subject: params.subject ?? 'study_field', minLevel: params.minLevel };
    case 'not_already_holding':
      return { kind: params.kind, level: params.level };
    case 'not_enrolled':
      return { programmeCodes: params.programmeCodes ?? [] };
  }
}

const nonEmpty = <T>(a: T[] | undefined): T[] | undefined => (a && a.length > 0 ? a : undefined);

/** Drops undefined members (the API's objects are strict: absent, not null). */
function clean(o: Params): Params {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

/** The API's params from the form's values under `params`. */
export function formToParams(kind: RuleKind, f: Params): Params {
  switch (kind) {
    case 'target_post':
      return clean({
        titleCodes: nonEmpty(f.titleCodes as string[]),
        titleGroups: nonEmpty(
          (f.titleGroups as { level?: string; leadershipOnly?: boolean }[] | undefined)?.map((g) =>
            clean({ level: g.level, leadershipOnly: g.leadershipOnly || undefined }),
          ),
        ),
        includePlanned: f.includePlanned === true,
      });
    case 'target_group':
      return {
        anyOf: ((f.anyOf as Params[] | undefined) ?? []).map((o) =>
          clean({
            categories: nonEmpty(o.categories as string[]),
            rankCodes: nonEmpty(o.rankCodes as string[]),
            partyMember: o.partyMember === true ? true : undefined,
            unitLevel: o.unitLevel === 'commune' || o.unitLevel === 'province' ? o.unitLevel : undefined,
          }),
        ),
      };
    case 'party_member': {
      const minYears = typeof f.minYears === 'number' ? f.minYears : undefined;
      return clean({ status: f.status, minYears, since: minYears !== undefined ? f.since : undefined });
    }
    case 'min_qualification':
      return clean({ kind: f.kind, minLevel: f.minLevel, alternatives: nonEmpty(f.alternatives as Alternative[]) });
    case 'appraisal_streak':
      return clean({ minClassification: f.minClassification, years: f.years, categories: nonEmpty(f.categories as string[]) });
    case 'age_limit':
      return clean({
        min: fromAgeBoundValue(f.min as AgeBoundValue),
        max: fromAgeBoundValue(f.max as AgeBoundValue),
        modes: nonEmpty(f.modes as string[]),
        categories: nonEmpty(f.categories as string[]),
      });
    case 'min_service_years':
      return clean({ years: f.years, categories: nonEmpty(f.categories as string[]) });
    case 'field_matches_job':
      return clean({ subject: f.subject, minLevel: f.subject === 'held_qualification' ? f.minLevel : undefined });
    case 'not_already_holding':
      return clean({ kind: f.kind, level: f.level });
    case 'not_enrolled':
      return clean({ programmeCodes: nonEmpty(f.programmeCodes as string[]) });
  }
}

// ---------- the params as text ----------

export function titleLevelLabel(t: TFunction, level: string): string {
  return level === 'province' || level === 'commune' ? t(`rp.titleLevel.${level}` as MessageKey) : level;
}

export interface DescribeContext {
  t: TFunction;
  label: (list: readonly Term[], code: string | null | undefined) => string;
  names: CodeNames;
}

function ageBoundText(t: TFunction, b: unknown, which: 'min' | 'max'): string | null {
  if (typeof b === 'number') return t(`rp.text.${which}All` as MessageKey, { n: b });
  if (b && typeof b === 'object' && 'male' in b && 'female' in b) {
    const o = b as { male: number; female: number };
    return t(`rp.text.${which}Gender` as MessageKey, { female: o.female, male: o.male });
  }
  return null;
}

function requirementText(ctx: DescribeContext, p: Params, withKind = true): string[] {
  const { t, label, names } = ctx;
  const kind = String(p.kind ?? '');
  const level = names.level(kind, String(p.minLevel ?? ''));
  const lines = [
    withKind ? t('rp.text.requirement', { kind: label(QUALIFICATION_KINDS, kind), level }) : t('rp.text.levelOrHigher', { level }),
  ];
  for (const a of (p.alternatives as Alternative[] | undefined) ?? []) {
    if (a.when === 'ethnic_minority') lines.push(t('rp.text.alternative', { level: names.level(kind, a.level) }));
  }
  return lines;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A version's params in Vietnamese (or English), one line each. */
export function describeParams(ctx: DescribeContext, kind: string, p: Params): string[] {
  const categories = (p.categories as string[] | undefined) ?? [];
  const scope = categories.length > 0 ? [ctx.t('rp.text.onlyFor', { list: categories.map((c) => ctx.label(PERSON_CATEGORIES, c)).join(', ') })] : [];
  return [...describeKindParams(ctx, kind, p), ...scope];
}

function describeKindParams(ctx: DescribeContext, kind: string, p: Params): string[] {
  const { t, label, names } = ctx;
  switch (kind as RuleKind) {
    case 'target_post': {
      const lines: string[] = [];
      const codes = (p.titleCodes as string[] | undefined) ?? [];
      if (codes.length > 0) lines.push(t('rp.text.titles', { list: codes.map(names.title).join('; ') }));
      for (const g of (p.titleGroups as { level: string; leadershipOnly?: boolean }[] | undefined) ?? []) {
        lines.push(t(g.leadershipOnly ? 'rp.text.groupLeaders' : 'rp.text.groupAll', { level: titleLevelLabel(t, g.level) }));
      }
      lines.push(t(p.includePlanned ? 'rp.text.includePlanned' : 'rp.text.holdersOnly'));
      return lines;
    }
    case 'target_group': {
      const options = ((p.anyOf as Params[] | undefined) ?? []).map((o) => {
        const parts: string[] = [];
        const cats = (o.categories as string[] | undefined) ?? [];
        if (cats.length > 0) parts.push(cats.map((c) => label(PERSON_CATEGORIES, c)).join(t('rp.text.or')));
        const ranks = (o.rankCodes as string[] | undefined) ?? [];
        if (ranks.length > 0) parts.push(t('rp.text.ranks', { list: ranks.map(names.rank).join(', ') }));
        if (o.partyMember === true) parts.push(t('rp.text.partyMember'));
        if (o.unitLevel === 'commune' || o.unitLevel === 'province') parts.push(t(`rp.text.unitLevel.${o.unitLevel}`));
        return upperFirst(parts.join(t('rp.text.and')));
      });
      return options.length === 1 ? [options[0]!] : [t('rp.text.anyOf'), ...options.map((o, i) => `${i + 1}) ${o}`)];
    }
    case 'party_member': {
      const lines = [t(p.status === 'official' ? 'fact.required.official' : 'fact.required.member')];
      if (typeof p.minYears === 'number') {
        lines.push(t('rp.text.partyYears', { n: p.minYears, since: t(p.since === 'official' ? 'rp.since.official' : 'rp.since.joined') }));
      }
      return lines;
    }
    case 'min_qualification':
      return requirementText(ctx, p);
    case 'appraisal_streak':
      return [
        t('rp.text.streak', { classification: label(APPRAISAL_CLASSIFICATIONS, String(p.minClassification ?? '')), n: Number(p.years) }),
      ];
    case 'age_limit': {
      const lines = [ageBoundText(t, p.min, 'min'), ageBoundText(t, p.max, 'max')].filter((x): x is string => x !== null);
      const modes = (p.modes as string[] | undefined) ?? [];
      lines.push(
        modes.length > 0 ? t('rp.text.modes', { list: modes.map((m) => t(`mode.${m}` as MessageKey)).join(', ') }) : t('rp.text.allModes'),
      );
      return lines;
    }
    case 'min_service_years':
      return [t('rp.text.service', { n: Number(p.years) })];
    case 'field_matches_job':
      return p.subject === 'held_qualification'
        ? [
            t('rp.text.fieldHeld'),
            ...(typeof p.minLevel === 'string' ? [t('rp.text.fieldHeldLevel', { level: names.level('education', p.minLevel) })] : []),
          ]
        : [t('rp.text.fieldStudy')];
    case 'not_already_holding': {
      const k = String(p.kind ?? '');
      return [t('rp.text.notHolding', { kind: lowerFirst(label(QUALIFICATION_KINDS, k)), level: names.level(k, String(p.level ?? '')) })];
    }
    case 'not_enrolled': {
      const codes = (p.programmeCodes as string[] | undefined) ?? [];
      return [codes.length > 0 ? t('rp.text.notEnrolled', { list: codes.map(names.programme).join('; ') }) : t('rp.text.notEnrolledSelf')];
    }
    default:
      return [];
  }
}

/** The requirement of a standard as text (same wording as a minimum-qualification rule). */
export function describeRequirement(
  ctx: DescribeContext,
  r: { kind: string; minLevel: string; alternatives: { when: string; level: string }[] },
  withKind = true,
): string[] {
  return requirementText(ctx, { kind: r.kind, minLevel: r.minLevel, alternatives: r.alternatives }, withKind);
}
