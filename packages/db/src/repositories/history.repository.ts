/**
 * When things happened, written after the fact: the demo school's year is built in one
 * transaction whose rows all carry `now()`, so their recorded times (created, decided, entered,
 * marked, requested…) are set afterwards from what the story says.
 */
import type { Queryable } from '../create-db.js';

/** Rows of [key…, time…] per table, as the columns below name them. */
export interface RecordedTimes {
  classes: readonly [number, string][];
  graduations: readonly [number, string][];
  nominations: readonly [number, string, string | null][];
  steps: readonly [number, string, string][];
  enrolments: readonly [number, string][];
  recalls: readonly [number, string][];
  makeUps: readonly [number, string][];
  /** Module grades by module. */
  grades: readonly [number, string][];
  /** Final exam grades by enrolment. */
  finals: readonly [number, string][];
  /** enrolment, requested, received, reminders, last reminded. */
  conduct: readonly [number, string, string | null, number, string | null][];
}

/** Writes the recorded times over the rows' `now()`; sessions take their class's, a recall's marks the recall's, certificates their issue day's. */
export async function backdate(tx: Queryable, t: RecordedTimes): Promise<void> {
  await setValues(tx, 'classes', ['id:int'], ['created_at:timestamptz'], t.classes);
  await tx.query('UPDATE class_sessions s SET created_at = c.created_at FROM classes c WHERE c.id = s.class_id');
  await setValues(tx, 'classes', ['id:int'], ['graduated_at:timestamptz'], t.graduations);
  await setValues(tx, 'nominations', ['id:int'], ['nominated_at:timestamptz', 'decided_at:timestamptz'], t.nominations);
  await setValues(tx, 'nomination_steps', ['nomination_id:int', 'step:text'], ['decided_at:timestamptz'], t.steps);
  await setValues(tx, 'enrolments', ['id:int'], ['created_at:timestamptz'], t.enrolments);
  await setValues(tx, 'recalls', ['id:int'], ['recorded_at:timestamptz'], t.recalls);
  // the marks a recall wrote carry the time the recall was recorded
  await tx.query(
    `UPDATE attendance a SET marked_at = r.recorded_at
     FROM recalls r, class_sessions s
     WHERE a.source = 'recall' AND a.enrolment_id = r.enrolment_id AND s.id = a.session_id AND s.on_date BETWEEN r.from_date AND r.to_date`,
  );
  await setValues(tx, 'make_ups', ['id:int'], ['recorded_at:timestamptz'], t.makeUps);
  await setValues(tx, 'grades', ['class_module_id:int'], ['entered_at:timestamptz'], t.grades);
  await setValues(tx, 'grades', ['enrolment_id:int'], ['entered_at:timestamptz'], t.finals, 't.class_module_id IS NULL');
  await setValues(
    tx,
    'conduct_reports',
    ['enrolment_id:int'],
    ['requested_at:timestamptz', 'received_at:timestamptz', 'reminders:int', 'last_reminded_at:timestamptz'],
    t.conduct,
  );
  await tx.query(`UPDATE certificates SET created_at = (issued_on::text || 'T11:00:00+07:00')::timestamptz`);
}

/** UPDATE table SET columns FROM (VALUES …) matched on the key columns ("name:type"), 500 rows a statement. */
async function setValues(
  tx: Queryable,
  table: string,
  keys: readonly string[],
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  extraWhere?: string,
): Promise<void> {
  const typed = [...keys, ...columns].map((c) => c.split(':') as [string, string]);
  const name = (c: string) => c.split(':')[0]!;
  const set = columns
    .map(name)
    .map((n) => `${n} = v.${n}`)
    .join(', ');
  const where = [...keys.map(name).map((n) => `t.${n} = v.${n}`), ...(extraWhere ? [extraWhere] : [])].join(' AND ');
  for (let i = 0; i < rows.length; i += 500) {
    const values: unknown[] = [];
    const tuples = rows.slice(i, i + 500).map((row) => `(${typed.map(([, type], k) => `$${values.push(row[k])}::${type}`).join(', ')})`);
    await tx.query(
      `UPDATE ${table} t SET ${set} FROM (VALUES ${tuples.join(', ')}) AS v(${typed.map(([n]) => n).join(', ')}) WHERE ${where}`,
      values,
    );
  }
}
