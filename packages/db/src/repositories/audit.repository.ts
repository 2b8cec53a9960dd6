import { insertRows } from '../batch.js';
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

const AUDIT_COLUMNS = ['actor_id', 'actor_name', 'action', 'entity', 'entity_id', 'person_id', 'before', 'after'];

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const auditValues = (a: AuditInput) => [
  a.actorId,
  a.actorName,
  a.action,
  a.entity,
  String(a.entityId),
  a.personId ?? null,
  json(a.before),
  json(a.after),
];

/** Appends one audit record; call inside the transaction of the write it records. */
export async function appendAudit(tx: Queryable, a: AuditInput): Promise<void> {
  await insertRows(tx, 'audit_log', AUDIT_COLUMNS, [auditValues(a)]);
}

/** Appends many audit records in few statements (imports). */
export async function appendAuditMany(tx: Queryable, entries: AuditInput[], batch = 1000): Promise<void> {
  await insertRows(tx, 'audit_log', AUDIT_COLUMNS, entries.map(auditValues), { batch });
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
