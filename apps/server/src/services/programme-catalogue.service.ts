/**
 * The programme catalogue (issue 9): every kind of training, each programme versioned. Reads answer
 * "as of" a date (the version in force then); the board and home affairs create programmes and add
 * versions (never edit one), each write validated by the domain, checked for overlap under a
 * per-programme lock, and audited in the same transaction.
 */
import { rules, todayInVietnam, training } from '@nang-tam/domain';
import { auditRepo, catalogueRepo, rulesRepo, type Db, type Queryable } from '@nang-tam/db';
import type {
  CatalogueList,
  CatalogueProgrammeDetail,
  CatalogueQuery,
  CatalogueVocabulary,
  ErrorDetail,
  ProgrammeCreateInput,
  ProgrammeVersionInput,
  ProgrammeVersionView,
} from '@nang-tam/contracts';
import { AppError, fieldError } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { programmeListPolicy, programmePolicy } from '../policies/programme.js';

type Row = catalogueRepo.ProgrammeVersionRow;

const labelOf = (table: Record<string, { vi: string }>, code: string): string => table[code]?.vi ?? code;

export function versionFromRow(r: Row): training.ProgrammeVersion {
  return {
    code: r.programme_code,
    version: r.version,
    name: r.name,
    kind: r.kind as rules.ProgrammeKind,
    level: r.level,
    duration: r.duration,
    modes: r.modes as rules.StudyMode[],
    targetGroups: r.target_groups,
    grants: r.grants_kind && r.grants_level ? { kind: r.grants_kind, level: r.grants_level } : null,
    organiserType: r.organiser_type,
    defaultInstitution: r.default_institution,
    admissionDeadlineMonths: r.admission_deadline_months,
    note: r.note,
    source: r.source,
    reason: r.reason,
    period: { from: r.period_from, to: r.period_to },
  };
}

function attributesOf(v: training.ProgrammeVersion): training.ProgrammeAttributes {
  const { code: _c, version: _v, period: _p, source: _s, reason: _r, ...attributes } = v;
  return attributes;
}

function toView(r: Row, previous: Row | undefined, levels: rules.LevelCatalogue, asOf: string): ProgrammeVersionView {
  const v = versionFromRow(r);
  return {
    version: v.version,
    name: v.name,
    kind: v.kind,
    kindLabel: labelOf(training.PROGRAMME_KIND_LABELS, v.kind),
    level: v.level ? { code: v.level, label: labelOf(training.PROGRAMME_LEVELS, v.level) } : null,
    duration: v.duration,
    modes: v.modes,
    targetGroups: v.targetGroups.map((code) => ({ code, label: labelOf(training.TARGET_GROUPS, code) })),
    grants: v.grants ? { ...v.grants, levelName: rules.levelName(levels, v.grants.kind, v.grants.level) } : null,
    organiserType: v.organiserType,
    organiserLabel: labelOf(training.ORGANISER_TYPE_LABELS, v.organiserType),
    defaultInstitution: v.defaultInstitution,
    deadline: v.admissionDeadlineMonths !== null ? { relativeTo: 'party_admission', months: v.admissionDeadlineMonths } : null,
    opensClasses: training.organisesClasses(v.organiserType),
    note: v.note,
    source: v.source,
    reason: v.reason,
    period: v.period,
    inForce: rules.isInForce(v.period, asOf),
    createdBy: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    changed: previous ? training.changedAttributes(attributesOf(versionFromRow(previous)), attributesOf(v)) : [],
  };
}

async function levelsOf(db: Queryable): Promise<rules.LevelCatalogue> {
  return rules.levelCatalogueFromRows((await rulesRepo.loadRuleReference(db)).levels);
}

function groupByCode(rows: readonly Row[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(r.programme_code, [...(out.get(r.programme_code) ?? []), r]);
  return out;
}

function detailOf(
  user: AuthUser,
  code: string,
  rows: Row[],
  levels: rules.LevelCatalogue,
  rulesInForce: Map<string, number>,
  asOf: string,
): CatalogueProgrammeDetail {
  const views = rows.map((r, i) => toView(r, rows[i - 1], levels, asOf));
  const shown = training.programmeVersionShown(views, asOf) ?? views[views.length - 1]!;
  const n = rulesInForce.get(code) ?? 0;
  return {
    code,
    asOf,
    current: shown,
    ruleSet: n > 0 ? { programmeCode: code, rulesInForce: n } : null,
    versionCount: views.length,
    actions: programmePolicy.allowedActions(user, null),
    versions: views,
  };
}

// ---------- reads ----------

export function catalogueVocabulary(levels: rules.LevelCatalogue): CatalogueVocabulary {
  const labelled = (table: Record<string, { vi: string }>, codes: readonly string[] = Object.keys(table)) =>
    codes.map((code) => ({ code, label: labelOf(table, code) }));
  return {
    kinds: labelled(training.PROGRAMME_KIND_LABELS, training.PROGRAMME_KINDS),
    organiserTypes: labelled(training.ORGANISER_TYPE_LABELS, training.ORGANISER_TYPES),
    levels: labelled(training.PROGRAMME_LEVELS),
    targetGroups: labelled(training.TARGET_GROUPS),
    durationUnits: labelled(training.DURATION_UNIT_LABELS, training.DURATION_UNITS),
    qualifications: Object.entries(levels).flatMap(([kind, byCode]) =>
      Object.entries(byCode)
        .sort((a, b) => a[1].rank - b[1].rank)
        .map(([level, info]) => ({ kind, level, label: info.name })),
    ),
  };
}

export async function getVocabulary(db: Db): Promise<CatalogueVocabulary> {
  return catalogueVocabulary(await levelsOf(db));
}

/** The catalogue as of a date (today by default): each programme's version in force, filtered. */
export async function listCatalogue(db: Db, user: AuthUser, q: CatalogueQuery): Promise<CatalogueList> {
  const asOf = q.asOf ?? todayInVietnam();
  const rows = await catalogueRepo.findProgrammeVersions(db);
  const levels = await levelsOf(db);
  const rulesInForce = await catalogueRepo.countRulesInForce(db, asOf);
  const items = [];
  for (const [code, versions] of groupByCode(rows)) {
    const shownRow = training.programmeVersionShown(
      versions.map((r) => ({ ...r, period: { from: r.period_from, to: r.period_to } })),
      asOf,
    );
    if (!shownRow) continue; // every version ended before asOf: no longer in the catalogue
    // a programme not yet in force is listed in today's catalogue (announced), not in a past one
    if (q.asOf !== undefined && !rules.isInForce(shownRow.period, asOf)) continue;
    const { versions: _all, ...item } = detailOf(user, code, versions, levels, rulesInForce, asOf);
    if (!training.matchesCatalogueFilter({ ...item.current, code }, q)) continue;
    items.push(item);
  }
  return { asOf, items, actions: programmeListPolicy.allowedActions(user, null) };
}

export async function getProgramme(
  db: Db,
  user: AuthUser,
  code: string,
  asOf: string = todayInVietnam(),
): Promise<CatalogueProgrammeDetail> {
  const rows = await catalogueRepo.findProgrammeVersions(db, code);
  if (rows.length === 0)
    throw new AppError('UNKNOWN_PROGRAMME', [fieldError('code', 'UNKNOWN_PROGRAMME')], `Không có chương trình "${code}".`);
  return detailOf(user, code, rows, await levelsOf(db), await catalogueRepo.countRulesInForce(db, asOf), asOf);
}

// ---------- writes ----------

type AttributeInput = Omit<ProgrammeVersionInput, 'source' | 'effectiveFrom' | 'reason' | 'basedOnVersion'>;

function attributesFromInput(input: AttributeInput): training.ProgrammeAttributes {
  return {
    name: input.name,
    kind: input.kind as rules.ProgrammeKind,
    level: input.level,
    duration: input.duration,
    modes: input.modes as rules.StudyMode[],
    targetGroups: input.targetGroups,
    grants: input.grants,
    organiserType: input.organiserType as training.OrganiserType,
    defaultInstitution: input.defaultInstitution === '' ? null : input.defaultInstitution,
    admissionDeadlineMonths: input.admissionDeadlineMonths,
    note: input.note === '' ? null : input.note,
  };
}

function attributeProblems(a: training.ProgrammeAttributes, levels: rules.LevelCatalogue): ErrorDetail[] {
  return training.validateProgrammeAttributes(a, levels).map((p) => fieldError(p.path, p.code));
}

function snapshot(v: training.ProgrammeVersion) {
  return { ...v };
}

/** Creates a programme with its first version (in force from `effectiveFrom`). */
export async function createProgramme(db: Db, user: AuthUser, input: ProgrammeCreateInput): Promise<CatalogueProgrammeDetail> {
  programmeListPolicy.authorize(user, null, 'create');
  const attributes = attributesFromInput(input);
  const levels = await levelsOf(db);
  const problems = attributeProblems(attributes, levels);
  if (await catalogueRepo.programmeCodeTaken(db, input.code)) problems.unshift(fieldError('code', 'PROGRAMME_CODE_TAKEN'));
  if (problems.length > 0) throw new AppError(problems[0]!.code === 'PROGRAMME_CODE_TAKEN' ? 'DUPLICATE' : 'VALIDATION_FAILED', problems);
  const version: training.ProgrammeVersion = {
    code: input.code,
    version: 1,
    period: { from: input.effectiveFrom, to: null },
    source: { ...input.source },
    reason: input.reason,
    ...attributes,
  };
  await db.transaction(async (tx) => {
    await catalogueRepo.lockProgrammeCode(tx, input.code);
    if (await catalogueRepo.programmeCodeTaken(tx, input.code))
      throw new AppError('DUPLICATE', [fieldError('code', 'PROGRAMME_CODE_TAKEN')]);
    await catalogueRepo.insertProgrammeHead(tx, version);
    await catalogueRepo.insertProgrammeVersions(tx, [version], user.id);
    await catalogueRepo.refreshProgrammeHeads(tx, todayInVietnam());
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'programme',
      entityId: input.code,
      after: snapshot(version),
    });
  });
  return getProgramme(db, user, input.code);
}

/**
 * A change to a programme: a new version from `effectiveFrom`, after every existing one; the
 * version in force then ends the day before. Refused when another version was added since the
 * editor loaded `basedOnVersion`, or when the date does not come after the latest version's start.
 */
export async function addProgrammeVersion(
  db: Db,
  user: AuthUser,
  code: string,
  input: ProgrammeVersionInput,
): Promise<CatalogueProgrammeDetail> {
  programmePolicy.authorize(user, null, 'addVersion');
  const attributes = attributesFromInput(input);
  const levels = await levelsOf(db);
  await db.transaction(async (tx) => {
    await catalogueRepo.lockProgrammeCode(tx, code);
    const rows = await catalogueRepo.findProgrammeVersions(tx, code);
    if (rows.length === 0)
      throw new AppError('UNKNOWN_PROGRAMME', [fieldError('code', 'UNKNOWN_PROGRAMME')], `Không có chương trình "${code}".`);
    const problems = attributeProblems(attributes, levels);
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
    const latest = rows[rows.length - 1]!;
    if (latest.version !== input.basedOnVersion)
      throw new AppError('PROGRAMME_VERSION_CONFLICT', [fieldError('basedOnVersion', 'PROGRAMME_VERSION_CONFLICT')]);
    const planned = training.planProgrammeVersion(rows.map(versionFromRow), input.effectiveFrom);
    if (!planned.ok) throw new AppError('PROGRAMME_PERIOD_OVERLAP', [fieldError(planned.problem.path, planned.problem.code)]);
    const version: training.ProgrammeVersion = {
      code,
      version: planned.plan.version,
      period: { from: input.effectiveFrom, to: null },
      source: { ...input.source },
      reason: input.reason,
      ...attributes,
    };
    if (planned.plan.close) await catalogueRepo.closeProgrammeVersion(tx, code, planned.plan.close.version, planned.plan.close.to);
    await catalogueRepo.insertProgrammeVersions(tx, [version], user.id);
    await catalogueRepo.refreshProgrammeHeads(tx, todayInVietnam());
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'update',
      entity: 'programme',
      entityId: code,
      before: snapshot(versionFromRow(latest)),
      after: { ...snapshot(version), closedVersion: planned.plan.close },
    });
  });
  return getProgramme(db, user, code);
}
