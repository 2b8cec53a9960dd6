/**
 * The repositories derive the search name and the sort key from the name they write, so no caller
 * (service, import, demo, test factory) computes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/support/test-db.js';
import type { Db } from '../create-db.js';
import * as lecturersRepo from './lecturers.repository.js';
import * as peopleRepo from './people.repository.js';
import * as unitsRepo from './units.repository.js';

let db: Db;
let unitId: number;
beforeAll(async () => {
  db = await createTestDb();
  const ids = await unitsRepo.insertUnits(db, [
    { code: 'T98', name: 'Tỉnh Đắk Thử', kind: 'province', parentCode: null },
    { code: 'XĐ', name: 'Xã Đông Hưng', kind: 'commune', parentCode: 'T98' },
  ]);
  unitId = ids.get('XĐ')!;
});
afterAll(async () => {
  await db?.close();
});

const personWrite = (w: { fullName: string; unitId: number; citizenId: string }): peopleRepo.PersonWrite => ({
  ...w,
  birthDate: '1985-06-15',
  gender: 'male',
  ethnicityCode: '01',
  category: 'cong_chuc',
  partyMembership: null,
  partyJoinedOn: null,
  partyOfficialOn: null,
  titleId: null,
  jobPositionId: null,
  rankId: null,
  managementScopeId: null,
  phone: null,
  email: null,
});

const stored = async (table: string, id: number) =>
  (await db.query<{ search_name: string; sort_key?: string }>(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0]!;

describe('names the repositories derive', () => {
  it('a person: folded search name without diacritics or đ, sorted by given name', async () => {
    const id = await peopleRepo.insertPerson(db, personWrite({ fullName: 'Nguyễn Văn An', unitId, citizenId: '008080000091' }));
    expect(await stored('people', id)).toMatchObject({ search_name: 'nguyen van an', sort_key: 'an nguyen van an' });

    const [many] = await peopleRepo.insertPeople(db, [personWrite({ fullName: 'Đỗ Thị Đào', unitId, citizenId: '008190000092' })]);
    expect(await stored('people', many!)).toMatchObject({ search_name: 'do thi dao', sort_key: 'dao do thi dao' });

    const renamed = personWrite({ fullName: 'Nguyễn Văn Đức', unitId, citizenId: '008080000091' });
    expect(await peopleRepo.updatePerson(db, id, 1, renamed)).toBe(true);
    expect(await stored('people', id)).toMatchObject({ search_name: 'nguyen van duc', sort_key: 'duc nguyen van duc' });
  });

  it('a lecturer, when written and renamed', async () => {
    const w: lecturersRepo.LecturerWrite = {
      fullName: 'Đặng Thị Hương',
      kind: 'guest',
      title: null,
      organisation: null,
      userId: null,
      unitId,
      active: true,
    };
    const id = await lecturersRepo.insertLecturer(db, w);
    expect((await stored('lecturers', id)).search_name).toBe('dang thi huong');
    await lecturersRepo.updateLecturer(db, id, { ...w, fullName: 'Đặng Thị Hường Giang' });
    expect((await stored('lecturers', id)).search_name).toBe('dang thi huong giang');
  });

  it('a unit, with its path and depth under a parent already stored', async () => {
    const ids = await unitsRepo.insertUnits(db, [{ code: 'ĐT', name: 'Đội Thử', kind: 'department', parentCode: 'T98' }]);
    const path = async (id: number) =>
      (await db.query<{ search_name: string; path: string; depth: number }>('SELECT search_name, path, depth FROM units WHERE id = $1', [id])).rows[0]!;
    const root = (await unitsRepo.findRootUnit(db))!;
    const id = ids.get('ĐT')!;
    expect(await path(id)).toEqual({ search_name: 'doi thu', path: `${(await path(root.id)).path}${id}/`, depth: 1 });
  });
});
