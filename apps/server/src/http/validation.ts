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

/** A NUL (no PostgreSQL text can hold it) or a lone UTF-16 surrogate (no UTF-8 text or JSON column can). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasInvalidCharacter = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);

/**
 * Paths of every string (value or key) in the input that holds an invalid character. Iterative,
 * so a deeply nested body cannot overflow the stack.
 */
export function invalidTextPaths(input: unknown, limit = 20): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[input, '']];
  while (stack.length > 0 && found.length < limit) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (hasInvalidCharacter(value)) found.push(path);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = join(path, key);
        if (hasInvalidCharacter(key)) found.push(childPath);
        else stack.push([child, childPath]);
      }
    }
  }
  return found;
}

/**
 * Request validation for every route: text with a NUL or a lone surrogate is refused first, for
 * every field of every route (before login too); then the zod parse. Failures are
 * VALIDATION_FAILED with field paths.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const bad = invalidTextPaths(data);
    if (bad.length > 0)
      return {
        error: new AppError(
          'VALIDATION_FAILED',
          bad.map((path) => fieldError(path || 'body', 'INVALID_CHARACTER')),
        ),
      };
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new AppError('VALIDATION_FAILED', zodDetails(result.error, data)) };
  };
