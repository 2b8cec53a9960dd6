import type { Queryable } from '../create-db.js';

export interface ReferenceRows {
  titles: { id: number; code: string; name: string; level: string; leadership: boolean }[];
  jobPositions: { id: number; code: string; name: string }[];
  ranks: { id: number; code: string; name: string }[];
  managementScopes: { id: number; code: string; name: string }[];
  ethnicities: { code: string; name: string; minority: boolean }[];
  qualificationLevels: { kind: string; code: string; name: string; rank: number }[];
  terms: string[];
}

export async function loadReference(db: Queryable): Promise<ReferenceRows> {
  const [titles, jobPositions, ranks, managementScopes, ethnicities, qualificationLevels, terms] = await Promise.all([
    db.query<ReferenceRows['titles'][number]>('SELECT id, code, name, level, leadership FROM titles ORDER BY sort_order, id'),
    db.query<ReferenceRows['jobPositions'][number]>('SELECT id, code, name FROM job_positions ORDER BY id'),
    db.query<ReferenceRows['ranks'][number]>('SELECT id, code, name FROM ranks ORDER BY id'),
    db.query<ReferenceRows['managementScopes'][number]>('SELECT id, code, name FROM management_scopes ORDER BY id'),
    db.query<ReferenceRows['ethnicities'][number]>('SELECT code, name, minority FROM ethnicities ORDER BY code'),
    db.query<ReferenceRows['qualificationLevels'][number]>('SELECT kind, code, name, rank FROM qualification_levels ORDER BY kind, rank'),
    db.query<{ term: string }>('SELECT DISTINCT term FROM planning_entries ORDER BY term DESC'),
  ]);
  return {
    titles: titles.rows,
    jobPositions: jobPositions.rows,
    ranks: ranks.rows,
    managementScopes: managementScopes.rows,
    ethnicities: ethnicities.rows,
    qualificationLevels: qualificationLevels.rows,
    terms: terms.rows.map((r) => r.term),
  };
}
