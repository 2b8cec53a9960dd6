/**
 * Printed documents (issue 10, point 5; decision 0034): the documents officials sign, generated
 * from a class's records as editable Word files (DOCX) and PDF, laid out per Nghị định
 * 30/2020/NĐ-CP; and the organisation's settings that say who issues and signs them.
 */
import { z } from 'zod';
import { ZId, ZIdNumber, ZIsoDate, zRequiredText, zText } from './common.js';
import { zActions } from './actions.js';

/** The documents of a class, in the order the panel lists them. */
export const DOCUMENT_KINDS = {
  study_decision: { vi: 'Quyết định cử đi học (kèm danh sách)', en: 'Decision sending people to study (with its list)' },
  summons: { vi: 'Giấy triệu tập học viên', en: 'Summons to the class' },
  class_list: { vi: 'Danh sách trích ngang học viên', en: 'Class list with personal summary' },
  attendance_sheet: { vi: 'Bảng điểm danh', en: 'Attendance sheet' },
  grade_sheet: { vi: 'Bảng điểm', en: 'Grade sheet' },
  graduation_decision: { vi: 'Quyết định công nhận tốt nghiệp (kèm danh sách)', en: 'Decision recognising graduation (with its list)' },
  certificate_register: { vi: 'Sổ cấp phát bằng, chứng chỉ', en: 'Certificate issue register' },
  certificates: { vi: 'Văn bằng, chứng chỉ của cả lớp (một tệp PDF)', en: "The whole class's certificates (one PDF)" },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_KIND_CODES = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];
export const isDocumentKind = (v: unknown): v is DocumentKind => typeof v === 'string' && Object.hasOwn(DOCUMENT_KINDS, v);

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A kind in a path: an unknown one answers VALIDATION_FAILED with DOCUMENT_KIND_UNKNOWN on `kind`. */
export const ZDocumentParams = z.strictObject({
  id: ZId,
  kind: z.string().refine(isDocumentKind, { message: 'DOCUMENT_KIND_UNKNOWN' }).meta({ example: 'study_decision' }),
});

/** How one document is generated: the format, and for a draft for signature its number and date. */
export const ZDocumentQuery = z.strictObject({
  format: z.enum(DOCUMENT_FORMATS).default('docx'),
  /** The number of the decision (số), when known; left blank for the clerk to fill in. */
  number: zText(20)
    .refine((s) => /^[0-9A-Za-z.-]*$/.test(s), { message: 'DOCUMENT_NUMBER_INVALID' })
    .optional(),
  /** The date printed on the place and date line (default: today in Vietnam). */
  date: ZIsoDate.optional(),
  /** A summons for one learner (their enrolment) instead of the whole class. */
  enrolmentId: ZId.optional(),
});
export type DocumentQuery = z.infer<typeof ZDocumentQuery>;

/** One document of a class as its panel lists it: available, or why not (its error code and message). */
export const ZClassDocument = z.object({
  kind: z.enum(DOCUMENT_KIND_CODES),
  title: z.string(),
  formats: z.array(z.enum(DOCUMENT_FORMATS)),
  /** Whether the document takes a number (decisions). */
  numbered: z.boolean(),
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ClassDocument = z.infer<typeof ZClassDocument>;

export const ZClassDocumentList = z.object({
  items: z.array(ZClassDocument),
  /** The organisation whose settings sign the documents (the class's organiser). */
  issuer: z.object({ unitId: z.number(), name: z.string() }),
});
export type ClassDocumentList = z.infer<typeof ZClassDocumentList>;

// ---------- settings ----------

export const HEADER_STYLES = {
  state: { vi: 'Quốc hiệu, tiêu ngữ (Nghị định 30/2020/NĐ-CP)', en: 'National motto (Decree 30/2020)' },
  party: { vi: 'Đảng Cộng sản Việt Nam (Hướng dẫn 36-HD/VPTW)', en: 'Communist Party of Vietnam (Guidance 36-HD/VPTW)' },
} as const;
export type HeaderStyle = keyof typeof HEADER_STYLES;

export const DOCUMENT_SETTINGS_ACTIONS = ['update'] as const;
export type DocumentSettingsAction = (typeof DOCUMENT_SETTINGS_ACTIONS)[number];

const settingsFields = {
  headerStyle: z.enum(['state', 'party']),
  /** Cơ quan chủ quản (empty: none). */
  parentBody: zText(200),
  /** Cơ quan ban hành. */
  issuingBody: zRequiredText(200),
  /** Chữ viết tắt of the issuing body in the symbol, e.g. 'TCT' in 'Số: 12/QĐ-TCT'. */
  symbol: zRequiredText(30).refine((s) => /^[0-9A-ZĐ.-]+$/u.test(s), { message: 'DOCUMENT_SYMBOL_INVALID' }),
  place: zRequiredText(100),
  /** Quyền hạn: 'KT.', 'TL.', 'TM.', 'Q.' or empty. */
  signerAuthority: zText(100),
  signerTitle: zRequiredText(100),
  /** Empty: signed by hand above a blank name line. */
  signerName: zText(100),
};

export const ZDocumentSettings = z.object({
  unitId: z.number(),
  unitName: z.string(),
  headerStyle: settingsFields.headerStyle,
  parentBody: z.string(),
  issuingBody: z.string(),
  symbol: z.string(),
  place: z.string(),
  signerAuthority: z.string(),
  signerTitle: z.string(),
  signerName: z.string(),
  /** True while the unit uses the defaults derived from its name (nothing saved yet). */
  isDefault: z.boolean(),
  /** null while default; send it back when saving (conflict detection). */
  version: z.number().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  actions: zActions(DOCUMENT_SETTINGS_ACTIONS),
});
export type DocumentSettings = z.infer<typeof ZDocumentSettings>;

export const ZUpdateDocumentSettings = z.strictObject({
  ...settingsFields,
  /** The version read (null when saving over the defaults). */
  version: ZIdNumber.nullable(),
});
export type UpdateDocumentSettings = z.infer<typeof ZUpdateDocumentSettings>;

// ---------- the school's certificate for signing PDF files (PAdES, decision 0061) ----------

/** A unit's certificate for signing its PDF files: what it is, never its key or password. */
export const ZPdfSigningCertificate = z.object({
  unitId: z.number(),
  unitName: z.string(),
  /** null while the unit has none: its PDFs are not signed. */
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      serialNumber: z.string(),
      validFrom: z.string(),
      validTo: z.string(),
      /** SHA-256 of the certificate, hex bytes separated by colons. */
      fingerprint: z.string(),
      /** False once the certificate has expired: PDFs are then no longer signed. */
      valid: z.boolean(),
      version: z.number(),
      updatedBy: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  actions: zActions(DOCUMENT_SETTINGS_ACTIONS),
});
export type PdfSigningCertificate = z.infer<typeof ZPdfSigningCertificate>;

/** 100 KB of PKCS#12 at most (a certificate chain and one key are a few KB). */
export const PKCS12_MAX_BYTES = 100_000;

export const ZUploadPdfSigningCertificate = z.strictObject({
  /** The .p12/.pfx file, base64. */
  pkcs12: z
    .string()
    .min(1, { message: 'REQUIRED' })
    .max(Math.ceil(PKCS12_MAX_BYTES / 3) * 4 + 4, { message: 'PKCS12_TOO_LARGE' })
    .refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s.replace(/\s+/g, '')), { message: 'PKCS12_NOT_PKCS12' }),
  /** The file's password (empty when it has none); never stored in clear in answers or logs. */
  password: z.string().max(200),
});
export type UploadPdfSigningCertificate = z.infer<typeof ZUploadPdfSigningCertificate>;
