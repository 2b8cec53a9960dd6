import { readFileSync } from 'node:fs';
import { ROLES, addYears, ageOn, checkPersonFacts, isValidCitizenId } from '@nang-tam/domain';
import { BatchInserter, type Queryable } from '@nang-tam/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from './accounts.js';
import { addDays } from './days.js';
import { demoUnits } from './generate.js';
import { PeopleGenerator, formatCitizenId, type GenerateOptions, type PersonDraft } from './people.js';
import { COMMUNE_KEY_LEADERS, type TitleCode } from './profiles.js';
import { Rng } from './random.js';
import { apportion } from './staffing.js';
import { buildUnitPlan, type UnitSpec } from './units.js';

const TODAY = '2026-11-23';
const OPTIONS: GenerateOptions = { people: 20_000, seed: 2025, provinceCode: '08', today: TODAY };

function firstPeople(source: GenerateOptions | PeopleGenerator, n: number): PersonDraft[] {
  const out: PersonDraft[] = [];
  const generator = source instanceof PeopleGenerator ? source : new PeopleGenerator(source);
  for (const p of generator.people()) {
    out.push(p);
    if (out.length === n) break;
  }
  return out;
}

const share = (people: readonly PersonDraft[], pred: (p: PersonDraft) => boolean) => people.filter(pred).length / people.length;
const holds = (p: PersonDraft, kind: string, levels: readonly string[]) =>
  p.qualifications.some((q) => q.kind === kind && levels.includes(q.level));

let people: PersonDraft[];
let units: UnitSpec[];
let unitByCode: Map<string, UnitSpec>;

beforeAll(() => {
  const generator = new PeopleGenerator(OPTIONS);
  people = [...generator.people()];
  units = generator.units;
  unitByCode = new Map(units.map((u) => [u.code, u]));
});

describe('random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('apportions a total exactly by weight', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 2, 5]).reduce((a, b) => a + b)).toBe(7);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('determinism', () => {
  it('gives the same people for the same seed and different people for another seed', () => {
    const a = firstPeople(OPTIONS, 300);
    expect(firstPeople(OPTIONS, 300)).toEqual(a);
    const generator = new PeopleGenerator(OPTIONS);
    expect(firstPeople(generator, 300)).toEqual(firstPeople(generator, 300));
    expect(a).toEqual(people.slice(0, 300));
    const other = firstPeople({ ...OPTIONS, seed: 2026 }, 300);
    expect(other.map((p) => p.citizenId)).not.toEqual(a.map((p) => p.citizenId));
    expect(other.map((p) => p.fullName)).not.toEqual(a.map((p) => p.fullName));
  });

  it('generates exactly the number of people asked for', () => {
    expect(people).toHaveLength(OPTIONS.people);
    expect([...new PeopleGenerator({ ...OPTIONS, people: 750 }).people()]).toHaveLength(750);
  });
});

describe('units', () => {
  it('holds every commune and ward of province 08 from the official list', () => {
    const all = JSON.parse(readFileSync(new URL('../../packages/db/reference/vn-admin-units-2025.json', import.meta.url), 'utf8')) as {
      Code: string;
      Wards: { Code: string; FullName: string }[];
    }[];
    const wards = all.find((p) => p.Code === '08')!.Wards;
    const communes = units.filter((u) => u.kind === 'commune');
    expect(communes).toHaveLength(wards.length);
    expect(wards.length).toBe(124);
    for (const w of wards) {
      const u = unitByCode.get(`X${w.Code}`);
      expect(u, w.FullName).toMatchObject({
        officialCode: w.Code,
        name: w.FullName,
        kind: 'commune',
        validFrom: '2025-07-01',
        parentCode: 'KXP',
      });
    }
  });

  it('is a tree with parents first, unique codes and stable codes for the import', () => {
    const seen = new Map<string, UnitSpec>();
    for (const u of units) {
      expect(seen.has(u.code), u.code).toBe(false);
      if (u.parentCode === null) expect(u.depth).toBe(0);
      else expect(u.depth).toBe(seen.get(u.parentCode)!.depth + 1);
      seen.set(u.code, u);
    }
    expect(units.filter((u) => u.parentCode === null).map((u) => u.code)).toEqual(['T08']);
    expect(unitByCode.get('T08')).toMatchObject({ name: 'Tỉnh Tuyên Quang', officialCode: '08', kind: 'province' });
    expect(unitByCode.get('TCT')).toMatchObject({ name: 'Trường Chính trị tỉnh Tuyên Quang', kind: 'school' });
    for (const code of ['SNV', 'SGDDT', 'SYT', 'STC', 'SNNMT', 'TTT']) expect(unitByCode.get(code)?.kind, code).toBe('department');
    for (const code of ['VPTU', 'BTCTU', 'UBKTTU']) expect(unitByCode.get(code)?.kind, code).toBe('party_body');
    for (const u of units.filter((x) => x.kind === 'department' && x.code.startsWith('S'))) {
      const divisions = units.filter((x) => x.parentCode === u.code && x.kind === 'division');
      expect(divisions.length, u.name).toBeGreaterThanOrEqual(3);
      expect(divisions.length, u.name).toBeLessThanOrEqual(5);
    }
    expect(units.filter((u) => u.kind === 'public_service').length).toBeGreaterThan(10);
  });

  it('keeps the two merged provinces, closed on 30/6/2025', () => {
    const historical = units.filter((u) => u.validTo !== null);
    expect(historical.map((u) => [u.name, u.validTo])).toEqual([
      ['Tỉnh Hà Giang', '2025-06-30'],
      ['Tỉnh Tuyên Quang (trước hợp nhất)', '2025-06-30'],
    ]);
    expect(unitByCode.get('X00691')?.predecessorCode).toBe('T02');
    expect(unitByCode.get('X02302')?.predecessorCode).toBe('T08-CU');
  });

  it('puts the unit officer account in the first commune by code', () => {
    expect(demoUnits(buildUnitPlan('08')).first_commune.name).toBe('Phường Hà Giang 2');
  });
});

describe('identity', () => {
  it('issues unique 12-digit citizen ids coded by birth province, century, gender and year', () => {
    expect(formatCitizenId('008', 'male', '1985-03-04', '123456')).toBe('008085123456');
    expect(formatCitizenId('002', 'female', '2001-12-31', '000001')).toBe('002301000001');
    const centuryGender = (p: PersonDraft) => String((p.birthDate >= '2000' ? 2 : 0) + (p.gender === 'female' ? 1 : 0));
    const bad = people.filter(
      (p) => !isValidCitizenId(p.citizenId) || p.citizenId[3] !== centuryGender(p) || p.citizenId.slice(4, 6) !== p.birthDate.slice(2, 4),
    );
    expect(bad.map((p) => [p.citizenId, p.gender, p.birthDate])).toEqual([]);
    expect(new Set(people.map((p) => p.citizenId)).size).toBe(people.length);
    expect(share(people, (p) => p.citizenId.startsWith('002') || p.citizenId.startsWith('008'))).toBeGreaterThan(0.8);
  });

  it('writes names in NFC with Vietnamese diacritics', () => {
    const bad = people.filter(
      (p) => p.fullName.normalize('NFC') !== p.fullName || !/^\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*){2,3}$/u.test(p.fullName),
    );
    expect(bad.map((p) => p.fullName)).toEqual([]);
    expect(share(people, (p) => /[^\x00-\x7f]/.test(p.fullName))).toBeGreaterThan(0.9);
    expect(people.some((p) => p.fullName.startsWith('Nguyễn '))).toBe(true);
    expect(people.some((p) => /^(Giàng|Sùng|Vàng|Thào) (A|Mí|Seo) /.test(p.fullName))).toBe(true);
  });

  it('mixes ethnic groups as a northern mountain province does', () => {
    const expected: [string, number, number][] = [
      ['01', 0.35, 0.03],
      ['02', 0.25, 0.03],
      ['09', 0.12, 0.02],
      ['08', 0.1, 0.02],
      ['07', 0.06, 0.015],
      ['15', 0.04, 0.01],
    ];
    for (const [code, target, tolerance] of expected) {
      expect(Math.abs(share(people, (p) => p.ethnicityCode === code) - target), code).toBeLessThan(tolerance);
    }
    const mong = people.filter((p) => p.ethnicityCode === '08');
    expect(share(mong, (p) => /^(Giàng|Sùng|Vàng|Thào|Lý|Hầu|Mua|Lầu|Ly|Chảo) /.test(p.fullName))).toBe(1);
  });

  it('is about 55% male, with women the majority in education and health', () => {
    expect(share(people, (p) => p.gender === 'male')).toBeGreaterThan(0.5);
    expect(share(people, (p) => p.gender === 'male')).toBeLessThan(0.62);
    const inSector = (sector: string) => people.filter((p) => unitByCode.get(p.unitCode)!.sector === sector);
    expect(share(inSector('education'), (p) => p.gender === 'female')).toBeGreaterThan(0.6);
    expect(share(inSector('health'), (p) => p.gender === 'female')).toBeGreaterThan(0.6);
  });

  it('keeps every record consistent: ages 22-60, party dates after 18, official a year later', () => {
    const bad = people.filter((p) => {
      const age = ageOn(p.birthDate, TODAY);
      return (
        checkPersonFacts(p, TODAY).length > 0 ||
        age < 22 ||
        age > 60 ||
        (p.partyOfficialOn !== null && p.partyOfficialOn !== addYears(p.partyJoinedOn!, 1)) ||
        (p.category === 'quan_chung' && p.partyMembership !== 'not_member')
      );
    });
    expect(bad.map((p) => [p.fullName, p.birthDate, p.partyMembership, p.partyJoinedOn, p.partyOfficialOn])).toEqual([]);
    const members = share(people, (p) => p.partyMembership === 'member' || p.partyMembership === 'probationary');
    expect(members).toBeGreaterThan(0.62);
    expect(members).toBeLessThan(0.78);
  });

  it('records membership explicitly: a few members without dates, a few records that do not say (decision 0031)', () => {
    const datesUnknown = share(people, (p) => p.partyMembership === 'member' && p.partyJoinedOn === null);
    expect(datesUnknown).toBeGreaterThan(0.005);
    expect(datesUnknown).toBeLessThan(0.03);
    const unknown = share(people, (p) => p.partyMembership === null);
    expect(unknown).toBeGreaterThan(0.005);
    expect(unknown).toBeLessThan(0.03);
    expect(people.filter((p) => p.partyMembership === 'probationary' && p.partyOfficialOn !== null)).toEqual([]);
  });
});

describe('posts', () => {
  it('gives each commune its leadership: one secretary, one or two deputies, one chair, two vice-chairs', () => {
    const byCommune = new Map<string, Map<TitleCode, number>>();
    for (const p of people) {
      if (!p.unitCode.startsWith('X') || !p.titleCode) continue;
      const counts = byCommune.get(p.unitCode) ?? new Map<TitleCode, number>();
      counts.set(p.titleCode, (counts.get(p.titleCode) ?? 0) + 1);
      byCommune.set(p.unitCode, counts);
    }
    expect(byCommune.size).toBe(124);
    for (const [code, counts] of byCommune) {
      expect(counts.get('BT_X'), code).toBe(1);
      expect(counts.get('PBT_X'), code).toBeGreaterThanOrEqual(1);
      expect(counts.get('PBT_X'), code).toBeLessThanOrEqual(2);
      expect(counts.get('CT_UBND_X'), code).toBe(1);
      expect(counts.get('PCT_UBND_X'), code).toBe(2);
      expect(counts.get('CT_HDND_X'), code).toBe(1);
      expect(counts.get('CT_MTTQ_X'), code).toBe(1);
      expect(counts.get('TP_X'), code).toBeGreaterThanOrEqual(3);
    }
    for (const code of ['BT_TU', 'CT_UBND_T', 'CT_HDND_T', 'HT_TCT'])
      expect(
        people.filter((p) => p.titleCode === code),
        code,
      ).toHaveLength(1);
    expect(people.filter((p) => p.titleCode === 'GD_SO').length).toBeGreaterThanOrEqual(14);
  });

  it('uses the categories of each kind of unit', () => {
    const categoriesOf = (kinds: string[]) =>
      new Set(people.filter((p) => kinds.includes(unitByCode.get(p.unitCode)!.kind)).map((p) => p.category));
    expect([...categoriesOf(['commune'])].sort()).toEqual(['can_bo', 'cong_chuc', 'khong_chuyen_trach', 'quan_chung']);
    expect([...categoriesOf(['department', 'division'])].filter((c) => c !== 'quan_chung' && c !== 'can_bo' && c !== 'vien_chuc')).toEqual([
      'cong_chuc',
    ]);
    expect([...categoriesOf(['public_service'])].sort()).toEqual(['quan_chung', 'vien_chuc']);
  });

  it('puts 500-800 people under the provincial standing committee, mostly cao cấp, about half postgraduate', () => {
    const btv = people.filter((p) => p.scopeCode === 'BTV_TU');
    expect(btv.length).toBeGreaterThanOrEqual(500);
    expect(btv.length).toBeLessThanOrEqual(800);
    const postgraduate = share(btv, (p) => holds(p, 'education', ['thac_si', 'tien_si']));
    expect(postgraduate).toBeGreaterThanOrEqual(0.4);
    expect(postgraduate).toBeLessThanOrEqual(0.65);
    expect(share(btv, (p) => holds(p, 'political_theory', ['cao_cap', 'cu_nhan']))).toBeGreaterThan(0.55);
  });

  it('leaves the gaps the product must find', () => {
    const communeLeaders = people.filter((p) => p.titleCode !== null && COMMUNE_KEY_LEADERS.includes(p.titleCode));
    const lackingTrungCap = share(communeLeaders, (p) => !holds(p, 'political_theory', ['trung_cap', 'cao_cap', 'cu_nhan']));
    expect(lackingTrungCap).toBeGreaterThanOrEqual(0.07);
    expect(lackingTrungCap).toBeLessThanOrEqual(0.18);
    const divisionHeads = people.filter((p) => p.titleCode === 'TP_T');
    expect(share(divisionHeads, (p) => !holds(p, 'political_theory', ['cao_cap', 'cu_nhan']))).toBeGreaterThan(0.1);
  });
});

describe('history', () => {
  it('has 1-4 contiguous assignments, the last one open at the current post', () => {
    const problems = people.flatMap((p) => {
      const a = p.assignments;
      const last = a[a.length - 1];
      const out: string[] = [];
      if (a.length < 1 || a.length > 4) out.push(`${a.length} assignments`);
      if (a[0]?.reason !== 'recruitment') out.push('first is not a recruitment');
      for (let i = 1; i < a.length; i++) {
        if (a[i - 1]!.endedOn !== addDays(a[i]!.startedOn, -1)) out.push(`gap before ${a[i]!.startedOn}`);
        if (a[i]!.startedOn < '2016-01-01') out.push(`change before 2016: ${a[i]!.startedOn}`);
      }
      if (!last || last.unitCode !== p.unitCode || last.titleCode !== p.titleCode || last.endedOn !== null || last.startedOn > TODAY) {
        out.push('last assignment is not the current post');
      }
      return out.map((msg) => `${p.fullName}: ${msg}`);
    });
    expect(problems).toEqual([]);
  });

  it('moves commune staff into the new communes on 1/7/2025', () => {
    const communeStaff = people.filter((p) => p.unitCode.startsWith('X') && p.assignments[0]!.startedOn < '2025-07-01');
    expect(communeStaff.length).toBeGreaterThan(10_000);
    const notMoved = communeStaff.filter((p) => {
      const i = p.assignments.findIndex((a) => a.reason === 'reorganisation');
      const before = p.assignments[i - 1];
      return i < 1 || p.assignments[i]!.startedOn !== '2025-07-01' || before?.unitCode !== unitByCode.get(p.unitCode)!.predecessorCode;
    });
    expect(notMoved.map((p) => p.fullName)).toEqual([]);
    const elected = (year: string) =>
      people.some((p) => p.assignments.some((a) => a.reason === 'election' && a.startedOn.startsWith(year)));
    expect(elected('2020') && elected('2025')).toBe(true);
  });

  it('plans about 8% of people for a higher title in 2025-2030', () => {
    const planned = share(people, (p) => p.planning.some((e) => e.term === '2025-2030'));
    expect(planned).toBeGreaterThan(0.06);
    expect(planned).toBeLessThan(0.1);
    expect(people.some((p) => p.planning.some((e) => e.term === '2020-2025'))).toBe(true);
    for (const p of people) for (const e of p.planning) expect(e.titleCode).not.toBe(p.titleCode);
  });

  it('appraises everyone yearly for 2021-2025 with the usual distribution', () => {
    const bad = people.filter(
      (p) =>
        p.appraisals.some((a) => a.year < 2021 || a.year > 2025) || new Set(p.appraisals.map((a) => a.year)).size !== p.appraisals.length,
    );
    expect(bad.map((p) => p.fullName)).toEqual([]);
    expect(share(people, (p) => p.appraisals.length === 5)).toBeGreaterThan(0.8);
    const all = people.flatMap((p) => p.appraisals);
    const expected = { excellent: 0.15, good: 0.7, completed: 0.13, not_completed: 0.02 } as const;
    for (const [code, target] of Object.entries(expected)) {
      expect(Math.abs(all.filter((a) => a.classification === code).length / all.length - target), code).toBeLessThan(0.015);
    }
  });
});

describe('writing', () => {
  it('stays below the parameter limit of one statement', async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const db: Queryable = {
      query: async <T>(sql: string, params?: unknown[]) => {
        statements.push({ sql, params: params ?? [] });
        return { rows: [] as T[], rowCount: 0 };
      },
    };
    const wide = new BatchInserter(
      db,
      't',
      Array.from({ length: 100 }, (_, i) => `c${i}`),
    );
    for (let r = 0; r < 1_500; r++) await wide.add(Array.from({ length: 100 }, () => r));
    await wide.flush();
    expect(statements.map((s) => s.params.length)).toEqual([65_500, 65_500, 19_000]);
    expect(statements[0]!.sql.match(/\$\d+/g)).toHaveLength(65_500);
    expect(wide.inserted).toBe(1_500);
    await expect(wide.add([1])).rejects.toThrow(/1 values for 100 columns/);
  });

  it('lists one demo account per role', () => {
    expect(DEMO_ACCOUNTS).toHaveLength(8);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.username)).size).toBe(8);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(ROLES));
  });
});
