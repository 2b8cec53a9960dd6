import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam, training } from '@nang-tam/domain';
import { usersRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import { as, buildTestApp, loginAs, seedFixture, type Fixture, type Session } from '../../../../tests/support/fixtures.js';
import { addDays, enrol, insertSession, insertTrainingClass } from '../../../../tests/support/learners.js';
import { docxText } from '../../../../tests/support/docx-text.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';
import { jobsClient } from '../../../../tests/support/jobs.js';
import { toAuthUser } from '../auth/auth-user.js';
import { issueCertificates } from '../services/certificates.service.js';

/**
 * Printed documents through the API: class K (organised by Sở Y tế, the fixture registrar's unit)
 * under way with An and Bình, two held sessions and one grade; class E with nobody on its list;
 * class G graduated with certificates; class X organised by commune B (out of the registrar's reach).
 */
let db: Db;
let app: FastifyInstance;
let fx: Fixture;
const today = todayInVietnam();
const s: Record<string, Session> = {};
const ids: Record<string, number> = {};

const get = (who: string, url: string) => app.inject({ url, headers: as(s[who]!) });
const flat = (t: string) => t.replace(/\s+/gu, ' ');

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  app = await buildTestApp(db);
  for (const u of ['registrar', 'board', 'sysadmin', 'officerA', 'officerD', 'noivu', 'lecturer', 'learner']) s[u] = await loginAs(app, u);
  const modules = [
    { code: 'HP1', name: 'Triết học Mác - Lênin', periods: 40 },
    { code: 'HP2', name: 'Kinh tế chính trị', periods: 20 },
  ];
  const k = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'K-VB',
    startDate: addDays(today, -30),
    endDate: addDays(today, 30),
    modules,
  });
  ids.k = k.id;
  ids.an = await enrol(db, k.id, fx.people.an);
  ids.binh = await enrol(db, k.id, fx.people.binh);
  const s1 = await insertSession(db, k.id, { moduleId: k.modules.HP1!, date: addDays(today, -7) });
  const s2 = await insertSession(db, k.id, { moduleId: k.modules.HP1!, date: addDays(today, -6) });
  await db.query(
    `INSERT INTO attendance (session_id, enrolment_id, mark, source) VALUES ($1, $3, 'present', 'registrar'), ($2, $3, 'absent_excused', 'registrar'), ($1, $4, 'present', 'registrar')`,
    [s1, s2, ids.an, ids.binh],
  );
  await db.query('INSERT INTO grades (enrolment_id, class_module_id, value) VALUES ($1, $2, 8.5)', [ids.an, k.modules.HP1]);
  ids.e = (
    await insertTrainingClass(db, {
      organiserUnitId: fx.units.department,
      cohortCode: 'E-VB',
      startDate: addDays(today, 10),
      endDate: addDays(today, 40),
      modules,
    })
  ).id;
  const x = await insertTrainingClass(db, {
    organiserUnitId: fx.units.communeB,
    cohortCode: 'X-VB',
    startDate: addDays(today, -10),
    endDate: addDays(today, 40),
    modules,
  });
  ids.x = x.id;
  ids.xEnrolment = await enrol(db, x.id, fx.people.cuong);
  // G: graduated, An and Dung completed with a classification, certificates issued by the registrar
  const g = await insertTrainingClass(db, {
    organiserUnitId: fx.units.department,
    cohortCode: 'G-VB',
    startDate: '2026-01-05',
    endDate: '2026-06-30',
    modules,
  });
  ids.g = g.id;
  const gAn = await enrol(db, g.id, fx.people.an);
  const gDung = await enrol(db, g.id, fx.people.dung);
  await db.query(
    "UPDATE enrolments SET status = 'completed', average = 8.6, classification = 'gioi', graduated_on = '2026-06-30' WHERE id = ANY($1::int[])",
    [[gAn, gDung]],
  );
  await db.query("UPDATE classes SET status = 'finished', graduated_at = now() WHERE id = $1", [g.id]);
  const registrar = toAuthUser((await usersRepo.findUserByUsername(db, 'registrar'))!, 'test', '');
  await db.transaction((tx) => issueCertificates(tx, registrar, [gAn, gDung], '2026-07-02'));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('scope', () => {
  it('lets the registrar of the organiser and the board list and generate; others get 404 (or 403 without the permission)', async () => {
    for (const who of ['registrar', 'board', 'sysadmin']) {
      const res = await get(who, `/api/v1/classes/${ids.k}/documents`);
      expect(res.statusCode, who).toBe(200);
      expect(res.json().items.map((d: { kind: string }) => d.kind)).toEqual([
        'study_decision',
        'summons',
        'class_list',
        'attendance_sheet',
        'grade_sheet',
        'graduation_decision',
        'certificate_register',
        'certificates',
      ]);
      expect((await get(who, `/api/v1/classes/${ids.k}/documents/class_list`)).statusCode, who).toBe(200);
    }
    for (const who of ['officerA', 'officerD', 'noivu', 'lecturer']) {
      expect((await get(who, `/api/v1/classes/${ids.k}/documents`)).statusCode, who).toBe(404);
      expect((await get(who, `/api/v1/classes/${ids.k}/documents/study_decision`)).statusCode, who).toBe(404);
    }
    expect((await get('learner', `/api/v1/classes/${ids.k}/documents`)).statusCode).toBe(403);
    // a class organised by commune B: out of the registrar's reach
    expect((await get('registrar', `/api/v1/classes/${ids.x}/documents`)).statusCode).toBe(404);
    expect((await get('registrar', `/api/v1/classes/${ids.x}/documents/class_list`)).statusCode).toBe(404);
    expect((await get('registrar', '/api/v1/classes/999999/documents/class_list')).statusCode).toBe(404);
  });

  it("advertises printDocuments in the class's actions to exactly those who may print", async () => {
    expect((await get('registrar', `/api/v1/classes/${ids.k}`)).json().actions).toContain('printDocuments');
    expect((await get('board', `/api/v1/classes/${ids.k}`)).json().actions).toContain('printDocuments');
    expect((await get('officerA', `/api/v1/classes/${ids.k}`)).json().actions).not.toContain('printDocuments');
  });
});

describe('refusals', () => {
  it('refuses a decision or a list for a class with no approved list', async () => {
    for (const kind of ['study_decision', 'summons', 'class_list']) {
      const res = await get('registrar', `/api/v1/classes/${ids.e}/documents/${kind}`);
      expect(res.statusCode, kind).toBe(409);
      expect(res.json().error.code).toBe('DOCUMENT_NO_LEARNERS');
      expect(res.json().error.message).toBe(
        'Lớp trung cấp lý luận chính trị E-VB chưa có danh sách học viên được duyệt (chưa có học viên ghi danh) nên chưa lập được văn bản này.',
      );
    }
    const list = (await get('registrar', `/api/v1/classes/${ids.e}/documents`)).json();
    expect(list.items.every((d: { refusal: { code: string } | null }) => d.refusal?.code === 'DOCUMENT_NO_LEARNERS')).toBe(true);
  });

  it('refuses a graduation decision and a register for a class not graduated', async () => {
    for (const kind of ['graduation_decision', 'certificate_register', 'certificates']) {
      const res = await get('registrar', `/api/v1/classes/${ids.k}/documents/${kind}?format=pdf`);
      expect([res.statusCode, res.json().error.code], kind).toEqual([409, 'DOCUMENT_CLASS_NOT_GRADUATED']);
    }
  });

  it('refuses a grade sheet while grades are missing, saying which', async () => {
    const res = await get('registrar', `/api/v1/classes/${ids.k}/documents/grade_sheet`);
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'DOCUMENT_GRADES_MISSING']);
    const messages = res.json().error.details.map((d: { message: string }) => d.message);
    expect(messages).toContain('Nguyễn Văn An: chưa có điểm Kinh tế chính trị.');
    expect(messages).toContain('Nguyễn Thị Bình: chưa có điểm Triết học Mác - Lênin.');
    expect(messages).toContain('Nguyễn Thị Bình: chưa có điểm Thi tốt nghiệp, khóa luận.');
    expect(messages).not.toContain('Nguyễn Văn An: chưa có điểm Triết học Mác - Lênin.');
  });

  it('refuses an unknown kind, a bad number, a Word file of the certificates and a summons of someone not in the class', async () => {
    const unknown = await get('registrar', `/api/v1/classes/${ids.k}/documents/bang_luong`);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(unknown.json().error.details).toEqual([{ path: 'kind', code: 'DOCUMENT_KIND_UNKNOWN', message: 'Không có loại văn bản này.' }]);
    const badNumber = await get('registrar', `/api/v1/classes/${ids.k}/documents/study_decision?number=${encodeURIComponent('12/QĐ')}`);
    expect(badNumber.json().error.details[0]).toMatchObject({ path: 'number', code: 'DOCUMENT_NUMBER_INVALID' });
    const docx = await get('registrar', `/api/v1/classes/${ids.g}/documents/certificates?format=docx`);
    expect([docx.statusCode, docx.json().error.details[0].path]).toEqual([400, 'format']);
    expect((await get('registrar', `/api/v1/classes/${ids.k}/documents/summons?enrolmentId=${ids.xEnrolment}`)).statusCode).toBe(404);
  });
});

describe('content', () => {
  it('prints the decision sending people to study with its number, date, articles and list', async () => {
    const res = await get('registrar', `/api/v1/classes/${ids.k}/documents/study_decision?number=45&date=2026-12-07`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain('.docx');
    const text = flat(docxText(res.rawPayload));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('TỈNH THỬ NGHIỆM');
    expect(text).toContain('SỞ Y TẾ');
    expect(text).toContain('Số: 45/QĐ-SYT');
    expect(text).toContain('Thử Nghiệm, ngày 07 tháng 12 năm 2026');
    expect(text).toContain('Điều 1. Cử 2 đồng chí (có danh sách kèm theo) tham gia học lớp trung cấp lý luận chính trị');
    expect(text).toContain('GIÁM ĐỐC');
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Nguyễn Thị Bình');
    expect(text).toContain('Chủ tịch UBND xã');
  });

  it('prints the class list, the attendance sheet and one summons as PDF', async () => {
    const list = pdfText((await get('registrar', `/api/v1/classes/${ids.k}/documents/class_list?format=pdf`)).rawPayload);
    expect(flat(list)).toContain('DANH SÁCH TRÍCH NGANG HỌC VIÊN');
    expect(list).toContain('Thạc sĩ');
    const attendance = (await get('registrar', `/api/v1/classes/${ids.k}/documents/attendance_sheet`)).rawPayload;
    expect(docxText(attendance)).toMatch(/Nguyễn Văn An\nXã Minh Quang\n2\n1\n1\n0\n0/);
    const one = await get('registrar', `/api/v1/classes/${ids.k}/documents/summons?format=pdf&enrolmentId=${ids.binh}`);
    const summons = flat(pdfText(one.rawPayload));
    expect(summons).toContain('GIẤY TRIỆU TẬP');
    expect(summons).toContain('Bà: Nguyễn Thị Bình');
    expect(summons).not.toContain('Nguyễn Văn An');
  });

  it('prints the graduation decision, the register with entry numbers and the certificates of a graduated class', async () => {
    const decision = flat(pdfText((await get('board', `/api/v1/classes/${ids.g}/documents/graduation_decision?format=pdf`)).rawPayload));
    expect(decision).toContain('Điều 1. Công nhận tốt nghiệp cho 2 học viên');
    expect(decision).toContain('Giỏi');
    const register = docxText((await get('registrar', `/api/v1/classes/${ids.g}/documents/certificate_register`)).rawPayload);
    expect(register).toContain('SỔ CẤP PHÁT BẰNG TỐT NGHIỆP');
    expect(register).toMatch(/\n1\nNguyễn Văn An\n/);
    expect(register).toContain('TC-LLCT/2026/000001');
    const all = await get('registrar', `/api/v1/classes/${ids.g}/documents/certificates?format=pdf`);
    expect(all.headers['content-type']).toContain('application/pdf');
    const text = pdfText(all.rawPayload);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Lò Thị Dung');
    expect(all.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
  });
});

describe('background job', () => {
  it("renders the class's certificates as one PDF in a job; refusals answer at once", async () => {
    const post = (who: string, url: string) => app.inject({ method: 'POST', url, headers: as(s[who]!) });
    const refused = await post('registrar', `/api/v1/classes/${ids.e}/documents/study_decision/jobs`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'DOCUMENT_NO_LEARNERS']);
    expect((await post('officerA', `/api/v1/classes/${ids.g}/documents/certificates/jobs?format=pdf`)).statusCode).toBe(404);
    const queued = await post('registrar', `/api/v1/classes/${ids.g}/documents/certificates/jobs?format=pdf`);
    expect(queued.statusCode).toBe(202);
    const jobs = jobsClient(app, db);
    await jobs.run();
    const job = await jobs.get(s.registrar!, queued.json().id);
    expect(job.status).toBe('succeeded');
    expect(job.fileName).toMatch(/\.pdf$/);
    const file = await jobs.file(s.registrar!, job.id);
    expect(file.status).toBe(200);
    expect(pdfText(file.body)).toContain('Lò Thị Dung');
  });
});

describe('settings', () => {
  const body = {
    headerStyle: 'party',
    parentBody: 'Tỉnh ủy Thử Nghiệm',
    issuingBody: 'Trường Chính trị tỉnh Thử Nghiệm',
    symbol: 'TCT',
    place: 'Thử Nghiệm',
    signerAuthority: 'KT. HIỆU TRƯỞNG',
    signerTitle: 'Phó Hiệu trưởng',
    signerName: 'Trần Thị Hoa',
  };
  const put = (who: string, payload: unknown) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/units/${fx.units.department}/document-settings`,
      headers: as(s[who]!),
      payload: payload as Record<string, unknown>,
    });

  it('starts from defaults derived from the unit, saves with an audit record, and signs the documents with them', async () => {
    const before = (await get('registrar', `/api/v1/units/${fx.units.department}/document-settings`)).json();
    expect(before).toMatchObject({
      isDefault: true,
      version: null,
      issuingBody: 'Sở Y tế',
      parentBody: 'Tỉnh Thử Nghiệm',
      symbol: 'SYT',
      place: 'Thử Nghiệm',
      signerTitle: 'GIÁM ĐỐC',
      actions: ['update'],
    });
    expect((await get('officerD', `/api/v1/units/${fx.units.department}/document-settings`)).json().actions).toEqual([]);
    expect((await get('officerA', `/api/v1/units/${fx.units.department}/document-settings`)).statusCode).toBe(404);
    expect((await put('officerD', { ...body, version: null })).statusCode).toBe(403);
    const saved = await put('registrar', { ...body, version: null });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...body, isDefault: false, version: 1, updatedBy: 'registrar' });
    const audit = await db.query<{ after: { signerName: string } }>(
      "SELECT after FROM audit_log WHERE entity = 'document_settings' AND entity_id = $1",
      [String(fx.units.department)],
    );
    expect(audit.rows.map((r) => r.after.signerName)).toEqual(['Trần Thị Hoa']);
    // someone saved meanwhile: the stale version is refused
    expect((await put('registrar', { ...body, version: null })).json().error.code).toBe('CONFLICT');
    expect((await put('registrar', { ...body, symbol: 'tct', version: 1 })).json().error.details[0]).toMatchObject({
      path: 'symbol',
      code: 'DOCUMENT_SYMBOL_INVALID',
    });
    const text = flat(docxText((await get('registrar', `/api/v1/classes/${ids.k}/documents/study_decision?number=7`)).rawPayload));
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Số 7-QĐ/TCT');
    expect(text).toContain('TỈNH ỦY THỬ NGHIỆM');
    expect(text).toContain('KT. HIỆU TRƯỞNG');
    expect(text).toContain('Trần Thị Hoa');
  });
});
