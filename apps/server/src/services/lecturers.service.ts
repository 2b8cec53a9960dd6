/**
 * The lecturer pool: school lecturers and guest lecturers, searchable without diacritics,
 * readable province-wide (every organiser may invite a guest lecturer of another unit), kept and
 * changed by the registrars of the unit that holds them.
 */
import { searchWords, unitInScope } from '@nang-tam/domain';
import { auditRepo, lecturersRepo, unitsRepo, usersRepo, isUniqueViolation, type Db, type Queryable } from '@nang-tam/db';
import type { Lecturer, LecturerCreate, LecturerPage, LecturerRef, LecturersQuery, LecturerUpdate } from '@nang-tam/contracts';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';

/** Optional free text: empty after trimming means none. */
export function textOrNull(v: string | null | undefined): string | null {
  return v === undefined || v === null || v === '' ? null : v;
}

export function toLecturer(r: lecturersRepo.LecturerRow): Lecturer {
  return {
    id: r.id,
    fullName: r.full_name,
    kind: r.kind,
    title: r.title,
    organisation: r.organisation,
    unit: { id: r.unit_id, name: r.unit_name },
    user: r.user_id !== null ? { id: r.user_id, username: r.username ?? '', displayName: r.user_display_name ?? '' } : null,
    active: r.active,
  };
}

/** A lecturer as classes and sessions show them, from a row carrying `lecturer_*` columns. */
export function lecturerRefOf(r: {
  lecturer_id: number | null;
  lecturer_full_name: string | null;
  lecturer_kind: 'school' | 'guest' | null;
  lecturer_title: string | null;
  lecturer_organisation: string | null;
}): LecturerRef | null {
  if (r.lecturer_id === null || r.lecturer_full_name === null || r.lecturer_kind === null) return null;
  return {
    id: r.lecturer_id,
    fullName: r.lecturer_full_name,
    kind: r.lecturer_kind,
    title: r.lecturer_title,
    organisation: r.lecturer_organisation,
  };
}

export async function listLecturers(db: Db, q: LecturersQuery): Promise<LecturerPage> {
  const { rows, total } = await lecturersRepo.listLecturers(
    db,
    { words: q.q ? searchWords(q.q) : [], kind: q.kind, active: q.active },
    q.limit,
    q.offset,
  );
  return { total, items: rows.map(toLecturer) };
}

export async function getLecturer(db: Db, id: number): Promise<Lecturer> {
  const row = await lecturersRepo.findLecturer(db, id);
  if (!row) throw notFound();
  return toLecturer(row);
}

/** The account to link: it exists in the caller's scope and no other lecturer holds it. */
async function checkAccount(db: Queryable, user: AuthUser, userId: number, exceptLecturerId?: number): Promise<void> {
  const account = await usersRepo.findUserById(db, userId);
  if (!account || !unitInScope(user.scope, account.unit_path))
    throw new AppError('VALIDATION_FAILED', [fieldError('userId', 'UNKNOWN_USER')]);
  if ((await lecturersRepo.findLecturerIdOfUser(db, userId, exceptLecturerId)) !== null) {
    throw new AppError('DUPLICATE', [fieldError('userId', 'LECTURER_ACCOUNT_TAKEN')]);
  }
}

/** The unique index on lecturers.user_id, hit by a concurrent link of the same account. */
async function withAccountGuard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err, 'lecturers_user_id_key')) throw new AppError('DUPLICATE', [fieldError('userId', 'LECTURER_ACCOUNT_TAKEN')]);
    throw err;
  }
}

function snapshot(w: lecturersRepo.LecturerWrite) {
  return {
    fullName: w.fullName,
    kind: w.kind,
    title: w.title,
    organisation: w.organisation,
    userId: w.userId,
    unitId: w.unitId,
    active: w.active,
  };
}

export async function createLecturer(db: Db, user: AuthUser, input: LecturerCreate): Promise<Lecturer> {
  const unitId = input.unitId ?? user.unitId;
  if (!(await unitsRepo.findUnitById(db, user.scope, unitId)))
    throw new AppError('VALIDATION_FAILED', [fieldError('unitId', 'UNIT_OUT_OF_SCOPE')]);
  const userId = input.userId ?? null;
  if (userId !== null) await checkAccount(db, user, userId);
  const write: lecturersRepo.LecturerWrite = {
    fullName: input.fullName,
    kind: input.kind,
    title: textOrNull(input.title),
    organisation: textOrNull(input.organisation),
    userId,
    unitId,
    active: true,
  };
  return withAccountGuard(() =>
    db.transaction(async (tx) => {
      const id = await lecturersRepo.insertLecturer(tx, write);
      await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'create', entity: 'lecturer', entityId: id, after: snapshot(write) });
      return toLecturer((await lecturersRepo.findLecturer(tx, id))!);
    }),
  );
}

/** Changes a lecturer kept by a unit in the caller's subtree (others answer 404). */
export async function updateLecturer(db: Db, user: AuthUser, id: number, input: LecturerUpdate): Promise<Lecturer> {
  return withAccountGuard(() =>
    db.transaction(async (tx) => {
      const row = await lecturersRepo.findLecturer(tx, id, true);
      if (!row || !unitInScope(user.scope, row.unit_path)) throw notFound();
      const before: lecturersRepo.LecturerWrite = {
        fullName: row.full_name,
        kind: row.kind,
        title: row.title,
        organisation: row.organisation,
        userId: row.user_id,
        unitId: row.unit_id,
        active: row.active,
      };
      const fullName = input.fullName ?? row.full_name;
      const after: lecturersRepo.LecturerWrite = {
        fullName,
        kind: input.kind ?? row.kind,
        title: input.title !== undefined ? textOrNull(input.title) : row.title,
        organisation: input.organisation !== undefined ? textOrNull(input.organisation) : row.organisation,
        userId: input.userId !== undefined ? input.userId : row.user_id,
        unitId: row.unit_id,
        active: input.active ?? row.active,
      };
      if (after.userId !== null && after.userId !== row.user_id) await checkAccount(tx, user, after.userId, id);
      await lecturersRepo.updateLecturer(tx, id, after);
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'update',
        entity: 'lecturer',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return toLecturer((await lecturersRepo.findLecturer(tx, id))!);
    }),
  );
}
