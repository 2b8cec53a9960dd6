/**
 * Who sits where: the leadership seats of each unit (a commune gets one party secretary, one or two
 * deputies, one people's committee chair and two vice-chairs...) and how the remaining people spread
 * over the units. Pure and deterministic; the people generator walks the posts it yields.
 */
import type { Rng } from './random.js';
import { TITLE_PROFILES, type ScopeCode, type TitleCode } from './profiles.js';
import type { UnitSpec } from './units.js';

export interface Post {
  unit: UnitSpec;
  title: TitleCode | null;
  /** Overrides the title's usual management scope (heads of public service units). */
  scope?: ScopeCode;
}

interface Seat {
  title: TitleCode;
  scope?: ScopeCode;
}

export interface StaffingPlan {
  people: number;
  leaders: number;
  /** Per unit code: the leadership seats filled, then the number of other staff. */
  byUnit: Map<string, { seats: Seat[]; staff: number }>;
  units: readonly UnitSpec[];
}

/** At most this share of the people are leaders when there are fewer people than seats. */
const MAX_LEADER_SHARE = 0.5;
/** Share of a commune's staff who are village party-cell secretaries (bí thư chi bộ thôn). */
const VILLAGE_SECRETARY_SHARE = 0.15;

const times = (title: TitleCode, n: number, scope?: ScopeCode): Seat[] => Array.from({ length: n }, () => ({ title, scope }));

function leaderSeats(unit: UnitSpec, rng: Rng): Seat[] {
  switch (unit.kind) {
    case 'party_committee':
      return [...times('BT_TU', 1), ...times('PBT_TU', 2), ...times('UV_BTV_TU', 5)];
    case 'people_committee':
      return [...times('CT_UBND_T', 1), ...times('PCT_UBND_T', 4)];
    case 'department':
      return unit.code === 'VPDDBQH'
        ? [...times('CT_HDND_T', 1), ...times('GD_SO', 1), ...times('PGD_SO', 2)]
        : [...times('GD_SO', 1), ...times('PGD_SO', rng.int(2, 3))];
    case 'party_body':
      return [...times('TB_TU', 1), ...times('PTB_TU', rng.int(1, 3))];
    case 'mass_organisation':
      // the provincial Front, and the member organisations merged under it in 2025
      return unit.code === 'MTTQ' ? [...times('TB_TU', 1), ...times('PTB_TU', 3)] : [...times('PTB_TU', 1), ...times('TP_T', 1)];
    case 'division':
      return unit.sector === 'school' ? times('TK_TCT', 1) : [...times('TP_T', 1), ...times('PTP_T', rng.int(1, 2))];
    case 'public_service':
      return [...times('TP_T', 1, 'UBND_T'), ...times('PTP_T', rng.int(1, 3))];
    case 'school':
      return [...times('HT_TCT', 1), ...times('PHT_TCT', 2)];
    case 'commune':
      return [
        ...times('BT_X', 1),
        ...times('PBT_X', rng.int(1, 2)),
        ...times('CT_UBND_X', 1),
        ...times('PCT_UBND_X', 2),
        ...times('CT_HDND_X', 1),
        ...times('CT_MTTQ_X', 1),
        ...times('TP_X', rng.int(3, 4)),
        ...times('PTP_X', rng.int(3, 5)),
        ...times('DUV_X', rng.int(4, 6)),
      ];
    default:
      return [];
  }
}

/** Relative number of staff (besides leaders) a unit employs. */
function staffWeight(unit: UnitSpec): number {
  switch (unit.kind) {
    case 'commune':
      return 38;
    case 'public_service':
      return unit.sector === 'health' ? 200 : unit.sector === 'education' ? 110 : 25;
    case 'division':
      return unit.sector === 'school' ? 8 : 16;
    case 'mass_organisation':
      return 12;
    case 'party_body':
    case 'school':
      return 6;
    case 'department':
      return 4;
    case 'party_committee':
    case 'people_committee':
      return 2;
    default:
      return 0;
  }
}

/** Splits `total` over weights by the largest-remainder method (deterministic, sums exactly). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

export function planStaffing(units: readonly UnitSpec[], people: number, rng: Rng): StaffingPlan {
  const allSeats = units.flatMap((unit, u) => leaderSeats(unit, rng).map((seat, s) => ({ unit, seat, u, s })));
  const budget = Math.min(allSeats.length, Math.floor(people * MAX_LEADER_SHARE), people);
  const chosen = [...allSeats]
    .sort((a, b) => TITLE_PROFILES[a.seat.title].tier - TITLE_PROFILES[b.seat.title].tier || a.u - b.u || a.s - b.s)
    .slice(0, budget)
    .sort((a, b) => a.u - b.u || a.s - b.s);

  const byUnit = new Map(units.map((u) => [u.code, { seats: [] as Seat[], staff: 0 }]));
  for (const c of chosen) byUnit.get(c.unit.code)?.seats.push(c.seat);
  const staff = apportion(people - chosen.length, units.map(staffWeight));
  units.forEach((u, i) => {
    const entry = byUnit.get(u.code);
    if (entry) entry.staff = staff[i] ?? 0;
  });
  return { people, leaders: chosen.length, byUnit, units };
}

/** Every post of the plan, unit by unit: leaders first, then staff (village secretaries first). */
export function* planPosts(plan: StaffingPlan): Generator<Post> {
  for (const unit of plan.units) {
    const entry = plan.byUnit.get(unit.code);
    if (!entry) continue;
    for (const seat of entry.seats) yield { unit, title: seat.title, scope: seat.scope };
    const villageSecretaries = unit.kind === 'commune' ? Math.round(entry.staff * VILLAGE_SECRETARY_SHARE) : 0;
    for (let i = 0; i < entry.staff; i++) yield { unit, title: i < villageSecretaries ? 'BT_CB' : null };
  }
}
