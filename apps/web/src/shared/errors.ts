import { ERRORS, FIELD_ERRORS, type ErrorDetail } from '@nang-tam/contracts';
import { ApiError, CLIENT_ERROR_CODES, isApiError } from '../api/client';
import { translate, type Locale } from '../i18n';

/** A user-facing message for any error thrown by the API client, in the UI language. */
export function errorMessage(err: unknown, locale: Locale): string {
  if (isApiError(err)) {
    if (err.code === CLIENT_ERROR_CODES.NETWORK) return translate(locale, 'error.network');
    if (err.code === CLIENT_ERROR_CODES.BAD_RESPONSE) return translate(locale, 'error.badResponse');
    const def = (ERRORS as Record<string, { vi: string; en: string } | undefined>)[err.code];
    if (locale === 'en' && def) return def.en;
    if (err.message) return err.message;
    if (def) return def[locale];
    return translate(locale, 'error.generic');
  }
  return translate(locale, 'error.generic');
}

/** The message of one field problem, in the UI language. */
export function fieldErrorMessage(d: ErrorDetail, locale: Locale): string {
  const def = (FIELD_ERRORS as Record<string, { vi: string; en: string } | undefined>)[d.code];
  if (locale === 'en' && def) return def.en;
  return d.message || def?.[locale] || d.code;
}

/** An answer whose details name fields (400 VALIDATION_FAILED, 409 DUPLICATE with the citizen id...). */
export function hasFieldDetails(err: unknown): err is ApiError {
  return isApiError(err) && err.details.length > 0;
}
