import {
  AGE_BAND_LIMITS,
  birthDateBounds,
  checkPersonFacts,
  membershipFromDates,
  searchWords,
  todayInVietnam,
} from '@nang-tam/domain';
import { auditRepo, peopleRepo, unitsRepo, isUniqueViolation, type Db, type Queryable } from '@nang-tam/db';
import type {
  AssignmentInput,
  AppraisalInput,
  ErrorDetail,
  PeopleCount,
  PeopleFilter,
  PeoplePage,
  PeopleQuery,
  PersonCreate,
  PersonDetail,
  PersonAction,
  PersonUpdate,
  PlanningInput,
  QualificationInput,
} from '@nang-tam/contracts';
import { AppError, assertNoFieldErrors, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { peopleListPolicy, personPolicy, type PersonFacts } from '../policies/person.js';
import { auditSnapshot, toPersonDetail, toPersonListItem } from './people.mapper.js';

/** Turns validated list filters into repository filters (unit in scope, age band as dates). */
export async function resolvePeopleFilter(db: Queryable, user: AuthUser, f: PeopleFilter): Promise<peopleRepo.PeopleListFilter> {
  let unitPath: string | undefined;
  if (f.unitId !== undefined) {
    const unit = await unitsRepo.findUnitById(db, user.scope, f.unitId);
    if (!unit) throw notFound();
    unitPath = unit.path;
  }
  const bounds = f.ageBand ? birthDateBounds(...AGE_BAND_LIMITS[f.ageBand], todayInVietnam()) : undefined;
  return {
    words: f.q ? searchWords(f.q) : [],
    unitPath,
    unitId: f.unitId,
    subtree: f.subtree,
    category: f.category,
    titleId: f.titleId,
    managementScopeId: f.managementScopeId,
    gender: f.gender,
    ethnicity: f.ethnicity,
    bornAfter: bounds?.bornAfter,
    bornOnOrBefore: bounds?.bornOnOrBefore,
    educationLevel: f.educationLevel,
    politicalTheoryLevel: f.politicalTheoryLevel,
    stateManagementLevel: f.stateManagementLevel,
    plannedTitleId: f.plannedTitleId,
    planningTerm: f.planningTerm,
    partyMember: f.partyMember,
    partyMembership: f.partyMembership,
    sort: f.sort,
  };
}

export async function listPeople(db: Db, user: AuthUser, q: PeopleQuery): Promise<PeoplePage> {
  const filter = await resolvePeopleFilter(db, user, q);
  const { rows, total, totalExact } = await peopleRepo.listPeople(db, user.scope, filter, q.limit, q.offset);
  return { items: rows.map(toPersonListItem), total, totalExact, actions: peopleListPolicy.allowedActions(user, null) };
}

/** The exact number of people in the user's scope matching the filters (the list caps its total). */
export async function countPeople(db: Db, user: AuthUser, f: PeopleFilter): Promise<PeopleCount> {
  const filter = await resolvePeopleFilter(db, user, f);
  return { total: await peopleRepo.countPeople(db, user.scope, filter) };
}

/** The policy's facts about a person, from their row. */
export const personFactsOf = (row: { id: number; unit_path: string }): PersonFacts => ({ personId: row.id, unitPath: row.unit_path });

/**
 * A person the policy lets the caller act on. The repository carries the scope as a query
 * condition (out of scope is not found); the policy then decides the action on the record.
 */
export async function requirePerson(db: Queryable, user: AuthUser, id: number, action: PersonAction): Promise<peopleRepo.PersonRow> {
  const row = await peopleRepo.findPerson(db, user.scope, id);
  if (!row) throw notFound();
  personPolicy.authorize(user, personFactsOf(row), action);
  return row;
}

async function loadDetail(db: Queryable, user: AuthUser, id: number): Promise<PersonDetail> {
  const row = await requirePerson(db, user, id, 'view');
  return toPersonDetail(row, await peopleRepo.findPersonHistory(db, id), personPolicy.allowedActions(user, personFactsOf(row)));
}

export function getPerson(db: Db, user: AuthUser, id: number): Promise<PersonDetail> {
  return loadDetail(db, user, id);
}

/** Every check of a person write that needs the database; all problems at once. */
async function checkPersonWrite(db: Queryable, user: AuthUser, input: PersonCreate, selfId: number | null): Promise<void> {
  const details: ErrorDetail[] = checkPersonFacts({ ...input, partyMembership: membershipOf(input) }, todayInVietnam()).map((v) => fieldError(v.field, v.code));
  const unit = await unitsRepo.findUnitById(db, user.scope, input.unitId);
  if (!unit) details.push(fieldError('unitId', 'UNKNOWN_CODE'));
  const ids = (v: number | null) => (v === null ? [] : [v]);
  const found = await peopleRepo.findExistingReferenceIds(db, {
    titles: ids(input.titleId),
    jobPositions: ids(input.jobPositionId),
    ranks: ids(input.rankId),
    managementScopes: ids(input.managementScopeId),
    ethnicities: [input.ethnicityCode],
  });
  if (!found.ethnicities.has(input.ethnicityCode)) details.push(fieldError('ethnicityCode', 'UNKNOWN_CODE'));
  if (input.titleId !== null && !found.titles.has(input.titleId)) details.push(fieldError('titleId', 'UNKNOWN_CODE'));
  if (input.jobPositionId !== null && !found.jobPositions.has(input.jobPositionId))
    details.push(fieldError('jobPositionId', 'UNKNOWN_CODE'));
  if (input.rankId !== null && !found.ranks.has(input.rankId)) details.push(fieldError('rankId', 'UNKNOWN_CODE'));
  if (input.managementScopeId !== null && !found.managementScopes.has(input.managementScopeId)) {
    details.push(fieldError('managementScopeId', 'UNKNOWN_CODE'));
  }
  assertNoFieldErrors(details);
  const holder = await peopleRepo.findPersonIdByCitizenId(db, input.citizenId);
  if (holder !== null && holder !== selfId) throw new AppError('DUPLICATE', [fieldError('citizenId', 'DUPLICATE_CITIZEN_ID')]);
}

/**
 * The membership a write records: what the client sent (null = not known), or, from a client that
 * does not send it, what the dates establish (membershipFromDates, decision 0031).
 */
function membershipOf(input: PersonCreate): peopleRepo.PersonWrite['partyMembership'] {
  return input.partyMembership !== undefined ? input.partyMembership : membershipFromDates(input.partyJoinedOn, input.partyOfficialOn, todayInVietnam());
}

export function toPersonWrite(input: PersonCreate): peopleRepo.PersonWrite {
  return {
    citizenId: input.citizenId,
    fullName: input.fullName,
    birthDate: input.birthDate,
    gender: input.gender,
    ethnicityCode: input.ethnicityCode,
    category: input.category,
    partyMembership: membershipOf(input),
    partyJoinedOn: input.partyJoinedOn,
    partyOfficialOn: input.partyOfficialOn,
    unitId: input.unitId,
    titleId: input.titleId,
    jobPositionId: input.jobPositionId,
    rankId: input.rankId,
    managementScopeId: input.managementScopeId,
    phone: input.phone,
    email: input.email,
  };
}

/** Maps a unique-constraint race (two saves of one citizen id at once) onto the same answer as the check. */
async function withUniqueGuard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err, 'people_citizen_id_key')) throw new AppError('DUPLICATE', [fieldError('citizenId', 'DUPLICATE_CITIZEN_ID')]);
    throw err;
  }
}

export async function createPerson(db: Db, user: AuthUser, input: PersonCreate): Promise<PersonDetail> {
  await checkPersonWrite(db, user, input, null);
  return withUniqueGuard(() =>
    db.transaction(async (tx) => {
      const id = await peopleRepo.insertPerson(tx, toPersonWrite(input));
      const after = await loadDetail(tx, user, id);
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'create',
        entity: 'person',
        entityId: id,
        personId: id,
        after: auditSnapshot(after),
      });
      return after;
    }),
  );
}

export async function updatePerson(db: Db, user: AuthUser, id: number, input: PersonUpdate): Promise<PersonDetail> {
  const current = await requirePerson(db, user, id, 'update');
  if (current.version !== input.version) throw new AppError('CONFLICT');
  await checkPersonWrite(db, user, input, id);
  return withUniqueGuard(() =>
    db.transaction(async (tx) => {
      const before = await loadDetail(tx, user, id);
      if (!(await peopleRepo.updatePerson(tx, id, input.version, toPersonWrite(input)))) throw new AppError('CONFLICT');
      const after = await loadDetail(tx, user, id);
      await auditRepo.appendAudit(tx, {
        ...actorOf(user),
        action: 'update',
        entity: 'person',
        entityId: id,
        personId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return after;
    }),
  );
}

type SubRecordInput =
  | { kind: 'qualifications'; input: QualificationInput }
  | { kind: 'assignments'; input: AssignmentInput }
  | { kind: 'planning-entries'; input: PlanningInput }
  | { kind: 'appraisals'; input: AppraisalInput };

const SUB_ENTITY: Record<peopleRepo.SubRecordKind, string> = {
  qualifications: 'qualification',
  assignments: 'assignment',
  'planning-entries': 'planning_entry',
  appraisals: 'appraisal',
};

async function checkSubRecord(db: Queryable, user: AuthUser, r: SubRecordInput): Promise<void> {
  const details: ErrorDetail[] = [];
  const today = todayInVietnam();
  if (r.kind === 'qualifications') {
    const q = r.input;
    if (q.level !== null && !(await peopleRepo.findQualificationLevel(db, q.kind, q.level)))
      details.push(fieldError('level', 'UNKNOWN_CODE'));
    if (q.awardedOn && q.awardedOn > today) details.push(fieldError('awardedOn', 'DATE_IN_FUTURE'));
  } else if (r.kind === 'assignments') {
    const a = r.input;
    if (!(await unitsRepo.findUnitById(db, user.scope, a.unitId))) details.push(fieldError('unitId', 'UNKNOWN_CODE'));
    if (a.titleId !== null) {
      const t = await peopleRepo.findExistingReferenceIds(db, {
        titles: [a.titleId],
        jobPositions: [],
        ranks: [],
        managementScopes: [],
        ethnicities: [],
      });
      if (!t.titles.has(a.titleId)) details.push(fieldError('titleId', 'UNKNOWN_CODE'));
    }
    if (a.endedOn && a.endedOn < a.startedOn) details.push(fieldError('endedOn', 'DATE_BEFORE_START'));
  } else if (r.kind === 'planning-entries') {
    const t = await peopleRepo.findExistingReferenceIds(db, {
      titles: [r.input.titleId],
      jobPositions: [],
      ranks: [],
      managementScopes: [],
      ethnicities: [],
    });
    if (!t.titles.has(r.input.titleId)) details.push(fieldError('titleId', 'UNKNOWN_CODE'));
    const [from, to] = r.input.term.split('-').map(Number) as [number, number];
    if (to <= from || to - from > 10) details.push(fieldError('term', 'INVALID_VALUE'));
  } else if (r.input.year > Number(today.slice(0, 4))) {
    details.push(fieldError('year', 'DATE_IN_FUTURE'));
  }
  assertNoFieldErrors(details);
}

async function insertSubRecord(tx: Queryable, personId: number, r: SubRecordInput): Promise<number | null> {
  switch (r.kind) {
    case 'qualifications':
      return peopleRepo.insertQualification(tx, personId, { ...r.input, source: 'entered' });
    case 'assignments':
      return peopleRepo.insertAssignment(tx, personId, r.input);
    case 'planning-entries':
      return peopleRepo.insertPlanningEntry(tx, personId, r.input);
    case 'appraisals':
      return peopleRepo.insertAppraisal(tx, personId, r.input);
  }
}

export async function addSubRecord(db: Db, user: AuthUser, personId: number, r: SubRecordInput): Promise<PersonDetail> {
  await requirePerson(db, user, personId, 'update');
  await checkSubRecord(db, user, r);
  return db.transaction(async (tx) => {
    const itemId = await insertSubRecord(tx, personId, r);
    if (itemId === null) {
      throw new AppError('DUPLICATE', [
        fieldError(r.kind === 'appraisals' ? 'year' : 'term', r.kind === 'appraisals' ? 'DUPLICATE_YEAR' : 'DUPLICATE_ENTRY'),
      ]);
    }
    if (r.kind === 'qualifications') await peopleRepo.refreshHighestLevels(tx, [personId]);
    await peopleRepo.touchPerson(tx, personId);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: SUB_ENTITY[r.kind],
      entityId: itemId,
      personId,
      after: r.input,
    });
    return loadDetail(tx, user, personId);
  });
}

export async function deleteSubRecord(
  db: Db,
  user: AuthUser,
  personId: number,
  kind: peopleRepo.SubRecordKind,
  itemId: number,
): Promise<PersonDetail> {
  await requirePerson(db, user, personId, 'update');
  return db.transaction(async (tx) => {
    const before = await peopleRepo.deleteSubRecord(tx, kind, personId, itemId);
    if (!before) throw notFound();
    if (kind === 'qualifications') await peopleRepo.refreshHighestLevels(tx, [personId]);
    await peopleRepo.touchPerson(tx, personId);
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'delete', entity: SUB_ENTITY[kind], entityId: itemId, personId, before });
    return loadDetail(tx, user, personId);
  });
}

export async function listPersonAudit(db: Db, user: AuthUser, personId: number, limit: number, offset: number) {
  await requirePerson(db, user, personId, 'viewHistory');
  const rows = await auditRepo.listAuditForPerson(db, personId, limit, offset);
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    })),
  };
}
