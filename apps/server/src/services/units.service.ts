import { searchWords, todayInVietnam } from '@nang-tam/domain';
import { unitsRepo, type Db } from '@nang-tam/db';
import type { Unit, UnitDetail } from '@nang-tam/contracts';
import { notFound } from '../errors.js';
import type { AuthUser } from '../auth/auth-user.js';

function toUnit(r: unitsRepo.UnitRow): Unit {
  return {
    id: r.id,
    code: r.code,
    officialCode: r.official_code,
    name: r.name,
    kind: r.kind as Unit['kind'],
    parentId: r.parent_id,
    depth: r.depth,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    childCount: r.child_count,
    peopleCount: r.people_count,
  };
}

/** Children of a unit in scope; without a parent, the root of the user's scope. Units no longer in
 * existence (merged away) are listed only when `historical` is asked for. */
export async function listUnits(db: Db, user: AuthUser, query: { parentId?: number; q?: string; historical?: boolean }): Promise<{ items: Unit[] }> {
  const opts = query.historical === true ? {} : { liveOn: todayInVietnam() };
  if (query.q !== undefined && query.q.trim() !== '') {
    return { items: (await unitsRepo.searchUnits(db, user.scope, searchWords(query.q), 50, opts)).map(toUnit) };
  }
  if (query.parentId === undefined) {
    if (user.scope.kind !== 'subtree') return { items: [] };
    const root = await unitsRepo.findUnitByPath(db, user.scope.unitPath);
    return { items: root ? [toUnit(root)] : [] };
  }
  const parent = await unitsRepo.findUnitById(db, user.scope, query.parentId);
  if (!parent) throw notFound();
  return { items: (await unitsRepo.findUnitChildren(db, user.scope, query.parentId, opts)).map(toUnit) };
}

export async function getUnit(db: Db, user: AuthUser, id: number): Promise<UnitDetail> {
  const row = await unitsRepo.findUnitById(db, user.scope, id);
  if (!row) throw notFound();
  const [ancestors, links] = await Promise.all([unitsRepo.findUnitAncestors(db, row.path), unitsRepo.findUnitLinks(db, id)]);
  const toLink = (l: unitsRepo.UnitLinkRow) => ({ id: l.id, name: l.name, effectiveOn: l.effective_on, note: l.note });
  return {
    ...toUnit(row),
    ancestors,
    predecessors: links.predecessors.map(toLink),
    successors: links.successors.map(toLink),
  };
}
