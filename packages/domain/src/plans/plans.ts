/**
 * Annual plans (kế hoạch đào tạo, bồi dưỡng hằng năm): versions, their workflow and their lines,
 * and the line-by-line comparison of two versions. A plan has versions 1, 2, … : version 1 is the
 * plan as first drafted, each later one an adjustment (điều chỉnh) of an approved version with its
 * reason and decision number. A version goes draft → submitted → approved; a submitted one can be
 * returned to draft; an approved one is frozen (changing it means an adjustment).
 */
import type { StudyMode } from '../rules/types.js';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const SITE_KINDS = ['school', 'local'] as const;
/** At the school (or the organiser's own premises), or at a local site (a commune hall …). */
export type SiteKind = (typeof SITE_KINDS)[number];

/** What a plan line says, as a user edits it. */
export interface PlanLineFields {
  programmeCode: string;
  mode: StudyMode;
  /** Number of classes (lớp). */
  classes: number;
  /** Number of learners (học viên). */
  learners: number;
  /** The year the classes open: the plan's year. */
  year: number;
  /** The quarter they open in, 1–4. */
  quarter: number;
  /** The organising unit (the school, a political centre). */
  organiserUnitId: number;
  siteKind: SiteKind;
  /** The site as written ('Trường Chính trị tỉnh', 'Hội trường UBND xã …'). */
  site: string;
  /** Estimated cost in VND (whole đồng). */
  estimatedCost: number;
  /** Classes carried over from last year (lớp chuyển tiếp): counted in this year's plan. */
  carriedOver: boolean;
  note: string | null;
}

/** A line of one version; `lineId` is the line's identity across versions (what classes link to). */
export interface PlanLine extends PlanLineFields {
  lineId: number;
}

export interface PlanIssue {
  path: string;
  code: PlanErrorCode;
  message: string;
}

export const PLAN_ERROR_MESSAGES = {
  PLAN_EMPTY: 'Kế hoạch chưa có dòng nào nên chưa trình hoặc phê duyệt được.',
  PLAN_VERSION_FROZEN: 'Phiên bản kế hoạch đã được phê duyệt nên không sửa được; muốn thay đổi phải lập điều chỉnh kế hoạch.',
  PLAN_VERSION_SUBMITTED: 'Phiên bản kế hoạch đang trình duyệt nên không sửa được; cần trả lại để sửa.',
  PLAN_STEP_ORDER: 'Phiên bản kế hoạch không ở trạng thái cho phép thao tác này.',
  PLAN_ADJUSTMENT_RACE: 'Phiên bản này đã có bản điều chỉnh (có thể vừa được người khác lập). Vui lòng tải lại để xem và sửa trên bản điều chỉnh đó.',
  PLAN_LINE_YEAR: 'Năm mở lớp phải là năm của kế hoạch.',
  PLAN_LINE_QUARTER: 'Quý phải từ 1 đến 4.',
  PLAN_LINE_COUNT: 'Số lớp, số học viên phải là số nguyên không âm.',
  PLAN_LINE_COST: 'Kinh phí dự kiến phải là số đồng nguyên, không âm.',
  PLAN_LINE_LEARNERS: 'Có lớp thì phải có học viên dự kiến.',
  PLAN_LINE_NO_CLASSES: 'Chương trình do cơ sở ngoài tỉnh hoặc ở nước ngoài tổ chức: kế hoạch ghi số người được cử đi học, số lớp để 0.',
  UNKNOWN_PROGRAMME: 'Không có chương trình này.',
  UNSUPPORTED_MODE: 'Chương trình không có hình thức học này.',
} as const;
export type PlanErrorCode = keyof typeof PLAN_ERROR_MESSAGES;

const issue = (path: string, code: PlanErrorCode): PlanIssue => ({ path, code, message: PLAN_ERROR_MESSAGES[code] });

/**
 * Every problem of one line against its plan's year and the programme catalogue (modes offered;
 * `opensClasses` false: taught by an outside institution or abroad, so the line plans people sent,
 * 0 classes; absent: opens classes). A line of 0 classes and N learners plans N people sent to
 * train outside the province (decision 0035), for any programme.
 */
export function validatePlanLine(
  line: PlanLineFields,
  planYear: number,
  programmes: ReadonlyMap<string, { modes: readonly string[]; opensClasses?: boolean }>,
  prefix = '',
): PlanIssue[] {
  const out: PlanIssue[] = [];
  const programme = programmes.get(line.programmeCode);
  if (!programme) out.push(issue(`${prefix}programmeCode`, 'UNKNOWN_PROGRAMME'));
  else if (!programme.modes.includes(line.mode)) out.push(issue(`${prefix}mode`, 'UNSUPPORTED_MODE'));
  if (line.year !== planYear) out.push(issue(`${prefix}year`, 'PLAN_LINE_YEAR'));
  if (!Number.isInteger(line.quarter) || line.quarter < 1 || line.quarter > 4) out.push(issue(`${prefix}quarter`, 'PLAN_LINE_QUARTER'));
  for (const f of ['classes', 'learners'] as const) {
    if (!Number.isInteger(line[f]) || line[f] < 0) out.push(issue(`${prefix}${f}`, 'PLAN_LINE_COUNT'));
  }
  if (!Number.isSafeInteger(line.estimatedCost) || line.estimatedCost < 0) out.push(issue(`${prefix}estimatedCost`, 'PLAN_LINE_COST'));
  // classes need learners; learners without classes are people sent to train outside the province
  if (out.length === 0 && programme?.opensClasses === false && line.classes !== 0) out.push(issue(`${prefix}classes`, 'PLAN_LINE_NO_CLASSES'));
  else if (out.length === 0 && line.classes > 0 && line.learners === 0) out.push(issue(`${prefix}learners`, 'PLAN_LINE_LEARNERS'));
  return out;
}

export type PlanStep = 'editLines' | 'submit' | 'return' | 'approve' | 'adjust';

export interface VersionState {
  status: PlanStatus;
  lineCount: number;
  /** This is the plan's latest version (no later version exists). */
  latest: boolean;
}

export type StepResult = { ok: true; status: PlanStatus } | { ok: false; code: PlanErrorCode; message: string };

const no = (code: PlanErrorCode): StepResult => ({ ok: false, code, message: PLAN_ERROR_MESSAGES[code] });

/**
 * The workflow: what `step` does to a version in state `v`. `adjust` leaves the approved version as
 * it is (the adjustment is a new draft version based on it), so its status is the base's.
 */
export function planStep(v: VersionState, step: PlanStep): StepResult {
  switch (step) {
    case 'editLines':
      if (v.status === 'approved') return no('PLAN_VERSION_FROZEN');
      if (v.status === 'submitted') return no('PLAN_VERSION_SUBMITTED');
      return { ok: true, status: 'draft' };
    case 'submit':
      if (v.status !== 'draft') return v.status === 'approved' ? no('PLAN_VERSION_FROZEN') : no('PLAN_STEP_ORDER');
      if (v.lineCount === 0) return no('PLAN_EMPTY');
      return { ok: true, status: 'submitted' };
    case 'return':
      return v.status === 'submitted' ? { ok: true, status: 'draft' } : no(v.status === 'approved' ? 'PLAN_VERSION_FROZEN' : 'PLAN_STEP_ORDER');
    case 'approve':
      if (v.status !== 'submitted') return v.status === 'approved' ? no('PLAN_VERSION_FROZEN') : no('PLAN_STEP_ORDER');
      if (v.lineCount === 0) return no('PLAN_EMPTY');
      return { ok: true, status: 'approved' };
    case 'adjust':
      if (v.status !== 'approved') return no('PLAN_STEP_ORDER');
      if (!v.latest) return no('PLAN_ADJUSTMENT_RACE');
      return { ok: true, status: 'approved' };
  }
}

/** The fields a comparison looks at, in the order a reader reads a line. */
export const COMPARED_FIELDS = [
  'programmeCode',
  'mode',
  'classes',
  'learners',
  'year',
  'quarter',
  'organiserUnitId',
  'siteKind',
  'site',
  'estimatedCost',
  'carriedOver',
  'note',
] as const satisfies readonly (keyof PlanLineFields)[];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldDiff {
  field: ComparedField;
  before: PlanLineFields[ComparedField];
  after: PlanLineFields[ComparedField];
}

export interface VersionTotals {
  lines: number;
  classes: number;
  learners: number;
  estimatedCost: number;
}

export interface VersionComparison {
  added: PlanLine[];
  removed: PlanLine[];
  changed: { lineId: number; before: PlanLine; after: PlanLine; fields: FieldDiff[] }[];
  unchanged: number;
  totals: { before: VersionTotals; after: VersionTotals };
}

export function versionTotals(lines: readonly PlanLineFields[]): VersionTotals {
  return lines.reduce<VersionTotals>(
    (t, l) => ({ lines: t.lines + 1, classes: t.classes + l.classes, learners: t.learners + l.learners, estimatedCost: t.estimatedCost + l.estimatedCost }),
    { lines: 0, classes: 0, learners: 0, estimatedCost: 0 },
  );
}

/**
 * Line by line, matched by line identity: lines only in `after` are added, only in `before`
 * removed, in both with any compared field different changed (with each field's before and after).
 * Lists are ordered by line id.
 */
export function compareVersions(before: readonly PlanLine[], after: readonly PlanLine[]): VersionComparison {
  const byId = (ls: readonly PlanLine[]) => new Map(ls.map((l) => [l.lineId, l]));
  const b = byId(before);
  const a = byId(after);
  const order = (x: PlanLine, y: PlanLine) => x.lineId - y.lineId;
  const added = after.filter((l) => !b.has(l.lineId)).sort(order);
  const removed = before.filter((l) => !a.has(l.lineId)).sort(order);
  const changed: VersionComparison['changed'] = [];
  let unchanged = 0;
  for (const l of [...after].sort(order)) {
    const old = b.get(l.lineId);
    if (!old) continue;
    const fields: FieldDiff[] = [];
    for (const f of COMPARED_FIELDS) if (old[f] !== l[f]) fields.push({ field: f, before: old[f], after: l[f] });
    if (fields.length > 0) changed.push({ lineId: l.lineId, before: old, after: l, fields });
    else unchanged += 1;
  }
  return { added, removed, changed, unchanged, totals: { before: versionTotals(before), after: versionTotals(after) } };
}
