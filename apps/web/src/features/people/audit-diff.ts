/**
 * Turns an audit entry's before/after snapshots into readable rows "field: old → new".
 * Snapshots are plain JSON whose exact shape belongs to the server; this reads them defensively.
 */
import type { Reference } from '@nang-tam/contracts';
import {
  APPRAISAL_CLASSIFICATIONS,
  ASSIGNMENT_REASONS,
  GENDERS,
  isIsoDate,
  PARTY_MEMBERSHIPS,
  PERSON_CATEGORIES,
  QUALIFICATION_KINDS,
  QUALIFICATION_SOURCES,
  type Term,
} from '@nang-tam/domain';
import type { Locale, MessageKey, TFunction } from '../../i18n';
import { levelName } from '../../api/reference';
import { formatDate, formatDateTime } from '../../shared/format';

export interface DiffRow {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

const IGNORED = new Set(['id', 'version', 'createdAt', 'updatedAt', 'personId', 'searchText', 'sortKey', 'nameKey', 'unitPath', 'createdBy', 'updatedBy']);

export const FIELD_LABELS: Record<string, MessageKey> = {
  fullName: 'person.fullName',
  citizenId: 'person.citizenId',
  birthDate: 'person.birthDate',
  gender: 'person.gender',
  ethnicityCode: 'person.ethnicity',
  ethnicity: 'person.ethnicity',
  category: 'person.category',
  partyJoinedOn: 'person.partyJoinedOn',
  partyOfficialOn: 'person.partyOfficialOn',
  partyMember: 'person.partyMember',
  partyMembership: 'person.partyMembership',
  unitId: 'person.unit',
  unit: 'person.unit',
  titleId: 'person.title',
  title: 'person.title',
  jobPositionId: 'person.jobPosition',
  jobPosition: 'person.jobPosition',
  rankId: 'person.rank',
  rank: 'person.rank',
  managementScopeId: 'person.managementScope',
  managementScope: 'person.managementScope',
  phone: 'person.phone',
  email: 'person.email',
  kind: 'qualification.kind',
  level: 'qualification.level',
  levelName: 'qualification.level',
  field: 'qualification.field',
  awardedOn: 'qualification.awardedOn',
  institution: 'qualification.institution',
  source: 'qualification.source',
  startedOn: 'assignment.startedOn',
  endedOn: 'assignment.endedOn',
  reason: 'assignment.reason',
  decisionNo: 'assignment.decisionNo',
  term: 'planning.term',
  approvedOn: 'planning.approvedOn',
  year: 'appraisal.year',
  classification: 'appraisal.classification',
};

const VOCABULARIES: Record<string, readonly Term[]> = {
  gender: GENDERS,
  category: PERSON_CATEGORIES,
  partyMembership: PARTY_MEMBERSHIPS,
  kind: QUALIFICATION_KINDS,
  source: QUALIFICATION_SOURCES,
  reason: ASSIGNMENT_REASONS,
  classification: APPRAISAL_CLASSIFICATIONS,
};

function asRecord(x: unknown): Record<string, unknown> | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

interface Ctx {
  t: TFunction;
  locale: Locale;
  ref: Reference | undefined;
  /** The whole snapshot, e.g. to read `kind` when showing a `level`. */
  snapshot: Record<string, unknown>;
}

function named(list: { id: number; name: string }[] | undefined, id: unknown): string | null {
  return list?.find((x) => x.id === id)?.name ?? null;
}

export function formatValue(field: string, value: unknown, ctx: Ctx): string | null {
  if (value === null || value === undefined || value === '') return null;
  const { t, locale, ref } = ctx;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const vocab = VOCABULARIES[field];
  if (vocab && typeof value === 'string') return vocab.find((x) => x.code === value)?.[locale] ?? value;
  switch (field) {
    case 'titleId':
    case 'plannedTitleId':
      return named(ref?.titles, value) ?? `#${String(value)}`;
    case 'jobPositionId':
      return named(ref?.jobPositions, value) ?? `#${String(value)}`;
    case 'rankId':
      return named(ref?.ranks, value) ?? `#${String(value)}`;
    case 'managementScopeId':
      return named(ref?.managementScopes, value) ?? `#${String(value)}`;
    case 'ethnicityCode':
      return ref?.ethnicities.find((e) => e.code === value)?.name ?? String(value);
    case 'level': {
      const kind = typeof ctx.snapshot.kind === 'string' ? ctx.snapshot.kind : '';
      return typeof value === 'string' ? levelName(ref, kind, value) : String(value);
    }
    case 'unitId': {
      const name = ctx.snapshot.unitName;
      return typeof name === 'string' ? name : `#${String(value)}`;
    }
  }
  if (typeof value === 'string') {
    if (isIsoDate(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, locale);
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return t('audit.items', { n: value.length });
  const rec = asRecord(value);
  if (rec && typeof rec.name === 'string') return rec.name;
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

export function diffSnapshots(before: unknown, after: unknown, ctx: Omit<Ctx, 'snapshot'>): DiffRow[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)])).filter((k) => !IGNORED.has(k) && k !== 'unitName');
  const rows: DiffRow[] = [];
  for (const k of keys) {
    if (JSON.stringify(b[k] ?? null) === JSON.stringify(a[k] ?? null)) continue;
    const labelKey = FIELD_LABELS[k];
    rows.push({
      field: k,
      label: labelKey ? ctx.t(labelKey) : k,
      before: formatValue(k, b[k], { ...ctx, snapshot: b }),
      after: formatValue(k, a[k], { ...ctx, snapshot: a }),
    });
  }
  // Known fields first, in the form's order.
  const order = Object.keys(FIELD_LABELS);
  return rows.sort((x, y) => {
    const ix = order.indexOf(x.field);
    const iy = order.indexOf(y.field);
    return (ix < 0 ? 999 : ix) - (iy < 0 ? 999 : iy);
  });
}

export type AuditVerb = 'create' | 'update' | 'delete' | 'import' | 'other';
export function auditVerb(action: string, before: unknown, after: unknown): AuditVerb {
  const a = action.toLowerCase();
  if (a.includes('import')) return 'import';
  if (/(delete|remove|destroy)/.test(a)) return 'delete';
  if (/(create|insert|add)/.test(a)) return 'create';
  if (/(update|edit|change)/.test(a)) return 'update';
  if (before == null && after != null) return 'create';
  if (before != null && after == null) return 'delete';
  if (before != null && after != null) return 'update';
  return 'other';
}

export type AuditSubject = 'person' | 'qualification' | 'assignment' | 'planning' | 'appraisal' | 'other';
export function auditSubject(entity: string, action: string): AuditSubject {
  const s = `${entity} ${action}`.toLowerCase();
  if (s.includes('qualification')) return 'qualification';
  if (s.includes('assignment')) return 'assignment';
  if (s.includes('planning')) return 'planning';
  if (s.includes('appraisal')) return 'appraisal';
  if (s.includes('person') || s.includes('people')) return 'person';
  return 'other';
}
