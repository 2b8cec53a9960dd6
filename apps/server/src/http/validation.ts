import type { FastifySchemaCompiler } from 'fastify';
import type { ErrorDetail } from '@nang-tam/contracts';
import type { z } from 'zod';
import { AppError, fieldError } from '../errors.js';

type Issue = z.core.$ZodIssue;

/** Maps one zod issue to our field-error code. */
function issueCode(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? 'REQUIRED' : 'INVALID_TYPE';
    case 'unrecognized_keys':
      return 'UNKNOWN_FIELD';
    case 'too_big':
      return issue.origin === 'string' ? 'TOO_LONG' : 'OUT_OF_RANGE';
    case 'too_small':
      return issue.origin === 'string' ? (issue.minimum === 1 ? 'REQUIRED' : 'TOO_SHORT') : 'OUT_OF_RANGE';
    case 'custom':
      return issue.message;
    case 'invalid_format':
      return 'INVALID_VALUE';
    default:
      return 'INVALID_VALUE';
  }
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

export function zodDetails(error: z.ZodError, input: unknown, prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(fieldError(join(prefix, base, key), 'UNKNOWN_FIELD'));
      continue;
    }
    out.push(fieldError(join(prefix, base), issueCode(issue, valueAt(input, issue.path))));
  }
  return out;
}

function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('.');
}

/** Request validation for every route: zod parse, failures as VALIDATION_FAILED with field paths. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new AppError('VALIDATION_FAILED', zodDetails(result.error, data)) };
  };
