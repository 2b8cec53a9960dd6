import { GENDERS, PARTY_MEMBERSHIPS, PERSON_CATEGORIES, foldVietnamese, type PartyMembership, type Scope } from '@nang-tam/domain';
import { peopleImportRepo, referenceRepo, type Queryable } from '@nang-tam/db';

/** Finds a value by code, or by name when the name is unique; compared case- and accent-insensitively. */
export class Lookup<T> {
  private readonly byKey = new Map<string, T>();
  /** The same keys as written (most cells hold a code or label exactly): no folding needed. */
  private readonly exact = new Map<string, T>();

  constructor(items: Iterable<{ code: string; name?: string; value: T }>) {
    const list = [...items];
    for (const it of list) this.byKey.set(foldVietnamese(it.code), it.value);
    const names = new Map<string, T | null>();
    for (const it of list) {
      if (!it.name) continue;
      const k = foldVietnamese(it.name);
      names.set(k, names.has(k) && names.get(k) !== it.value ? null : it.value);
    }
    for (const [k, v] of names) if (v !== null && !this.byKey.has(k)) this.byKey.set(k, v);
    for (const it of list) {
      for (const written of [it.code, it.name]) {
        if (written === undefined) continue;
        const v = this.byKey.get(foldVietnamese(written));
        if (v !== undefined) this.exact.set(written, v);
      }
    }
  }

  get(text: string): T | undefined {
    return this.exact.get(text) ?? this.byKey.get(foldVietnamese(text));
  }
}

export type LevelKind = 'education' | 'political_theory' | 'state_management';

/** Everything an import row is checked against, loaded once per job. */
export interface ImportReference {
  /** Units of the importing user's scope only: a unit outside it is simply unknown. */
  units: Lookup<number>;
  titles: Lookup<number>;
  jobPositions: Lookup<number>;
  ranks: Lookup<number>;
  managementScopes: Lookup<number>;
  ethnicities: Lookup<string>;
  categories: Lookup<string>;
  genders: Lookup<string>;
  /** A recorded membership, or 'unknown' for a cell that says it is not known (decision 0031). */
  partyMemberships: Lookup<PartyMembership | 'unknown'>;
  levels: Record<LevelKind, Lookup<string>>;
}

/** The short words people type (and the export writes for "unknown"). */
export const PARTY_MEMBERSHIP_WORDS: readonly (readonly [string, PartyMembership | 'unknown'])[] = [
  ['Chính thức', 'member'],
  ['Dự bị', 'probationary'],
  ['Không', 'not_member'],
  ['Chưa rõ', 'unknown'],
];

export interface ReferenceLists {
  units: peopleImportRepo.UnitCodeRow[];
  reference: referenceRepo.ReferenceRows;
}

export async function loadReferenceLists(db: Queryable, scope: Scope): Promise<ReferenceLists> {
  const units = scope.kind === 'subtree' ? await peopleImportRepo.listUnitCodesInSubtree(db, scope.unitPath) : [];
  return { units, reference: await referenceRepo.loadReference(db) };
}

const byId = (rows: { id: number; code: string; name: string }[]) => rows.map((r) => ({ code: r.code, name: r.name, value: r.id }));

export function buildImportReference({ units, reference: r }: ReferenceLists): ImportReference {
  const levels = (kind: LevelKind) =>
    new Lookup(r.qualificationLevels.filter((l) => l.kind === kind).map((l) => ({ code: l.code, name: l.name, value: l.code })));
  return {
    units: new Lookup(units.map((u) => ({ code: u.code, value: u.id }))),
    titles: new Lookup(byId(r.titles)),
    jobPositions: new Lookup(byId(r.jobPositions)),
    ranks: new Lookup(byId(r.ranks)),
    managementScopes: new Lookup(byId(r.managementScopes)),
    ethnicities: new Lookup(r.ethnicities.map((e) => ({ code: e.code, name: e.name, value: e.code }))),
    categories: new Lookup(PERSON_CATEGORIES.map((c) => ({ code: c.code, name: c.vi, value: c.code }))),
    genders: new Lookup(GENDERS.map((g) => ({ code: g.code, name: g.vi, value: g.code }))),
    partyMemberships: new Lookup<PartyMembership | 'unknown'>([
      ...PARTY_MEMBERSHIPS.map((m) => ({ code: m.code, name: m.vi, value: m.code })),
      ...PARTY_MEMBERSHIP_WORDS.map(([word, value]) => ({ code: word, value })),
    ]),
    levels: { education: levels('education'), political_theory: levels('political_theory'), state_management: levels('state_management') },
  };
}
