/**
 * Rules as data: loading the programmes, rule versions, standards and reference catalogues the
 * engine evaluates with, listing them with their history, and adding versions (validated by the
 * domain's validateRule / addRuleVersion, written with the audit record in one transaction).
 */
import { rules, todayInVietnam, training } from '@nang-tam/domain';
import { auditRepo, rulesRepo, type Db, type Queryable } from '@nang-tam/db';
import type {
  ErrorDetail,
  Programme,
  Rule,
  RuleList,
  RuleVersion,
  RuleVersionInput,
  Standard,
  StandardVersion,
  StandardVersionInput,
} from '@nang-tam/contracts';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, type AuthUser } from '../auth/auth-user.js';

// ---------- the catalogue the engine evaluates with ----------

export interface RulesCatalogue {
  programmes: rules.Programme[];
  ruleSets: rules.RuleSet[];
  standards: rules.Standard[];
  levels: rules.LevelCatalogue;
  titles: rules.TitleCatalogue;
  jobPositions: rules.JobPositionCatalogue;
  /** The reference rows with their ids, for SQL pre-filters. */
  reference: rulesRepo.RuleReferenceRows;
}

export function programmeFromRow(r: rulesRepo.ProgrammeRow): rules.Programme {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind as rules.ProgrammeKind,
    modes: r.modes as rules.StudyMode[],
    ...(r.grants_kind && r.grants_level ? { grants: { kind: r.grants_kind as rules.LevelRef['kind'], level: r.grants_level } } : {}),
  };
}

function versioned(r: { id: string; version: number; period_from: string; period_to: string | null; corrects: number | null; superseded_by: number | null }): rules.Versioned {
  return {
    id: r.id,
    version: r.version,
    period: { from: r.period_from, to: r.period_to },
    ...(r.corrects !== null ? { corrects: r.corrects } : {}),
    ...(r.superseded_by !== null ? { supersededBy: r.superseded_by } : {}),
  };
}

export function ruleFromRow(r: rulesRepo.RuleVersionRow): rules.Rule {
  return {
    ...versioned(r),
    kind: r.kind,
    params: r.params,
    description: r.description,
    source: r.source,
    ...(r.note !== null ? { note: r.note } : {}),
  } as rules.Rule;
}

export function standardFromRow(r: rulesRepo.StandardVersionRow): rules.Standard {
  const requirement: rules.Requirement = {
    kind: r.requirement_kind as rules.Requirement['kind'],
    minLevel: r.min_level,
    ...(r.alternatives.length > 0 ? { alternatives: r.alternatives } : {}),
  };
  const target = r.title_code !== null ? { titleCode: r.title_code } : { jobPositionCode: r.job_position_code! };
  return {
    ...versioned(r),
    ...target,
    requirement,
    source: r.source,
    description: r.description,
    ...(r.note !== null ? { note: r.note } : {}),
  } as rules.Standard;
}

export function catalogueFromReference(reference: rulesRepo.RuleReferenceRows): Pick<RulesCatalogue, 'levels' | 'titles' | 'jobPositions'> {
  const jobPositions: Record<string, rules.JobPositionInfo> = {};
  for (const j of reference.jobPositions) jobPositions[j.code] = { name: j.name, fields: j.fields };
  return {
    levels: rules.levelCatalogueFromRows(reference.levels),
    titles: rules.titleCatalogueFromRows(reference.titles),
    jobPositions,
  };
}

/** Programmes, rule sets (all versions), notes, standards and catalogues, as stored now. */
export async function loadCatalogue(db: Queryable, filter: { programmeCode?: string } = {}): Promise<RulesCatalogue> {
  const programmes = (await rulesRepo.listProgrammes(db)).map(programmeFromRow);
  const ruleRows = await rulesRepo.findRuleVersions(db, { programmeCode: filter.programmeCode });
  const notes = await rulesRepo.findProgrammeNotes(db, filter.programmeCode);
  const standards = (await rulesRepo.findStandardVersions(db)).map(standardFromRow);
  const reference = await rulesRepo.loadRuleReference(db);
  const ruleSets = programmes
    .filter((p) => filter.programmeCode === undefined || p.code === filter.programmeCode)
    .map(
      (p): rules.RuleSet => ({
        programmeCode: p.code,
        rules: ruleRows.filter((r) => r.programme_code === p.code).map(ruleFromRow),
        notes: notes
          .filter((n) => n.programme_code === p.code)
          .map((n) => ({ text: n.text, source: n.source, period: { from: n.period_from, to: n.period_to } })),
      }),
    );
  return { programmes, ruleSets, standards, reference, ...catalogueFromReference(reference) };
}

/** The programme, or UNKNOWN_PROGRAMME naming the parameter it came from. */
export function requireProgramme(catalogue: RulesCatalogue, code: string, path = 'programme'): rules.Programme {
  const programme = catalogue.programmes.find((p) => p.code === code);
  if (!programme) throw new AppError('UNKNOWN_PROGRAMME', [fieldError(path, 'UNKNOWN_PROGRAMME')], `Không có chương trình "${code}".`);
  return programme;
}

export function requireMode(programme: rules.Programme, mode: rules.StudyMode | undefined, path = 'mode'): rules.StudyMode {
  const chosen = mode ?? programme.modes[0]!;
  if (!programme.modes.includes(chosen)) {
    throw new AppError('UNSUPPORTED_MODE', [fieldError(path, 'UNSUPPORTED_MODE')], `Chương trình ${programme.name} không có hình thức học "${chosen}".`);
  }
  return chosen;
}

/** The rules of a programme in force on asOf (active versions only). */
export function rulesInForceOf(catalogue: RulesCatalogue, programmeCode: string, asOf: string): rules.Rule[] {
  return withRulesErrors(() =>
    rules.inForce(
      catalogue.ruleSets.filter((s) => s.programmeCode === programmeCode).flatMap((s) => s.rules),
      asOf,
    ),
  );
}

/** Runs engine code, turning its RulesError into our one error type. */
export function withRulesErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof rules.RulesError) throw fromRulesError(err);
    throw err;
  }
}

function fromRulesError(err: rules.RulesError): AppError {
  switch (err.code) {
    case 'INVALID_AS_OF':
      return new AppError('VALIDATION_FAILED', [fieldError('asOf', 'INVALID_DATE')]);
    case 'UNKNOWN_PROGRAMME':
      return new AppError('UNKNOWN_PROGRAMME', [fieldError('programme', 'UNKNOWN_PROGRAMME')], err.message);
    case 'UNSUPPORTED_MODE':
      return new AppError('UNSUPPORTED_MODE', [fieldError('mode', 'UNSUPPORTED_MODE')], err.message);
    default:
      // bad rule data in force (INVALID_RULE, OVERLAPPING_VERSIONS, MISSING_CATALOGUE) or a malformed fact
      return new AppError('RULE_DATA_INVALID', [{ path: '', code: err.code, message: err.message }]);
  }
}

export function missingLabels(missing: readonly string[]): string[] {
  return missing.map(rules.factLabel);
}

// ---------- listing ----------

export function toProgramme(p: rules.Programme, levels: rules.LevelCatalogue, organiserType: string): Programme {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    modes: p.modes,
    grants: p.grants ? { ...p.grants, levelName: rules.levelName(levels, p.grants.kind, p.grants.level) } : null,
    opensClasses: training.organisesClasses(organiserType as training.OrganiserType),
  };
}

export async function listProgrammes(db: Db): Promise<{ items: Programme[] }> {
  const rows = await rulesRepo.listProgrammes(db);
  const levels = rules.levelCatalogueFromRows((await rulesRepo.loadRuleReference(db)).levels);
  return { items: rows.map((r) => toProgramme(programmeFromRow(r), levels, r.organiser_type)) };
}

function versionMeta(r: rulesRepo.RuleVersionRow | rulesRepo.StandardVersionRow, asOf: string) {
  const active = r.superseded_by === null;
  return {
    version: r.version,
    description: r.description,
    source: r.source,
    period: { from: r.period_from, to: r.period_to },
    corrects: r.corrects,
    supersededBy: r.superseded_by,
    note: r.note,
    createdBy: r.created_by_name,
    createdAt: r.created_at,
    active,
    inForce: active && rules.isInForce({ from: r.period_from, to: r.period_to }, asOf),
  };
}

function toRuleVersion(r: rulesRepo.RuleVersionRow, asOf: string): RuleVersion {
  return { id: r.id, programmeCode: r.programme_code, kind: r.kind as RuleVersion['kind'], params: r.params, ...versionMeta(r, asOf) };
}

/** Groups version rows (ordered by id, version) by id. */
function groupById<R extends { id: string }>(rows: readonly R[]): R[][] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const g = groups.get(r.id);
    if (g) g.push(r);
    else groups.set(r.id, [r]);
  }
  return [...groups.values()];
}

function toRule(versions: rulesRepo.RuleVersionRow[], asOf: string): Rule {
  const mapped = versions.map((v) => toRuleVersion(v, asOf));
  const first = versions[0]!;
  return { id: first.id, programmeCode: first.programme_code, kind: first.kind as Rule['kind'], current: mapped.find((v) => v.inForce) ?? null, versions: mapped };
}

export async function listRules(db: Db, q: { programme?: string; asOf?: string }): Promise<RuleList> {
  const asOf = q.asOf ?? todayInVietnam();
  if (q.programme !== undefined && !(await rulesRepo.findProgramme(db, q.programme))) {
    throw new AppError('UNKNOWN_PROGRAMME', [fieldError('programme', 'UNKNOWN_PROGRAMME')], `Không có chương trình "${q.programme}".`);
  }
  const rows = await rulesRepo.findRuleVersions(db, { programmeCode: q.programme });
  const notes = await rulesRepo.findProgrammeNotes(db, q.programme);
  return {
    asOf,
    items: groupById(rows).map((g) => toRule(g, asOf)),
    notes: notes.map((n) => {
      const period = { from: n.period_from, to: n.period_to };
      return { programmeCode: n.programme_code, text: n.text, source: n.source, period, inForce: rules.isInForce(period, asOf) };
    }),
  };
}

export async function getRule(db: Db, ruleId: string, asOf = todayInVietnam()): Promise<Rule> {
  const rows = await rulesRepo.findRuleVersions(db, { id: ruleId });
  if (rows.length === 0) throw notFound();
  return toRule(rows, asOf);
}

function levelNameOf(levels: rules.LevelCatalogue, kind: string, level: string): string {
  return rules.levelName(levels, kind, level);
}

function toStandardVersion(r: rulesRepo.StandardVersionRow, levels: rules.LevelCatalogue, asOf: string): StandardVersion {
  return {
    id: r.id,
    titleCode: r.title_code,
    jobPositionCode: r.job_position_code,
    requirement: {
      kind: r.requirement_kind,
      minLevel: r.min_level,
      minLevelName: levelNameOf(levels, r.requirement_kind, r.min_level),
      alternatives: r.alternatives.map((a) => ({ when: a.when, level: a.level, levelName: levelNameOf(levels, r.requirement_kind, a.level) })),
    },
    ...versionMeta(r, asOf),
  };
}

function toStandard(versions: rulesRepo.StandardVersionRow[], reference: rulesRepo.RuleReferenceRows, levels: rules.LevelCatalogue, asOf: string): Standard {
  const mapped = versions.map((v) => toStandardVersion(v, levels, asOf));
  const first = versions[0]!;
  const targetName =
    first.title_code !== null
      ? (reference.titles.find((t) => t.code === first.title_code)?.name ?? first.title_code)
      : (reference.jobPositions.find((j) => j.code === first.job_position_code)?.name ?? first.job_position_code ?? '');
  return {
    id: first.id,
    titleCode: first.title_code,
    jobPositionCode: first.job_position_code,
    targetName,
    current: mapped.find((v) => v.inForce) ?? null,
    versions: mapped,
  };
}

export async function listStandards(db: Db, q: { titleCode?: string; jobPositionCode?: string; asOf?: string }): Promise<{ asOf: string; items: Standard[] }> {
  const asOf = q.asOf ?? todayInVietnam();
  const reference = await rulesRepo.loadRuleReference(db);
  const levels = rules.levelCatalogueFromRows(reference.levels);
  const rows = await rulesRepo.findStandardVersions(db, { titleCode: q.titleCode, jobPositionCode: q.jobPositionCode });
  return { asOf, items: groupById(rows).map((g) => toStandard(g, reference, levels, asOf)) };
}

// ---------- adding versions ----------

/** The domain's field errors as API details; an unknown kind is reported on the kind itself. */
function toDetails(errors: readonly rules.FieldError[]): ErrorDetail[] {
  return errors.map((e) => ({ path: e.path.replace(/\.(minLevel|level)\.kind$/, '.kind'), code: e.code, message: e.message }));
}

function refusal(errors: readonly rules.FieldError[]): AppError {
  if (errors.some((e) => e.code === 'OVERLAPPING_PERIOD')) return new AppError('RULE_PERIOD_OVERLAP', toDetails(errors));
  return new AppError('VALIDATION_FAILED', toDetails(errors));
}

async function referenceCodes(tx: Queryable, reference: rulesRepo.RuleReferenceRows): Promise<rules.ReferenceCodes> {
  return {
    titles: reference.titles.map((t) => t.code),
    jobPositions: reference.jobPositions.map((j) => j.code),
    ranks: reference.ranks.map((r) => r.code),
    programmes: (await rulesRepo.listProgrammes(tx)).map((p) => p.code),
  };
}

function versionFieldsOf(input: { description: string; source: rules.SourceDocument; period: rules.EffectivePeriod; note?: string | null; corrects?: number }) {
  return {
    description: input.description,
    source: input.source.article ? input.source : { code: input.source.code, title: input.source.title, issuer: input.source.issuer, issuedOn: input.source.issuedOn },
    period: input.period,
    ...(input.note ? { note: input.note } : {}),
    ...(input.corrects !== undefined ? { corrects: input.corrects } : {}),
  };
}

/** Versions whose period end or supersession addVersion changed: the rows to update. */
function changedVersions<T extends rules.Versioned>(before: readonly T[], after: readonly T[]): { before: T; after: T }[] {
  return before.flatMap((b) => {
    const a = after.find((x) => x.version === b.version);
    return a && (a.period.to !== b.period.to || a.supersededBy !== b.supersededBy) ? [{ before: b, after: a }] : [];
  });
}

/**
 * Adds a version to a rule (a new rule id when there is none yet): validated against the
 * reference tables, then versioned (a change from a date closes the open version; a correction
 * supersedes the version it corrects). Overlaps answer RULE_PERIOD_OVERLAP; every other problem
 * VALIDATION_FAILED with field paths. Audited with the versions it changed.
 */
export async function addRuleVersion(db: Db, user: AuthUser, ruleId: string, input: RuleVersionInput): Promise<Rule> {
  return db.transaction(async (tx) => {
    await rulesRepo.lockVersionedId(tx, 'rule', ruleId);
    const rows = await rulesRepo.findRuleVersions(tx, { id: ruleId });
    const programmeCode = rows[0]?.programme_code ?? input.programmeCode;
    if (programmeCode === undefined) throw new AppError('VALIDATION_FAILED', [fieldError('programmeCode', 'REQUIRED')]);
    if (rows.length > 0 && input.programmeCode !== undefined && input.programmeCode !== programmeCode) {
      throw new AppError('VALIDATION_FAILED', [fieldError('programmeCode', 'PROGRAMME_MISMATCH')]);
    }
    if (!(await rulesRepo.findProgramme(tx, programmeCode))) {
      throw new AppError('UNKNOWN_PROGRAMME', [fieldError('programmeCode', 'UNKNOWN_PROGRAMME')], `Không có chương trình "${programmeCode}".`);
    }
    const latest = rows.reduce((m, r) => Math.max(m, r.version), 0);
    if (input.baseVersion !== undefined && input.baseVersion !== latest) throw new AppError('RULE_VERSION_CONFLICT');
    const existing = rows.map(ruleFromRow);
    const next = { id: ruleId, version: latest + 1, kind: input.kind, params: input.params, ...versionFieldsOf(input) } as rules.Rule;
    const reference = await rulesRepo.loadRuleReference(tx);
    const levels = rules.levelCatalogueFromRows(reference.levels);
    const invalid = rules.validateRule(next, levels, await referenceCodes(tx, reference));
    if (invalid.length > 0) throw refusal(invalid);
    const result = rules.addRuleVersion(existing, next);
    if (!result.ok) throw refusal(result.errors);
    const changed = changedVersions(existing, result.versions);
    for (const c of changed) await rulesRepo.updateRuleVersionState(tx, ruleId, c.after.version, c.after.period.to, c.after.supersededBy ?? null);
    await rulesRepo.insertRuleVersion(tx, programmeCode, next, user.id);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'rule_version',
      entityId: `${ruleId}@${next.version}`,
      before: changed.length > 0 ? { changed: changed.map((c) => c.before) } : undefined,
      after: { programmeCode, version: next, changed: changed.map((c) => c.after) },
    });
    return toRule(await rulesRepo.findRuleVersions(tx, { id: ruleId }), todayInVietnam());
  });
}

/** Adds a version to a title or job-position standard; same rules as addRuleVersion. */
export async function addStandardVersion(db: Db, user: AuthUser, standardId: string, input: StandardVersionInput): Promise<Standard> {
  return db.transaction(async (tx) => {
    await rulesRepo.lockVersionedId(tx, 'standard', standardId);
    const rows = await rulesRepo.findStandardVersions(tx, { id: standardId });
    const first = rows[0];
    const titleCode = first ? (first.title_code ?? undefined) : input.titleCode;
    const jobPositionCode = first ? (first.job_position_code ?? undefined) : input.jobPositionCode;
    if (first) {
      const details: ErrorDetail[] = [];
      if (input.titleCode !== undefined && input.titleCode !== titleCode) details.push(fieldError('titleCode', 'ID_MISMATCH'));
      if (input.jobPositionCode !== undefined && input.jobPositionCode !== jobPositionCode) details.push(fieldError('jobPositionCode', 'ID_MISMATCH'));
      if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
    }
    const latest = rows.reduce((m, r) => Math.max(m, r.version), 0);
    if (input.baseVersion !== undefined && input.baseVersion !== latest) throw new AppError('RULE_VERSION_CONFLICT');
    const existing = rows.map(standardFromRow);
    const next = {
      id: standardId,
      version: latest + 1,
      ...(titleCode !== undefined ? { titleCode } : {}),
      ...(jobPositionCode !== undefined ? { jobPositionCode } : {}),
      requirement: {
        kind: input.requirement.kind,
        minLevel: input.requirement.minLevel,
        ...(input.requirement.alternatives?.length ? { alternatives: input.requirement.alternatives } : {}),
      },
      ...versionFieldsOf(input),
    } as rules.Standard;
    const reference = await rulesRepo.loadRuleReference(tx);
    const levels = rules.levelCatalogueFromRows(reference.levels);
    const invalid = rules.validateStandard(next, levels, await referenceCodes(tx, reference));
    if (invalid.length > 0) throw refusal(invalid);
    const result = rules.addStandardVersion(existing, next);
    if (!result.ok) throw refusal(result.errors);
    const changed = changedVersions(existing, result.versions);
    for (const c of changed) await rulesRepo.updateStandardVersionState(tx, standardId, c.after.version, c.after.period.to, c.after.supersededBy ?? null);
    await rulesRepo.insertStandardVersion(tx, next, user.id);
    await auditRepo.appendAudit(tx, {
      ...actorOf(user),
      action: 'create',
      entity: 'standard_version',
      entityId: `${standardId}@${next.version}`,
      before: changed.length > 0 ? { changed: changed.map((c) => c.before) } : undefined,
      after: { version: next, changed: changed.map((c) => c.after) },
    });
    const saved = await rulesRepo.findStandardVersions(tx, { id: standardId });
    return toStandard(saved, reference, levels, todayInVietnam());
  });
}

// ---------- job positions ----------

export async function listJobPositions(db: Db) {
  const reference = await rulesRepo.loadRuleReference(db);
  return { items: reference.jobPositions.map((j) => ({ id: j.id, code: j.code, name: j.name, fields: j.fields })) };
}

/** Replaces the fields of study that match a job position (read by the field-matching rule). */
export async function setJobPositionFields(db: Db, user: AuthUser, code: string, fields: string[]) {
  const unique = [...new Set(fields)];
  await db.transaction(async (tx) => {
    const before = await rulesRepo.updateJobPositionFields(tx, code, unique);
    if (before === null) throw notFound();
    await auditRepo.appendAudit(tx, { ...actorOf(user), action: 'update', entity: 'job_position_fields', entityId: code, before: { fields: before }, after: { fields: unique } });
  });
  const item = (await listJobPositions(db)).items.find((j) => j.code === code)!;
  return item;
}
