/**
 * The "young" age limit of the training statistics (statistics_settings, migration 030): one row per
 * period of validity, from its `valid_from`, with the source it rests on. Rows are only added (a
 * change is a new row from a date; history stays), each with an audit record written by the service.
 * The statistics read the row in force on the period's last day (statisticsRepo.youngSetting).
 */
import type { Queryable } from '../create-db.js';

export interface YoungSettingRow {
  id: number;
  young_under_age: number;
  source: string;
  valid_from: string;
  created_by_name: string | null;
  created_at: string;
}

/** Every row, the latest valid first. */
export async function listYoungSettings(db: Queryable): Promise<YoungSettingRow[]> {
  const r = await db.query<YoungSettingRow>(
    `SELECT s.id, s.young_under_age, s.source, s.valid_from, u.display_name AS created_by_name, s.created_at
     FROM statistics_settings s LEFT JOIN users u ON u.id = s.created_by ORDER BY s.valid_from DESC`,
  );
  return r.rows;
}

export async function youngSettingFrom(db: Queryable, validFrom: string): Promise<YoungSettingRow | null> {
  const r = await db.query<YoungSettingRow>(
    `SELECT s.id, s.young_under_age, s.source, s.valid_from, NULL::text AS created_by_name, s.created_at FROM statistics_settings s WHERE s.valid_from = $1`,
    [validFrom],
  );
  return r.rows[0] ?? null;
}

export async function insertYoungSetting(tx: Queryable, w: { underAge: number; source: string; validFrom: string }, userId: number | null): Promise<number> {
  const r = await tx.query<{ id: number }>(
    'INSERT INTO statistics_settings (young_under_age, source, valid_from, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [w.underAge, w.source, w.validFrom, userId],
  );
  return r.rows[0]!.id;
}
