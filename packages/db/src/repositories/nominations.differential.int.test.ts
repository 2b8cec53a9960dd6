import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { training } from '@nang-tam/domain';
import { boardsRepo, classesRepo, nominationsRepo, type Db } from '../index.js';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { seedFixture, type Fixture } from '../../../../tests/support/fixtures.js';
import { insertClass, insertPeople } from '../../../../tests/support/classes.js';

/**
 * The SQL mirror of the nomination rules agrees with the training domain (docs/decisions/0013):
 * over generated classes (random capacities and statuses, random nomination histories whose
 * nomination times tie often and whose ids do not follow time), every place count the
 * repositories compute (nominations' countPlaces, the class row's, the class board's) equals
 * training.countPlaces; every waitlist position (a nomination, a class's list, "my learners")
 * equals training.waitlistPositions; the list order within the waitlist and the order
 * lockOldestWaitlisted promotes in equal training.waitlistOrder / promoteFromWaitlist.
 *
 * Nomination times are whole milliseconds here: the API reads timestamps at millisecond precision
 * (create-db's parsers), so only such values compare the same in both; production orders by the
 * database's own (microsecond) times, in SQL.
 */
const CLASSES = 40;
const TODAY = '2026-11-23';
const STATUSES = training.NOMINATION_STATUSES;
/** Every status, the waitlist more often: long waitlists with ties. */
const DRAWN: readonly training.NominationStatus[] = [...STATUSES, 'waitlisted', 'waitlisted', 'waitlisted'];

/** A small seeded generator (mulberry32): the same classes on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261207);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

interface GeneratedClass {
  id: number;
  capacity: number;
  status: training.ClassStatus;
  nominations: (training.Nomination & { personId: number })[];
}

let db: Db;
let fx: Fixture;
const classes: GeneratedClass[] = [];

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  const nominator = fx.users.officerA!.id;
  const people = await insertPeople(db, 30, { unitId: fx.units.communeA });
  for (let c = 0; c < CLASSES; c += 1) {
    const capacity = int(1, 8);
    const status = pick<training.ClassStatus>(['open', 'open', 'open', 'closed', 'finished']);
    const id = await insertClass(db, {
      organiserUnitId: fx.units.department,
      capacity,
      status,
      startDate: '2026-09-01',
      endDate: '2027-06-30',
    });
    // a few instants per class, so that nomination times tie often
    const instants = Array.from({ length: int(1, 5) }, () =>
      new Date(Date.UTC(2026, 7, int(1, 20), int(0, 23), 0, 0, int(0, 2))).toISOString(),
    );
    const count = int(0, Math.min(people.length, 18));
    const chosen = [...people].sort(() => rnd() - 0.5).slice(0, count);
    // inserted in random order: ids do not follow nomination time
    const rows = chosen.map((p) => ({ personId: p.id, status: pick(DRAWN), nominatedAt: pick(instants) }));
    const nominations: GeneratedClass['nominations'] = [];
    for (const r of rows) {
      const inserted = await db.query<{ id: number }>(
        `INSERT INTO nominations (class_id, person_id, status, eligibility, nominated_by, nominated_at)
         VALUES ($1, $2, $3, '{"outcome": "eligible"}', $4, $5) RETURNING id`,
        [id, r.personId, r.status, nominator, r.nominatedAt],
      );
      nominations.push({ id: inserted.rows[0]!.id, ...r });
    }
    classes.push({ id, capacity, status, nominations });
  }
}, 180_000);
afterAll(async () => {
  await db?.close();
});

const everyone = () => ({ scope: { kind: 'subtree' as const, unitPath: '/' }, viaOrganiser: false });

describe('the SQL place count and waitlist agree with the training domain', () => {
  it('generates classes that exercise every case (the comparison is not vacuous)', () => {
    const all = classes.flatMap((c) => c.nominations);
    for (const s of STATUSES)
      expect(
        all.some((n) => n.status === s),
        s,
      ).toBe(true);
    const waitlists = classes.map((c) => training.waitlistOrder(c.nominations));
    expect(waitlists.filter((w) => w.length >= 3).length).toBeGreaterThan(5);
    // equal times within a waitlist, and ids against time
    expect(waitlists.some((w) => w.some((n, i) => i > 0 && n.nominatedAt === w[i - 1]!.nominatedAt))).toBe(true);
    expect(waitlists.some((w) => w.some((n, i) => i > 0 && n.id < w[i - 1]!.id))).toBe(true);
    expect(classes.filter((c) => training.promoteFromWaitlist(c, c.nominations).promote.length > 0).length).toBeGreaterThan(3);
  });

  it('counts places taken and waitlisted as training.countPlaces (nominations, class row, class list, board)', async () => {
    const listed = new Map((await classesRepo.listClasses(db, { words: [] }, 1000, 0)).rows.map((r) => [r.id, r]));
    const board = new Map(
      (await boardsRepo.listBoardClasses(db, { kind: 'all' }, { runningFrom: '2026-01-01', runningTo: '2027-12-31' }, TODAY)).map((r) => [
        r.id,
        r,
      ]),
    );
    for (const c of classes) {
      const expected = training.countPlaces(c.nominations);
      const enrolled = c.nominations.filter((n) => n.status === 'enrolled').length;
      const counted = await nominationsRepo.countPlaces(db, c.id);
      expect({ taken: counted.taken, waitlisted: counted.waitlisted }, `class ${c.id}`).toEqual(expected);
      const row = (await classesRepo.findClass(db, c.id))!;
      expect([row.places_taken, row.waitlisted, row.enrolled], `class ${c.id}`).toEqual([expected.taken, expected.waitlisted, enrolled]);
      const inList = listed.get(c.id)!;
      expect([inList.places_taken, inList.waitlisted, inList.enrolled], `class ${c.id}`).toEqual([
        expected.taken,
        expected.waitlisted,
        enrolled,
      ]);
      const onBoard = board.get(c.id)!;
      expect([onBoard.places_taken, onBoard.waitlisted], `class ${c.id}`).toEqual([expected.taken, expected.waitlisted]);
    }
  });

  it('finds the person’s open nomination as the domain’s closed statuses say', async () => {
    for (const c of classes.slice(0, 10)) {
      for (const n of c.nominations) {
        const { live } = await nominationsRepo.countPlaces(db, c.id, n.personId);
        expect(live, `nomination ${n.id}`).toBe(training.isClosed(n.status) ? null : n.status);
      }
    }
  });

  it('positions and orders the waitlist as training.waitlistPositions / waitlistOrder (list, one nomination, my learners)', async () => {
    for (const c of classes) {
      const positions = training.waitlistPositions(c.nominations);
      const page = await nominationsRepo.listNominations(db, c.id, everyone(), { limit: 1000, offset: 0 });
      expect(
        page.rows.map((r) => [r.id, r.waitlist_position]),
        `class ${c.id}`,
      ).toEqual([...c.nominations].sort(training.byNominationTime).map((n) => [n.id, positions.get(n.id) ?? null]));
      const waiting = await nominationsRepo.listNominations(db, c.id, everyone(), { status: 'waitlisted', limit: 1000, offset: 0 });
      expect(waiting.rows.map((r) => r.id)).toEqual(training.waitlistOrder(c.nominations).map((n) => n.id));
      for (const n of training.waitlistOrder(c.nominations).slice(0, 3)) {
        expect((await nominationsRepo.findNomination(db, n.id, everyone()))?.waitlist_position).toBe(positions.get(n.id));
      }
      if (c.status !== 'finished') {
        const mine = await boardsRepo.listMyLearners(db, { kind: 'subtree', unitPath: '/' }, { classId: c.id }, 1000, 0);
        const live = c.nominations.filter((n) => !training.isClosed(n.status));
        expect(new Map(mine.rows.map((r) => [r.nomination_id, r.waitlist_position])), `class ${c.id}`).toEqual(
          new Map(live.map((n) => [n.id, positions.get(n.id) ?? null])),
        );
      }
    }
  });

  it('promotes in the order training.promoteFromWaitlist does, as many as training.placesToFill', async () => {
    for (const c of classes) {
      const expected = training.promoteFromWaitlist(c, c.nominations).promote.map((n) => n.id);
      const locked = await db.transaction(async (tx) => {
        const cls = (await classesRepo.lockClass(tx, null, c.id))!;
        const n = training.placesToFill(cls, await nominationsRepo.countPlaces(tx, c.id));
        return nominationsRepo.lockOldestWaitlisted(tx, c.id, n);
      });
      expect(
        locked.map((n) => n.id),
        `class ${c.id}`,
      ).toEqual(expected);
      // and the whole waitlist when every place frees
      const all = await db.transaction((tx) => nominationsRepo.lockOldestWaitlisted(tx, c.id, 1000));
      expect(all.map((n) => n.id)).toEqual(training.waitlistOrder(c.nominations).map((n) => n.id));
    }
  });
});
