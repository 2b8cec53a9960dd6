import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@nang-tam/domain';
import type { Db } from '@nang-tam/db';
import { createTestDb } from '../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, type Session } from '../../tests/support/fixtures.js';
import { DEMO_PASSWORD } from './accounts.js';
import { addDays } from './days.js';
import { seedDemoProvince } from './generate.js';

/**
 * The demo political school as its users meet it: a small demo province built for today (so the
 * classes under way, the reports due and the certificates are those the server itself sees), then
 * the invariants a user would notice, read from the tables and through the API as the demo accounts.
 */
const PEOPLE = 1_500;
const today = todayInVietnam();
const year = Number(today.slice(0, 4));

let db: Db;
let app: FastifyInstance;
const sessions: Record<string, Session> = {};
const progress: string[] = [];

const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
  (await db.query<T & Record<string, unknown>>(sql, params)).rows;
const count = async (sql: string, params: unknown[] = []): Promise<number> => (await rows<{ n: number }>(sql, params))[0]!.n;
const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as(sessions[who]!) });

beforeAll(async () => {
  db = await createTestDb();
  await seedDemoProvince(db, { people: PEOPLE, onProgress: (m) => progress.push(m) });
  app = await buildTestApp(db);
  for (const username of ['admin', 'truong', 'unit', 'giangvien', 'hocvien'])
    sessions[username] = await loginAs(app, username, DEMO_PASSWORD);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the demo school year', () => {
  it('has a year of classes from the catalogue: one finished last year, one carried over, several under way and open', async () => {
    const classes = await rows<{
      programme_code: string;
      capacity: number;
      start_date: string;
      end_date: string;
      status: string;
      modules_match: boolean;
    }>(
      `SELECT c.programme_code, c.capacity, c.start_date, c.end_date, c.status,
         (SELECT array_agg(m.code || ':' || m.periods ORDER BY m.sort_order) FROM class_modules m WHERE m.class_id = c.id)
           = (SELECT array_agg(pm.code || ':' || pm.periods ORDER BY pm.sort_order) FROM programme_modules pm WHERE pm.programme_code = c.programme_code) AS modules_match
       FROM classes c
       -- the school's year; not the decade of finished classes before the plans (tools/demo/training-history.ts)
       -- nor the short course the evaluation seed adds in the unit's commune (tools/demo/feedback.ts)
       WHERE c.cohort_code NOT LIKE 'LS-%' AND c.cohort_code NOT LIKE 'DG-%'
       ORDER BY c.start_date`,
    );
    expect(classes).toHaveLength(12);
    expect(new Set(classes.map((c) => c.programme_code))).toEqual(new Set(['TC_LLCT', 'SC_LLCT', 'QLNN_CV', 'QLNN_CVC']));
    expect(classes.every((c) => c.capacity >= 40 && c.capacity <= 120 && c.modules_match)).toBe(true);
    expect(classes.some((c) => c.end_date < `${year}-01-01` && c.status === 'finished')).toBe(true);
    expect(classes.some((c) => c.start_date < `${year}-01-01` && c.end_date >= `${year}-01-01`)).toBe(true);
    expect(classes.filter((c) => c.start_date < today && c.end_date >= today && c.status === 'closed').length).toBeGreaterThanOrEqual(4);
    expect(classes.filter((c) => c.start_date > today && c.status === 'open').length).toBeGreaterThanOrEqual(3);
    expect(progress.some((m) => m.startsWith('school: 12 classes'))).toBe(true);
  });

  it('books no room and no lecturer twice at the same time, and teaches on weekdays within the class dates', async () => {
    const clashes = await count(
      `SELECT count(*)::int AS n FROM class_sessions a JOIN class_sessions b
         ON a.id < b.id AND a.on_date = b.on_date AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
       WHERE lower(a.room) = lower(b.room) OR a.lecturer_id = b.lecturer_id`,
    );
    expect(clashes).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM class_sessions s JOIN classes c ON c.id = s.class_id
         WHERE s.on_date NOT BETWEEN c.start_date AND c.end_date OR extract(isodow FROM s.on_date) > 5 OR s.room IS NULL`,
      ),
    ).toBe(0);
    // teaching hours: every lesson module fully given to lecturers, never more than its periods
    expect(
      await count(
        `SELECT count(*)::int AS n FROM class_modules m
         WHERE m.periods <> (SELECT coalesce(sum(ml.periods), 0) FROM class_module_lecturers ml WHERE ml.class_module_id = m.id)`,
      ),
    ).toBe(0);
    const pool = await rows<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM lecturers GROUP BY kind ORDER BY kind');
    expect(pool).toEqual([
      { kind: 'guest', n: expect.any(Number) },
      { kind: 'school', n: 20 },
    ]);
    expect(pool[0]!.n).toBeGreaterThanOrEqual(12);
  });

  it('never holds more places in a class than its capacity, and waitlists only in a full class', async () => {
    const classes = await rows<{ cohort_code: string; capacity: number; holding: number; waitlisted: number }>(
      `SELECT c.cohort_code, c.capacity,
         count(n.id) FILTER (WHERE n.status IN ('nominated', 'approved_agency', 'approved_board', 'enrolled'))::int AS holding,
         count(n.id) FILTER (WHERE n.status = 'waitlisted')::int AS waitlisted
       FROM classes c LEFT JOIN nominations n ON n.class_id = c.id GROUP BY c.id ORDER BY c.id`,
    );
    for (const c of classes) {
      expect(c.holding, c.cohort_code).toBeLessThanOrEqual(c.capacity);
      if (c.waitlisted > 0) expect(c.holding, c.cohort_code).toBe(c.capacity);
    }
    expect(classes.some((c) => c.waitlisted > 0)).toBe(true);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM nominations n JOIN nomination_steps s ON s.nomination_id = n.id WHERE n.status = 'refused' AND s.decision = 'refused' AND s.note <> ''",
      ),
    ).toBe(1);
  });

  it('nominates only eligible people, or with the board’s override and its reason, through the whole approval chain', async () => {
    const nominations = await rows<{
      outcome: string;
      override_reason: string | null;
      override_role: string | null;
      status: string;
      steps: string;
      approver_ok: boolean;
    }>(
      `SELECT n.eligibility->>'outcome' AS outcome, n.override_reason, ou.role AS override_role, n.status,
         (SELECT string_agg(s.step || '/' || s.decision, ' ' ORDER BY s.decided_at, s.id) FROM nomination_steps s WHERE s.nomination_id = n.id) AS steps,
         NOT EXISTS (SELECT 1 FROM nomination_steps s JOIN users u ON u.id = s.decided_by
           WHERE s.nomination_id = n.id AND s.step = 'board' AND u.role <> pr.approver) AS approver_ok
       FROM nominations n JOIN classes c ON c.id = n.class_id JOIN programmes pr ON pr.code = c.programme_code
       LEFT JOIN users ou ON ou.id = n.override_by`,
    );
    expect(nominations.length).toBeGreaterThan(50);
    for (const n of nominations) {
      if (n.outcome !== 'eligible') {
        expect(n.override_reason?.length ?? 0).toBeGreaterThan(20);
        expect(n.override_role).toBe('province_board');
        expect(n.steps.startsWith('override/approved agency/approved')).toBe(true);
      }
      expect(n.approver_ok).toBe(true);
      const chain = n.steps.replace('override/approved ', '');
      const expected: Record<string, string> = {
        enrolled: 'agency/approved board/approved school/approved',
        approved_board: 'agency/approved board/approved',
        nominated: 'agency/approved',
        waitlisted: 'agency/approved waitlist/recorded',
        refused: 'agency/approved board/refused',
      };
      expect(chain, n.status).toBe(expected[n.status]);
    }
    const overridden = nominations.filter((n) => n.override_reason !== null);
    expect(overridden.length).toBeGreaterThanOrEqual(1);
    expect(overridden.length).toBeLessThanOrEqual(4);
    // every learner has a nomination that reached the school
    expect(
      await count("SELECT count(*)::int AS n FROM enrolments e JOIN nominations n ON n.id = e.nomination_id WHERE n.status <> 'enrolled'"),
    ).toBe(0);
  });

  it('shows the learner account a schedule, its attendance and grades of finished modules', async () => {
    const [enrolment] = await rows<{ id: number }>(
      "SELECT e.id FROM enrolments e JOIN users u ON u.person_id = e.person_id JOIN classes c ON c.id = e.class_id WHERE u.username = 'hocvien' AND c.start_date <= $1 AND c.end_date >= $1",
      [today],
    );
    expect(enrolment).toBeDefined();
    const res = await get('hocvien', `/api/v1/enrolments/${enrolment!.id}/progress`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.attendance.sessions.length).toBeGreaterThan(10);
    expect(p.attendance.sessions.some((s: { session: { date: string } }) => s.session.date >= today)).toBe(true);
    expect(p.attendance.present).toBeGreaterThan(0);
    // every session before today is marked (today's may still be under way)
    expect(p.attendance.unmarked).toBeLessThanOrEqual(2);
    expect(p.grades.modules.some((m: { value: number | null }) => m.value !== null)).toBe(true);
    // the learner checked in with the QR code in the last weeks
    expect(p.attendance.sessions.some((s: { source: string | null }) => s.source === 'qr')).toBe(true);

    // the phone view: the class under way with its schedule, marks and grades
    const mine = await get('hocvien', '/api/v1/me/learning');
    expect(mine.statusCode).toBe(200);
    const current = mine.json().classes.find((c: { enrolmentId: number }) => c.enrolmentId === enrolment!.id);
    expect(current.sessions.some((s: { mark: string | null }) => s.mark === 'present')).toBe(true);
    expect(current.sessions.some((s: { date: string }) => s.date >= today)).toBe(true);
    expect(current.grades.modules.some((m: { value: number | null }) => m.value !== null)).toBe(true);
  });

  it('gives the lecturer account sessions to teach in the coming weeks', async () => {
    const res = await get('giangvien', '/api/v1/me/sessions');
    expect(res.statusCode).toBe(200);
    expect(res.json().lecturer).not.toBeNull();
    expect(res.json().items.length).toBeGreaterThan(0);
  });

  it('shows the learner a cancelled session ahead in their calendar, and the .ics file publishes it as cancelled', async () => {
    const res = await get('hocvien', `/api/v1/me/calendar?from=${today}&to=${addDays(today, 28)}`);
    expect(res.statusCode).toBe(200);
    const items: { uid: string; cancelled: boolean; date: string; sequence: number }[] = res.json().items;
    const cancelled = items.filter((s) => s.cancelled);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.sequence).toBe(1);
    expect(items.filter((s) => !s.cancelled).length).toBeGreaterThan(0);
    const ics = (await get('hocvien', '/api/v1/me/calendar.ics')).body.replace(/\r\n[ \t]/g, '');
    expect(ics).toMatch(new RegExp(`UID:${cancelled[0]!.uid}\r\nSEQUENCE:1\r\n[\\s\\S]*?STATUS:CANCELLED`));
  });

  it('gives the commune officer learners of their own, with a conduct report due soon and one overdue', async () => {
    const res = await get('unit', '/api/v1/conduct-reports?status=pending&limit=100');
    expect(res.statusCode).toBe(200);
    const items: { overdue: boolean; dueOn: string; status: string }[] = res.json().items;
    expect(items.filter((r) => r.overdue)).toHaveLength(1);
    expect(items.some((r) => !r.overdue && r.dueOn >= today)).toBe(true);
    // "my learners": where each of the commune's people is, and what the commune owes the school
    const mine = await get('unit', '/api/v1/me/learners');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBeGreaterThanOrEqual(2);
    expect(mine.json().owed).toMatchObject({ overdue: 1, pending: items.length });
    // and the commune's people are in classes under way, nobody else's
    const learners = await count(
      `SELECT count(*)::int AS n FROM enrolments e JOIN people p ON p.id = e.person_id JOIN units u ON u.id = p.unit_id
       JOIN classes c ON c.id = e.class_id JOIN users s ON s.username = 'unit' JOIN units su ON su.id = s.unit_id
       WHERE u.path LIKE su.path || '%' AND c.start_date <= $1 AND c.end_date >= $1`,
      [today],
    );
    expect(learners).toBeGreaterThanOrEqual(2);
  });

  it('records a recall with make-up still owed, and one whose make-up is done', async () => {
    const recalls = await rows<{ recalled: number; made_up: number }>(
      `SELECT (SELECT count(*)::int FROM attendance a WHERE a.enrolment_id = r.enrolment_id AND a.mark = 'recalled') AS recalled,
         (SELECT count(*)::int FROM make_ups m WHERE m.enrolment_id = r.enrolment_id) AS made_up
       FROM recalls r ORDER BY r.from_date`,
    );
    expect(recalls).toHaveLength(2);
    expect(recalls[0]!.made_up).toBe(recalls[0]!.recalled);
    expect(recalls[1]!.recalled).toBeGreaterThan(0);
    expect(recalls[1]!.made_up).toBe(0);
  });

  it('graduated last year’s class: classifications, qualifications from graduation, certificates that verify', async () => {
    const [cls] = await rows<{ id: number; completed: number; certificates: number }>(
      `SELECT c.id, count(e.id) FILTER (WHERE e.status = 'completed' AND e.classification IS NOT NULL)::int AS completed,
         (SELECT count(*)::int FROM certificates ce JOIN enrolments x ON x.id = ce.enrolment_id WHERE x.class_id = c.id) AS certificates
       FROM classes c JOIN enrolments e ON e.class_id = c.id
       WHERE c.status = 'finished' AND c.end_date < $1 AND c.cohort_code NOT LIKE 'LS-%' AND c.cohort_code NOT LIKE 'DG-%' GROUP BY c.id ORDER BY c.start_date LIMIT 1`,
      [`${year}-01-01`],
    );
    expect(cls).toBeDefined();
    expect(cls!.completed).toBeGreaterThan(0);
    expect(cls!.certificates).toBe(cls!.completed);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM certificates ce JOIN qualifications q ON q.id = ce.qualification_id
         WHERE q.source = 'graduated' AND q.person_id = ce.person_id AND q.awarded_on = ce.issued_on`,
      ),
    ).toBe(await count('SELECT count(*)::int AS n FROM certificates'));

    const list = await get('truong', `/api/v1/classes/${cls!.id}/certificates`);
    expect(list.statusCode).toBe(200);
    const certificates: { verificationCode: string; number: string; person: { id: number } }[] = list.json().items;
    expect(certificates).toHaveLength(cls!.completed);
    for (const c of certificates.slice(0, 3)) {
      const verified = await app.inject({ method: 'GET', url: `/api/v1/verify/${c.verificationCode}` });
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ status: 'valid', certificate: { number: c.number } });
    }
    const profile = await get('admin', `/api/v1/people/${certificates[0]!.person.id}`);
    expect(profile.statusCode).toBe(200);
    expect(profile.json().qualifications.some((q: { source: string }) => q.source === 'graduated')).toBe(true);
  });

  it("signs the school's printed documents with its settings: the graduated class's decision and register print", async () => {
    const [graduated] = await rows<{ id: number; organiser_unit_id: number }>("SELECT id, organiser_unit_id FROM classes WHERE status = 'finished' ORDER BY id LIMIT 1");
    const settings = (await get('truong', `/api/v1/units/${graduated!.organiser_unit_id}/document-settings`)).json();
    expect(settings).toMatchObject({ isDefault: false, headerStyle: 'party', symbol: 'TCT', signerAuthority: 'KT. HIỆU TRƯỞNG', actions: ['update'] });
    const list = (await get('truong', `/api/v1/classes/${graduated!.id}/documents`)).json();
    const available = list.items.filter((d: { refusal: unknown }) => d.refusal === null).map((d: { kind: string }) => d.kind);
    expect(available).toEqual(expect.arrayContaining(['study_decision', 'class_list', 'graduation_decision', 'certificate_register', 'certificates']));
  });
});

describe('the demo plans (issue 9)', () => {
  it("has this year's plan approved and adjusted once, and last year's plan", async () => {
    const plan = (await get('admin', `/api/v1/plans/annual/${year}`)).json();
    expect(plan.versions.map((v: { number: number; status: string }) => `${v.number}:${v.status}`)).toEqual(['1:approved', '2:approved']);
    expect(plan.versions[1]).toMatchObject({ isAdjustment: true, decisionNumber: '310-QĐ/TU' });
    expect(plan.inForceVersionId).toBe(plan.versions[1].id);
    const compare = (await get('admin', `/api/v1/plans/compare?from=${plan.versions[0].id}&to=${plan.versions[1].id}`)).json();
    expect(compare.changed.length).toBeGreaterThan(0);
    expect((await get('admin', `/api/v1/plans/annual/${year - 1}`)).json().versions[0].status).toBe('approved');
  });

  it('has the decade before the plans as finished history classes (training statistics, decision 0047)', async () => {
    const history = await rows<{ y: number; classes: number; enrolments: number }>(
      `SELECT extract(year FROM c.start_date)::int AS y, count(DISTINCT c.id)::int AS classes, count(e.id)::int AS enrolments
       FROM classes c JOIN enrolments e ON e.class_id = c.id WHERE c.cohort_code LIKE 'LS-%' GROUP BY 1 ORDER BY 1`,
    );
    expect(history.map((h) => h.y)).toEqual(Array.from({ length: 8 }, (_, i) => year - 9 + i));
    expect(history.every((h) => h.classes >= 7 && h.enrolments >= 7 * 30)).toBe(true);
    // consistent with the registry: a trung cấp learner holds trung cấp or higher
    expect(
      await count(
        `SELECT count(*)::int AS n FROM classes c JOIN enrolments e ON e.class_id = c.id JOIN people p ON p.id = e.person_id
         WHERE c.cohort_code LIKE 'LS-%' AND c.programme_code = 'TC_LLCT' AND p.political_theory_level NOT IN ('trung_cap', 'cao_cap', 'cu_nhan')`,
      ),
    ).toBe(0);
    expect(progress.some((m) => m.startsWith('training history: '))).toBe(true);
  });

  it('has plan against actual with carried-over and extra classes, every class linked or outside the plan', async () => {
    const r = (await get('admin', `/api/v1/plans/annual/${year}/realisation`)).json();
    expect(r.total.plannedClasses).toBeGreaterThan(r.total.doneClasses - 1);
    expect(r.total.doneClasses).toBeGreaterThan(0);
    expect(r.total.carriedInClasses + r.extra.carriedInClasses).toBeGreaterThan(0);
    expect(r.extra.doneClasses + (await count('SELECT count(*)::int AS n FROM classes WHERE outside_plan AND start_date > $1', [today]))).toBeGreaterThan(0);
    expect(r.unlinked.doneClasses).toBe(0);
    expect(r.total.classesPercent.text).toMatch(/^\d+,\d{2}%$/);
    const unplaced = await count(
      `SELECT count(*)::int AS n FROM classes WHERE plan_line_id IS NULL AND NOT outside_plan AND extract(year FROM start_date) BETWEEN $1 AND $2`,
      [year - 1, year],
    );
    expect(unplaced).toBe(0);
    const five = (await get('admin', '/api/v1/plans/five-year')).json();
    expect(five.items.map((p: { startYear: number }) => p.startYear)).toEqual([2026, 2021]);
  });
});
