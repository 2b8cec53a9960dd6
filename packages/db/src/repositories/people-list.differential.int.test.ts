import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchWords, type Scope } from '@nang-tam/domain';
import { peopleRepo, type Db } from '../index.js';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { personWrite, seedFixture, type Fixture } from '../../../../tests/support/fixtures.js';

/**
 * The list's one statement (page and capped total together, decision 0059) against the plain
 * answers: walking the pages of every filter, sort, page size and cap gives exactly the people the
 * uncapped export reads (each once, in name order for `sort=name`), and each page's total follows
 * decision 0040 (offset + rows for a partial page, else the exact count capped) with the exact count
 * from `countPeople`.
 */
let db: Db;
let fx: Fixture;

const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Mai', 'Mạnh', 'Văn', 'Thị'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Ma', 'Lò'];

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  const units = [fx.units.communeA, fx.units.communeB, fx.units.department];
  const rows = [];
  for (let i = 0; i < 57; i++) {
    rows.push(
      personWrite({
        fullName: `${FAMILY[i % FAMILY.length]} ${GIVEN[(i * 3) % GIVEN.length]} ${GIVEN[(i * 5 + 1) % GIVEN.length]}`,
        unitId: units[i % units.length]!,
        citizenId: `0081${String(i).padStart(8, '0')}`,
        birthDate: `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`,
        gender: i % 2 ? 'female' : 'male',
      }),
    );
  }
  await peopleRepo.insertPeople(db, rows);
});
afterAll(async () => {
  await db?.close();
});

const filterOf = (over: Partial<peopleRepo.PeopleListFilter>): peopleRepo.PeopleListFilter => ({ words: [], subtree: true, sort: 'name', ...over });

describe('people list: the one statement against the plain answers', () => {
  const province = (): Scope => ({ kind: 'subtree', unitPath: `/${fx.units.root}/` });
  const communeA = (): Scope => ({ kind: 'subtree', unitPath: `/${fx.units.root}/${fx.units.communeA}/` });
  const cases: [string, () => Scope, Partial<peopleRepo.PeopleListFilter>][] = [
    ['everyone', province, {}],
    ['a word prefix', province, { words: searchWords('ma') }],
    ['two words', province, { words: searchWords('nguyễn văn') }],
    ['no match', province, { words: searchWords('zzz') }],
    ['women, by birth date descending', province, { gender: 'female', sort: '-birthDate' }],
    ['by unit', province, { sort: 'unit' }],
    ['a commune scope', communeA, { words: searchWords('thi') }],
  ];
  for (const [name, scope, over] of cases) {
    it(name, async () => {
      const filter = filterOf(over);
      const exact = await peopleRepo.countPeople(db, scope(), filter);
      const all: number[] = [];
      for await (const batch of peopleRepo.iteratePeople(db, scope(), filter)) all.push(...batch.map((r) => r.id));
      expect(all).toHaveLength(exact);
      const byName = (
        await db.query<{ id: number }>(`SELECT id FROM people WHERE id = ANY($1::int[]) ORDER BY sort_key, id`, [all])
      ).rows.map((r) => r.id);
      for (const limit of [1, 7, 20]) {
        for (const cap of [5, 1000]) {
          const seen: number[] = [];
          for (let offset = 0; offset <= exact + limit; offset += limit) {
            const page = await peopleRepo.listPeople(db, scope(), filter, limit, offset, cap);
            const rows = Math.max(0, Math.min(limit, exact - offset));
            expect(page.rows).toHaveLength(rows);
            const expected = rows > 0 && rows < limit ? { total: offset + rows, totalExact: true } : { total: Math.min(exact, cap), totalExact: exact <= cap };
            expect({ total: page.total, totalExact: page.totalExact }, `limit ${limit} offset ${offset} cap ${cap}`).toEqual(expected);
            seen.push(...page.rows.map((r) => r.id));
          }
          expect([...seen].sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
          if (filter.sort === 'name') expect(seen).toEqual(byName);
        }
      }
    });
  }
});
