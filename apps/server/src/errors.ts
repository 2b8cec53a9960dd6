import { ERRORS, FIELD_ERRORS, type ErrorCode, type ErrorDetail, type FieldErrorCode } from '@nang-tam/contracts';

/**
 * The one error type services throw. Routes never build HTTP errors; the error handler maps the
 * code to its status and Vietnamese message.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetail[] = [],
    message?: string,
  ) {
    super(message ?? ERRORS[code].vi);
    this.name = 'AppError';
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function fieldError(path: string, code: FieldErrorCode | string): ErrorDetail {
  const known = (FIELD_ERRORS as Record<string, { vi: string }>)[code];
  return { path, code, message: known?.vi ?? FIELD_ERRORS.INVALID_VALUE.vi };
}

export const notFound = () => new AppError('NOT_FOUND');

/** Throws VALIDATION_FAILED when there is any detail. */
export function assertNoFieldErrors(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}
