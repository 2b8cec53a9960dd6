import { describe, expect, it } from 'vitest';
import { REFERENCE_LEVELS, SHIPPED_PROGRAMMES, DOCUMENTS } from '../rules/seed.js';
import {
  changedAttributes,
  matchesCatalogueFilter,
  organisesClasses,
  planProgrammeVersion,
  programmeVersionOn,
  programmeVersionShown,
  validateProgrammeAttributes,
  type CatalogueProblem,
  type ProgrammeAttributes,
} from './catalogue.js';
import { SHIPPED_PROGRAMME_VERSIONS, shippedProgrammeCodes } from './catalogue-seed.js';

const v = (version: number, from: string, to: string | null) => ({ version, period: { from, to } });
const history = [v(1, '2017-10-21', '2025-06-30'), v(2, '2025-07-01', '2026-12-31'), v(3, '2027-01-01', null)];

describe('programmeVersionOn / programmeVersionShown', () => {
  it.each<[string, number | null, number | null]>([
    // [date, in force, shown]
    ['2017-10-20', null, 1],
    ['2017-10-21', 1, 1],
    ['2025-06-30', 1, 1],
    ['2025-07-01', 2, 2],
    ['2026-12-31', 2, 2],
    ['2027-01-01', 3, 3],
    ['2040-01-01', 3, 3],
  ])('on %s: in force %s, shown %s', (date, inForce, shown) => {
    expect(programmeVersionOn(history, date)?.version ?? null).toBe(inForce);
    expect(programmeVersionShown(history, date)?.version ?? null).toBe(shown);
  });

  it('shows nothing after a programme ended', () => {
    const ended = [v(1, '2020-01-01', '2022-12-31')];
    expect(programmeVersionShown(ended, '2023-01-01')).toBeNull();
    expect(programmeVersionShown(ended, '2019-06-01')?.version).toBe(1); // not yet in force: its first version
    expect(programmeVersionShown([], '2023-01-01')).toBeNull();
  });
});

describe('planProgrammeVersion', () => {
  it.each<
    [string, readonly ReturnType<typeof v>[], string, { version: number; close: { version: number; to: string } | null } | 'overlap']
  >([
    ['first version', [], '2026-01-01', { version: 1, close: null }],
    [
      'closes the open version the day before',
      [v(1, '2024-05-10', null)],
      '2026-03-01',
      { version: 2, close: { version: 1, to: '2026-02-28' } },
    ],
    ['leap year', [v(1, '2024-05-10', null)], '2028-03-01', { version: 2, close: { version: 1, to: '2028-02-29' } }],
    ['the day after the start', [v(1, '2024-05-10', null)], '2024-05-11', { version: 2, close: { version: 1, to: '2024-05-10' } }],
    ['same start overlaps', [v(1, '2024-05-10', null)], '2024-05-10', 'overlap'],
    ['earlier start overlaps', [v(1, '2024-05-10', null)], '2023-01-01', 'overlap'],
    ['before the latest of several overlaps', history, '2026-06-01', 'overlap'],
    ['after an ended programme: nothing to close', [v(1, '2020-01-01', '2022-12-31')], '2024-01-01', { version: 2, close: null }],
    [
      'inside an ended last version: closed earlier',
      [v(1, '2020-01-01', '2022-12-31')],
      '2021-01-01',
      { version: 2, close: { version: 1, to: '2020-12-31' } },
    ],
  ])('%s', (_label, versions, from, expected) => {
    const r = planProgrammeVersion(versions, from);
    if (expected === 'overlap') expect(r).toEqual({ ok: false, problem: { path: 'effectiveFrom', code: 'PROGRAMME_PERIOD_OVERLAP' } });
    else expect(r).toEqual({ ok: true, plan: expected });
  });
});

const valid: ProgrammeAttributes = {
  name: 'Bồi dưỡng, cập nhật kiến thức, kỹ năng cho cán bộ lãnh đạo, quản lý nhóm 3',
  kind: 'knowledge_update',
  level: 'nhom_3',
  duration: { value: 5, unit: 'day' },
  modes: ['full_time', 'online'],
  targetGroups: ['nhom_3_145'],
  grants: null,
  organiserType: 'provincial_school',
  defaultInstitution: null,
  admissionDeadlineMonths: null,
  note: null,
};

describe('validateProgrammeAttributes', () => {
  it.each<[string, Partial<ProgrammeAttributes>, CatalogueProblem[]]>([
    ['valid', {}, []],
    ['empty name', { name: ' ' }, [{ path: 'name', code: 'REQUIRED' }]],
    ['unknown kind', { kind: 'cooking' as never }, [{ path: 'kind', code: 'UNKNOWN_PROGRAMME_KIND' }]],
    ['unknown level', { level: 'nhom_9' }, [{ path: 'level', code: 'UNKNOWN_PROGRAMME_LEVEL' }]],
    ['no modes', { modes: [] }, [{ path: 'modes', code: 'MODES_EMPTY' }]],
    ['unknown mode', { modes: ['evening' as never] }, [{ path: 'modes.0', code: 'UNKNOWN_MODE' }]],
    ['mode twice', { modes: ['online', 'online'] }, [{ path: 'modes.1', code: 'DUPLICATE_ENTRY' }]],
    ['negative duration', { duration: { value: -3, unit: 'week' } }, [{ path: 'duration.value', code: 'DURATION_NOT_POSITIVE' }]],
    ['zero duration', { duration: { value: 0, unit: 'day' } }, [{ path: 'duration.value', code: 'DURATION_NOT_POSITIVE' }]],
    ['no duration is allowed', { duration: null }, []],
    ['unknown target group', { targetGroups: ['nhom_3_145', 'aliens'] }, [{ path: 'targetGroups.1', code: 'UNKNOWN_TARGET_GROUP' }]],
    ['target group twice', { targetGroups: ['cong_chuc', 'cong_chuc'] }, [{ path: 'targetGroups.1', code: 'DUPLICATE_ENTRY' }]],
    [
      'unknown qualification',
      { grants: { kind: 'political_theory', level: 'sieu_cap' } },
      [{ path: 'grants', code: 'UNKNOWN_QUALIFICATION' }],
    ],
    ['known qualification', { grants: { kind: 'defence_security', level: 'doi_tuong_4' } }, []],
    ['unknown organiser', { organiserType: 'moon' as never }, [{ path: 'organiserType', code: 'UNKNOWN_ORGANISER_TYPE' }]],
    [
      'outside institution needs a name',
      { organiserType: 'outside_institution' },
      [{ path: 'defaultInstitution', code: 'INSTITUTION_REQUIRED' }],
    ],
    ['abroad may leave the institution open', { organiserType: 'abroad' }, []],
    ['deadline not positive', { admissionDeadlineMonths: 0 }, [{ path: 'admissionDeadlineMonths', code: 'DEADLINE_NOT_POSITIVE' }]],
  ])('%s', (_label, change, problems) => {
    expect(validateProgrammeAttributes({ ...valid, ...change }, REFERENCE_LEVELS)).toEqual(problems);
  });
});

describe('organisesClasses', () => {
  it.each([
    ['provincial_school', true],
    ['commune_centre', true],
    ['outside_institution', false],
    ['abroad', false],
  ] as const)('%s → %s', (type, expected) => expect(organisesClasses(type)).toBe(expected));
});

describe('matchesCatalogueFilter', () => {
  const p = {
    code: 'DANG_VIEN_MOI',
    name: 'Chương trình lý luận chính trị dành cho đảng viên mới',
    kind: 'new_party_member' as const,
    organiserType: 'commune_centre' as const,
    defaultInstitution: null,
  };
  it.each<[string, Parameters<typeof matchesCatalogueFilter>[1], boolean]>([
    ['no filter', {}, true],
    ['without diacritics', { q: 'dang vien moi' }, true],
    ['with diacritics, any case', { q: 'ĐẢNG VIÊN' }, true],
    ['by code', { q: 'dang_vien_moi' }, true],
    ['a word not there', { q: 'thạc sĩ' }, false],
    ['kind matches', { kind: 'new_party_member' }, true],
    ['kind differs', { kind: 'postgraduate' }, false],
    ['organiser differs', { organiserType: 'provincial_school' }, false],
  ])('%s', (_label, filter, expected) => expect(matchesCatalogueFilter(p, filter)).toBe(expected));
});

describe('the shipped catalogue', () => {
  it('keeps every programme code the rules know, in the same order first', () => {
    expect(shippedProgrammeCodes().slice(0, SHIPPED_PROGRAMMES.length)).toEqual(SHIPPED_PROGRAMMES.map((p) => p.code));
  });

  it('covers every kind of training the seeds mention', () => {
    const kinds = new Set(SHIPPED_PROGRAMME_VERSIONS.map((x) => x.kind));
    for (const k of [
      'political_theory',
      'state_management',
      'leadership',
      'knowledge_update',
      'party_awareness',
      'new_party_member',
      'defence_security',
      'council_delegates',
      'admin_reform',
      'digital_transformation',
      'postgraduate',
      'abroad',
    ]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    const groups = SHIPPED_PROGRAMME_VERSIONS.filter((x) => x.kind === 'knowledge_update').map((x) => x.level);
    expect(groups).toEqual(['nhom_1', 'nhom_2', 'nhom_3']);
  });

  it('is valid, versions numbered from 1 without overlap, each with a source', () => {
    for (const code of shippedProgrammeCodes()) {
      const versions = SHIPPED_PROGRAMME_VERSIONS.filter((x) => x.code === code);
      versions.forEach((x, i) => {
        expect(validateProgrammeAttributes(x, REFERENCE_LEVELS), `${code} v${x.version}`).toEqual([]);
        expect(x.version).toBe(i + 1);
        expect(x.source.code.length).toBeGreaterThan(0);
        if (i > 0) expect(versions[i - 1]!.period.to! < x.period.from, code).toBe(true);
      });
    }
  });

  it('agrees with the rules on the eight existing programmes today (name, kind, modes, grants)', () => {
    for (const p of SHIPPED_PROGRAMMES) {
      const shown = programmeVersionShown(
        SHIPPED_PROGRAMME_VERSIONS.filter((x) => x.code === p.code),
        '2026-01-01',
      )!;
      expect({ name: shown.name, kind: shown.kind, modes: shown.modes, grants: shown.grants }).toEqual({
        name: p.name,
        kind: p.kind,
        modes: p.modes,
        grants: p.grants ?? null,
      });
    }
  });

  it('records the new-member deadline as data: within the 12-month probation after admission', () => {
    const course = SHIPPED_PROGRAMME_VERSIONS.find((x) => x.code === 'DANG_VIEN_MOI')!;
    expect(course.admissionDeadlineMonths).toBe(12);
    expect(SHIPPED_PROGRAMME_VERSIONS.filter((x) => x.admissionDeadlineMonths !== null).map((x) => x.code)).toEqual(['DANG_VIEN_MOI']);
  });

  it('changes the state-management courses to công chức only under NĐ 171/2025', () => {
    const [v1, v2] = SHIPPED_PROGRAMME_VERSIONS.filter((x) => x.code === 'QLNN_CV');
    expect(v1!.source.code).toBe(DOCUMENTS.ND_101.code);
    expect(v2!.source.code).toBe(DOCUMENTS.ND_171.code);
    expect(changedAttributes(v1!, v2!)).toEqual(['targetGroups']);
  });
});
