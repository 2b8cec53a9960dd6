/** Pure helpers of the plan pages: the class form's plan choice, comparison labels, money. */
import type { MessageKey } from '../../i18n';

/** The class form's single "plan" field: not linked, outside the plan, or a line. */
export type PlanChoice = 'none' | 'outside' | `line:${number}`;

export function planChoiceOf(plan: { lineId: number | null; outsidePlan: boolean } | null | undefined): PlanChoice {
  if (!plan) return 'none';
  if (plan.lineId !== null) return `line:${plan.lineId}`;
  return plan.outsidePlan ? 'outside' : 'none';
}

export function linkOf(choice: PlanChoice | null | undefined): { planLineId: number | null; outsidePlan: boolean } {
  if (choice === 'outside') return { planLineId: null, outsidePlan: true };
  if (choice && choice.startsWith('line:')) {
    const id = Number(choice.slice(5));
    if (Number.isInteger(id) && id > 0) return { planLineId: id, outsidePlan: false };
  }
  return { planLineId: null, outsidePlan: false };
}

/** The label key of a compared field. */
export const FIELD_LABELS: Record<string, MessageKey> = {
  programmeCode: 'plans.col.programme',
  mode: 'plans.col.mode',
  classes: 'plans.col.classes',
  learners: 'plans.col.learners',
  year: 'plans.col.year',
  quarter: 'plans.col.quarter',
  organiserUnitId: 'plans.col.organiser',
  siteKind: 'plans.col.siteKind',
  site: 'plans.col.site',
  estimatedCost: 'plans.col.cost',
  carriedOver: 'plans.col.carriedOver',
  note: 'plans.col.note',
};

/** 1500000000 → "1.500.000.000" (vi-VN groups with dots). */
export function formatVnd(n: number, locale: 'vi' | 'en'): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 }).format(n);
}

/** The realisation row keys the drill-down takes. */
export type RowKey = 'total' | 'extra' | 'unlinked' | `line:${number}`;
export const MEASURES = ['done', 'opened', 'carriedIn', 'finished', 'carriedOut'] as const;
export type Measure = (typeof MEASURES)[number];

/** Every year of a five-year period, in order. */
export function periodYears(startYear: number): number[] {
  return [0, 1, 2, 3, 4].map((i) => startYear + i);
}

/** The five-year period a year falls in, by the 2021–2025 rhythm. */
export function periodStartOf(year: number): number {
  return year - ((((year - 2021) % 5) + 5) % 5);
}

/** "Phiên bản 2 · Điều chỉnh lần 1". */
export function versionName(t: (k: MessageKey, p?: Record<string, string | number>) => string, v: { number: number; isAdjustment: boolean }): string {
  return `${t('plans.versionLabel', { n: v.number })} · ${v.isAdjustment ? t('plans.adjustment', { n: v.number - 1 }) : t('plans.original')}`;
}
