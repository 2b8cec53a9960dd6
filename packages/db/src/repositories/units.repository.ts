import type { Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { Params, likeEscape } from './scope.js';

export interface UnitRow {
  id: number;
  code: string;
  official_code: string | null;
  name: string;
  kind: string;
  parent_id: number | null;
  path: string;
  depth: number;
  valid_from: string | null;
  valid_to: string | null;
  child_count: number;
  people_count: number;
}

// Unit paths hold only digits and slashes, so they need no LIKE escaping. People are counted per
// unit once (the materialised CTE) and summed over each listed unit's subtree.
const UNIT_SELECT = `
  WITH direct AS MATERIALIZED (SELECT unit_id, count(*)::int AS n FROM people GROUP BY unit_id)
  SELECT u.id, u.code, u.official_code, u.name, u.kind, u.parent_id, u.path, u.depth, u.valid_from, u.valid_to,
    (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id) AS child_count,
    (SELECT coalesce(sum(d.n), 0)::int FROM units su JOIN direct d ON d.unit_id = su.id
       WHERE su.path LIKE u.path || '%') AS people_count
  FROM units u`;

/** A unit subtree scope, as units only ever live under one. */
function unitScope(scope: Scope, p: Params): string {
  return scope.kind === 'subtree' ? `u.path LIKE ${p.add(`${likeEscape(scope.unitPath)}%`)}` : 'false';
}

export async function findUnitChildren(db: Queryable, scope: Scope, parentId: number): Promise<UnitRow[]> {
  const p = new Params();
  const r = await db.query<UnitRow>(
    `${UNIT_SELECT} WHERE u.parent_id = ${p.add(parentId)} AND ${unitScope(scope, p)} ORDER BY u.sort_order, u.name`,
    p.values,
  );
  return r.rows;
}

export async function findUnitByPath(db: Queryable, path: string): Promise<UnitRow | null> {
  const r = await db.query<UnitRow>(`${UNIT_SELECT} WHERE u.path = $1`, [path]);
  return r.rows[0] ?? null;
}

export async function findUnitById(db: Queryable, scope: Scope, id: number): Promise<UnitRow | null> {
  const p = new Params();
  const r = await db.query<UnitRow>(`${UNIT_SELECT} WHERE u.id = ${p.add(id)} AND ${unitScope(scope, p)}`, p.values);
  return r.rows[0] ?? null;
}

/** Units whose folded name contains every word, in scope, shallowest first. */
export async function searchUnits(db: Queryable, scope: Scope, words: string[], limit = 50): Promise<UnitRow[]> {
  const p = new Params();
  const conds = words.map((w) => `u.search_name LIKE ${p.add(`%${likeEscape(w)}%`)}`);
  const r = await db.query<UnitRow>(
    `${UNIT_SELECT} WHERE ${[unitScope(scope, p), ...conds].join(' AND ')}
     ORDER BY u.depth, u.name LIMIT ${p.add(limit)}`,
    p.values,
  );
  return r.rows;
}

export async function findUnitAncestors(db: Queryable, path: string): Promise<{ id: number; name: string }[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  if (ids.length <= 1) return [];
  const r = await db.query<{ id: number; name: string }>('SELECT id, name FROM units WHERE id = ANY($1::int[])', [ids.slice(0, -1)]);
  const byId = new Map(r.rows.map((u) => [u.id, u]));
  return ids.slice(0, -1).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export interface UnitLinkRow {
  id: number;
  name: string;
  effective_on: string;
  note: string | null;
}

export async function findUnitLinks(db: Queryable, unitId: number): Promise<{ predecessors: UnitLinkRow[]; successors: UnitLinkRow[] }> {
  const pre = await db.query<UnitLinkRow>(
    `SELECT u.id, u.name, l.effective_on, l.note FROM unit_links l JOIN units u ON u.id = l.predecessor_id
     WHERE l.successor_id = $1 ORDER BY u.name`,
    [unitId],
  );
  const suc = await db.query<UnitLinkRow>(
    `SELECT u.id, u.name, l.effective_on, l.note FROM unit_links l JOIN units u ON u.id = l.successor_id
     WHERE l.predecessor_id = $1 ORDER BY u.name`,
    [unitId],
  );
  return { predecessors: pre.rows, successors: suc.rows };
}

export interface UnitRef {
  id: number;
  name: string;
  path: string;
}

/** A unit in scope without its counts (cheap): id, name and path, or null. */
export async function findUnitRefInScope(db: Queryable, scope: Scope, id: number): Promise<UnitRef | null> {
  const p = new Params();
  const r = await db.query<UnitRef>(`SELECT u.id, u.name, u.path FROM units u WHERE u.id = ${p.add(id)} AND ${unitScope(scope, p)}`, p.values);
  return r.rows[0] ?? null;
}

/** The province's tree has been created (a fresh database has no unit). */
export async function hasUnits(db: Queryable): Promise<boolean> {
  const r = await db.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM units) AS found');
  return r.rows[0]?.found === true;
}
