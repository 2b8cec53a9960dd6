import { foldVietnamese, type Scope } from '@nang-tam/domain';
import type { Queryable } from '../create-db.js';
import { BatchInserter } from '../batch.js';
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
// `childCond` narrows the children counted (the live ones when historical units are hidden).
const unitSelect = (childCond = 'true'): string => `
  WITH direct AS MATERIALIZED (SELECT unit_id, count(*)::int AS n FROM people GROUP BY unit_id)
  SELECT u.id, u.code, u.official_code, u.name, u.kind, u.parent_id, u.path, u.depth, u.valid_from, u.valid_to,
    (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id AND ${childCond}) AS child_count,
    (SELECT coalesce(sum(d.n), 0)::int FROM units su JOIN direct d ON d.unit_id = su.id
       WHERE su.path LIKE u.path || '%') AS people_count
  FROM units u`;
const UNIT_SELECT = unitSelect();

/** A unit still in existence on a day (valid_to is its last day): merged-away units are not. */
function liveOn(alias: string, day: string, p: Params): string {
  return `(${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${p.add(day)}::date)`;
}

export interface UnitListOptions {
  /** Only units in existence on this day ("YYYY-MM-DD"), and only such children counted; all when absent. */
  liveOn?: string;
}

/** A unit subtree scope, as units only ever live under one. */
function unitScope(scope: Scope, p: Params): string {
  return scope.kind === 'subtree' ? `u.path LIKE ${p.add(`${likeEscape(scope.unitPath)}%`)}` : 'false';
}

export async function findUnitChildren(db: Queryable, scope: Scope, parentId: number, opts: UnitListOptions = {}): Promise<UnitRow[]> {
  const p = new Params();
  const select = opts.liveOn !== undefined ? unitSelect(liveOn('c', opts.liveOn, p)) : UNIT_SELECT;
  const live = opts.liveOn !== undefined ? ` AND ${liveOn('u', opts.liveOn, p)}` : '';
  const r = await db.query<UnitRow>(
    `${select} WHERE u.parent_id = ${p.add(parentId)} AND ${unitScope(scope, p)}${live} ORDER BY u.sort_order, u.name`,
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
export async function searchUnits(db: Queryable, scope: Scope, words: string[], limit = 50, opts: UnitListOptions = {}): Promise<UnitRow[]> {
  const p = new Params();
  const select = opts.liveOn !== undefined ? unitSelect(liveOn('c', opts.liveOn, p)) : UNIT_SELECT;
  const conds = words.map((w) => `u.search_name LIKE ${p.add(`%${likeEscape(w)}%`)}`);
  if (opts.liveOn !== undefined) conds.push(liveOn('u', opts.liveOn, p));
  const r = await db.query<UnitRow>(
    `${select} WHERE ${[unitScope(scope, p), ...conds].join(' AND ')}
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

/** A unit by its code (any scope): id, code, name and path, or null. */
export async function findUnitByCode(db: Queryable, code: string): Promise<{ id: number; code: string; name: string; path: string } | null> {
  const r = await db.query<{ id: number; code: string; name: string; path: string }>('SELECT id, code, name, path FROM units WHERE code = $1', [code]);
  return r.rows[0] ?? null;
}

/** The root of the unit tree (the province), or null before it is created. */
export async function findRootUnit(db: Queryable): Promise<{ id: number; name: string } | null> {
  const r = await db.query<{ id: number; name: string }>('SELECT id, name FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  return r.rows[0] ?? null;
}

// ---------- writing the tree ----------

/** A unit to write; its parent is named by code, earlier in the same list or already stored. */
export interface UnitWrite {
  code: string;
  officialCode?: string | null;
  name: string;
  kind: string;
  parentCode: string | null;
  sortOrder?: number;
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * Writes units (parents before children) in multi-row statements, with their materialised path and
 * depth and their folded search name; returns the id of each code.
 */
export async function insertUnits(tx: Queryable, units: readonly UnitWrite[]): Promise<Map<string, number>> {
  const reserved = await tx.query<{ id: number }>(
    "SELECT nextval(pg_get_serial_sequence('units', 'id'))::int AS id FROM generate_series(1, $1::int)",
    [units.length],
  );
  const inList = new Set(units.map((u) => u.code));
  const storedParents = [...new Set(units.flatMap((u) => (u.parentCode !== null && !inList.has(u.parentCode) ? [u.parentCode] : [])))];
  const known = new Map<string, { id: number; path: string; depth: number }>();
  if (storedParents.length > 0) {
    const r = await tx.query<{ id: number; code: string; path: string; depth: number }>(
      'SELECT id, code, path, depth FROM units WHERE code = ANY($1::text[])',
      [storedParents],
    );
    for (const x of r.rows) known.set(x.code, x);
  }
  const ids = new Map<string, number>();
  const inserter = new BatchInserter(tx, 'units', [
    'id',
    'code',
    'official_code',
    'name',
    'search_name',
    'kind',
    'parent_id',
    'path',
    'depth',
    'sort_order',
    'valid_from',
    'valid_to',
  ]);
  for (const [i, u] of units.entries()) {
    const id = reserved.rows[i]!.id;
    const parent = u.parentCode === null ? null : known.get(u.parentCode);
    if (parent === undefined) throw new Error(`unit ${u.code} comes before its parent ${u.parentCode}`);
    const path = `${parent?.path ?? '/'}${id}/`;
    const depth = parent ? parent.depth + 1 : 0;
    ids.set(u.code, id);
    known.set(u.code, { id, path, depth });
    await inserter.add([
      id,
      u.code,
      u.officialCode ?? null,
      u.name,
      foldVietnamese(u.name),
      u.kind,
      parent?.id ?? null,
      path,
      depth,
      u.sortOrder ?? 0,
      u.validFrom ?? null,
      u.validTo ?? null,
    ]);
  }
  await inserter.flush();
  return ids;
}

/** Links a unit to the one that took it over (a merger), on the day it took effect. */
export interface UnitLinkWrite {
  predecessorId: number;
  successorId: number;
  effectiveOn: string;
  note: string | null;
}

export async function insertUnitLinks(tx: Queryable, links: readonly UnitLinkWrite[]): Promise<void> {
  const inserter = new BatchInserter(tx, 'unit_links', ['predecessor_id', 'successor_id', 'effective_on', 'note']);
  for (const l of links) await inserter.add([l.predecessorId, l.successorId, l.effectiveOn, l.note]);
  await inserter.flush();
}

// ---------- references ----------

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
