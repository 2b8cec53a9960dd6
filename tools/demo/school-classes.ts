/**
 * The school's side of its year: the lecturer pool (its lecturers from the registry, the province's
 * leaders as guest lecturers), the classes of the plan opened from the programme catalogue (modules
 * copied, scheme and conditions snapshotted, as the classes service opens a class), and their
 * sessions with a room and a lecturer each, never twice in the same half-day, and the teaching hours
 * of each lecturer per module.
 */
import { randomBytes } from 'node:crypto';
import type { IsoDate } from '@nang-tam/domain';
import { catalogueRepo, classesRepo, lecturersRepo } from '@nang-tam/db';
import type { AuthUser } from '../../apps/server/src/auth/auth-user.js';
import { addDays } from './days.js';
import { generateFullName } from './names.js';
import { Rng } from './random.js';
import { notAfter, officeTime, record, stamp, type PersonRow, type SchoolContext } from './school-context.js';
import {
  FIELD_TRIP_PLACES,
  HALF_DAYS,
  SCHOOL_ROOMS,
  ScheduleBook,
  communeInSentence,
  periodsBySessions,
  planSchoolYear,
  scheduleClass,
  workdayOnOrBefore,
  type ClassKey,
  type ClassPlan,
  type PlannedSession,
} from './school-plan.js';
import type { UnitSpec } from './units.js';

// ---------- lecturers ----------

export type Faculty = 'XDD' | 'LLCS' | 'NNPL' | 'DVKT';
const FACULTIES: readonly Faculty[] = ['LLCS', 'XDD', 'NNPL', 'DVKT'];
const FACULTY_NAMES: Record<Faculty, string> = {
  XDD: 'Khoa Xây dựng Đảng',
  LLCS: 'Khoa Lý luận cơ sở',
  NNPL: 'Khoa Nhà nước và Pháp luật',
  DVKT: 'Khoa Dân vận và Kinh tế',
};

/** Which faculty teaches a module of the shipped catalogue (state management: Nhà nước và Pháp luật). */
function facultyOf(moduleCode: string): Faculty {
  const byCode: Record<string, Faculty> = {
    'TC.1': 'LLCS',
    'TC.2': 'DVKT',
    'TC.3': 'NNPL',
    'TC.4': 'XDD',
    'TC.5': 'XDD',
    'TC.6': 'DVKT',
    'SC.1': 'LLCS',
    'SC.2': 'XDD',
    'SC.3': 'DVKT',
    'SC.4': 'XDD',
    'SC.5': 'DVKT',
  };
  return byCode[moduleCode] ?? (moduleCode.startsWith('CV') ? 'NNPL' : 'LLCS');
}

type GuestGroup = 'party' | 'boards' | 'government' | 'departments' | 'experts';

export interface Lecturer {
  id: number;
  fullName: string;
  userId: number | null;
  kind: 'school' | 'guest';
  faculty: Faculty | null;
  group: GuestGroup | null;
  /** Sessions given so far (spreads the teaching). */
  load: number;
}

const SCHOOL_LECTURERS = 20;

/** The guest pool: provincial leaders by title (and unit), as many of each as wanted. */
const GUESTS: readonly {
  title: string;
  units: readonly string[] | null;
  count: number;
  group: GuestGroup;
  label: (unitName: string) => string;
  /** Where they are shown as from, when not their unit. */
  organisation?: string;
}[] = [
  { title: 'PBT_TU', units: null, count: 2, group: 'party', label: () => 'Phó Bí thư Tỉnh ủy' },
  { title: 'UV_BTV_TU', units: null, count: 2, group: 'party', label: () => 'Ủy viên Ban Thường vụ Tỉnh ủy' },
  { title: 'CT_HDND_T', units: null, count: 1, group: 'government', label: () => 'Chủ tịch', organisation: 'Hội đồng nhân dân tỉnh' },
  { title: 'PCT_UBND_T', units: null, count: 2, group: 'government', label: () => 'Phó Chủ tịch UBND tỉnh' },
  {
    title: 'TB_TU',
    units: ['BTCTU', 'BTGDVTU', 'UBKTTU', 'BNCTU'],
    count: 4,
    group: 'boards',
    label: (unit) => (unit.startsWith('Ủy ban Kiểm tra') ? 'Chủ nhiệm' : 'Trưởng ban'),
  },
  { title: 'GD_SO', units: ['SNV', 'STP', 'SDTTG'], count: 3, group: 'departments', label: () => 'Giám đốc' },
];

/** Experts from the regional academy (not in the province's registry). */
const EXPERTS: readonly { title: string; organisation: string; ethnicity: string; gender: 'male' | 'female' }[] = [
  { title: 'PGS.TS.', organisation: 'Học viện Chính trị khu vực I', ethnicity: '01', gender: 'male' },
  { title: 'TS.', organisation: 'Học viện Chính trị khu vực I', ethnicity: '01', gender: 'female' },
];

function academicTitle(educationLevel: string | null): string {
  return educationLevel === 'tien_si' ? 'TS.' : educationLevel === 'thac_si' ? 'ThS.' : 'CN.';
}

/**
 * Twenty school lecturers (the `giangvien` account's person first and linked to the account, the
 * heads of faculty, then the school's lecturers by id; a small province's missing ones named here)
 * and about fifteen guests: the province's leaders by title, and two academy experts.
 */
export async function insertLecturerPool(ctx: SchoolContext): Promise<Lecturer[]> {
  const { tx, school, actors } = ctx;
  const lecturers: Lecturer[] = [];
  const facultyByUnit = (code: string): Faculty | null => FACULTIES.find((f) => code === `${school.code}-${f}`) ?? null;
  const rank = (p: PersonRow) =>
    p.id === actors.lecturer.personId ? 0 : p.title_code === 'TK_TCT' && facultyByUnit(p.unit_code) ? 1 : p.job_code === 'GD' ? 2 : 3;
  const teachers = ctx.people
    .filter((p) => p.unit_path.startsWith(school.path) && rank(p) < 3)
    .sort((a, b) => rank(a) - rank(b) || a.id - b.id)
    .slice(0, SCHOOL_LECTURERS);
  const insert = async (
    l: Omit<lecturersRepo.LecturerWrite, 'unitId' | 'active'>,
    faculty: Faculty | null,
    group: GuestGroup | null,
  ) => {
    const id = await lecturersRepo.insertLecturer(tx, { ...l, unitId: school.id, active: true });
    record(ctx, actors.registrar, {
      action: 'create',
      entity: 'lecturer',
      entityId: id,
      after: {
        fullName: l.fullName,
        kind: l.kind,
        title: l.title,
        organisation: l.organisation,
        userId: l.userId,
        unitId: school.id,
        active: true,
      },
    });
    lecturers.push({ id, fullName: l.fullName, userId: l.userId, kind: l.kind, faculty, group, load: 0 });
  };
  let next = 0;
  const nextFaculty = () => FACULTIES[next++ % FACULTIES.length]!;
  for (const p of teachers) {
    const faculty = facultyByUnit(p.unit_code) ?? nextFaculty();
    const userId = p.id === actors.lecturer.personId ? actors.lecturer.id : null;
    await insert(
      { fullName: p.full_name, kind: 'school', title: academicTitle(p.education_level), organisation: FACULTY_NAMES[faculty], userId },
      faculty,
      null,
    );
  }
  const names = new Rng((ctx.seed ^ 0x1ec7) >>> 0);
  while (lecturers.length < SCHOOL_LECTURERS) {
    const faculty = nextFaculty();
    const ethnicity = names.weighted<string>([
      ['01', 6],
      ['02', 3],
      ['07', 1],
    ]);
    const fullName = generateFullName(names, ethnicity, names.chance(0.55) ? 'female' : 'male');
    await insert({ fullName, kind: 'school', title: 'ThS.', organisation: FACULTY_NAMES[faculty], userId: null }, faculty, null);
  }
  for (const g of GUESTS) {
    const found = ctx.people
      .filter((p) => p.title_code === g.title && (g.units === null || g.units.includes(p.unit_code)))
      .sort((a, b) => (g.units ? g.units.indexOf(a.unit_code) - g.units.indexOf(b.unit_code) : 0) || a.id - b.id)
      .slice(0, g.count);
    for (const p of found) {
      await insert(
        { fullName: p.full_name, kind: 'guest', title: g.label(p.unit_name), organisation: g.organisation ?? p.unit_name, userId: null },
        null,
        g.group,
      );
    }
  }
  for (const e of EXPERTS) {
    await insert(
      {
        fullName: generateFullName(names, e.ethnicity, e.gender),
        kind: 'guest',
        title: e.title,
        organisation: e.organisation,
        userId: null,
      },
      null,
      'experts',
    );
  }
  return lecturers;
}

// ---------- classes ----------

export interface Learner {
  person: PersonRow;
  nominationId: number;
  enrolmentId: number;
}

export type Session = PlannedSession & { id: number; lecturerId: number | null; room: string };

export interface ClassRecord {
  plan: ClassPlan;
  id: number;
  cohortCode: string;
  name: string;
  site: string;
  startDate: IsoDate;
  endDate: IsoDate;
  modules: classesRepo.ClassModuleRow[];
  sessions: Session[];
  /** Who takes the board step: the provincial board or home affairs, by programme. */
  approver: AuthUser;
  phase: 'upcoming' | 'running' | 'ended';
  learners: Learner[];
}

/** The communes whose halls host the local classes. */
export interface LocalSites {
  local_north: UnitSpec;
  local_south: UnitSpec;
}

const PROGRAMME_LABELS: Record<ClassPlan['programmeCode'], string> = {
  TC_LLCT: 'Trung cấp lý luận chính trị',
  SC_LLCT: 'Sơ cấp lý luận chính trị',
  QLNN_CV: 'Bồi dưỡng ngạch chuyên viên',
  QLNN_CVC: 'Bồi dưỡng ngạch chuyên viên chính',
};

/**
 * Cohort codes, names and sites by start: trung cấp classes numbered as khóa (K44 for a class
 * opened in 2025), the others numbered within their programme and year (CV-2026-02).
 */
function nameClasses(classes: readonly { plan: ClassPlan; startDate: IsoDate }[], schoolName: string, sites: LocalSites) {
  const out = new Map<ClassKey, { cohortCode: string; name: string; site: string }>();
  const sorted = [...classes].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const firstTc = sorted.find((c) => c.plan.programmeCode === 'TC_LLCT');
  let khoa = firstTc ? Number(firstTc.startDate.slice(0, 4)) - 1981 : 0;
  const perYear = new Map<string, number>();
  for (const { plan, startDate } of sorted) {
    const local = plan.site === 'school' ? null : sites[plan.site];
    const where = local ? ` tại ${communeInSentence(local.name)}` : '';
    const site = local ? `Hội trường UBND ${communeInSentence(local.name)}` : schoolName;
    const mode = plan.mode === 'part_time' ? 'hệ vừa làm vừa học' : 'hệ tập trung';
    if (plan.programmeCode === 'TC_LLCT') {
      const cohortCode = `K${khoa++}`;
      out.set(plan.key, { cohortCode, name: `Lớp ${PROGRAMME_LABELS.TC_LLCT.toLowerCase()} ${cohortCode} (${mode})${where}`, site });
      continue;
    }
    const year = startDate.slice(0, 4);
    const key = `${{ SC_LLCT: 'SC', QLNN_CV: 'CV', QLNN_CVC: 'CVC' }[plan.programmeCode]}-${year}`;
    const n = (perYear.get(key) ?? 0) + 1;
    perYear.set(key, n);
    const cohortCode = `${key}-${String(n).padStart(2, '0')}`;
    out.set(plan.key, {
      cohortCode,
      name: `Lớp ${PROGRAMME_LABELS[plan.programmeCode].toLowerCase()} khóa ${n} năm ${year} (${mode})${where}`,
      site,
    });
  }
  return out;
}

/**
 * Opens the twelve classes of the plan (school-plan.ts) from the catalogue: modules copied, the
 * grading scheme and graduation conditions snapshotted, dates from the schedule.
 */
export async function openClasses(ctx: SchoolContext, sites: LocalSites): Promise<ClassRecord[]> {
  const { tx, today, actors, school } = ctx;
  const plans = planSchoolYear(today);
  const catalogue = new Map<string, { row: catalogueRepo.CatalogueRow; modules: catalogueRepo.ProgrammeModuleRow[] }>();
  for (const code of new Set(plans.map((p) => p.programmeCode))) {
    const row = await catalogueRepo.findCatalogue(tx, code);
    const modules = await catalogueRepo.findProgrammeModules(tx, code);
    if (!row?.grading_scheme || !row.graduation_conditions || modules.length === 0) {
      throw new Error(
        `the programme catalogue of ${code} is incomplete: seed it (catalogueRepo.seedProgrammeCatalogue) before the demo school`,
      );
    }
    catalogue.set(code, { row, modules });
  }
  const scheduled = plans
    .map((plan) => ({ plan, sessions: scheduleClass(plan, catalogue.get(plan.programmeCode)!.modules) }))
    .sort((a, b) => (a.sessions[0]!.date < b.sessions[0]!.date ? -1 : a.sessions[0]!.date > b.sessions[0]!.date ? 1 : 0));
  const names = nameClasses(
    scheduled.map((s) => ({ plan: s.plan, startDate: s.sessions[0]!.date })),
    school.name,
    sites,
  );

  const classes: ClassRecord[] = [];
  for (const { plan, sessions } of scheduled) {
    const { row: programme, modules } = catalogue.get(plan.programmeCode)!;
    const startDate = sessions[0]!.date;
    const endDate = sessions.at(-1)!.date;
    const named = names.get(plan.key)!;
    const id = await classesRepo.insertClass(tx, {
      programmeCode: plan.programmeCode,
      cohortCode: named.cohortCode,
      name: named.name,
      mode: plan.mode,
      organiserUnitId: school.id,
      site: named.site,
      startDate,
      endDate,
      capacity: plan.capacity,
      gradingScheme: programme.grading_scheme!,
      graduationConditions: programme.graduation_conditions!,
      createdBy: actors.registrar.id,
    });
    await classesRepo.insertClassModules(tx, id, modules);
    // opened before its nominations started (see Chain in school-nominations.ts)
    ctx.times.classes.push([id, stamp(workdayOnOrBefore(notAfter(addDays(startDate, -50), addDays(today, -35))), officeTime(ctx.rng))]);
    record(ctx, actors.registrar, {
      action: 'create',
      entity: 'class',
      entityId: id,
      after: {
        programmeCode: plan.programmeCode,
        organiserUnitId: school.id,
        cohortCode: named.cohortCode,
        name: named.name,
        mode: plan.mode,
        site: named.site,
        startDate,
        endDate,
        capacity: plan.capacity,
        status: 'open',
        modules: modules.map((m) => ({ code: m.code, periods: m.periods })),
        gradingScheme: programme.grading_scheme!.code,
      },
    });
    classes.push({
      plan,
      id,
      cohortCode: named.cohortCode,
      name: named.name,
      site: named.site,
      startDate,
      endDate,
      modules: await classesRepo.listClassModules(tx, id),
      sessions: sessions.map((s) => ({ ...s, id: 0, lecturerId: null, room: '' })),
      approver: programme.approver === 'home_affairs' ? actors.homeAffairs : actors.board,
      phase: startDate >= today ? 'upcoming' : endDate < today ? 'ended' : 'running',
      learners: [],
    });
  }
  return classes;
}

// ---------- sessions: rooms and lecturers ----------

/** Where the guests speak: the module and the groups of the guest pool, per programme. */
const GUEST_SESSIONS: Record<ClassPlan['programmeCode'], readonly { module: string; groups: readonly GuestGroup[] }[]> = {
  TC_LLCT: [
    { module: 'TC.2', groups: ['party'] },
    { module: 'TC.3', groups: ['experts'] },
    { module: 'TC.5', groups: ['boards'] },
  ],
  SC_LLCT: [
    { module: 'SC.3', groups: ['government', 'party'] },
    { module: 'SC.5', groups: ['boards'] },
  ],
  QLNN_CV: [{ module: 'CV.2', groups: ['departments', 'government'] }],
  QLNN_CVC: [
    { module: 'CVC.2', groups: ['departments', 'government'] },
    { module: 'CVC.1', groups: ['experts'] },
  ],
};

const byLoad = (list: readonly Lecturer[]) => [...list].sort((a, b) => a.load - b.load || a.id - b.id);

/**
 * Gives each session of the class a room and a lecturer without a clash: a home room (the smallest
 * that seats the class and is free for all its sessions, else a free room session by session), the
 * local hall for a local class, a field-trip place nobody else visits that day; guests for one
 * session of the modules GUEST_SESSIONS names; then the module's faculty lecturers, the least busy
 * first, another free lecturer when none is. The `giangvien` account teaches the module of the
 * trung cấp class at the school that runs in the fortnight from the reference date.
 */
function allocate(c: ClassRecord, book: ScheduleBook, lecturers: readonly Lecturer[], giangvien: Lecturer | null, today: IsoDate): void {
  const local = c.plan.site === 'school' ? null : c.site;
  const atSchool = c.sessions.filter((s) => s.kind !== 'field_trip');
  const rooms = [
    ...SCHOOL_ROOMS.filter((r) => r.seats >= c.plan.capacity).sort((a, b) => a.seats - b.seats),
    ...SCHOOL_ROOMS.filter((r) => r.seats < c.plan.capacity),
  ];
  const homeRoom = local ?? rooms.find((r) => atSchool.every((s) => book.roomFree(r.name, s.date, s.halfDay)))?.name ?? null;
  for (const s of atSchool) {
    const room =
      homeRoom !== null && book.roomFree(homeRoom, s.date, s.halfDay)
        ? homeRoom
        : rooms.find((r) => book.roomFree(r.name, s.date, s.halfDay))?.name;
    if (!room) throw new Error(`no free room for ${c.cohortCode} on ${s.date} (${s.halfDay})`);
    book.bookRoom(room, s.date, s.halfDay);
    s.room = room;
  }
  for (const m of c.modules) {
    const trips = c.sessions.filter((s) => s.moduleCode === m.code && s.kind === 'field_trip');
    if (trips.length === 0) continue;
    const place = FIELD_TRIP_PLACES.find((p) => trips.every((s) => book.roomFree(p, s.date, s.halfDay)));
    if (!place) throw new Error(`no field-trip place for ${c.cohortCode}`);
    for (const s of trips) {
      book.bookRoom(place, s.date, s.halfDay);
      s.room = place;
    }
  }

  for (const g of GUEST_SESSIONS[c.plan.programmeCode]) {
    const lessons = c.sessions.filter((s) => s.moduleCode === g.module && s.kind === 'lesson');
    const s = lessons[Math.floor(lessons.length / 2)];
    if (!s) continue;
    const guest = byLoad(lecturers.filter((l) => l.kind === 'guest' && l.group !== null && g.groups.includes(l.group))).find((l) =>
      book.lecturerFree(l.id, s.date, s.halfDay),
    );
    if (!guest) continue;
    book.bookLecturer(guest.id, s.date, s.halfDay);
    guest.load += 1;
    s.lecturerId = guest.id;
  }

  const school = lecturers.filter((l) => l.kind === 'school');
  for (const m of c.modules) {
    const sessions = c.sessions.filter((s) => s.moduleCode === m.code && s.lecturerId === null);
    if (sessions.length === 0) continue;
    const ofFaculty = byLoad(school.filter((l) => l.faculty === facultyOf(m.code)));
    const aroundToday =
      c.plan.key === 'tc_anchor' && sessions.some((s) => s.date >= today) && sessions.some((s) => s.date <= addDays(today, 14));
    const main = aroundToday && giangvien ? giangvien : (ofFaculty[0] ?? byLoad(school)[0]!);
    for (const s of sessions) {
      const who = [main, ...ofFaculty, ...byLoad(school)].find((l) => book.lecturerFree(l.id, s.date, s.halfDay));
      if (!who) throw new Error(`no free lecturer for ${c.cohortCode} ${m.code} on ${s.date} (${s.halfDay})`);
      book.bookLecturer(who.id, s.date, s.halfDay);
      who.load += 1;
      s.lecturerId = who.id;
    }
  }
}

/**
 * Rooms and lecturers for every class (the `giangvien` account's class first, then by start), the
 * sessions written (each with its own check-in secret), and the teaching hours per module shared
 * by the sessions each lecturer gives. Returns the number of sessions.
 */
export async function scheduleSessions(
  ctx: SchoolContext,
  classes: readonly ClassRecord[],
  lecturers: readonly Lecturer[],
): Promise<number> {
  const { tx, actors } = ctx;
  const book = new ScheduleBook();
  const giangvien = lecturers.find((l) => l.userId === actors.lecturer.id) ?? null;
  const first = classes.filter((c) => c.plan.key === 'tc_anchor');
  for (const c of [...first, ...classes.filter((c) => !first.includes(c))]) allocate(c, book, lecturers, giangvien, ctx.today);

  let count = 0;
  for (const c of classes) {
    const moduleId = (code: string | null) => (code === null ? null : c.modules.find((m) => m.code === code)!.id);
    const ids = await classesRepo.insertSessions(
      tx,
      c.id,
      c.sessions.map((s) => ({
        classModuleId: moduleId(s.moduleCode),
        kind: s.kind,
        date: s.date,
        startTime: HALF_DAYS[s.halfDay].start,
        endTime: HALF_DAYS[s.halfDay].end,
        room: s.room,
        onlineLink: null,
        lecturerId: s.lecturerId,
        // the secret of the session's check-in QR code: random, as the classes service makes it
        checkinSecret: randomBytes(32).toString('base64url'),
      })),
    );
    c.sessions.forEach((s, i) => {
      s.id = ids[i]!;
      record(ctx, actors.registrar, {
        action: 'create',
        entity: 'class_session',
        entityId: s.id,
        after: {
          classId: c.id,
          classModuleId: moduleId(s.moduleCode),
          kind: s.kind,
          date: s.date,
          startTime: HALF_DAYS[s.halfDay].start,
          endTime: HALF_DAYS[s.halfDay].end,
          room: s.room,
          onlineLink: null,
          lecturerId: s.lecturerId,
        },
      });
    });
    count += ids.length;
    for (const m of c.modules) {
      const bySessions = new Map<number, number>();
      for (const s of c.sessions)
        if (s.moduleCode === m.code && s.lecturerId !== null) bySessions.set(s.lecturerId, (bySessions.get(s.lecturerId) ?? 0) + 1);
      const hours = [...periodsBySessions(m.periods, bySessions)].map(([lecturerId, periods]) => ({ lecturerId, periods }));
      await classesRepo.replaceModuleLecturers(tx, m.id, hours);
      record(ctx, actors.registrar, {
        action: 'update',
        entity: 'class_module_lecturers',
        entityId: m.id,
        before: { classId: c.id, module: m.code, lecturers: [] },
        after: { classId: c.id, module: m.code, lecturers: hours.sort((a, b) => a.lecturerId - b.lecturerId) },
      });
    }
  }
  return count;
}
