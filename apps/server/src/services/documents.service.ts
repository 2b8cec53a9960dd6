/**
 * Printed documents of a class (issue 10, point 5; decision 0034): decisions, summons, the class
 * list, attendance and grade sheets, the certificate register and the class's certificates, made
 * from the records and signed per the organiser's document settings. SQL gathers the facts, the
 * domain decides whether a document can be made (`training.documentRefusal`), the builders lay it
 * out, a worker thread renders it (DOCX or PDF) so the event loop stays free.
 */
import { rules, todayInVietnam, training, type IsoDate } from '@nang-tam/domain';
import { attendanceRepo, auditRepo, certificatesRepo, classesRepo, documentsRepo, gradesRepo, type Db, type Queryable } from '@nang-tam/db';
import {
  CERTIFICATE_DOCUMENT_KINDS,
  DOCUMENT_KIND_CODES,
  DOCUMENT_KINDS,
  type ClassDocumentList,
  type DocumentFormat,
  type DocumentKind,
  type DocumentQuery,
  type DocumentSettings,
  type Job,
  type UpdateDocumentSettings,
} from '@nang-tam/contracts';
import { AppError, notFound } from '../errors.js';
import { classPolicy } from '../policies/class.js';
import { documentSettingsPolicy, reachesUnit } from '../policies/document-settings.js';
import { loadClassFacts } from './access-facts.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { classificationLabel, documentKindOf, pdfDataOf } from './certificates.service.js';
import * as builders from '../documents/administrative/builders.js';
import type { AdminDocument, Issuer } from '../documents/administrative/model.js';
import { workerPool } from '../workers/pool.js';
import { queueJob, toJob } from './jobs.service.js';
import { asBuffer } from '../workers/tasks.js';
import { signedIfConfigured } from './pdf-signing.service.js';

// ---------- settings ----------

type SettingsFields = Omit<DocumentSettings, 'unitId' | 'unitName' | 'isDefault' | 'version' | 'updatedBy' | 'updatedAt' | 'actions'>;

function fieldsOf(row: documentsRepo.DocumentSettingsRow): SettingsFields {
  return {
    headerStyle: row.header_style,
    parentBody: row.parent_body,
    issuingBody: row.issuing_body,
    symbol: row.symbol,
    place: row.place,
    signerAuthority: row.signer_authority,
    signerTitle: row.signer_title,
    signerName: row.signer_name,
  };
}

/** The unit's saved settings, or the defaults derived from its names. */
async function resolveSettings(
  db: Queryable,
  unit: documentsRepo.UnitNamesRow,
): Promise<{ fields: SettingsFields; row: documentsRepo.DocumentSettingsRow | null }> {
  const row = await documentsRepo.findSettings(db, unit.id);
  if (row) return { fields: fieldsOf(row), row };
  return {
    fields: training.defaultDocumentSettings({ name: unit.name, parentName: unit.parent_name, provinceName: unit.province_name }),
    row: null,
  };
}

async function reachableUnit(db: Queryable, user: AuthUser, unitId: number): Promise<documentsRepo.UnitNamesRow> {
  const unit = await documentsRepo.findUnitNames(db, unitId);
  if (!unit || !reachesUnit(user, { unitPath: unit.path })) throw notFound();
  return unit;
}

function toSettings(
  user: AuthUser,
  unit: documentsRepo.UnitNamesRow,
  s: { fields: SettingsFields; row: documentsRepo.DocumentSettingsRow | null },
): DocumentSettings {
  return {
    unitId: unit.id,
    unitName: unit.name,
    ...s.fields,
    isDefault: s.row === null,
    version: s.row?.version ?? null,
    updatedBy: s.row?.updated_by_name ?? null,
    updatedAt: s.row ? new Date(s.row.updated_at).toISOString() : null,
    actions: documentSettingsPolicy.allowedActions(user, { unitPath: unit.path }),
  };
}

/** The document settings of a unit in the user's subtree (its defaults until someone saves them). */
export async function getDocumentSettings(db: Db, user: AuthUser, unitId: number): Promise<DocumentSettings> {
  const unit = await reachableUnit(db, user, unitId);
  return toSettings(user, unit, await resolveSettings(db, unit));
}

/**
 * Saves the unit's document settings (the registrar, the board or the administrator of its
 * subtree), with an audit record of before and after. `version` is the one read (null over the
 * defaults); someone else's save in between answers CONFLICT.
 */
export async function updateDocumentSettings(
  db: Db,
  user: AuthUser,
  unitId: number,
  input: UpdateDocumentSettings,
): Promise<DocumentSettings> {
  return db.transaction(async (tx) => {
    const unit = await reachableUnit(tx, user, unitId);
    documentSettingsPolicy.authorize(user, { unitPath: unit.path }, 'update');
    const current = await documentsRepo.lockSettings(tx, unitId);
    if ((current?.version ?? null) !== input.version) throw new AppError('CONFLICT');
    const { version: _read, ...fields } = input;
    const before = current ? fieldsOf(current) : null;
    await documentsRepo.upsertSettings(tx, unitId, fields, user.id);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'update',
      entity: 'document_settings',
      entityId: unitId,
      before,
      after: fields,
    });
    return toSettings(user, unit, await resolveSettings(tx, unit));
  });
}

// ---------- a class's documents ----------

const FORMATS: Record<DocumentKind, DocumentFormat[]> = {
  study_decision: ['docx', 'pdf'],
  summons: ['docx', 'pdf'],
  class_list: ['docx', 'pdf'],
  attendance_sheet: ['docx', 'pdf'],
  grade_sheet: ['docx', 'pdf'],
  graduation_decision: ['docx', 'pdf'],
  certificate_register: ['docx', 'pdf'],
  certificates: ['pdf'],
};
const NUMBERED: ReadonlySet<DocumentKind> = new Set(['study_decision', 'summons', 'graduation_decision']);

interface ClassRecords {
  cls: documentsRepo.DocumentClassRow;
  learners: documentsRepo.DocumentLearnerRow[];
  modules: classesRepo.ClassModuleRow[];
  grades: gradesRepo.GradeRow[];
  hasFinalExam: boolean;
  certificates: certificatesRepo.CertificateRow[];
}

/** The class (in reach and printable by the user, else 404) and the records its documents print. */
async function loadRecords(db: Queryable, user: AuthUser, classId: number): Promise<ClassRecords> {
  const facts = await loadClassFacts(db, user, classId);
  const cls = facts ? await documentsRepo.findDocumentClass(db, classId) : null;
  if (!facts || !cls) throw notFound();
  classPolicy.authorize(user, facts, 'printDocuments');
  const [learners, modules, grades, certificates] = await Promise.all([
    documentsRepo.listDocumentLearners(db, classId),
    classesRepo.listClassModules(db, classId),
    gradesRepo.listGrades(db, { classId }),
    // the policy has put the organiser in the user's reach: every certificate of the class prints
    certificatesRepo.listCertificatesOfClass(db, { scope: user.scope, managesCertificates: true }, classId),
  ]);
  const hasFinalExam = (cls.graduation_conditions?.finalExam ?? 'none') !== 'none';
  return { cls, learners, modules, grades, hasFinalExam, certificates };
}

const gradeKey = (g: gradesRepo.GradeRow) => `${g.enrolment_id}:${g.class_module_id ?? 'final'}`;

function refusalOf(kind: DocumentKind, r: ClassRecords): training.DocumentRefusal | null {
  const missing =
    kind === 'grade_sheet'
      ? training.missingGrades(
          r.learners.map((l) => ({ enrolmentId: l.enrolment_id, name: l.full_name })),
          r.modules,
          r.hasFinalExam,
          new Set(r.grades.map(gradeKey)),
        )
      : [];
  return training.documentRefusal(kind, {
    className: r.cls.name,
    learners: r.learners.length,
    graduated: r.cls.status === 'finished',
    certificates: r.certificates.length,
    missingGrades: missing,
  });
}

/** The documents of a class with, for each, whether it can be made now (and why not). */
export async function listClassDocuments(db: Db, user: AuthUser, classId: number): Promise<ClassDocumentList> {
  const r = await loadRecords(db, user, classId);
  const unit = (await documentsRepo.findUnitNames(db, r.cls.organiser_unit_id))!;
  return {
    items: DOCUMENT_KIND_CODES.map((kind) => {
      const refusal = refusalOf(kind, r);
      return {
        kind,
        title: DOCUMENT_KINDS[kind].vi,
        formats: FORMATS[kind],
        numbered: NUMBERED.has(kind),
        refusal: refusal ? { code: refusal.code, message: refusal.message } : null,
      };
    }),
    issuer: { unitId: unit.id, name: unit.name },
  };
}

export interface DocumentFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

function learnerLine(l: documentsRepo.DocumentLearnerRow, scheme: unknown): builders.LearnerLine {
  return {
    enrolmentId: l.enrolment_id,
    name: l.full_name,
    birthDate: l.birth_date,
    gender: l.gender,
    ethnicity: l.ethnicity_name,
    position: l.job_position_name ?? l.title_name ?? '',
    unit: l.unit_name,
    education: l.education_level ?? '',
    politicalTheory: l.political_theory_level ?? '',
    stateManagement: l.state_management_level ?? '',
    status: l.status,
    average: l.average === null ? null : Number(l.average),
    classification: l.classification ? classificationLabel(l.classification, scheme) : null,
  };
}

/**
 * One document of a class as DOCX or PDF: refused with the domain's code and message when the
 * records do not allow it yet (no approved list, not graduated, grades missing, no certificates).
 * `baseUrl`: where the certificates' QR codes point.
 */
export async function renderClassDocument(
  db: Db,
  user: AuthUser,
  classId: number,
  kind: DocumentKind,
  query: DocumentQuery,
  baseUrl: string,
): Promise<DocumentFile> {
  const r = await checkedRecords(db, user, classId, kind, query);
  const format = query.format;

  if (kind === 'certificates') {
    const printable = r.certificates.filter((c) => c.revoked_at === null);
    if (printable.length === 0) throw new AppError('DOCUMENT_NO_CERTIFICATES');
    const list = printable.map((c) => pdfDataOf(c, baseUrl));
    const pdf = asBuffer(await workerPool().run('certificatesPdf', list));
    // signed with the organiser's certificate when it has one (PAdES, decision 0061)
    const content = await signedIfConfigured(db, r.cls.organiser_unit_id, pdf, { name: list[0]!.issuerName, location: list[0]!.place });
    return { fileName: `Văn bằng, chứng chỉ - ${r.cls.name}.pdf`.replace(/[\\/:*?"<>|]+/gu, '-'), contentType: CONTENT_TYPES.pdf, content };
  }

  const unit = (await documentsRepo.findUnitNames(db, r.cls.organiser_unit_id))!;
  const issuer: Issuer = (await resolveSettings(db, unit)).fields;
  let learners = r.learners;
  if (query.enrolmentId !== undefined) {
    learners = learners.filter((l) => l.enrolment_id === query.enrolmentId);
    if (learners.length === 0) throw notFound();
  }
  const common: builders.CommonInput = {
    issuer,
    number: query.number && query.number !== '' ? query.number : null,
    date: (query.date ?? todayInVietnam()) as IsoDate,
    cls: {
      name: r.cls.name,
      cohortCode: r.cls.cohort_code,
      programmeName: r.cls.programme_name,
      modeLabel: (rules.STUDY_MODE_LABELS as Record<string, string>)[r.cls.mode] ?? r.cls.mode,
      site: r.cls.site,
      startDate: r.cls.start_date as IsoDate,
      endDate: r.cls.end_date as IsoDate,
    },
    learners: learners.map((l) => learnerLine(l, r.cls.grading_scheme)),
  };
  const document = await buildDocument(db, kind, common, r);
  const content = asBuffer(await workerPool().run('adminDocument', { document, format }));
  return { fileName: `${document.fileTitle}.${format}`, contentType: CONTENT_TYPES[format], content };
}

/** What a class document job is queued with (jobs/class-document.job.ts runs it). */
export interface ClassDocumentParams {
  classId: number;
  kind: DocumentKind;
  query: DocumentQuery;
  /** Where the web app is reached: the certificates' QR codes point there. */
  baseUrl: string;
}

/** The class's records when the document can be made from them in this format, else the refusal. */
async function checkedRecords(
  db: Queryable,
  user: AuthUser,
  classId: number,
  kind: DocumentKind,
  query: DocumentQuery,
): Promise<ClassRecords> {
  const r = await loadRecords(db, user, classId);
  if (!FORMATS[kind].includes(query.format))
    throw new AppError('VALIDATION_FAILED', [{ path: 'format', code: 'INVALID_VALUE', message: 'Văn bản này chỉ có bản PDF.' }]);
  if (query.enrolmentId !== undefined && kind !== 'summons')
    throw new AppError('VALIDATION_FAILED', [
      { path: 'enrolmentId', code: 'UNKNOWN_FIELD', message: 'Chỉ giấy triệu tập lập được cho từng học viên.' },
    ]);
  const refusal = refusalOf(kind, r);
  if (refusal)
    throw new AppError(
      refusal.code,
      refusal.details.map((d) => ({ ...d, code: 'GRADE_MISSING' })),
      refusal.message,
    );
  return r;
}

/**
 * Queues a document of a large class as a background job (decision 0034: the class's certificates
 * as one PDF take seconds per hundred pages). Refusals answer at once, as for the download; the
 * job checks again as its creator when it runs.
 */
export async function startClassDocumentJob(
  db: Db,
  user: AuthUser,
  classId: number,
  kind: DocumentKind,
  query: DocumentQuery,
  baseUrl: string,
): Promise<Job> {
  await checkedRecords(db, user, classId, kind, query);
  const params: ClassDocumentParams = { classId, kind, query, baseUrl };
  return toJob(
    await queueJob(db, user, { kind: 'class_document', params: params as unknown as Record<string, unknown> }, { audit: 'export' }),
  );
}

async function buildDocument(
  db: Queryable,
  kind: Exclude<DocumentKind, 'certificates'>,
  common: builders.CommonInput,
  r: ClassRecords,
): Promise<AdminDocument> {
  const certificateTitle = CERTIFICATE_DOCUMENT_KINDS[documentKindOf(r.cls.programme_kind)].vi;
  switch (kind) {
    case 'study_decision':
      return builders.studyDecision(common);
    case 'summons':
      return builders.summons(common);
    case 'class_list':
      return builders.classList(common);
    case 'attendance_sheet': {
      const [sessions, marks] = await Promise.all([
        classesRepo.listClassSessions(db, r.cls.id),
        attendanceRepo.listAttendance(db, { classId: r.cls.id }),
      ]);
      const held = sessions.filter((s) => s.on_date <= common.date);
      return builders.attendanceSheet({
        ...common,
        sessions: held.map((s) => ({ id: s.id, date: s.on_date as IsoDate })),
        marks: Object.fromEntries(marks.map((m) => [`${m.enrolment_id}:${m.session_id}`, m.mark])),
      });
    }
    case 'grade_sheet':
      return builders.gradeSheet({
        ...common,
        modules: r.modules.map((m) => ({ id: m.id, code: m.code, name: m.name })),
        hasFinalExam: r.hasFinalExam,
        grades: Object.fromEntries(r.grades.map((g) => [gradeKey(g), training.formatGrade(Number(g.value))])),
      });
    case 'graduation_decision':
      return builders.graduationDecision({ ...common, documentTitle: certificateTitle });
    case 'certificate_register': {
      const units = new Map(r.learners.map((l) => [l.enrolment_id, l.unit_name]));
      return builders.certificateRegister({
        ...common,
        documentTitle: certificateTitle,
        entries: r.certificates.map((c) => {
          const parsed = training.parseCertificateNumber(c.number);
          return {
            entryNumber: parsed.ok ? parsed.value.sequence : 0,
            number: c.number,
            holderName: c.holder_name,
            birthDate: c.holder_birth_date as IsoDate,
            gender: c.gender === 'female' ? 'female' : 'male',
            unit: units.get(c.enrolment_id) ?? '',
            classification: classificationLabel(c.classification, c.grading_scheme),
            issuedOn: c.issued_on as IsoDate,
            revoked: c.revoked_at !== null,
          };
        }),
      });
    }
  }
}
