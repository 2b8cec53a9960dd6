import { describe, expect, it } from 'vitest';
import {
  addSupportPolicyVersion,
  assessSupport,
  checkSupportPayment,
  classStudyDays,
  coveragesIntersect,
  percentOf,
  validateSupportPolicy,
  type SupportCourse,
  type SupportLearner,
  type SupportPolicy,
} from './support.js';

const rates = {
  daily: {
    full_time: { inProvince: 50_000, outsideProvince: 100_000 },
    part_time: { inProvince: 30_000, outsideProvince: 60_000 },
    online: { inProvince: 0, outsideProvince: 0 },
  },
  accommodationPerNight: { inProvince: 0, outsideProvince: 150_000 },
  travelPerCourse: { inProvince: 100_000, outsideProvince: 500_000 },
  tuitionPercent: 50,
  women: { perDay: 10_000, perCourse: 0 },
  ethnicMinority: { perDay: 0, perCourse: 200_000 },
  capPerCourse: null,
  capPerYear: null,
};

const v1: SupportPolicy = {
  id: 'LS_NQ',
  version: 1,
  period: { from: '2024-01-01', to: '2025-12-31' },
  name: 'Chính sách thử',
  source: { code: '01/2024/NQ-HĐND', title: 'Nghị quyết thử', issuer: 'HĐND tỉnh', issuedOn: '2023-12-10' },
  verified: true,
  coverage: { categories: ['can_bo', 'cong_chuc', 'vien_chuc'] },
  rates,
};
const v2: SupportPolicy = { ...v1, version: 2, period: { from: '2026-01-01', to: null }, rates: { ...rates, daily: { ...rates.daily, full_time: { inProvince: 70_000, outsideProvince: 120_000 } } } };

const man: SupportLearner = { category: 'cong_chuc', gender: 'male', ethnicMinority: false };
const woman: SupportLearner = { ...man, gender: 'female' };
const tayWoman: SupportLearner = { ...man, gender: 'female', ethnicMinority: true };

const course = (over: Partial<SupportCourse> = {}): SupportCourse => ({
  kind: 'class',
  programmeCode: 'TC_LLCT',
  programmeKind: 'political_theory',
  mode: 'full_time',
  organiserUnitId: 2,
  place: 'in_province',
  startDate: '2025-03-03',
  endDate: '2025-03-12',
  studyDays: 10,
  cost: null,
  ...over,
});

const amounts = (a: ReturnType<typeof assessSupport>) => (a.kind === 'covered' ? Object.fromEntries(a.items.map((i) => [i.code, a.items.filter((x) => x.code === i.code).reduce((s, x) => s + x.amount, 0n)])) : {});

describe('support owed per learner (table)', () => {
  it.each<[string, SupportLearner, Partial<SupportCourse>, Record<string, bigint>, bigint]>([
    ['full time in province, man: 10 days × 50,000 + travel', man, {}, { daily: 500_000n, travel: 100_000n }, 600_000n],
    ['full time outside province: days, 9 nights, travel', man, { place: 'outside_province' }, { daily: 1_000_000n, accommodation: 1_350_000n, travel: 500_000n }, 2_850_000n],
    ['part time: no accommodation even outside', man, { mode: 'part_time', place: 'outside_province' }, { daily: 600_000n, travel: 500_000n }, 1_100_000n],
    ['online: daily rate 0, travel only', man, { mode: 'online' }, { travel: 100_000n }, 100_000n],
    ['woman: + 10 days × 10,000', woman, {}, { daily: 500_000n, travel: 100_000n, women: 100_000n }, 700_000n],
    ['ethnic-minority woman: both extras', tayWoman, {}, { daily: 500_000n, travel: 100_000n, women: 100_000n, ethnic_minority: 200_000n }, 900_000n],
    ['outside course with cost: 50% tuition', man, { kind: 'outside', cost: 12_345_679n, place: 'outside_province', mode: 'part_time', studyDays: 0 }, { travel: 500_000n, tuition: 6_172_840n }, 6_672_840n],
    ['zero study days: travel only', man, { studyDays: 0, endDate: '2025-03-03' }, { travel: 100_000n }, 100_000n],
    ['one-day full-time course: no night', man, { studyDays: 1, endDate: '2025-03-03', place: 'outside_province' }, { daily: 100_000n, travel: 500_000n }, 600_000n],
  ])('%s', (_name, learner, over, want, total) => {
    const a = assessSupport([v1, v2], learner, course(over));
    expect(a.kind).toBe('covered');
    expect(amounts(a)).toEqual(want);
    expect(a.total).toBe(total);
    if (a.kind === 'covered') expect(a.items.reduce((s, i) => s + i.amount, 0n)).toBe(a.total);
  });

  it('every item names its rule and document', () => {
    const a = assessSupport([v1], tayWoman, course({ place: 'outside_province' }));
    if (a.kind !== 'covered') throw new Error('not covered');
    for (const i of a.items) expect(i.explanation).toContain('01/2024/NQ-HĐND');
    expect(a.items.find((i) => i.code === 'daily')?.explanation).toBe('10 ngày học × 100.000 đ/ngày (học tập trung, ngoài tỉnh; 01/2024/NQ-HĐND)');
    expect(a.explanation).toContain('phiên bản 1');
  });
});

describe('effective period: the version in force on the first day governs the course', () => {
  it.each([
    ['2025-12-31', 1, 600_000n], // starts on the last day of version 1 (runs into 2026): version 1
    ['2026-01-01', 2, 800_000n], // first day of version 2: 10 × 70,000 + 100,000
    ['2023-12-31', null, 0n], // before any version
  ])('course starting %s → version %s, total %s', (start, version, total) => {
    const a = assessSupport([v1, v2], man, course({ startDate: start, endDate: '2026-01-09' }));
    expect(a.total).toBe(total);
    if (version === null) {
      expect(a.kind).toBe('not_covered');
      if (a.kind === 'not_covered') expect(a.reasons[0]).toContain('31/12/2023');
    } else expect(a.kind === 'covered' && a.policy.version).toBe(version);
  });

  it('a superseded (corrected) version is not used', () => {
    const corrected = { ...v1, supersededBy: 3 };
    const v3 = { ...v1, version: 3, corrects: 1, rates: { ...rates, travelPerCourse: { inProvince: 0, outsideProvince: 0 } } };
    const a = assessSupport([corrected, v3], man, course());
    expect(a.kind === 'covered' && a.policy.version).toBe(3);
    expect(a.total).toBe(500_000n);
  });
});

describe('coverage', () => {
  it.each<[string, SupportLearner, Partial<SupportCourse>, Partial<SupportPolicy['coverage']>, boolean, string]>([
    ['category outside the group', { ...man, category: 'quan_chung' }, {}, {}, false, 'quan_chung'],
    ['mode not covered', man, { mode: 'online' }, { modes: ['full_time', 'part_time'] }, false, 'trực tuyến'],
    ['programme kind covered', man, {}, { programmeKinds: ['political_theory'] }, true, ''],
    ['programme kind not covered', man, {}, { programmeKinds: ['postgraduate'] }, false, 'TC_LLCT'],
    ['organiser not covered', man, {}, { organiserUnitIds: [9] }, false, 'đơn vị tổ chức'],
    ['outside course when the organiser is required', man, { kind: 'outside', organiserUnitId: null }, { organiserUnitIds: [2] }, false, 'đơn vị tổ chức'],
    ['classes only', man, { kind: 'outside', organiserUnitId: null }, { courseKinds: ['class'] }, false, 'ngoài tỉnh'],
  ])('%s', (_n, learner, over, cov, covered, reason) => {
    const p = { ...v1, coverage: { ...v1.coverage, ...cov } };
    const a = assessSupport([p], learner, course(over));
    expect(a.kind === 'covered').toBe(covered);
    if (a.kind === 'not_covered') expect(a.explanation).toContain(reason);
  });
});

describe('caps', () => {
  const capped = (capPerCourse: number | null, capPerYear: number | null): SupportPolicy => ({ ...v1, rates: { ...rates, capPerCourse, capPerYear } });
  it.each<[string, number | null, number | null, bigint, bigint, string[]]>([
    ['under the course cap', 700_000, null, 0n, 600_000n, []],
    ['exactly the course cap', 600_000, null, 0n, 600_000n, []],
    ['one đồng over the course cap', 599_999, null, 0n, 599_999n, ['cap_course']],
    ['year cap with nothing paid before', null, 1_000_000, 0n, 600_000n, []],
    ['year cap partly used', null, 1_000_000, 700_000n, 300_000n, ['cap_year']],
    ['year cap used up', null, 1_000_000, 1_000_000n, 0n, ['cap_year']],
    ['year cap over-used', null, 1_000_000, 1_200_000n, 0n, ['cap_year']],
    ['both caps', 500_000, 800_000, 400_000n, 400_000n, ['cap_course', 'cap_year']],
  ])('%s', (_n, perCourse, perYear, paidThisYear, total, adjustments) => {
    const a = assessSupport([capped(perCourse, perYear)], man, course(), paidThisYear);
    expect(a.total).toBe(total);
    if (a.kind !== 'covered') throw new Error('not covered');
    expect(a.items.filter((i) => i.amount < 0n).map((i) => i.code)).toEqual(adjustments);
    expect(a.items.reduce((s, i) => s + i.amount, 0n)).toBe(total);
  });
});

describe('rounding and days', () => {
  it.each([
    [100n, 50, 50n],
    [1n, 50, 1n], // 0.5 rounds up
    [3n, 50, 2n], // 1.5 rounds up
    [1n, 49, 0n], // 0.49 rounds down
    [12_345_679n, 50, 6_172_840n], // 6,172,839.5 → 6,172,840
    [999_999_999_999n, 100, 999_999_999_999n],
  ])('%s × %i%% = %s', (a, pct, want) => expect(percentOf(a, pct)).toBe(want));

  it.each([
    ['2025-03-03', '2025-03-12', 0, 10],
    ['2025-03-03', '2025-03-12', 6, 6],
    ['2025-03-03', '2025-03-03', 0, 1],
  ])('class %s–%s with %i session days → %i study days', (s, e, sessions, days) => expect(classStudyDays(s, e, sessions).days).toBe(days));
});

describe('policy validation (refused with a message, nothing changed)', () => {
  const bad = (patch: (r: Record<string, unknown>) => void) => {
    const r = structuredClone(rates) as unknown as Record<string, unknown>;
    patch(r);
    return validateSupportPolicy({ ...v1, rates: r as unknown as SupportPolicy['rates'] });
  };
  it.each<[string, (r: Record<string, unknown>) => void, string, string]>([
    ['negative daily rate', (r) => ((r.daily as Record<string, Record<string, number>>).full_time!.inProvince = -1), 'RATE_NEGATIVE', 'rates.daily.full_time.inProvince'],
    ['missing travel', (r) => delete (r.travelPerCourse as Record<string, number>).outsideProvince, 'RATE_MISSING', 'rates.travelPerCourse.outsideProvince'],
    ['fractional đồng', (r) => ((r.women as Record<string, number>).perDay = 10.5), 'RATE_NOT_WHOLE', 'rates.women.perDay'],
    ['percent over 100', (r) => (r.tuitionPercent = 101), 'PERCENT_RANGE', 'rates.tuitionPercent'],
    ['zero cap', (r) => (r.capPerYear = 0), 'RATE_NOT_POSITIVE', 'rates.capPerYear'],
    ['missing cap field', (r) => delete r.capPerCourse, 'RATE_MISSING', 'rates.capPerCourse'],
  ])('%s', (_n, patch, code, path) => {
    const errors = bad(patch);
    expect(errors).toContainEqual(expect.objectContaining({ code, path }));
    expect(errors.every((e) => /[ạảãàáâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ]/i.test(e.message))).toBe(true);
  });
  it('a valid policy has no error', () => expect(validateSupportPolicy(v1)).toEqual([]));
});

describe('versions and groups', () => {
  it('a change from a date closes the open version', () => {
    const open = { ...v1, period: { from: '2024-01-01', to: null } };
    const r = addSupportPolicyVersion([open], { ...v2, period: { from: '2026-01-01', to: null } }, []);
    expect(r.ok && r.versions[0]!.period.to).toBe('2025-12-31');
  });
  it('an overlapping version of the same policy is refused', () => {
    const r = addSupportPolicyVersion([v1], { ...v2, period: { from: '2025-06-01', to: '2025-09-30' } }, []);
    expect(!r.ok && r.errors[0]!.code).toBe('OVERLAPPING_PERIOD');
  });
  it('another policy for the same group over an overlapping period is refused', () => {
    const other: SupportPolicy = { ...v1, id: 'OTHER', name: 'Chính sách khác', coverage: { categories: ['cong_chuc'] } };
    const r = addSupportPolicyVersion([], other, [v1]);
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'OVERLAPPING_GROUP', path: 'period' });
  });
  it.each([
    [{ categories: ['khong_chuyen_trach'] }, true],
    [{ categories: ['cong_chuc'] }, false],
  ])('another group %j may overlap in time: %s', (coverage, ok) => {
    const other: SupportPolicy = { ...v1, id: 'OTHER', coverage };
    expect(addSupportPolicyVersion([], other, [v1]).ok).toBe(ok);
  });
  it('a policy for the same group after the other ends is accepted', () => {
    const other: SupportPolicy = { ...v1, id: 'OTHER', period: { from: '2026-01-01', to: null } };
    expect(addSupportPolicyVersion([], other, [v1]).ok).toBe(true);
  });
  it('coverage intersection: empty means everyone', () => {
    expect(coveragesIntersect({}, { modes: ['online'] })).toBe(true);
    expect(coveragesIntersect({ modes: ['full_time'] }, { modes: ['online'] })).toBe(false);
  });
  it('negative rates are refused before versions are compared', () => {
    const r = addSupportPolicyVersion([], { ...v1, rates: { ...rates, tuitionPercent: -5 } }, []);
    expect(!r.ok && r.errors[0]!.code).toBe('RATE_NEGATIVE');
  });
});

describe('payments against what is owed', () => {
  it.each<[bigint, bigint, bigint, boolean, string | null]>([
    [600_000n, 0n, 600_000n, true, null],
    [600_000n, 0n, 600_001n, false, 'PAYMENT_ABOVE_OWED'],
    [600_000n, 400_000n, 200_000n, true, null],
    [600_000n, 400_000n, 200_001n, false, 'PAYMENT_ABOVE_OWED'],
    [600_000n, 600_000n, 1n, false, 'PAYMENT_ABOVE_OWED'],
    [0n, 0n, 1n, false, 'NOTHING_OWED'],
  ])('owed %s, paid %s, pay %s → %s', (owed, paid, amount, ok, code) => {
    const v = checkSupportPayment(owed, paid, amount);
    expect(v.ok).toBe(ok);
    if (!v.ok) expect(v.code).toBe(code);
  });
  it('the refusal says how much is left', () => {
    const v = checkSupportPayment(600_000n, 400_000n, 300_000n);
    expect(!v.ok && v.message).toBe('Số tiền chi 300.000 đ vượt số còn được hỗ trợ 200.000 đ (được hỗ trợ 600.000 đ, đã chi 400.000 đ).');
  });
});
