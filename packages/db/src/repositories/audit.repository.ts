import type { Queryable } from '../create-db.js';

export interface AuditInput {
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | number;
  personId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit record; call inside the transaction of the write it records. */
export async function appendAudit(tx: Queryable, a: AuditInput): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, person_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      a.actorId,
      a.actorName,
      a.action,
      a.entity,
      String(a.entityId),
      a.personId ?? null,
      a.before === undefined ? null : JSON.stringify(a.before),
      a.after === undefined ? null : JSON.stringify(a.after),
    ],
  );
}

/** Appends many audit records in few statements (imports). */
export async function appendAuditMany(tx: Queryable, entries: AuditInput[], batch = 1000): Promise<void> {
  for (let i = 0; i < entries.length; i += batch) {
    const chunk = entries.slice(i, i + batch);
    const values: unknown[] = [];
    const rows = chunk.map((a, j) => {
      values.push(
        a.actorId,
        a.actorName,
        a.action,
        a.entity,
        String(a.entityId),
        a.personId ?? null,
        a.before === undefined ? null : JSON.stringify(a.before),
        a.after === undefined ? null : JSON.stringify(a.after),
      );
      const b = j * 8;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
    });
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, person_id, before, after) VALUES ${rows.join(', ')}`,
      values,
    );
  }
}

export interface AuditRow {
  id: number;
  at: string;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  total: number;
}

export async function listAuditForPerson(db: Queryable, personId: number, limit: number, offset: number): Promise<AuditRow[]> {
  const r = await db.query<AuditRow>(
    `SELECT id, at, actor_name, action, entity, entity_id, before, after, count(*) OVER ()::int AS total
     FROM audit_log WHERE person_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
    [personId, limit, offset],
  );
  return r.rows;
}
