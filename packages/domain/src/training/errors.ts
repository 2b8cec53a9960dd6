/**
 * Stable error codes of the training rules, each with a Vietnamese message. Validation of what a
 * user typed (a grade, a recall, a verification code) returns a `Result`; only data that a caller
 * should never have passed (a malformed date, a negative capacity) throws `TrainingError`.
 */
import { isIsoDate } from '../dates.js';

export const TRAINING_ERROR_MESSAGES = {
  GRADE_NOT_A_NUMBER: 'Điểm phải là một số.',
  GRADE_OUT_OF_SCALE: 'Điểm nằm ngoài thang điểm.',
  GRADE_NOT_ON_STEP: 'Điểm không đúng bước chấm của thang điểm.',
  RECALL_DATES_REQUIRED: 'Phải nhập ngày bắt đầu và ngày kết thúc đợt triệu tập về cơ quan.',
  RECALL_DATE_INVALID: 'Ngày triệu tập về cơ quan không hợp lệ (định dạng YYYY-MM-DD).',
  RECALL_PERIOD_INVALID: 'Ngày kết thúc đợt triệu tập không được trước ngày bắt đầu.',
  CERTIFICATE_NUMBER_INVALID: 'Số hiệu văn bằng, chứng chỉ không đúng định dạng (ví dụ TC-LLCT/2026/000123).',
  CERTIFICATE_NUMBER_MISMATCH: 'Số hiệu không khớp với chương trình hoặc năm cấp.',
  CERTIFICATE_FIELD_INVALID: 'Thông tin văn bằng, chứng chỉ thiếu hoặc không hợp lệ.',
  CODE_MALFORMED: 'Mã xác thực không đúng định dạng.',
  CODE_BAD_BASE64: 'Mã xác thực chứa ký tự hoặc độ dài không hợp lệ.',
  PAYLOAD_NOT_UTF8: 'Nội dung mã xác thực không đọc được.',
  PAYLOAD_INVALID: 'Nội dung mã xác thực không phải thông tin văn bằng, chứng chỉ hợp lệ.',
  PAYLOAD_NOT_CANONICAL: 'Nội dung mã xác thực đã bị thay đổi so với dạng chuẩn.',
  SIGNATURE_INVALID_LENGTH: 'Chữ ký trong mã xác thực có độ dài không hợp lệ.',
} as const;

export type TrainingErrorCode = keyof typeof TRAINING_ERROR_MESSAGES;

export type GradeErrorCode = 'GRADE_NOT_A_NUMBER' | 'GRADE_OUT_OF_SCALE' | 'GRADE_NOT_ON_STEP';
export type RecallErrorCode = 'RECALL_DATES_REQUIRED' | 'RECALL_DATE_INVALID' | 'RECALL_PERIOD_INVALID';
export type CertificateErrorCode = 'CERTIFICATE_NUMBER_INVALID' | 'CERTIFICATE_NUMBER_MISMATCH' | 'CERTIFICATE_FIELD_INVALID';
export type VerificationCodeErrorCode =
  'CODE_MALFORMED' | 'CODE_BAD_BASE64' | 'PAYLOAD_NOT_UTF8' | 'PAYLOAD_INVALID' | 'PAYLOAD_NOT_CANONICAL' | 'SIGNATURE_INVALID_LENGTH';

export interface Failure<E extends TrainingErrorCode> {
  ok: false;
  error: E;
  /** Vietnamese, for the user. */
  message: string;
  details: Record<string, unknown>;
}

export type Result<T, E extends TrainingErrorCode> = { ok: true; value: T } | Failure<E>;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E extends TrainingErrorCode>(error: E, details: Record<string, unknown> = {}): Failure<E> {
  return { ok: false, error, message: TRAINING_ERROR_MESSAGES[error], details };
}

/** Thrown for input no caller should pass (a programming or data error, not a user's typing). */
export type TrainingErrorKind = 'INVALID_DATE' | 'INVALID_CLASS_PERIOD' | 'INVALID_CAPACITY' | 'INVALID_SCHEME' | 'INVALID_INPUT';

export class TrainingError extends Error {
  readonly code: TrainingErrorKind;
  readonly details: Record<string, unknown>;

  constructor(code: TrainingErrorKind, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'TrainingError';
    this.code = code;
    this.details = details;
  }
}

/** Throws INVALID_DATE unless `value` is a real calendar date "YYYY-MM-DD". */
export function assertDate(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new TrainingError('INVALID_DATE', `Ngày không hợp lệ (${field}, định dạng YYYY-MM-DD).`, { field, value });
  }
}
