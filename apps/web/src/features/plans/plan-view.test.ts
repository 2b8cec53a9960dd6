import { describe, expect, it } from 'vitest';
import { formatVnd, linkOf, periodStartOf, periodYears, planChoiceOf, type PlanChoice } from './plan-view';

describe('the class form plan choice', () => {
  it.each<[{ lineId: number | null; outsidePlan: boolean } | null, PlanChoice]>([
    [null, 'none'],
    [{ lineId: null, outsidePlan: false }, 'none'],
    [{ lineId: null, outsidePlan: true }, 'outside'],
    [{ lineId: 12, outsidePlan: false }, 'line:12'],
  ])('%o → %s', (plan, choice) => {
    expect(planChoiceOf(plan)).toBe(choice);
  });

  it.each<[PlanChoice | null, { planLineId: number | null; outsidePlan: boolean }]>([
    ['none', { planLineId: null, outsidePlan: false }],
    [null, { planLineId: null, outsidePlan: false }],
    ['outside', { planLineId: null, outsidePlan: true }],
    ['line:7', { planLineId: 7, outsidePlan: false }],
    ['line:0', { planLineId: null, outsidePlan: false }],
  ])('%s → %o', (choice, link) => {
    expect(linkOf(choice)).toEqual(link);
  });
});

describe('formatting', () => {
  it('groups đồng the Vietnamese way', () => {
    expect(formatVnd(1_500_000_000, 'vi')).toBe('1.500.000.000');
    expect(formatVnd(1_500_000_000, 'en')).toBe('1,500,000,000');
  });
  it.each([
    [2021, 2021],
    [2025, 2021],
    [2026, 2026],
    [2030, 2026],
    [2020, 2016],
  ])('year %i is in the period starting %i', (y, start) => {
    expect(periodStartOf(y)).toBe(start);
    expect(periodYears(start)).toContain(y);
  });
});
