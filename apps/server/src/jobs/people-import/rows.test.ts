import { describe, expect, it } from 'vitest';
import type { Cell } from '../xlsx/cells.js';
import { columnForHeader } from './columns.js';
import { buildImportReference } from './reference.js';
import { validateRow, type RowCells } from './rows.js';

const ref = buildImportReference({
  units: [{ id: 7, code: 'XA', name: 'Xã Minh Quang', path: '/1/7/' }],
  reference: {
    titles: [{ id: 3, code: 'CT_UBND_X', name: 'Chủ tịch UBND xã, phường', level: 'commune', leadership: true }],
    jobPositions: [],
    ranks: [
      { id: 1, code: '01.003', name: 'Chuyên viên' },
      { id: 2, code: '01.004', name: 'Cán sự' },
    ],
    managementScopes: [],
    ethnicities: [
      { code: '01', name: 'Kinh', minority: false },
      { code: '02', name: 'Tày', minority: true },
    ],
    qualificationLevels: [
      { kind: 'education', code: 'dai_hoc', name: 'Đại học', rank: 4 },
      { kind: 'political_theory', code: 'trung_cap', name: 'Trung cấp', rank: 2 },
      { kind: 'state_management', code: 'chuyen_vien', name: 'Chuyên viên', rank: 1 },
    ],
    terms: [],
  },
});

const text = (t: string): Cell => ({ kind: 'text', text: t });
const good = (): RowCells => ({
  fullName: text('Nguyễn Văn An'),
  citizenId: text('008080000001'),
  birthDate: text('02/03/1980'),
  gender: text('Nam'),
  ethnicity: text('01'),
  category: text('Công chức'),
  unit: text('XA'),
});
const TODAY = '2026-11-23';
const codes = (cells: RowCells) => validateRow(cells, ref, TODAY).errors.map((e) => `${e.key}:${e.code}`);

describe('validateRow: party membership (decision 0031)', () => {
  it.each<[string, RowCells, string | null]>([
    ['an old template (no column), no dates: unknown, not "not a member"', {}, null],
    ['an old template, admitted years ago', { partyJoinedOn: text('15/05/2005') }, 'member'],
    ['an old template, admitted 3 months ago', { partyJoinedOn: text('23/08/2026') }, 'probationary'],
    ['the short word for an official member, dates unknown', { partyMembership: text('Chính thức') }, 'member'],
    ['the label, without diacritics', { partyMembership: text('dang vien du bi'), partyJoinedOn: text('23/08/2026') }, 'probationary'],
    ['not a member', { partyMembership: text('Không') }, 'not_member'],
    ['said to be unknown', { partyMembership: text('Chưa rõ') }, null],
    ['the code', { partyMembership: text('member') }, 'member'],
  ])('%s', (_name, over, expected) => {
    const r = validateRow({ ...good(), ...over }, ref, TODAY);
    expect(r.errors).toEqual([]);
    expect(r.person?.partyMembership).toBe(expected);
  });

  it.each<[string, RowCells, string[]]>([
    ['a word it does not know', { partyMembership: text('Có lẽ') }, ['partyMembership:UNKNOWN_CODE']],
    ['not a member with an admission date', { partyMembership: text('Không'), partyJoinedOn: text('15/05/2005') }, ['partyJoinedOn:PARTY_DATE_NOT_MEMBER']],
    ['unknown with an admission date', { partyMembership: text('Chưa rõ'), partyJoinedOn: text('15/05/2005') }, ['partyMembership:PARTY_MEMBERSHIP_REQUIRED']],
    [
      'probationary with an official date',
      { partyMembership: text('Dự bị'), partyJoinedOn: text('15/05/2005'), partyOfficialOn: text('15/05/2006') },
      ['partyOfficialOn:PARTY_PROBATIONARY_OFFICIAL'],
    ],
  ])('refuses %s', (_name, over, expected) => {
    expect(codes({ ...good(), ...over })).toEqual(expected);
  });

  it('reads the export\'s column header', () => {
    expect(columnForHeader('Đảng viên')).toBe('partyMembership');
    expect(columnForHeader('Tình trạng đảng viên')).toBe('partyMembership');
  });
});

describe('validateRow', () => {
  it('reads a good row into a person write', () => {
    const r = validateRow({ ...good(), educationLevel: text('dai hoc'), rank: text('Chuyên viên') }, ref, TODAY);
    expect(r.errors).toEqual([]);
    expect(r.person).toMatchObject({
      citizenId: '008080000001',
      birthDate: '1980-03-02',
      gender: 'male',
      ethnicityCode: '01',
      unitId: 7,
      rankId: 1,
    });
    expect(r.qualifications).toEqual([{ kind: 'education', level: 'dai_hoc', field: null }]);
  });

  it.each<[string, RowCells, string[]]>([
    ['31 February', { birthDate: text('31/02/1990') }, ['birthDate:INVALID_DATE']],
    ['a date cell', { birthDate: { kind: 'date', date: new Date(Date.UTC(1990, 0, 5)) } }, []],
    ['a serial number in a date column', { birthDate: { kind: 'number', value: 32874 } }, ['birthDate:INVALID_DATE']],
    ['a future birth date', { birthDate: text('01/01/2030') }, ['birthDate:DATE_IN_FUTURE']],
    ['a child', { birthDate: text('01/01/2015') }, ['birthDate:AGE_OUT_OF_RANGE']],
    ['an id of 11 digits', { citizenId: text('08080000001') }, ['citizenId:INVALID_CITIZEN_ID']],
    ['an id typed as a number', { citizenId: { kind: 'number', value: 8080000001 } }, []],
    ['an id with spaces', { citizenId: text('008 080 000 001') }, []],
    ['a formula', { unit: { kind: 'formula' } }, ['unit:FORMULA_NOT_ALLOWED']],
    ['an error cell', { gender: { kind: 'error', text: '#N/A' } }, ['gender:INVALID_VALUE']],
    ['a missing name', { fullName: { kind: 'empty' } }, ['fullName:REQUIRED']],
    ['a name too long', { fullName: text('A'.repeat(121)) }, ['fullName:TOO_LONG']],
    ['a lower-case label without accents', { category: text('cong chuc'), gender: text('nu') }, []],
    ['an ethnicity typed as 2', { ethnicity: { kind: 'number', value: 2 } }, []],
    ['an unknown unit', { unit: text('XZ') }, ['unit:UNKNOWN_CODE']],
    ['an official date without a joining date', { partyOfficialOn: text('01/01/2010') }, ['partyOfficialOn:PARTY_OFFICIAL_WITHOUT_JOIN']],
    ['a bad e-mail and phone', { email: text('an@'), phone: text('abc') }, ['phone:INVALID_VALUE', 'email:INVALID_VALUE']],
  ])('%s', (_, over, expected) => {
    expect(codes({ ...good(), ...over })).toEqual(expected);
  });

  it('keeps a well-formed citizen id of a row with other errors (for duplicate checks)', () => {
    const r = validateRow({ ...good(), unit: text('XZ') }, ref, TODAY);
    expect(r.person).toBeNull();
    expect(r.citizenId).toBe('008080000001');
  });
});

describe('columnForHeader', () => {
  it('matches headers whatever their case, accents, stars and notes', () => {
    expect(columnForHeader('Ngày sinh* (dd/mm/yyyy)')).toBe('birthDate');
    expect(columnForHeader('NGAY SINH')).toBe('birthDate');
    expect(columnForHeader(' Số định danh cá nhân ')).toBe('citizenId');
    expect(columnForHeader('Lý luận chính trị')).toBe('politicalTheoryLevel');
    expect(columnForHeader('STT')).toBeUndefined();
  });
});
