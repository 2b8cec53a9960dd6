import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';

/**
 * Collects positional parameters while a query is assembled: `p.add(v)` returns "$n".
 */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Escapes LIKE wildcards in a literal. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The condition every scoped query carries: the unit (alias `unitAlias`) lies in the user's
 * subtree, or the person (alias `personAlias`) is the user themself.
 */
export function scopeCondition(scope: Scope, p: Params, unitAlias: string, personAlias?: string): string {
  if (scope.kind === 'subtree') return `${unitAlias}.path LIKE ${p.add(`${likeEscape(scope.unitPath)}%`)}`;
  if (!personAlias || scope.personId === null) return 'false';
  return `${personAlias}.id = ${p.add(scope.personId)}`;
}

/**
 * Whether the subtree of `unitPath` holds every unit of the registry (its root is the only root): then
 * it narrows nothing, and a statement need not read the people under its units (decision 0070).
 */
export async function subtreeHoldsEveryUnit(db: Queryable, unitPath: string): Promise<boolean> {
  const r = await db.query<{ covers: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM units WHERE path NOT LIKE $1) AS covers', [`${likeEscape(unitPath)}%`]);
  return r.rows[0]?.covers ?? false;
}
