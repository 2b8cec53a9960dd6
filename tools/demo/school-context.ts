/**
 * What the parts of the demo school share: the transaction and reference date, the seeded Rng, the
 * demo accounts as the services see them, the people of the registry, the audit records to append,
 * the times things happened (written over the repositories' `now()` at the end), and small helpers
 * for dates and times of day.
 */
import type { IsoDate } from '@nang-tam/domain';
import { historyRepo, peopleRepo, unitsRepo, usersRepo, type auditRepo, type Queryable } from '@nang-tam/db';
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

export type PersonRow = peopleRepo.PersonPostRow;

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
  const school = await unitsRepo.findUnitByCode(tx, opts.schoolCode);
  if (!school) throw new Error(`the school unit ${opts.schoolCode} is missing`);
  return {
    tx,
    seed: opts.seed,
    today: opts.today,
    yesterday: addDays(opts.today, -1),
    rng: opts.rng,
    actors: await loadActors(tx),
    people: await peopleRepo.listPeopleWithPosts(tx),
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
export class Times implements historyRepo.RecordedTimes {
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
    await historyRepo.backdate(tx, this);
  }
}
