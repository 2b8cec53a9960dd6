/**
 * What the parts of the demo school share: the transaction and reference date, the seeded Rng, the
 * demo accounts as the services see them, the people of the registry, the audit records to append,
 * the times things happened (written over the repositories' `now()` at the end), and small helpers
 * for dates and times of day.
 */
import type { IsoDate } from '@nang-tam/domain';
import { usersRepo, type auditRepo, type Queryable } from '@nang-tam/db';
import { actorOf, toAuthUser, type AuthUser } from '../../apps/server/src/auth/auth-user.js';
import { addDays } from './days.js';
import type { Rng } from './random.js';

// ---------- times of day ----------

/** A Vietnamese wall-clock time as a timestamp (UTC+7 all year). */
export function stamp(date: IsoDate, time: string): string {
  return `${date}T${time}:00+07:00`;
}

/** A time in office hours, e.g. "09:35". */
export function officeTime(rng: Rng, from = 7 * 60 + 45, to = 16 * 60 + 45): string {
  return clock(rng.int(from, to));
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "HH:MM" moved by some minutes (within the day). */
export function minutesAfter(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return clock(h * 60 + m + minutes);
}

/** The earlier of a date and a limit. */
export function notAfter(date: IsoDate, limit: IsoDate): IsoDate {
  return date > limit ? limit : date;
}

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------- the registry ----------

export interface PersonRow {
  id: number;
  full_name: string;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  title_code: string | null;
  job_code: string | null;
  education_level: string | null;
}

async function loadPeople(tx: Queryable): Promise<PersonRow[]> {
  const r = await tx.query<PersonRow>(
    `SELECT p.id, p.full_name, p.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path,
       t.code AS title_code, jp.code AS job_code, p.education_level
     FROM people p JOIN units u ON u.id = p.unit_id
     LEFT JOIN titles t ON t.id = p.title_id
     LEFT JOIN job_positions jp ON jp.id = p.job_position_id
     ORDER BY p.id`,
  );
  return r.rows;
}

/** The demo accounts the school's year is told by, as the services see a signed-in user. */
export interface Actors {
  board: AuthUser;
  homeAffairs: AuthUser;
  registrar: AuthUser;
  unit: AuthUser;
  unit2: AuthUser;
  lecturer: AuthUser;
  learner: AuthUser;
}

async function loadActors(tx: Queryable): Promise<Actors> {
  const one = async (username: string): Promise<AuthUser> => {
    const row = await usersRepo.findUserByUsername(tx, username);
    if (!row) throw new Error(`the demo account '${username}' is missing`);
    return toAuthUser(row, 'demo', 'demo');
  };
  return {
    board: await one('admin'),
    homeAffairs: await one('noivu'),
    registrar: await one('truong'),
    unit: await one('unit'),
    unit2: await one('unit2'),
    lecturer: await one('giangvien'),
    learner: await one('hocvien'),
  };
}

/** The person lies in the user's unit subtree. */
export function inScopeOf(p: PersonRow, user: AuthUser): boolean {
  return p.unit_path.startsWith(user.unitPath);
}

// ---------- the context ----------

export type AuditEntry = Omit<auditRepo.AuditInput, 'actorId' | 'actorName'>;

export interface SchoolContext {
  tx: Queryable;
  seed: number;
  today: IsoDate;
  yesterday: IsoDate;
  rng: Rng;
  actors: Actors;
  people: PersonRow[];
  school: { id: number; code: string; name: string; path: string };
  /** Audit records, appended in one go at the end. */
  audit: auditRepo.AuditInput[];
  times: Times;
  progress: (msg: string) => void;
}

export async function createContext(
  tx: Queryable,
  opts: { seed: number; today: IsoDate; rng: Rng; schoolCode: string; progress: (msg: string) => void },
): Promise<SchoolContext> {
  const school = (
    await tx.query<{ id: number; code: string; name: string; path: string }>('SELECT id, code, name, path FROM units WHERE code = $1', [
      opts.schoolCode,
    ])
  ).rows[0];
  if (!school) throw new Error(`the school unit ${opts.schoolCode} is missing`);
  return {
    tx,
    seed: opts.seed,
    today: opts.today,
    yesterday: addDays(opts.today, -1),
    rng: opts.rng,
    actors: await loadActors(tx),
    people: await loadPeople(tx),
    school,
    audit: [],
    times: new Times(),
    progress: opts.progress,
  };
}

/** Appends an audit record of something the user did. */
export function record(ctx: SchoolContext, user: AuthUser, entry: AuditEntry): void {
  ctx.audit.push({ ...actorOf(user), ...entry });
}

// ---------- when things happened ----------

/** When things happened, written over the repositories' `now()` once everything is in place. */
export class Times {
  classes: [number, string][] = [];
  graduations: [number, string][] = [];
  nominations: [number, string, string | null][] = [];
  steps: [number, string, string][] = [];
  enrolments: [number, string][] = [];
  recalls: [number, string][] = [];
  makeUps: [number, string][] = [];
  /** Module grades by module, final exam grades by enrolment. */
  grades: [number, string][] = [];
  finals: [number, string][] = [];
  /** enrolment, requested, received, reminders, last reminded. */
  conduct: [number, string, string | null, number, string | null][] = [];

  async write(tx: Queryable): Promise<void> {
    await setValues(tx, 'classes', ['id:int'], ['created_at:timestamptz'], this.classes);
    await tx.query('UPDATE class_sessions s SET created_at = c.created_at FROM classes c WHERE c.id = s.class_id');
    await setValues(tx, 'classes', ['id:int'], ['graduated_at:timestamptz'], this.graduations);
    await setValues(tx, 'nominations', ['id:int'], ['nominated_at:timestamptz', 'decided_at:timestamptz'], this.nominations);
    await setValues(tx, 'nomination_steps', ['nomination_id:int', 'step:text'], ['decided_at:timestamptz'], this.steps);
    await setValues(tx, 'enrolments', ['id:int'], ['created_at:timestamptz'], this.enrolments);
    await setValues(tx, 'recalls', ['id:int'], ['recorded_at:timestamptz'], this.recalls);
    // the marks a recall wrote carry the time the recall was recorded
    await tx.query(
      `UPDATE attendance a SET marked_at = r.recorded_at
       FROM recalls r, class_sessions s
       WHERE a.source = 'recall' AND a.enrolment_id = r.enrolment_id AND s.id = a.session_id AND s.on_date BETWEEN r.from_date AND r.to_date`,
    );
    await setValues(tx, 'make_ups', ['id:int'], ['recorded_at:timestamptz'], this.makeUps);
    await setValues(tx, 'grades', ['class_module_id:int'], ['entered_at:timestamptz'], this.grades);
    await setValues(tx, 'grades', ['enrolment_id:int'], ['entered_at:timestamptz'], this.finals, 't.class_module_id IS NULL');
    await setValues(
      tx,
      'conduct_reports',
      ['enrolment_id:int'],
      ['requested_at:timestamptz', 'received_at:timestamptz', 'reminders:int', 'last_reminded_at:timestamptz'],
      this.conduct,
    );
    await tx.query(`UPDATE certificates SET created_at = (issued_on::text || 'T11:00:00+07:00')::timestamptz`);
  }
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
