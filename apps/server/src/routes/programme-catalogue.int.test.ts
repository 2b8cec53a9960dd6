import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { catalogueRepo, rulesRepo, type Db } from '@nang-tam/db';
import { todayInVietnam, training } from '@nang-tam/domain';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Session } from '../../../../tests/support/fixtures.js';

/**
 * The programme catalogue of every kind of training (issue 9): the shipped programmes, "as of"
 * answers, creating a programme and changing it as a new version (audited), refusals at the field
 * with nothing changed, who may write, and classes refused for programmes run outside the province.
 */
let db: Db;
let app: FastifyInstance;
let board: Session;
let noivu: Session;
let officerA: Session;
let registrar: Session;
let lecturer: Session;

beforeAll(async () => {
  db = await createTestDb();
  await seedFixture(db);
  app = await buildTestApp(db);
  board = await loginAs(app, 'board');
  noivu = await loginAs(app, 'noivu');
  officerA = await loginAs(app, 'officerA');
  registrar = await loginAs(app, 'registrar');
  lecturer = await loginAs(app, 'lecturer');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (s: Session, url: string) => app.inject({ url, headers: as(s) });
const post = (s: Session, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as(s), payload: payload as object });

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
}

const SOURCE = {
  code: '145-QĐ/TW',
  title: 'Quy định về chế độ bồi dưỡng, cập nhật kiến thức, kỹ năng đối với cán bộ lãnh đạo, quản lý các cấp',
  issuer: 'Bộ Chính trị',
  issuedOn: '2024-05-10',
};

const NEW = {
  code: 'CNKT_CDS_NHOM_3',
  name: 'Cập nhật kiến thức về chuyển đổi số cho cán bộ nhóm 3',
  kind: 'knowledge_update',
  level: 'nhom_3',
  duration: { value: 3, unit: 'day' },
  modes: ['full_time', 'online'],
  targetGroups: ['nhom_3_145', 'lam_cds'],
  grants: null,
  organiserType: 'provincial_school',
  defaultInstitution: null,
  admissionDeadlineMonths: null,
  note: null,
  source: SOURCE,
  effectiveFrom: '2025-01-01',
  reason: 'Kế hoạch bồi dưỡng năm 2025 của Tỉnh ủy',
};

describe('the shipped catalogue', () => {
  it('lists every kind of training, the eight rule programmes first, with organisers and rule sets', async () => {
    const res = await get(officerA, '/api/v1/catalogue/programmes');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const codes = body.items.map((p: { code: string }) => p.code);
    expect(codes).toEqual(training.shippedProgrammeCodes());
    expect(body.actions).toEqual([]); // an agency officer reads, does not write
    const byCode = new Map(body.items.map((p: { code: string }) => [p.code, p]));
    expect(byCode.get('TC_LLCT')).toMatchObject({
      current: { organiserType: 'provincial_school', opensClasses: true },
      ruleSet: { programmeCode: 'TC_LLCT' },
    });
    expect(byCode.get('SDH_THS')).toMatchObject({
      current: { organiserType: 'outside_institution', defaultInstitution: 'Học viện Chính trị quốc gia Hồ Chí Minh', opensClasses: false },
    });
    expect(byCode.get('BD_NUOC_NGOAI')).toMatchObject({ current: { organiserType: 'abroad' }, ruleSet: null });
    expect(byCode.get('DANG_VIEN_MOI')).toMatchObject({
      current: { deadline: { relativeTo: 'party_admission', months: 12 }, organiserType: 'commune_centre' },
    });
    expect(byCode.get('CNKT_NHOM_3')).toMatchObject({
      current: { kindLabel: 'Cập nhật kiến thức, kỹ năng cho cán bộ lãnh đạo, quản lý', level: { code: 'nhom_3', label: 'Nhóm 3' } },
    });
  });

  it('filters by kind and organiser and searches without diacritics', async () => {
    const kind = (await get(board, '/api/v1/catalogue/programmes?kind=knowledge_update')).json();
    expect(kind.items.map((p: { code: string }) => p.code)).toEqual(['CNKT_NHOM_1', 'CNKT_NHOM_2', 'CNKT_NHOM_3']);
    const outside = (await get(board, '/api/v1/catalogue/programmes?organiserType=outside_institution')).json();
    expect(outside.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['SDH_THS', 'SDH_TS', 'LDQL_CAP_SO']));
    expect(outside.items.every((p: { current: { organiserType: string } }) => p.current.organiserType === 'outside_institution')).toBe(
      true,
    );
    const q = (await get(board, `/api/v1/catalogue/programmes?q=${encodeURIComponent('dai bieu hoi dong')}`)).json();
    expect(q.items.map((p: { code: string }) => p.code)).toEqual(['DAI_BIEU_HDND']);
    expect((await get(board, '/api/v1/catalogue/programmes?kind=cooking')).statusCode).toBe(400);
  });

  it('answers as of a date: the NĐ 101/2017 version before 1/7/2025, the NĐ 171/2025 one after', async () => {
    const before = (await get(board, '/api/v1/catalogue/programmes/QLNN_CV?asOf=2024-06-01')).json();
    expect(before.current).toMatchObject({ version: 1, source: { code: '101/2017/NĐ-CP' }, inForce: true });
    expect(before.current.targetGroups.map((g: { code: string }) => g.code)).toEqual(['can_bo', 'cong_chuc', 'vien_chuc']);
    const after = (await get(board, '/api/v1/catalogue/programmes/QLNN_CV?asOf=2025-07-01')).json();
    expect(after.current).toMatchObject({ version: 2, source: { code: '171/2025/NĐ-CP' }, changed: ['targetGroups'] });
    expect(after.versions.map((v: { version: number; period: unknown }) => [v.version, v.period])).toEqual([
      [1, { from: '2017-10-21', to: '2025-06-30' }],
      [2, { from: '2025-07-01', to: null }],
    ]);
    // before 145-QĐ/TW the knowledge-update groups were not in the catalogue
    const old = (await get(board, '/api/v1/catalogue/programmes?asOf=2024-01-01')).json();
    expect(old.items.map((p: { code: string }) => p.code)).not.toContain('CNKT_NHOM_1');
    expect(old.items.map((p: { code: string }) => p.code)).toContain('QLNN_CV');
    expect((await get(board, '/api/v1/catalogue/programmes/NOPE')).statusCode).toBe(404);
  });

  it('is idempotent at the next start', async () => {
    expect(await catalogueRepo.seedShippedProgrammes(db, todayInVietnam())).toBeNull();
  });
});

describe('create and change a programme', () => {
  it('creates a programme with its first version, audited, and the board may change it', async () => {
    const audits = await count("audit_log WHERE entity = 'programme'");
    const res = await post(noivu, '/api/v1/catalogue/programmes', NEW);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      code: NEW.code,
      versionCount: 1,
      actions: ['addVersion'],
      current: { version: 1, createdBy: 'noivu', reason: NEW.reason },
    });
    expect(await count("audit_log WHERE entity = 'programme' AND action = 'create' AND entity_id = $1", [NEW.code])).toBe(1);
    expect(await count("audit_log WHERE entity = 'programme'")).toBe(audits + 1);
    // the rules and classes read the programme too
    const programmes = (await get(board, '/api/v1/programmes')).json();
    expect(programmes.items.map((p: { code: string }) => p.code)).toContain(NEW.code);
  });

  it('changes it as a new version: the previous one ends the day before, history and "as of" answer both', async () => {
    const body = {
      ...NEW,
      code: undefined,
      organiserType: 'outside_institution',
      defaultInstitution: 'Học viện Chính trị khu vực IV',
      effectiveFrom: '2026-01-01',
      reason: 'Chuyển về Học viện khu vực',
      basedOnVersion: 1,
    };
    delete body.code;
    const res = await post(board, `/api/v1/catalogue/programmes/${NEW.code}/versions`, body);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d.versions.map((v: { version: number; period: unknown; changed: string[] }) => [v.version, v.period, v.changed])).toEqual([
      [1, { from: '2025-01-01', to: '2025-12-31' }, []],
      [2, { from: '2026-01-01', to: null }, ['organiserType', 'defaultInstitution']],
    ]);
    const past = (await get(board, `/api/v1/catalogue/programmes/${NEW.code}?asOf=2025-06-30`)).json();
    expect(past.current).toMatchObject({ version: 1, organiserType: 'provincial_school' });
    const audit = await db.query<{ before: { version: number }; after: { version: number } }>(
      "SELECT before, after FROM audit_log WHERE entity = 'programme' AND action = 'update' AND entity_id = $1",
      [NEW.code],
    );
    expect(audit.rows.map((r) => [r.before.version, r.after.version])).toEqual([[1, 2]]);
  });

  it('refuses bad input at the field, in Vietnamese, with nothing changed', async () => {
    const versions = await count('programme_versions');
    const programmes = await count('programmes');
    const audits = await count('audit_log');
    const cases: [unknown, number, string, string][] = [
      [{ ...NEW }, 409, 'code', 'PROGRAMME_CODE_TAKEN'],
      [{ ...NEW, code: 'X_NEW', kind: 'cooking' }, 400, 'kind', 'UNKNOWN_PROGRAMME_KIND'],
      [{ ...NEW, code: 'X_NEW', grants: { kind: 'political_theory', level: 'sieu_cap' } }, 400, 'grants', 'UNKNOWN_QUALIFICATION'],
      [{ ...NEW, code: 'X_NEW', modes: [] }, 400, 'modes', 'MODES_EMPTY'],
      [{ ...NEW, code: 'X_NEW', duration: { value: -2, unit: 'week' } }, 400, 'duration.value', 'DURATION_NOT_POSITIVE'],
      [{ ...NEW, code: 'X_NEW', targetGroups: ['aliens'] }, 400, 'targetGroups.0', 'UNKNOWN_TARGET_GROUP'],
      [{ ...NEW, code: 'X_NEW', organiserType: 'outside_institution' }, 400, 'defaultInstitution', 'INSTITUTION_REQUIRED'],
      [{ ...NEW, code: 'x new' }, 400, 'code', 'INVALID_PROGRAMME_CODE'],
    ];
    for (const [payload, status, path, code] of cases) {
      const res = await post(board, '/api/v1/catalogue/programmes', payload);
      expect(res.statusCode, res.body).toBe(status);
      const detail = res.json().error.details.find((d: { path: string }) => d.path === path);
      expect(detail, res.body).toMatchObject({ code });
      expect(detail.message).toMatch(/[à-ỹ]/);
    }
    const version = { ...NEW, basedOnVersion: 2 } as Record<string, unknown>;
    delete version.code;
    const overlap = await post(board, `/api/v1/catalogue/programmes/${NEW.code}/versions`, { ...version, effectiveFrom: '2026-01-01' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({
      code: 'PROGRAMME_PERIOD_OVERLAP',
      details: [{ path: 'effectiveFrom', code: 'PROGRAMME_PERIOD_OVERLAP' }],
    });
    const stale = await post(board, `/api/v1/catalogue/programmes/${NEW.code}/versions`, {
      ...version,
      basedOnVersion: 1,
      effectiveFrom: '2027-01-01',
    });
    expect(stale.json().error.code).toBe('PROGRAMME_VERSION_CONFLICT');
    const negative = await post(board, `/api/v1/catalogue/programmes/${NEW.code}/versions`, {
      ...version,
      effectiveFrom: '2027-01-01',
      duration: { value: -1, unit: 'day' },
    });
    expect(negative.json().error.details).toEqual([expect.objectContaining({ path: 'duration.value', code: 'DURATION_NOT_POSITIVE' })]);
    expect(await count('programme_versions')).toBe(versions);
    expect(await count('programmes')).toBe(programmes);
    expect(await count('audit_log')).toBe(audits);
  });

  it('lets only the board, home affairs and the system administrator write', async () => {
    for (const s of [officerA, registrar]) {
      expect((await post(s, '/api/v1/catalogue/programmes', { ...NEW, code: 'X_OTHER' })).statusCode).toBe(403);
      expect((await get(s, `/api/v1/catalogue/programmes/${NEW.code}`)).json().actions).toEqual([]);
    }
    // a lecturer does not read the rules or the catalogue
    expect((await get(lecturer, '/api/v1/catalogue/programmes')).statusCode).toBe(403);
    expect((await get(board, '/api/v1/catalogue/programmes')).json().actions).toEqual(['create']);
  });
});

describe('classes of programmes run outside the province', () => {
  const CLASS = {
    cohortCode: 'X-2026',
    name: 'Lớp thử',
    mode: 'full_time',
    site: 'Trường Chính trị tỉnh',
    startDate: '2026-09-01',
    endDate: '2026-12-30',
    capacity: 30,
  };
  it.each(['SDH_THS', 'LDQL_CAP_SO', 'BD_NUOC_NGOAI'])('%s: refused at programmeCode, nothing written', async (code) => {
    const before = await count('classes');
    const res = await post(registrar, '/api/v1/classes', { ...CLASS, programmeCode: code });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'PROGRAMME_NOT_ORGANISED_HERE',
      details: [{ path: 'programmeCode', code: 'PROGRAMME_NOT_ORGANISED_HERE' }],
    });
    expect(await count('classes')).toBe(before);
  });

  it('a programme moved to an outside institution by a version no longer opens classes', async () => {
    const res = await post(registrar, '/api/v1/classes', { ...CLASS, programmeCode: NEW.code });
    expect(res.json().error.code).toBe('PROGRAMME_NOT_ORGANISED_HERE');
  });
});

describe('a database seeded by the previous release', () => {
  it('gets the shipped programmes it lacks and the versions of those it has, once, leaving other rows alone', async () => {
    const old = await createTestDb();
    try {
      await rulesRepo.seedShippedRules(old); // the eight programmes, no catalogue versions
      const result = await catalogueRepo.seedShippedProgrammes(old, '2026-06-01');
      expect(result).toEqual({
        added: training.shippedProgrammeCodes().slice(8),
        versioned: ['SC_LLCT', 'TC_LLCT', 'CC_LLCT', 'QLNN_CV', 'QLNN_CVC', 'QLNN_CVCC', 'SDH_THS', 'SDH_TS'],
      });
      const heads = await old.query<{ code: string; organiser_type: string; sort_order: number }>(
        "SELECT code, organiser_type, sort_order FROM programmes WHERE code IN ('SDH_THS', 'SC_LLCT', 'DANG_VIEN_MOI') ORDER BY sort_order",
      );
      expect(heads.rows.map((r) => [r.code, r.organiser_type])).toEqual([
        ['SC_LLCT', 'commune_centre'],
        ['SDH_THS', 'outside_institution'],
        ['DANG_VIEN_MOI', 'commune_centre'],
      ]);
      expect(
        (await old.query("SELECT 1 FROM audit_log WHERE entity = 'programme_catalogue' AND entity_id = 'shipped-programmes'")).rows,
      ).toHaveLength(1);
      expect(await catalogueRepo.seedShippedProgrammes(old, '2026-06-01')).toBeNull();
    } finally {
      await old.close();
    }
  });
});
