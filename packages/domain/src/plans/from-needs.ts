/**
 * Needs → plan (issue 9, decision 0035): the aggregated needs of a campaign proposed as lines of the
 * annual plan, one per programme × mode × quarter, for the board or home affairs to review before
 * they are added to a draft version (plans.service `addLines`, the one entry point for lines).
 *
 * - learners = the people the units asked for (submitted answers only);
 * - classes = ⌈learners ÷ class size⌉, the class size the user sets, else the programme's typical
 *   capacity (what its classes usually hold); a programme taught by an outside institution or
 *   abroad opens no class in the province: 0 classes, its people are sent (outside-training records);
 * - organiser = the school by default; site = the organiser's site, or the programme's institution
 *   for one taught outside; cost left at 0 for the user to fill in.
 */
import type { StudyMode } from '../rules/types.js';
import type { PlanLineFields, SiteKind } from './plans.js';

/** One aggregated cell (or one answer line: cells of the same key are summed). */
export interface NeedsCell {
  programmeCode: string;
  mode: StudyMode;
  quarter: number;
  people: number;
}

/** What the proposal needs of a programme. */
export interface ProposalProgramme {
  name: string;
  /** The province opens its classes (school, commune centre); false: outside institution or abroad. */
  opensClasses: boolean;
  /** What its classes usually hold (null: no class yet). */
  typicalCapacity: number | null;
  /** Where people are sent for a programme taught outside ('Học viện Chính trị quốc gia Hồ Chí Minh'). */
  defaultInstitution: string | null;
}

export interface ProposalOptions {
  year: number;
  /** The class size the user sets for every programme (null: each programme's typical capacity). */
  classSize: number | null;
  organiserUnitId: number;
  siteKind: SiteKind;
  site: string;
  /** Written in each line's note ('Từ nhu cầu: Đăng ký nhu cầu đào tạo năm 2026'). */
  note: string;
}

export interface ProposedLine extends PlanLineFields {
  programmeName: string;
  /** The class size the classes were computed with (null: no classes, taught outside). */
  classSize: number | null;
}

export interface ProposalIssue {
  path: string;
  code: 'NEEDS_PLAN_CLASS_SIZE';
  programmeCode: string;
}

export interface Proposal {
  lines: ProposedLine[];
  /** Programmes the province opens classes of with no class size to divide by (the user must set one). */
  issues: ProposalIssue[];
}

const key = (c: Pick<NeedsCell, 'programmeCode' | 'mode' | 'quarter'>) => `${c.programmeCode}\u0000${c.mode}\u0000${c.quarter}`;

export function proposeLinesFromNeeds(cells: readonly NeedsCell[], programmes: ReadonlyMap<string, ProposalProgramme>, o: ProposalOptions): Proposal {
  const sums = new Map<string, NeedsCell>();
  for (const c of cells) {
    if (c.people <= 0) continue;
    const k = key(c);
    const s = sums.get(k);
    if (s) s.people += c.people;
    else sums.set(k, { ...c });
  }
  const order = [...programmes.keys()];
  const rank = (code: string) => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  const sorted = [...sums.values()].sort(
    (a, b) => rank(a.programmeCode) - rank(b.programmeCode) || a.programmeCode.localeCompare(b.programmeCode) || a.quarter - b.quarter || a.mode.localeCompare(b.mode),
  );
  const lines: ProposedLine[] = [];
  const issues: ProposalIssue[] = [];
  for (const c of sorted) {
    const p = programmes.get(c.programmeCode);
    if (!p) continue;
    let classes = 0;
    let classSize: number | null = null;
    if (p.opensClasses) {
      classSize = o.classSize ?? p.typicalCapacity;
      if (classSize === null || classSize <= 0) {
        if (!issues.some((i) => i.programmeCode === c.programmeCode)) issues.push({ path: 'classSize', code: 'NEEDS_PLAN_CLASS_SIZE', programmeCode: c.programmeCode });
        continue;
      }
      classes = Math.ceil(c.people / classSize);
    }
    lines.push({
      programmeCode: c.programmeCode,
      programmeName: p.name,
      mode: c.mode,
      classes,
      learners: c.people,
      classSize,
      year: o.year,
      quarter: c.quarter,
      organiserUnitId: o.organiserUnitId,
      siteKind: p.opensClasses ? o.siteKind : 'school',
      site: p.opensClasses ? o.site : (p.defaultInstitution ?? 'Cơ sở đào tạo ngoài tỉnh'),
      estimatedCost: 0,
      carriedOver: false,
      note: o.note,
    });
  }
  return { lines, issues };
}
