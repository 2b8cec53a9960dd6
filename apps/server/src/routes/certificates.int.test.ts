import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { todayInVietnam, training } from '@nang-tam/domain';
import { peopleRepo, usersRepo, type Db } from '@nang-tam/db';
import { createTestDb } from '../../../../tests/support/test-db.js';
import {
  PASSWORD,
  as,
  buildTestApp,
  loginAs,
  personWrite,
  seedFixture,
  type Fixture,
  type Session,
} from '../../../../tests/support/fixtures.js';
import { pdfText } from '../../../../tests/support/pdf-text.js';
import { hashPassword } from '../auth/password.js';
import { toAuthUser, type AuthUser } from '../auth/auth-user.js';
import { AppError } from '../errors.js';
import { issueCertificates, type IssuedCertificate } from '../services/certificates.service.js';

/**
 * Certificates from graduation to verification: the province's political school (a unit of its
 * own, with its registrar 'truong') graduates a trung cấp LLCT class; the fixture's registrar sits
 * in Sở Y tế, outside the school. Classes and enrolments are written with SQL as 007_classes.sql
 * defines them (graduation itself belongs to the grades service).
 */
const BASE_URL = 'https://daotao.example.vn';
const ISSUED_ON = '2026-12-15';

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let schoolId: number;
let truong: Session;
let registrarElsewhere: Session;
let officerA: Session;
let learner: Session;
let lecturer: Session;
let board: Session;
let hang: number;
const classes: Record<string, number> = {};
const enrolments: Record<string, number> = {};
const issued: Record<string, IssuedCertificate> = {};

async function insertPerson(
  fullName: string,
  unitId: number,
  citizenId: string,
  over: Partial<peopleRepo.PersonWrite> = {},
): Promise<number> {
  const [id] = await peopleRepo.insertPeople(db, [personWrite({ fullName, unitId, citizenId, ...over })]);
  return id!;
}

async function insertClass(cohortCode: string, programmeCode = 'TC_LLCT'): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO classes (programme_code, cohort_code, name, mode, organiser_unit_id, site, start_date, end_date, capacity, status,
       grading_scheme, graduation_conditions, graduated_at)
     VALUES ($1, $2, $3, 'full_time', $4, 'Trường Chính trị tỉnh', '2026-03-02', '2026-12-11', 60, 'finished', $5::jsonb, $6::jsonb, now())
     RETURNING id`,
    [
      programmeCode,
      cohortCode,
      `Lớp trung cấp lý luận chính trị ${cohortCode}`,
      schoolId,
      JSON.stringify(training.DEFAULT_GRADING_SCHEME),
      JSON.stringify(training.DEFAULT_GRADUATION_CONDITIONS.political_theory),
    ],
  );
  return r.rows[0]!.id;
}

async function enrol(classId: number, personId: number, status = 'completed', classification: string | null = 'kha'): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO enrolments (person_id, programme_code, status, started_on, ended_on, class_id, average, classification, graduated_on)
     SELECT $2, programme_code, $3, start_date, end_date, id, $4, $5, CASE WHEN $3 = 'completed' THEN end_date END FROM classes WHERE id = $1
     RETURNING id`,
    [classId, personId, status, classification ? 8.2 : null, classification],
  );
  return r.rows[0]!.id;
}

async function userNamed(username: string): Promise<AuthUser> {
  return toAuthUser((await usersRepo.findUserByUsername(db, username))!, 'test', '');
}

async function issue(username: string, enrolmentIds: number[], issuedOn = ISSUED_ON): Promise<IssuedCertificate[]> {
  const user = await userNamed(username);
  return db.transaction((tx) => issueCertificates(tx, user, enrolmentIds, issuedOn));
}

async function count(table: string): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
}

const get = (s: Session | null, url: string) => app.inject({ url, headers: s ? as(s) : {} });
const verifyCode = (code: string) => app.inject({ url: `/api/v1/verify/${code}` });

beforeAll(async () => {
  db = await createTestDb();
  fx = await seedFixture(db);
  const root = (await db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [fx.units.root])).rows[0]!.path;
  schoolId = (
    await db.query<{ id: number }>(
      `INSERT INTO units (code, name, search_name, kind, parent_id, path, depth) VALUES ('TCT99', 'Trường Chính trị tỉnh Thử Nghiệm', 'truong chinh tri tinh thu nghiem', 'school', $1, 'tmp', 1) RETURNING id`,
      [fx.units.root],
    )
  ).rows[0]!.id;
  await db.query('UPDATE units SET path = $1 WHERE id = $2', [`${root}${schoolId}/`, schoolId]);
  await usersRepo.insertUser(db, {
    username: 'truong',
    passwordHash: await hashPassword(PASSWORD),
    displayName: 'Phòng Đào tạo',
    role: 'school_registrar',
    unitId: schoolId,
    personId: null,
  });

  // a deputy commune chairman without LLCT: their title's standard asks for trung cấp
  const title = (await db.query<{ id: number }>("SELECT id FROM titles WHERE code = 'PCT_UBND_X'")).rows[0]!.id;
  hang = await insertPerson('Nguyễn Thị Hằng', fx.units.communeA, '008190000101', {
    gender: 'female',
    birthDate: '1990-03-08',
    titleId: title,
    partyJoinedOn: '2012-05-01',
    partyOfficialOn: '2013-05-01',
  });
  await db.query(
    "INSERT INTO qualifications (person_id, kind, level, awarded_on, source) VALUES ($1, 'education', 'dai_hoc', '2012-06-30', 'imported')",
    [hang],
  );
  await peopleRepo.refreshHighestLevels(db, [hang]);

  classes.k1 = await insertClass('K1');
  enrolments.hang = await enrol(classes.k1, hang, 'completed', 'gioi');
  enrolments.binh = await enrol(classes.k1, fx.people.binh, 'completed', 'xuat_sac');
  enrolments.cuong = await enrol(classes.k1, fx.people.cuong, 'completed', 'kha');
  enrolments.dung = await enrol(classes.k1, fx.people.dung, 'enrolled', null);

  app = await buildTestApp(db, { publicBaseUrl: BASE_URL });
  truong = await loginAs(app, 'truong');
  registrarElsewhere = await loginAs(app, 'registrar');
  officerA = await loginAs(app, 'officerA');
  learner = await loginAs(app, 'learner');
  lecturer = await loginAs(app, 'lecturer');
  board = await loginAs(app, 'board');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** The code of a certificate, read as the provincial board (the whole province is in its scope). */
const codeOf = async (certificateId: number, personId: number, s: Session = board): Promise<string> => {
  const list = (await get(s, `/api/v1/people/${personId}/certificates`)).json();
  return list.items.find((c: { id: number }) => c.id === certificateId).verificationCode;
};

describe('the signing key', () => {
  it('is made once, on first use, even when two requests ask for it at the same moment', async () => {
    expect(await count('signing_keys')).toBe(0);
    const [a, b] = await Promise.all([get(null, '/api/v1/certificates/public-key'), get(null, '/api/v1/certificates/public-key')]);
    expect([a!.statusCode, b!.statusCode]).toEqual([200, 200]);
    expect(a!.json().publicKey).toBe(b!.json().publicKey);
    const keys = await db.query<{ public_key: string; private_key: string }>('SELECT public_key, private_key FROM signing_keys');
    expect(keys.rows).toHaveLength(1);
    expect(keys.rows[0]!.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.rows[0]!.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(JSON.stringify(a!.json())).not.toContain('PRIVATE');
  });
});

describe('issuing certificates at graduation', () => {
  it('numbers a class consecutively in the order of its list, and writes each qualification into the registry, closing the gap', async () => {
    const gapsBefore = (await get(officerA, `/api/v1/people/${hang}/gaps?asOf=2026-12-20`)).json();
    expect(gapsBefore.summary.needs.map((n: { kind: string; level: string }) => `${n.kind}:${n.level}`)).toContain(
      'political_theory:trung_cap',
    );

    const result = await issue('truong', [enrolments.hang!, enrolments.binh!, enrolments.cuong!]);
    // the class list is sorted by given name: Bình, Cường, Hằng
    expect(result.map((c) => [c.personId, c.number])).toEqual([
      [fx.people.binh, 'TC-LLCT/2026/000001'],
      [fx.people.cuong, 'TC-LLCT/2026/000002'],
      [hang, 'TC-LLCT/2026/000003'],
    ]);
    for (const c of result) issued[c.personId === hang ? 'hang' : c.personId === fx.people.binh ? 'binh' : 'cuong'] = c;

    const person = (await get(officerA, `/api/v1/people/${hang}`)).json();
    expect(person.politicalTheoryLevel).toBe('trung_cap');
    expect(person.qualifications).toContainEqual(
      expect.objectContaining({
        id: issued.hang!.qualificationId,
        kind: 'political_theory',
        level: 'trung_cap',
        awardedOn: ISSUED_ON,
        institution: 'Trường Chính trị tỉnh Thử Nghiệm',
        source: 'graduated',
      }),
    );
    const gapsAfter = (await get(officerA, `/api/v1/people/${hang}/gaps?asOf=2026-12-20`)).json();
    expect(gapsAfter.summary.needs.map((n: { kind: string }) => n.kind)).not.toContain('political_theory');

    const audit = await db.query<{ entity: string; action: string; n: number }>(
      "SELECT entity, action, count(*)::int AS n FROM audit_log WHERE entity IN ('certificate', 'qualification', 'signing_key') GROUP BY entity, action ORDER BY entity",
    );
    expect(audit.rows).toEqual([
      { entity: 'certificate', action: 'issue', n: 3 },
      { entity: 'qualification', action: 'create', n: 3 },
      { entity: 'signing_key', action: 'create', n: 1 },
    ]);
    // Hằng's profile history names who issued what
    const history = (await get(officerA, `/api/v1/people/${hang}/audit`)).json();
    expect(history.items.map((e: { entity: string; action: string; actor: string }) => `${e.entity}:${e.action}:${e.actor}`)).toEqual(
      expect.arrayContaining(['certificate:issue:truong', 'qualification:create:truong']),
    );
  });

  it.each([
    {
      case: 'an enrolment already certified and one not graduated',
      who: 'truong',
      ids: () => [enrolments.hang!, enrolments.dung!],
      code: 'CERTIFICATES_NOT_ISSUABLE',
      details: [
        { path: 'enrolmentIds.0', code: 'CERTIFICATE_ALREADY_ISSUED' },
        { path: 'enrolmentIds.1', code: 'ENROLMENT_NOT_COMPLETED' },
      ],
    },
    {
      case: 'a class organised outside the registrar’s unit',
      who: 'registrar',
      ids: () => [enrolments.dung!],
      code: 'NOT_FOUND',
      details: [],
    },
    { case: 'an enrolment that does not exist', who: 'truong', ids: () => [999999], code: 'NOT_FOUND', details: [] },
    { case: 'a user who does not manage certificates', who: 'board', ids: () => [enrolments.dung!], code: 'FORBIDDEN', details: [] },
  ])('refuses $case, all or nothing', async ({ who, ids, code, details }) => {
    const before = {
      certificates: await count('certificates'),
      qualifications: await count('qualifications'),
      audit: await count('audit_log'),
    };
    const counter = await db.query('SELECT last_number FROM certificate_counters');
    const err = await issue(who, ids()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    expect((err as AppError).details.map((d) => ({ path: d.path, code: d.code }))).toEqual(details);
    if (details.length > 0) expect((err as AppError).details[0]!.message).toMatch(/^Nguyễn Thị Hằng: /);
    expect({
      certificates: await count('certificates'),
      qualifications: await count('qualifications'),
      audit: await count('audit_log'),
    }).toEqual(before);
    expect((await db.query('SELECT last_number FROM certificate_counters')).rows).toEqual(counter.rows);
  });

  it('refuses a completed enrolment without a classification', async () => {
    const classId = await insertClass('K9');
    const id = await enrol(classId, fx.people.an, 'completed', null);
    const err = (await issue('truong', [id]).catch((e: unknown) => e)) as AppError;
    expect(err.details).toEqual([
      { path: 'enrolmentIds.0', code: 'CLASSIFICATION_MISSING', message: 'Nguyễn Văn An: Học viên chưa có xếp loại tốt nghiệp.' },
    ]);
  });

  it('gives two classes graduating at the same moment distinct, gapless numbers', async () => {
    const ids: Record<string, number[]> = { k2: [], k3: [] };
    for (const cohort of ['k2', 'k3'] as const) {
      classes[cohort] = await insertClass(cohort.toUpperCase());
      for (let i = 0; i < 6; i++) {
        const person = await insertPerson(
          `Học Viên ${cohort.toUpperCase()} Số ${i + 1}`,
          fx.units.communeB,
          `00809${cohort === 'k2' ? 1 : 2}00000${i}`,
        );
        ids[cohort]!.push(await enrol(classes[cohort]!, person));
      }
    }
    const [k2, k3] = await Promise.all([issue('truong', ids.k2!), issue('truong', ids.k3!)]);
    const sequence = (n: string) => Number(n.split('/')[2]);
    const all = [...k2!, ...k3!].map((c) => sequence(c.number)).sort((a, b) => a - b);
    expect(all).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    // each class holds one unbroken block
    for (const batch of [k2!, k3!]) {
      const numbers = batch.map((c) => sequence(c.number));
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    }
    expect((await db.query("SELECT last_number FROM certificate_counters WHERE programme_code = 'TC_LLCT' AND year = 2026")).rows).toEqual([
      { last_number: 15 },
    ]);
  });
});

describe('public verification', () => {
  it('shows a valid certificate with the holder’s full name and birth year only, to anyone', async () => {
    const code = await codeOf(issued.hang!.id, hang);
    const res = await verifyCode(code);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'valid',
      headline: 'Văn bằng, chứng chỉ hợp lệ',
      reason: null,
      revocation: null,
      certificate: {
        number: 'TC-LLCT/2026/000003',
        documentKind: 'diploma',
        documentTitle: 'Bằng tốt nghiệp',
        holderName: 'Nguyễn Thị Hằng',
        holderBirthYear: 1990,
        programme: { code: 'TC_LLCT', name: 'Trung cấp lý luận chính trị' },
        classification: { code: 'gioi', label: 'Giỏi' },
        issuedOn: ISSUED_ON,
        issuer: 'Trường Chính trị tỉnh Thử Nghiệm',
      },
    });
    expect(JSON.stringify(body)).not.toContain('1990-03-08');
  });

  it('publishes the public key, with which anyone can check a code offline', async () => {
    const res = await get(null, '/api/v1/certificates/public-key');
    expect(res.statusCode).toBe(200);
    const key = res.json();
    expect(key).toMatchObject({ algorithm: 'Ed25519', format: 'spki-pem' });
    expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const [payload, signature] = (await codeOf(issued.hang!.id, hang)).split('.');
    const ok = verify(null, training.decodeBase64Url(payload!)!, createPublicKey(key.publicKey), training.decodeBase64Url(signature!)!);
    expect(ok).toBe(true);
    expect(await count('signing_keys')).toBe(1);
  });

  const reencode = (payload: string, signature: Uint8Array) =>
    `${training.encodeBase64Url(new TextEncoder().encode(payload))}.${training.encodeBase64Url(signature)}`;
  const payloadOf = (code: string) => new TextDecoder().decode(training.decodeBase64Url(code.split('.')[0]!)!);
  const signatureOf = (code: string) => training.decodeBase64Url(code.split('.')[1]!)!;
  const withField = (code: string, index: number, value: string) => {
    const fields = JSON.parse(payloadOf(code)) as string[];
    fields[index] = value;
    return JSON.stringify(fields);
  };
  const installationKey = async () =>
    (await db.query<{ private_key: string }>('SELECT private_key FROM signing_keys')).rows[0]!.private_key;
  const signedBy = (privateKey: string | KeyObject, payload: string) =>
    reencode(payload, new Uint8Array(sign(null, new TextEncoder().encode(payload), privateKey)));

  it('answers invalid, with the reason, to every tampered, forged, unknown or garbage code, and changes nothing', async () => {
    const code = await codeOf(issued.hang!.id, hang);
    const flipped = signatureOf(code);
    flipped[10] = flipped[10]! ^ 0x01;
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const key = await installationKey();
    const cases: [string, string, string][] = [
      ['a flipped byte of the signature', reencode(payloadOf(code), flipped), 'signature'],
      ['another issued number with the old signature', reencode(withField(code, 1, 'TC-LLCT/2026/000001'), signatureOf(code)), 'signature'],
      ['an edited name with the old signature', reencode(withField(code, 3, 'Nguyễn Thị Hường'), signatureOf(code)), 'signature'],
      ['a code signed with another key', signedBy(stranger, payloadOf(code)), 'signature'],
      ['a made-up number signed with the installation key', signedBy(key, withField(code, 1, 'TC-LLCT/2026/999999')), 'unknown_number'],
      ['a different name signed with the installation key', signedBy(key, withField(code, 3, 'Nguyễn Thị Hường')), 'mismatch'],
      ['a different person id signed with the installation key', signedBy(key, withField(code, 2, String(fx.people.an))), 'mismatch'],
      ['random garbage', 'abc', 'malformed'],
      ['an empty code', '', 'malformed'],
      ['only the signature part', code.split('.')[1]!, 'malformed'],
      ['a truncated code', code.slice(0, -5), 'malformed'],
      ['a code with a slash', 'abc/def', 'malformed'],
      ['Vietnamese letters', encodeURIComponent('Nguyễn.Thị'), 'malformed'],
      ['a very long code', 'A'.repeat(5000), 'malformed'],
      ['JSON that is not a payload', reencode('{"number":"TC-LLCT/2026/000003"}', signatureOf(code)), 'malformed'],
    ];
    const before = { certificates: await count('certificates'), audit: await count('audit_log'), keys: await count('signing_keys') };
    for (const [what, tampered, reason] of cases) {
      const res = await verifyCode(tampered);
      expect(res.statusCode, what).toBe(200);
      expect(res.json(), what).toMatchObject({
        status: 'invalid',
        headline: 'Không xác thực được văn bằng, chứng chỉ',
        certificate: null,
        reason: { code: reason },
      });
      expect(res.json().reason.message, what).toMatch(/\S/);
    }
    expect({ certificates: await count('certificates'), audit: await count('audit_log'), keys: await count('signing_keys') }).toEqual(
      before,
    );
    // the genuine code still verifies
    expect((await verifyCode(code)).json().status).toBe('valid');
  });

  it('limits verification requests per address', async () => {
    const limited = await buildTestApp(db);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await limited.inject({ url: '/api/v1/verify/abc' })).statusCode);
      expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
      const last = await limited.inject({ url: '/api/v1/verify/abc' });
      expect(last.statusCode).toBe(429);
      expect(last.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('the PDF', () => {
  it('downloads as a PDF with the holder, the programme, the place and date in words, and a QR link to the verification page', async () => {
    const res = await get(truong, `/api/v1/certificates/${issued.hang!.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Bằng tốt nghiệp TC-LLCT-2026-000003 Nguyễn Thị Hằng.pdf')}`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const line of [
      'TRƯỜNG CHÍNH TRỊ TỈNH THỬ NGHIỆM',
      'BẰNG TỐT NGHIỆP',
      'Cấp cho: Bà Nguyễn Thị Hằng',
      'Sinh ngày: 08/03/1990',
      'Đã tốt nghiệp chương trình trung cấp lý luận chính trị',
      'Lớp trung cấp lý luận chính trị K1 (khóa K1)',
      'từ 02/03/2026 đến 11/12/2026',
      'Xếp loại tốt nghiệp:Giỏi',
      'Số hiệu: TC-LLCT/2026/000003',
      'Thử Nghiệm, ngày 15 tháng 12 năm 2026',
    ]) {
      expect(text, line).toContain(line);
    }
    const code = await codeOf(issued.hang!.id, hang);
    expect(pdf.toString('latin1')).toContain(`/URI (${BASE_URL}/verify/${code})`);
  });

  const downloads: [string, number, () => Session | null, () => number][] = [
    ['the holder as a learner', 200, () => learner, () => issued.binh!.id],
    ['a learner, someone else’s', 404, () => learner, () => issued.hang!.id],
    ['the officer of the holder’s commune', 200, () => officerA, () => issued.hang!.id],
    ['an officer of another commune', 404, () => officerA, () => issued.cuong!.id],
    ['the school’s registrar, for a learner from anywhere', 200, () => truong, () => issued.cuong!.id],
    ['a registrar of another unit', 404, () => registrarElsewhere, () => issued.hang!.id],
    ['a lecturer', 403, () => lecturer, () => issued.hang!.id],
    ['nobody signed in', 401, () => null, () => issued.hang!.id],
    ['a certificate that does not exist', 404, () => truong, () => 999999],
  ];
  it.each(downloads)('is downloaded by %s → %i', async (_who, status, session, id) => {
    const res = await get(session(), `/api/v1/certificates/${id()}/pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(status);
  });
});

describe('certificate lists', () => {
  it('lists a person’s certificates to whoever may read the person, with the code for the QR', async () => {
    const mine = (await get(learner, `/api/v1/people/${fx.people.binh}/certificates`)).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      number: 'TC-LLCT/2026/000001',
      person: { id: fx.people.binh, fullName: 'Nguyễn Thị Bình' },
      holderName: 'Nguyễn Thị Bình',
      classification: { code: 'xuat_sac', label: 'Xuất sắc' },
      class: { id: classes.k1, cohortCode: 'K1' },
      issuer: { id: schoolId, name: 'Trường Chính trị tỉnh Thử Nghiệm' },
      revocation: null,
    });
    expect(mine.items[0].verificationPath).toBe(`/verify/${mine.items[0].verificationCode}`);
    expect((await get(officerA, `/api/v1/people/${fx.people.cuong}/certificates`)).statusCode).toBe(404);
    expect((await get(learner, `/api/v1/people/${hang}/certificates`)).statusCode).toBe(404);
  });

  it('lists a class’s certificates: the whole class to its school, only their own people to an agency', async () => {
    const numbersFor = async (s: Session) =>
      (await get(s, `/api/v1/classes/${classes.k1}/certificates`)).json().items.map((c: { number: string }) => c.number);
    expect(await numbersFor(truong)).toEqual(['TC-LLCT/2026/000001', 'TC-LLCT/2026/000002', 'TC-LLCT/2026/000003']);
    expect(await numbersFor(officerA)).toEqual(['TC-LLCT/2026/000001', 'TC-LLCT/2026/000003']);
    expect(await numbersFor(board)).toEqual(['TC-LLCT/2026/000001', 'TC-LLCT/2026/000002', 'TC-LLCT/2026/000003']);
    expect((await get(truong, '/api/v1/classes/999999/certificates')).statusCode).toBe(404);
  });
});

describe('revocation', () => {
  const revoke = (s: Session, id: number, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/v1/certificates/${id}/revoke`, headers: as(s), payload });

  it('revokes with a reason: verification says revoked, the qualification leaves the registry and the gap comes back', async () => {
    const code = await codeOf(issued.hang!.id, hang);
    // the school's list offers the revocation (the certificate policy), the holder's commune does not
    const actionsOf = async (s: Session) =>
      (await get(s, `/api/v1/classes/${classes.k1}/certificates`)).json().items.find((c: { id: number }) => c.id === issued.hang!.id)?.actions;
    expect(await actionsOf(truong)).toEqual(['revoke']);
    expect((await get(officerA, `/api/v1/people/${hang}/certificates`)).json().items[0].actions).toEqual([]);
    const res = await revoke(truong, issued.hang!.id, { reason: '  Hồ sơ  dự tuyển khai man bằng tốt nghiệp đại học ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: issued.hang!.id,
      qualificationId: null,
      revocation: { revokedBy: 'truong', reason: 'Hồ sơ dự tuyển khai man bằng tốt nghiệp đại học' },
      actions: [],
    });
    expect(await actionsOf(truong)).toEqual([]);

    const check = (await verifyCode(code)).json();
    expect(check).toMatchObject({
      status: 'revoked',
      headline: 'Văn bằng, chứng chỉ đã bị thu hồi',
      certificate: { number: 'TC-LLCT/2026/000003', holderName: 'Nguyễn Thị Hằng' },
      revocation: { revokedOn: todayInVietnam(), reason: 'Hồ sơ dự tuyển khai man bằng tốt nghiệp đại học' },
    });

    const person = (await get(officerA, `/api/v1/people/${hang}`)).json();
    expect(person.politicalTheoryLevel).toBeNull();
    expect(person.qualifications.map((q: { source: string }) => q.source)).toEqual(['imported']);
    const gaps = (await get(officerA, `/api/v1/people/${hang}/gaps?asOf=2026-12-20`)).json();
    expect(gaps.summary.needs.map((n: { kind: string; level: string }) => `${n.kind}:${n.level}`)).toContain('political_theory:trung_cap');

    const audit = await db.query<{ entity: string; action: string }>(
      "SELECT entity, action FROM audit_log WHERE person_id = $1 AND action IN ('revoke', 'delete') ORDER BY id",
      [hang],
    );
    expect(audit.rows).toEqual([
      { entity: 'qualification', action: 'delete' },
      { entity: 'certificate', action: 'revoke' },
    ]);

    // the PDF can still be downloaded, marked as revoked
    const pdf = await get(truong, `/api/v1/certificates/${issued.hang!.id}/pdf`);
    expect(pdfText(pdf.rawPayload)).toContain('ĐÃ THU HỒI');
  });

  const refusals: [string, () => Session, () => number, Record<string, unknown>, number, string][] = [
    ['a second revocation', () => truong, () => issued.hang!.id, { reason: 'Lần nữa' }, 409, 'CERTIFICATE_ALREADY_REVOKED'],
    ['a registrar of another unit', () => registrarElsewhere, () => issued.cuong!.id, { reason: 'Sai sót' }, 404, 'NOT_FOUND'],
    ['an agency officer', () => officerA, () => issued.binh!.id, { reason: 'Sai sót' }, 403, 'FORBIDDEN'],
    ['an empty reason', () => truong, () => issued.cuong!.id, { reason: '   ' }, 400, 'VALIDATION_FAILED'],
    ['no reason', () => truong, () => issued.cuong!.id, {}, 400, 'VALIDATION_FAILED'],
    ['an unknown certificate', () => truong, () => 999999, { reason: 'Sai sót' }, 404, 'NOT_FOUND'],
  ];
  it.each(refusals)('refuses %s and changes nothing', async (_case, session, id, payload, status, code) => {
    const before = (await db.query('SELECT id, revoked_at, revoke_reason, qualification_id FROM certificates ORDER BY id')).rows;
    const audit = await count('audit_log');
    const res = await revoke(session(), id(), payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect((await db.query('SELECT id, revoked_at, revoke_reason, qualification_id FROM certificates ORDER BY id')).rows).toEqual(before);
    expect(await count('audit_log')).toBe(audit);
  });

  it('lets an officer delete the graduated qualification from the profile; the certificate stays valid', async () => {
    const qualificationId = issued.binh!.qualificationId!;
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/v1/people/${fx.people.binh}/qualifications/${qualificationId}`,
      headers: as(officerA),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [certificate] = (await get(learner, `/api/v1/people/${fx.people.binh}/certificates`)).json().items;
    expect(certificate.qualificationId).toBeNull();
    expect((await verifyCode(certificate.verificationCode)).json().status).toBe('valid');
  });
});
