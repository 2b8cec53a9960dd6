import type { FormInstance } from 'antd';
import type { ErrorDetail } from '@nang-tam/contracts';
import type { Locale } from '../i18n';
import { fieldErrorMessage, hasFieldDetails } from './errors';

/**
 * Puts the server's field errors (details[].path = field name) under their form fields.
 * Returns the problems that belong to no field of this form, to show above it.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fields: readonly string[], locale: Locale): ErrorDetail[] {
  if (!hasFieldDetails(err)) return [];
  const byField = new Map<string, string[]>();
  const rest: ErrorDetail[] = [];
  for (const d of err.details) {
    const name = d.path.split('.')[0] ?? '';
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), fieldErrorMessage(d, locale)]);
    else rest.push(d);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(first, { block: 'center', behavior: 'smooth' });
  return rest;
}
