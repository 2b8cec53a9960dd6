import { z } from 'zod';
import { checkPersonFacts, dateToIso, isValidCitizenId, membershipFromDates, parseDate, type IsoDate } from '@nang-tam/domain';
import type { peopleRepo } from '@nang-tam/db';
import type { FieldErrorCode } from '@nang-tam/contracts';
import { cellText, type Cell } from '../xlsx/cells.js';
import type { ColumnKey } from './columns.js';
import type { ImportReference, LevelKind, Lookup } from './reference.js';

/** One problem of one cell; `detail` is a sentence added to the standard message. */
export interface CellError {
  key: ColumnKey;
  code: FieldErrorCode;
  detail?: string;
}

export interface ImportedQualification {
  kind: LevelKind;
  level: string | null;
  field: string | null;
}

export interface ValidRow {
  row: number;
  person: peopleRepo.PersonWrite;
  qualifications: ImportedQualification[];
}

export type RowCells = Partial<Record<ColumnKey, Cell>>;

const MAX = { fullName: 120, email: 120, field: 200, code: 40 } as const;
const PHONE = /^[0-9+ .()-]{6,20}$/;
const ZEmail = z.email();

const shown = (s: string) => `Giá trị: "${s.length > 40 ? `${s.slice(0, 40)}…` : s}".`;

/** Reads one row's cells into a person write, collecting every problem rather than the first. */
export interface RowCheck {
  /** The citizen id when it is well formed (for duplicate checks), even if other cells are wrong. */
  citizenId: string | null;
  /** The person to write, or null when the row has any error. */
  person: ValidRow['person'] | null;
  qualifications: ImportedQualification[];
  errors: CellError[];
}

export function validateRow(cells: RowCells, ref: ImportReference, today: IsoDate): RowCheck {
  const errors: CellError[] = [];
  const fail = (key: ColumnKey, code: FieldErrorCode, detail?: string) => {
    errors.push(detail === undefined ? { key, code } : { key, code, detail });
    return null;
  };

  /** The cell's text; null when empty or unusable (the problem is recorded). */
  const text = (key: ColumnKey, required: boolean, max: number = MAX.code): string | null => {
    const c = cells[key] ?? { kind: 'empty' };
    if (c.kind === 'formula') return fail(key, 'FORMULA_NOT_ALLOWED');
    if (c.kind === 'error') return fail(key, 'INVALID_VALUE', c.text ? shown(c.text) : undefined);
    if (c.kind === 'date') return fail(key, 'INVALID_TYPE');
    const t = cellText(c);
    if (t === null) return required ? fail(key, 'REQUIRED') : null;
    if (t.length > max) return fail(key, 'TOO_LONG', `Tối đa ${max} ký tự.`);
    return t;
  };

  const date = (key: ColumnKey, required: boolean): IsoDate | null | undefined => {
    const c = cells[key] ?? { kind: 'empty' };
    if (c.kind === 'date') return dateToIso(c.date);
    if (c.kind === 'formula') return fail(key, 'FORMULA_NOT_ALLOWED') ?? undefined;
    if (c.kind === 'empty') return required ? (fail(key, 'REQUIRED') ?? undefined) : null;
    const t = cellText(c);
    const iso = t === null ? null : parseDate(t);
    return iso ?? fail(key, 'INVALID_DATE', t === null ? undefined : shown(t)) ?? undefined;
  };

  const coded = <T>(key: ColumnKey, lookup: Lookup<T>, required: boolean, pad = 0): T | null => {
    const t = text(key, required);
    if (t === null) return null;
    const found = lookup.get(t) ?? (pad > 0 && /^\d+$/.test(t) ? lookup.get(t.padStart(pad, '0')) : undefined);
    return found ?? fail(key, 'UNKNOWN_CODE', shown(t));
  };

  const fullName = text('fullName', true, MAX.fullName);
  const citizenId = readCitizenId(cells.citizenId, (code, detail) => fail('citizenId', code, detail));
  const birthDate = date('birthDate', true);
  const gender = coded('gender', ref.genders, true);
  const ethnicityCode = coded('ethnicity', ref.ethnicities, true, 2);
  const category = coded('category', ref.categories, true);
  const unitId = coded('unit', ref.units, true);
  const titleId = coded('title', ref.titles, false);
  const jobPositionId = coded('jobPosition', ref.jobPositions, false);
  const rankId = coded('rank', ref.ranks, false);
  const managementScopeId = coded('managementScope', ref.managementScopes, false);
  const partyMembershipCell = coded('partyMembership', ref.partyMemberships, false);
  const partyJoinedOn = date('partyJoinedOn', false);
  const partyOfficialOn = date('partyOfficialOn', false);
  // an empty cell, or a template without the column (before decision 0031): the dates decide
  const partyMembership =
    partyMembershipCell === null ? membershipFromDates(partyJoinedOn ?? null, partyOfficialOn ?? null, today) : partyMembershipCell === 'unknown' ? null : partyMembershipCell;

  const phone = text('phone', false, 20);
  if (phone !== null && !PHONE.test(phone)) fail('phone', 'INVALID_VALUE', shown(phone));
  const email = text('email', false, MAX.email);
  if (email !== null && !ZEmail.safeParse(email).success) fail('email', 'INVALID_VALUE', shown(email));

  const educationLevel = coded('educationLevel', ref.levels.education, false);
  const educationField = text('educationField', false, MAX.field);
  const politicalTheoryLevel = coded('politicalTheoryLevel', ref.levels.political_theory, false);
  const stateManagementLevel = coded('stateManagementLevel', ref.levels.state_management, false);

  // cross-field rules only on dates that were read correctly
  if (birthDate && partyJoinedOn !== undefined && partyOfficialOn !== undefined) {
    const facts = checkPersonFacts({ birthDate, partyMembership, partyJoinedOn, partyOfficialOn, category: category ?? '' }, today);
    const keys: Record<string, ColumnKey> = {
      birthDate: 'birthDate',
      partyMembership: 'partyMembership',
      partyJoinedOn: 'partyJoinedOn',
      partyOfficialOn: 'partyOfficialOn',
    };
    for (const v of facts) fail(keys[v.field] ?? 'birthDate', v.code as FieldErrorCode);
  }

  const qualifications: ImportedQualification[] = [];
  if (educationLevel !== null || educationField !== null) {
    qualifications.push({ kind: 'education', level: educationLevel, field: educationField });
  }
  if (politicalTheoryLevel !== null) qualifications.push({ kind: 'political_theory', level: politicalTheoryLevel, field: null });
  if (stateManagementLevel !== null) qualifications.push({ kind: 'state_management', level: stateManagementLevel, field: null });

  if (errors.length > 0 || !fullName || !citizenId || !birthDate || !gender || !ethnicityCode || !category || !unitId) {
    return { citizenId, person: null, qualifications: [], errors };
  }
  return {
    citizenId,
    person: {
      citizenId,
      fullName,
      birthDate,
      gender,
      ethnicityCode,
      category,
      partyMembership,
      partyJoinedOn: partyJoinedOn ?? null,
      partyOfficialOn: partyOfficialOn ?? null,
      unitId,
      titleId,
      jobPositionId,
      rankId,
      managementScopeId,
      phone,
      email,
    },
    qualifications,
    errors,
  };
}

/**
 * A citizen id typed into a number cell loses its leading zeros; as the id always has 12 digits
 * they are put back. Spaces and dots people type to group digits are dropped.
 */
function readCitizenId(c: Cell | undefined, fail: (code: FieldErrorCode, detail?: string) => null): string | null {
  if (!c || c.kind === 'empty') return fail('REQUIRED');
  if (c.kind === 'formula') return fail('FORMULA_NOT_ALLOWED');
  if (c.kind === 'number') {
    const ok = Number.isInteger(c.value) && c.value >= 0 && c.value < 1e12;
    return ok ? String(c.value).padStart(12, '0') : fail('INVALID_CITIZEN_ID', shown(String(c.value)));
  }
  if (c.kind !== 'text') return fail('INVALID_CITIZEN_ID');
  const id = c.text.replace(/[\s.]/g, '');
  return isValidCitizenId(id) ? id : fail('INVALID_CITIZEN_ID', shown(c.text));
}
