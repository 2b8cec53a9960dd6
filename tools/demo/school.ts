/**
 * The political school's year in the demo province: its lecturer pool (school lecturers from the
 * registry, guest lecturers who are the province's leaders), twelve classes around the reference
 * date (school-plan.ts) opened from the programme catalogue, with a clash-free schedule and teaching
 * hours (school-classes.ts); nominations from the units through the approval chain
 * (school-nominations.ts); for the classes under way or over, attendance, recalls and make-up study,
 * grades and the home agencies' conduct reports (school-follow.ts); and, when due, graduation with
 * signed certificates.
 *
 * Written inside the demo province's transaction, through the repositories and the same rules the
 * services apply: eligibility from the rules engine as of the class start (only eligible people are
 * nominated, except a few the provincial board overrides with a reason), places never above
 * capacity, the chain agency → board or home affairs (by programme) → school, make-up only where a
 * recall requires it, grades checked against the class's scheme, and graduation by the graduation
 * service's own transaction body (which issues and signs the certificates and writes the
 * qualifications into the registry). Bulk rows (sessions, attendance marks) go in multi-row
 * INSERTs; then the timestamps are set to when each thing happened. Everything random comes from
 * the seeded Rng, except the check-in secrets and the signing key, which must be secret.
 *
 * Needs the shipped rules and the programme catalogue (rulesRepo.seedShippedRules,
 * catalogueRepo.seedProgrammeCatalogue) and the demo accounts.
 */
import type { IsoDate } from '@nang-tam/domain';
import { auditRepo, classesRepo, documentsRepo, type Queryable } from '@nang-tam/db';
import { graduateClassInTransaction } from '../../apps/server/src/services/graduation.service.js';
import { addDays } from './days.js';
import { Rng } from './random.js';
import { insertLecturerPool, openClasses, scheduleSessions, type ClassRecord } from './school-classes.js';
import { createContext, record, stamp, type SchoolContext } from './school-context.js';
import { Follower } from './school-follow.js';
import { chooseLearners, nominate, type Chosen } from './school-nominations.js';
import { workdayOnOrBefore } from './school-plan.js';
import type { UnitSpec } from './units.js';

export interface SchoolSeedOptions {
  seed: number;
  /** The reference date: what is over, under way or still to come. */
  today: IsoDate;
  onProgress?: (msg: string) => void;
}

export interface SchoolSeedResult {
  lecturers: number;
  classes: number;
  sessions: number;
  nominations: number;
  enrolments: number;
  attendanceMarks: number;
  grades: number;
  certificates: number;
}

/**
 * Calendars (issue 14): one lesson one to three weeks ahead in the `hocvien` learner's class is
 * cancelled by the school, so its calendar and .ics feed show a cancelled session (STATUS:CANCELLED)
 * from the first start. Deleted through the repository, which keeps it for the feeds.
 */
async function cancelOneSession(ctx: SchoolContext, classes: readonly ClassRecord[], picks: Map<string, Chosen[]>): Promise<boolean> {
  const learner = ctx.actors.learner.personId;
  const c = classes.find((c) => c.phase === 'running' && (picks.get(c.plan.key) ?? []).some((p) => p.person.id === learner));
  const s = c?.sessions.find((s) => s.kind === 'lesson' && s.date >= addDays(ctx.today, 7) && s.date <= addDays(ctx.today, 21));
  if (!c || !s?.id) return false;
  await classesRepo.deleteSession(ctx.tx, s.id);
  c.sessions.splice(c.sessions.indexOf(s), 1);
  record(ctx, ctx.actors.registrar, {
    action: 'delete',
    entity: 'class_session',
    entityId: s.id,
    before: { classId: c.id, date: s.date, moduleCode: s.moduleCode },
  });
  return true;
}

/** Days from a class's final exam to its graduation decision. */
const GRADUATION_AFTER_EXAM = 12;

export async function seedDemoSchool(tx: Queryable, units: readonly UnitSpec[], opts: SchoolSeedOptions): Promise<SchoolSeedResult> {
  const school = units.find((u) => u.kind === 'school');
  if (!school) throw new Error('the demo province has no political school');
  const ctx = await createContext(tx, {
    seed: opts.seed,
    today: opts.today,
    rng: new Rng((opts.seed ^ 0x5c4001) >>> 0),
    schoolCode: school.code,
    progress: opts.onProgress ?? (() => undefined),
  });
  // local classes meet in commune halls: one in the former Hà Giang (official codes below 02000),
  // one in the former Tuyên Quang; each draws its learners from fifteen communes around it
  const communes = units.filter((u) => u.kind === 'commune').sort((a, b) => (a.officialCode ?? '').localeCompare(b.officialCode ?? ''));
  const north = communes.filter((c) => (c.officialCode ?? '') < '02000').slice(0, 15);
  const south = communes.filter((c) => (c.officialCode ?? '') >= '02000').slice(0, 15);
  const first = communes[0];
  if (!first) throw new Error('the demo province has no commune');

  const lecturers = await insertLecturerPool(ctx);
  ctx.progress(`school: ${lecturers.length} lecturers (${lecturers.filter((l) => l.kind === 'guest').length} guests)`);
  const classes = await openClasses(ctx, { local_north: north[1] ?? north[0] ?? first, local_south: south[0] ?? first });
  const sessions = await scheduleSessions(ctx, classes, lecturers);
  ctx.progress(`school: ${classes.length} classes, ${sessions} sessions`);

  const placement = await chooseLearners(ctx, classes, {
    local_north: north.length > 0 ? north : [first],
    local_south: south.length > 0 ? south : [first],
  });
  const { nominations, enrolments } = await nominate(ctx, classes, placement.picks);
  ctx.progress(`school: ${nominations} nominations, ${enrolments} learners enrolled`);

  const follow = new Follower(ctx, lecturers);
  const followed = classes.filter((c) => c.phase !== 'upcoming');
  for (const c of followed) await follow.recalls(c);
  for (const c of followed) await follow.markAttendance(c);
  await follow.flushAttendance();
  for (const c of followed) await follow.grades(c);
  for (const c of followed) {
    const asked = placement.conduct.get(c.plan.key);
    if (asked) await follow.conductReports(c, asked);
    // trung cấp: required to sit the exam; asked three weeks before it, due ten days before it
    else if (c.plan.programmeCode === 'TC_LLCT')
      await follow.conductReports(c, { requestedOn: addDays(c.endDate, -24), dueOn: addDays(c.endDate, -10), unitOwes: false });
  }
  ctx.progress(`school: ${follow.marks} attendance marks, ${follow.gradeCount} grades, ${follow.recallCount} recalls`);
  if (await cancelOneSession(ctx, classes, placement.picks)) ctx.progress('school: one session ahead cancelled');

  let certificates = 0;
  for (const c of classes) {
    const decidedOn = workdayOnOrBefore(addDays(c.endDate, GRADUATION_AFTER_EXAM));
    if (c.phase !== 'ended' || decidedOn > ctx.yesterday) continue;
    const result = await graduateClassInTransaction(tx, ctx.actors.registrar, c.id, decidedOn);
    certificates += result.certificates.length;
    ctx.times.graduations.push([c.id, stamp(decidedOn, '15:00')]);
  }
  ctx.progress(`school: ${certificates} certificates issued`);

  await seedDocumentSettings(tx, ctx);

  await ctx.times.write(tx);
  await auditRepo.appendAuditMany(tx, ctx.audit);
  return {
    lecturers: lecturers.length,
    classes: classes.length,
    sessions,
    nominations,
    enrolments,
    attendanceMarks: follow.marks,
    grades: follow.gradeCount,
    certificates,
  };
}

/**
 * How the school signs its printed documents (decision 0034): under the provincial party committee,
 * so with the Party's header (Hướng dẫn 36-HD/VPTW), signed by a deputy rector on the rector's behalf.
 */
async function seedDocumentSettings(tx: Queryable, ctx: Awaited<ReturnType<typeof createContext>>): Promise<void> {
  const province = ctx.school.name.replace(/^Trường Chính trị tỉnh\s+/u, '');
  const settings: documentsRepo.DocumentSettingsWrite = {
    headerStyle: 'party',
    parentBody: `Tỉnh ủy ${province}`,
    issuingBody: ctx.school.name,
    symbol: 'TCT',
    place: province,
    signerAuthority: 'KT. HIỆU TRƯỞNG',
    signerTitle: 'PHÓ HIỆU TRƯỞNG',
    signerName: 'Nguyễn Thị Thu Hà',
  };
  const registrar = ctx.actors.registrar;
  await documentsRepo.upsertSettings(tx, ctx.school.id, settings, registrar.id);
  ctx.audit.push({ actorId: registrar.id, actorName: registrar.username, action: 'update', entity: 'document_settings', entityId: ctx.school.id, before: null, after: settings });
}
