/**
 * Classes and their schedule: opening a class from the programme catalogue (modules copied, the
 * grading scheme and graduation conditions snapshotted), listing the classes of a year with the
 * carried-over ones flagged, changing a class under optimistic versioning, the lecturers of each
 * module with their teaching hours, and sessions with room and lecturer clashes refused.
 *
 * Classes are readable province-wide with classes.read; every write needs the class's organiser
 * unit inside the caller's subtree (otherwise 404), runs in one transaction that first locks the
 * class row, and appends its audit record.
 */
import { randomBytes } from 'node:crypto';
import { formatViDate, rules, searchWords, todayInVietnam, training } from '@nang-tam/domain';
import { auditRepo, classesRepo, catalogueRepo, lecturersRepo, nominationsRepo, plansRepo, unitsRepo, isUniqueViolation, type Db, type Queryable, type Tx } from '@nang-tam/db';
import type {
  ClassCreate,
  ClassDetail,
  ClassesQuery,
  ClassPage,
  ClassSession,
  ClassSessionInput,
  ClassSessionUpdate,
  ClassSummary,
  ClassUpdate,
  ErrorDetail,
  ModuleLecturersInput,
  MySessions,
  MySessionsQuery,
} from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { classListPolicy, classPolicy, sessionActions } from '../policies/class.js';
import { classFactsOf, lecturerIdOf, loadClassFacts, teachingIn, teachingInClasses } from './access-facts.js';
import { requireCatalogue } from './catalogue.service.js';
import { lecturerRefOf, textOrNull } from './lecturers.service.js';
import { fillFreePlaces } from './nominations.service.js';
import { checkClassPlanLink } from './plans.service.js';

type StudyMode = rules.StudyMode;

// ---------- shaping ----------

function toSummary(r: classesRepo.ClassWithPlacesRow, year: number | null, actions: ClassSummary['actions'], today: string): ClassSummary {
  return {
    id: r.id,
    programme: { code: r.programme_code, name: r.programme_name, kind: r.programme_kind },
    cohortCode: r.cohort_code,
    name: r.name,
    mode: r.mode,
    site: r.site,
    organiser: { id: r.organiser_unit_id, name: r.organiser_name },
    startDate: r.start_date,
    endDate: r.end_date,
    capacity: r.capacity,
    status: r.status,
    displayStatus: training.classDisplayStatus({ status: r.status, startDate: r.start_date, endDate: r.end_date }, today),
    placesTaken: r.places_taken,
    freePlaces: Math.max(0, r.capacity - r.places_taken),
    waitlisted: r.waitlisted,
    enrolled: r.enrolled,
    carriedOver: year !== null && training.isCarriedOver({ startDate: r.start_date, endDate: r.end_date }, year),
    version: r.version,
    actions,
  };
}

function toSession(r: classesRepo.SessionRow): Omit<ClassSession, 'actions'> {
  return {
    id: r.id,
    classId: r.class_id,
    module: r.class_module_id !== null ? { id: r.class_module_id, code: r.module_code ?? '', name: r.module_name ?? '' } : null,
    kind: r.kind,
    date: r.on_date,
    startTime: r.starts_at,
    endTime: r.ends_at,
    room: r.room,
    onlineLink: r.online_link,
    lecturer: lecturerRefOf(r),
  };
}

/** The class with its modules, module lecturers, teaching hours per lecturer and session counts. */
async function loadDetail(db: Queryable, user: AuthUser, id: number): Promise<ClassDetail | null> {
  const row = await classesRepo.findClass(db, id);
  if (!row) return null;
  const actions = classPolicy.allowedActions(user, classFactsOf(row, await teachingIn(db, user, id)));
  const modules = await classesRepo.listClassModules(db, id);
  const moduleLecturers = await classesRepo.listModuleLecturers(db, id);
  const sessionCounts = await classesRepo.countSessions(db, id);
  const perLecturer = new Map<number, ClassDetail['lecturers'][number]>();
  for (const ml of moduleLecturers) {
    const entry = perLecturer.get(ml.lecturer_id) ?? { lecturer: lecturerRefOf(ml)!, periods: 0, sessions: 0 };
    entry.periods += ml.periods;
    perLecturer.set(ml.lecturer_id, entry);
  }
  for (const s of sessionCounts) {
    if (s.lecturer_id === null) continue;
    const entry = perLecturer.get(s.lecturer_id);
    if (entry) entry.sessions += s.n;
  }
  // lecturers who teach sessions without being assigned a module's periods (guest speakers)
  const unassigned = sessionCounts.filter((s) => s.lecturer_id !== null && !perLecturer.has(s.lecturer_id)).map((s) => s.lecturer_id!);
  for (const l of await lecturersRepo.findLecturersByIds(db, [...new Set(unassigned)])) {
    const sessions = sessionCounts.filter((s) => s.lecturer_id === l.id).reduce((n, s) => n + s.n, 0);
    perLecturer.set(l.id, {
      lecturer: { id: l.id, fullName: l.full_name, kind: l.kind, title: l.title, organisation: l.organisation },
      periods: 0,
      sessions,
    });
  }
  const link = await plansRepo.classPlanLink(db, id);
  return {
    ...toSummary(row, null, actions, todayInVietnam()),
    plan: { lineId: link?.plan_line_id ?? null, outsidePlan: link?.outside_plan ?? false },
    gradingScheme: row.grading_scheme,
    graduationConditions: row.graduation_conditions,
    modules: modules.map((m) => {
      const lecturers = moduleLecturers
        .filter((ml) => ml.class_module_id === m.id)
        .map((ml) => ({ lecturer: lecturerRefOf(ml)!, periods: ml.periods }));
      return {
        id: m.id,
        code: m.code,
        name: m.name,
        periods: m.periods,
        lecturers,
        assignedPeriods: lecturers.reduce((n, l) => n + l.periods, 0),
        sessions: sessionCounts.filter((s) => s.class_module_id === m.id).reduce((n, s) => n + s.n, 0),
      };
    }),
    lecturers: [...perLecturer.values()].sort(
      (a, b) => b.periods - a.periods || a.lecturer.fullName.localeCompare(b.lecturer.fullName, 'vi'),
    ),
    sessions: sessionCounts.reduce((n, s) => n + s.n, 0),
    createdAt: row.created_at,
    graduatedAt: row.graduated_at,
  };
}

function classSnapshot(
  c: Pick<classesRepo.LockedClass, 'cohort_code' | 'name' | 'mode' | 'site' | 'start_date' | 'end_date' | 'capacity' | 'status'>,
) {
  return {
    cohortCode: c.cohort_code,
    name: c.name,
    mode: c.mode,
    site: c.site,
    startDate: c.start_date,
    endDate: c.end_date,
    capacity: c.capacity,
    status: c.status,
  };
}

// ---------- reading ----------

export async function listClasses(db: Db, user: AuthUser, q: ClassesQuery): Promise<ClassPage> {
  let organiserPath: string | undefined;
  if (q.organiserUnitId !== undefined) {
    // classes are readable province-wide, so any unit may be asked for
    const unit = await unitsRepo.findUnitById(db, { kind: 'subtree', unitPath: '/' }, q.organiserUnitId);
    if (!unit) throw new AppError('VALIDATION_FAILED', [fieldError('organiserUnitId', 'UNKNOWN_CODE')]);
    organiserPath = unit.path;
  }
  const year = q.year ?? null;
  const { rows, total } = await classesRepo.listClasses(
    db,
    {
      ...(year !== null ? { runningFrom: `${year}-01-01`, runningTo: `${year}-12-31` } : {}),
      programmeCode: q.programme,
      status: q.status,
      organiserPath,
      words: q.q ? searchWords(q.q) : [],
    },
    q.limit,
    q.offset,
  );
  const teaching = await teachingInClasses(db, user, rows.map((r) => r.id));
  const today = todayInVietnam();
  return {
    year,
    total,
    items: rows.map((r) => toSummary(r, year, classPolicy.allowedActions(user, classFactsOf(r, teaching(r.id), today)), today)),
    actions: classListPolicy.allowedActions(user, null),
  };
}

export async function getClass(db: Db, user: AuthUser, id: number): Promise<ClassDetail> {
  const detail = await loadDetail(db, user, id);
  if (!detail) throw notFound();
  return detail;
}

// ---------- opening and changing a class ----------

function requireOfferedMode(programme: { name: string; modes: string[] }, mode: StudyMode): void {
  if (!programme.modes.includes(mode)) {
    const label = rules.STUDY_MODE_LABELS[mode] ?? mode;
    throw new AppError(
      'UNSUPPORTED_MODE',
      [fieldError('mode', 'UNSUPPORTED_MODE')],
      `Chương trình ${programme.name} không tổ chức theo hình thức ${label.toLowerCase()}.`,
    );
  }
}

function datesProblems(startDate: string, endDate: string): ErrorDetail[] {
  return endDate < startDate ? [fieldError('endDate', 'DATE_BEFORE_START')] : [];
}

/** The unique (programme, cohort) index, hit by a concurrent opening of the same cohort. */
async function withCohortGuard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err, 'classes_programme_code_cohort_code_key')) throw new AppError('DUPLICATE', [fieldError('cohortCode', 'COHORT_CODE_TAKEN')]);
    throw err;
  }
}

/**
 * Opens a class: the mode must be one the programme offers, the organiser unit (default: the
 * caller's) inside the caller's subtree; the modules are copied from the programme catalogue and
 * its grading scheme and graduation conditions snapshotted, so later catalogue corrections do not
 * regrade a running class.
 */
/**
 * Classes open only for programmes the provincial school or a commune centre runs; a programme of
 * an outside institution or abroad is recorded as outside training instead (issue 9).
 */
function requireOrganisedHere(programme: Pick<catalogueRepo.CatalogueRow, 'name' | 'organiser_type'>): void {
  if (training.organisesClasses(programme.organiser_type)) return;
  throw new AppError(
    'PROGRAMME_NOT_ORGANISED_HERE',
    [fieldError('programmeCode', 'PROGRAMME_NOT_ORGANISED_HERE')],
    `Chương trình ${programme.name} do ${programme.organiser_type === 'abroad' ? 'cơ sở ở nước ngoài' : 'cơ sở đào tạo ngoài tỉnh'} tổ chức nên không mở lớp trong hệ thống; hãy ghi nhận là đào tạo ngoài tỉnh.`,
  );
}

export async function createClass(db: Db, user: AuthUser, input: ClassCreate): Promise<ClassDetail> {
  const programme = await requireCatalogue(db, input.programmeCode, 'programmeCode');
  requireOrganisedHere(programme);
  requireOfferedMode(programme, input.mode);
  assertNoFieldErrors(datesProblems(input.startDate, input.endDate));
  const organiserUnitId = input.organiserUnitId ?? user.unitId;
  if (!(await unitsRepo.findUnitById(db, user.scope, organiserUnitId))) {
    throw new AppError('VALIDATION_FAILED', [fieldError('organiserUnitId', 'UNIT_OUT_OF_SCOPE')]);
  }
  const planLink = { planLineId: input.planLineId ?? null, outsidePlan: input.outsidePlan ?? false };
  assertNoFieldErrors(await checkClassPlanLink(db, user, { ...planLink, programmeCode: input.programmeCode, startDate: input.startDate }));
  return withCohortGuard(() =>
    db.transaction(async (tx) => {
      // the programme row is locked so a catalogue correction cannot interleave with the copy
      const catalogue = await requireCatalogue(tx, input.programmeCode, 'programmeCode', true);
      requireOrganisedHere(catalogue);
      const modules = await catalogueRepo.findProgrammeModules(tx, input.programmeCode);
      if (!catalogue.grading_scheme || !catalogue.graduation_conditions || modules.length === 0) throw new AppError('CATALOGUE_INCOMPLETE');
      if (await classesRepo.cohortCodeTaken(tx, input.programmeCode, input.cohortCode)) {
        throw new AppError('DUPLICATE', [fieldError('cohortCode', 'COHORT_CODE_TAKEN')]);
      }
      const id = await classesRepo.insertClass(tx, {
        programmeCode: input.programmeCode,
        cohortCode: input.cohortCode,
        name: input.name,
        mode: input.mode,
        organiserUnitId,
        site: input.site,
        startDate: input.startDate,
        endDate: input.endDate,
        capacity: input.capacity,
        gradingScheme: catalogue.grading_scheme,
        graduationConditions: catalogue.graduation_conditions,
        createdBy: user.id,
      });
      await classesRepo.insertClassModules(tx, id, modules);
      await plansRepo.setClassPlanLink(tx, id, planLink);
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'create',
        entity: 'class',
        entityId: id,
        after: {
          programmeCode: input.programmeCode,
          organiserUnitId,
          ...planLink,
          ...classSnapshot({
            cohort_code: input.cohortCode,
            name: input.name,
            mode: input.mode,
            site: input.site,
            start_date: input.startDate,
            end_date: input.endDate,
            capacity: input.capacity,
            status: 'open',
          }),
          modules: modules.map((m) => ({ code: m.code, periods: m.periods })),
          gradingScheme: catalogue.grading_scheme.code,
        },
      });
      return (await loadDetail(tx, user, id))!;
    }),
  );
}

/**
 * Locks a class the caller may change (policy `class.update` / `class.manageSessions`): missing or
 * out of scope → 404, finished → 409, decided on the locked row.
 */
async function lockWritableClass(tx: Tx, user: AuthUser, id: number, action: 'update' | 'manageSessions' = 'update'): Promise<classesRepo.LockedClass> {
  const locked = await classesRepo.lockClass(tx, user.scope, id);
  const facts = await loadClassFacts(tx, user, id);
  if (!facts) throw notFound();
  classPolicy.authorize(user, facts, action);
  if (!locked) throw notFound();
  return locked;
}

/**
 * Changes a class read at `version` (someone else's change in between answers 409 CONFLICT). The
 * capacity cannot go below the places nominations already hold (counted under the class lock
 * that nominations take too); a higher capacity moves the oldest waitlisted nominations up; dates
 * cannot leave scheduled sessions outside them.
 */
export async function updateClass(db: Db, user: AuthUser, id: number, input: ClassUpdate): Promise<ClassDetail> {
  return withCohortGuard(() =>
    db.transaction(async (tx) => {
      const current = await lockWritableClass(tx, user, id);
      if (current.version !== input.version) throw new AppError('CONFLICT');
      const next: classesRepo.ClassChange = {
        cohortCode: input.cohortCode ?? current.cohort_code,
        name: input.name ?? current.name,
        mode: input.mode ?? current.mode,
        site: input.site ?? current.site,
        startDate: input.startDate ?? current.start_date,
        endDate: input.endDate ?? current.end_date,
        capacity: input.capacity ?? current.capacity,
        status: input.status ?? current.status,
      };
      if (next.mode !== current.mode)
        requireOfferedMode(await requireCatalogue(tx, current.programme_code, 'programmeCode'), next.mode as StudyMode);
      const details = datesProblems(next.startDate, next.endDate);
      if (details.length === 0 && (next.startDate !== current.start_date || next.endDate !== current.end_date)) {
        const outside = await classesRepo.countSessionsOutside(tx, id, next.startDate, next.endDate);
        if (outside > 0) {
          const path = next.startDate > current.start_date ? 'startDate' : 'endDate';
          details.push({
            ...fieldError(path, 'SESSIONS_OUTSIDE_DATES'),
            message: `Lớp đã có ${outside} buổi học ngoài khoảng thời gian này; hãy dời hoặc xóa các buổi đó trước.`,
          });
        }
      }
      if (next.capacity < current.capacity) {
        const { taken } = await nominationsRepo.countPlaces(tx, id);
        if (next.capacity < taken) {
          details.push({
            ...fieldError('capacity', 'CAPACITY_BELOW_PLACES_TAKEN'),
            message: `Lớp đã có ${taken} học viên được cử đang giữ chỗ; chỉ tiêu không được ít hơn ${taken}.`,
          });
        }
      }
      const linkBefore = (await plansRepo.classPlanLink(tx, id))!;
      const planLink = {
        planLineId: input.planLineId !== undefined ? input.planLineId : linkBefore.plan_line_id,
        outsidePlan: input.outsidePlan ?? (input.planLineId ? false : linkBefore.outside_plan),
      };
      const linkChanged = planLink.planLineId !== linkBefore.plan_line_id || planLink.outsidePlan !== linkBefore.outside_plan;
      if (linkChanged || next.startDate !== current.start_date)
        details.push(...(await checkClassPlanLink(tx, user, { ...planLink, programmeCode: current.programme_code, startDate: next.startDate })));
      assertNoFieldErrors(details);
      if (next.cohortCode !== current.cohort_code && (await classesRepo.cohortCodeTaken(tx, current.programme_code, next.cohortCode, id))) {
        throw new AppError('DUPLICATE', [fieldError('cohortCode', 'COHORT_CODE_TAKEN')]);
      }
      if (!(await classesRepo.updateClass(tx, id, input.version, next))) throw new AppError('CONFLICT');
      if (linkChanged) await plansRepo.setClassPlanLink(tx, id, planLink);
      // more places: the oldest waitlisted nominations move up in the same transaction
      const promoted = next.capacity > current.capacity ? await fillFreePlaces(tx, user, { id, name: next.name, capacity: next.capacity, status: current.status }) : [];
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'update',
        entity: 'class',
        entityId: id,
        before: { ...classSnapshot(current), ...(linkChanged ? { planLineId: linkBefore.plan_line_id, outsidePlan: linkBefore.outside_plan } : {}) },
        after: {
          ...(linkChanged ? planLink : {}),
          ...classSnapshot({
            cohort_code: next.cohortCode,
            name: next.name,
            mode: next.mode as classesRepo.LockedClass['mode'],
            site: next.site,
            start_date: next.startDate,
            end_date: next.endDate,
            capacity: next.capacity,
            status: next.status as classesRepo.LockedClass['status'],
          }),
          ...(promoted.length > 0 ? { promotedNominations: promoted } : {}),
        },
      });
      return (await loadDetail(tx, user, id))!;
    }),
  );
}

/** Active lecturers by id; unknown or inactive ones are reported at their paths. */
async function checkLecturers(db: Queryable, wanted: { path: string; id: number; mustBeActive: boolean }[]): Promise<ErrorDetail[]> {
  const found = new Map(
    (
      await lecturersRepo.findLecturersByIds(
        db,
        wanted.map((w) => w.id),
      )
    ).map((l) => [l.id, l]),
  );
  const details: ErrorDetail[] = [];
  for (const w of wanted) {
    const l = found.get(w.id);
    if (!l) details.push(fieldError(w.path, 'UNKNOWN_LECTURER'));
    else if (w.mustBeActive && !l.active)
      details.push({ ...fieldError(w.path, 'LECTURER_INACTIVE'), message: `Giảng viên ${l.full_name} đã ngừng tham gia giảng dạy.` });
  }
  return details;
}

/** Replaces the lecturers of one module with their periods (at most the module's periods in all). */
export async function setModuleLecturers(
  db: Db,
  user: AuthUser,
  classId: number,
  moduleId: number,
  input: ModuleLecturersInput,
): Promise<ClassDetail> {
  return db.transaction(async (tx) => {
    await lockWritableClass(tx, user, classId, 'manageSessions');
    const module = await classesRepo.findClassModule(tx, classId, moduleId);
    if (!module) throw notFound();
    const details: ErrorDetail[] = [];
    const seen = new Set<number>();
    input.lecturers.forEach((l, i) => {
      if (seen.has(l.lecturerId)) details.push(fieldError(`lecturers.${i}.lecturerId`, 'DUPLICATE_LECTURER'));
      seen.add(l.lecturerId);
    });
    const current = new Set(
      (await classesRepo.listModuleLecturers(tx, classId)).filter((ml) => ml.class_module_id === moduleId).map((ml) => ml.lecturer_id),
    );
    // a lecturer who stopped teaching may stay where they already taught, not be given new periods
    details.push(
      ...(await checkLecturers(
        tx,
        input.lecturers.map((l, i) => ({ path: `lecturers.${i}.lecturerId`, id: l.lecturerId, mustBeActive: !current.has(l.lecturerId) })),
      )),
    );
    const total = input.lecturers.reduce((n, l) => n + l.periods, 0);
    if (total > module.periods) {
      details.push({
        ...fieldError('lecturers', 'PERIODS_EXCEED_MODULE'),
        message: `Tổng số tiết phân công (${total}) vượt số tiết của học phần ${module.name} (${module.periods}).`,
      });
    }
    assertNoFieldErrors(details);
    const before = await classesRepo.replaceModuleLecturers(tx, moduleId, input.lecturers);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'update',
      entity: 'class_module_lecturers',
      entityId: moduleId,
      before: { classId, module: module.code, lecturers: before },
      after: { classId, module: module.code, lecturers: [...input.lecturers].sort((a, b) => a.lecturerId - b.lecturerId) },
    });
    return (await loadDetail(tx, user, classId))!;
  });
}

// ---------- sessions ----------

export async function listClassSessions(db: Db, user: AuthUser, classId: number): Promise<{ items: ClassSession[] }> {
  const withActions = await sessionShaper(db, user, classId);
  if (!withActions) throw notFound();
  return { items: (await classesRepo.listSessions(db, classId)).map(withActions) };
}

/**
 * Shapes the sessions of one class with what the caller may do with each (policies/class.ts
 * `sessionActions`); null when there is no such class.
 */
async function sessionShaper(db: Queryable, user: AuthUser, classId: number): Promise<((r: classesRepo.SessionRow) => ClassSession) | null> {
  const cls = await classesRepo.findClass(db, classId);
  if (!cls) return null;
  const lecturerId = await lecturerIdOf(db, user);
  const moduleLecturers = lecturerId === null ? [] : await classesRepo.listModuleLecturers(db, classId);
  const myModules = new Set(moduleLecturers.filter((ml) => ml.lecturer_id === lecturerId).map((ml) => ml.class_module_id));
  const today = todayInVietnam();
  return (r) => {
    // the session's lecturer or, when it names none, a lecturer of its module (as attendance decides)
    const teaches = lecturerId !== null && (r.lecturer_id === lecturerId || (r.lecturer_id === null && r.class_module_id !== null && myModules.has(r.class_module_id)));
    return { ...toSession(r), actions: sessionActions(user, classFactsOf(cls, { teaches, teachesModule: false }, today), r.on_date) };
  };
}

function clashMessage(c: classesRepo.ClashRow): string {
  const when = `ngày ${formatViDate(c.on_date)} từ ${c.starts_at} đến ${c.ends_at}`;
  const other = `${training.classPhrase(c.class_name)} (${c.cohort_code})`;
  return c.clash === 'room'
    ? `${training.roomPhrase(c.room ?? '', 'start')} đã được xếp cho ${other} ${when}.`
    : `Giảng viên ${c.lecturer_full_name} đã có lịch giảng ${other} ${when}.`;
}

/**
 * Validates a session against its class and refuses clashes: the same room or the same lecturer
 * in any class on the same date at an overlapping time. The room and lecturer are locked first
 * (advisory locks until commit), so two concurrent writes cannot both pass.
 */
async function checkSession(
  tx: Tx,
  cls: classesRepo.LockedClass,
  s: classesRepo.SessionWrite,
  opts: { exceptSessionId?: number; lecturerUnchanged?: boolean },
): Promise<void> {
  const details: ErrorDetail[] = [];
  if (s.date < cls.start_date || s.date > cls.end_date) {
    details.push({
      ...fieldError('date', 'DATE_OUTSIDE_CLASS'),
      message: `Ngày học phải trong thời gian của lớp (từ ${formatViDate(cls.start_date)} đến ${formatViDate(cls.end_date)}).`,
    });
  }
  if (s.endTime <= s.startTime) details.push(fieldError('endTime', 'TIME_END_BEFORE_START'));
  if (s.room === null && s.onlineLink === null) details.push(fieldError('room', 'ROOM_OR_LINK_REQUIRED'));
  if (s.classModuleId === null) {
    if (s.kind === 'lesson') details.push(fieldError('moduleId', 'MODULE_REQUIRED'));
  } else if (!(await classesRepo.findClassModule(tx, cls.id, s.classModuleId))) {
    details.push(fieldError('moduleId', 'UNKNOWN_MODULE'));
  }
  if (s.lecturerId !== null)
    details.push(...(await checkLecturers(tx, [{ path: 'lecturerId', id: s.lecturerId, mustBeActive: !opts.lecturerUnchanged }])));
  assertNoFieldErrors(details);

  const keys = [
    ...(s.room !== null ? [classesRepo.roomKey(s.room)] : []),
    ...(s.lecturerId !== null ? [classesRepo.lecturerKey(s.lecturerId)] : []),
  ];
  await classesRepo.lockSchedule(tx, keys);
  const slot = { date: s.date, startTime: s.startTime, endTime: s.endTime, exceptSessionId: opts.exceptSessionId };
  const rooms = s.room !== null ? await classesRepo.findClashes(tx, { ...slot, room: s.room, lecturerId: null }) : [];
  const lecturers = s.lecturerId !== null ? await classesRepo.findClashes(tx, { ...slot, room: null, lecturerId: s.lecturerId }) : [];
  if (rooms.length === 0 && lecturers.length === 0) return;
  const clashDetails: ErrorDetail[] = [
    ...rooms.map((c) => ({ path: 'room', code: 'ROOM_CLASH', message: clashMessage(c) })),
    ...lecturers.map((c) => ({ path: 'lecturerId', code: 'LECTURER_CLASH', message: clashMessage(c) })),
  ];
  throw new AppError(rooms.length > 0 ? 'SESSION_ROOM_CLASH' : 'SESSION_LECTURER_CLASH', clashDetails, clashDetails[0]!.message);
}

export async function createSession(db: Db, user: AuthUser, classId: number, input: ClassSessionInput): Promise<ClassSession> {
  return db.transaction(async (tx) => {
    const cls = await lockWritableClass(tx, user, classId, 'manageSessions');
    const write: classesRepo.SessionWrite = {
      classModuleId: input.moduleId ?? null,
      kind: input.kind,
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      room: textOrNull(input.room),
      onlineLink: input.onlineLink ?? null,
      lecturerId: input.lecturerId ?? null,
    };
    await checkSession(tx, cls, write, {});
    // the secret of the session's check-in QR code
    const id = await classesRepo.insertSession(tx, classId, write, randomBytes(32).toString('base64url'));
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'class_session',
      entityId: id,
      after: { classId, ...write },
    });
    return (await sessionShaper(tx, user, classId))!((await classesRepo.findSession(tx, classId, id))!);
  });
}

function writeOf(r: classesRepo.SessionRow): classesRepo.SessionWrite {
  return {
    classModuleId: r.class_module_id,
    kind: r.kind,
    date: r.on_date,
    startTime: r.starts_at,
    endTime: r.ends_at,
    room: r.room,
    onlineLink: r.online_link,
    lecturerId: r.lecturer_id,
  };
}

export async function updateSession(
  db: Db,
  user: AuthUser,
  classId: number,
  sessionId: number,
  input: ClassSessionUpdate,
): Promise<ClassSession> {
  return db.transaction(async (tx) => {
    const cls = await lockWritableClass(tx, user, classId, 'manageSessions');
    const row = await classesRepo.findSession(tx, classId, sessionId);
    if (!row) throw notFound();
    const before = writeOf(row);
    const after: classesRepo.SessionWrite = {
      classModuleId: input.moduleId !== undefined ? input.moduleId : before.classModuleId,
      kind: input.kind ?? before.kind,
      date: input.date ?? before.date,
      startTime: input.startTime ?? before.startTime,
      endTime: input.endTime ?? before.endTime,
      room: input.room !== undefined ? textOrNull(input.room) : before.room,
      onlineLink: input.onlineLink !== undefined ? input.onlineLink : before.onlineLink,
      lecturerId: input.lecturerId !== undefined ? input.lecturerId : before.lecturerId,
    };
    await checkSession(tx, cls, after, { exceptSessionId: sessionId, lecturerUnchanged: after.lecturerId === before.lecturerId });
    await classesRepo.updateSession(tx, sessionId, after);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'update',
      entity: 'class_session',
      entityId: sessionId,
      before: { classId, ...before },
      after: { classId, ...after },
    });
    return (await sessionShaper(tx, user, classId))!((await classesRepo.findSession(tx, classId, sessionId))!);
  });
}

/** Deletes a session that has no attendance yet (marks would otherwise be lost with it). */
export async function deleteSession(db: Db, user: AuthUser, classId: number, sessionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockWritableClass(tx, user, classId, 'manageSessions');
    const row = await classesRepo.findSession(tx, classId, sessionId);
    if (!row) throw notFound();
    if ((await classesRepo.countAttendance(tx, sessionId)) > 0) throw new AppError('SESSION_HAS_ATTENDANCE');
    await classesRepo.deleteSession(tx, sessionId);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'delete',
      entity: 'class_session',
      entityId: sessionId,
      before: { classId, ...writeOf(row) },
    });
  });
}

// ---------- a lecturer's own sessions ----------

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The sessions the caller teaches (through their lecturer record) between two dates. */
export async function listMySessions(db: Db, user: AuthUser, q: MySessionsQuery): Promise<MySessions> {
  const from = q.from ?? todayInVietnam();
  const to = q.to ?? addDays(from, 30);
  if (to < from) throw new AppError('VALIDATION_FAILED', [fieldError('to', 'DATE_BEFORE_START')]);
  if (to > addDays(from, 366)) throw new AppError('VALIDATION_FAILED', [fieldError('to', 'OUT_OF_RANGE')]);
  const lecturer = await lecturersRepo.findLecturerByUser(db, user.id);
  if (!lecturer) return { from, to, lecturer: null, items: [] };
  const rows = await classesRepo.listLecturerSessions(db, lecturer.id, from, to);
  return {
    from,
    to,
    lecturer: {
      id: lecturer.id,
      fullName: lecturer.full_name,
      kind: lecturer.kind,
      title: lecturer.title,
      organisation: lecturer.organisation,
    },
    items: rows.map((r) => ({
      ...toSession(r),
      class: {
        id: r.class_id,
        name: r.class_name,
        cohortCode: r.cohort_code,
        programmeCode: r.programme_code,
        programmeName: r.programme_name,
        site: r.site,
      },
    })),
  };
}
