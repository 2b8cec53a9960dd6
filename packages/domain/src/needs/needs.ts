/**
 * Training needs (đăng ký nhu cầu): a campaign the board opens for a year, each required unit's
 * answer (lines of programme × mode × quarter × number of people, optionally naming them), its
 * lifecycle (draft → submitted → returned → submitted …), the answering window (deadline, closed,
 * reopened for one unit), the reminders before and after the deadline, the "suggest from gaps"
 * choice of programme, and the aggregation arithmetic. Pure: every date is passed in.
 */
import type { IsoDate } from '../dates.js';
import type { StudyMode } from '../rules/types.js';

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export type CampaignStatus = 'open' | 'closed';
/** `not_started`: the unit has saved nothing yet (no answer row). */
export type AnswerStatus = 'not_started' | 'draft' | 'submitted' | 'returned';
export const ANSWER_STATUSES: readonly AnswerStatus[] = ['not_started', 'draft', 'submitted', 'returned'];

/** The largest number of people one line may ask for (a province has about 100,000 cadres). */
export const MAX_LINE_PEOPLE = 100_000;

/**
 * "Young cadre" for the needs aggregation: under 35 years of age on 1 January of the campaign year.
 * Kept as data with its basis, like the rules: the registry's "young" filter and its reports use the
 * same threshold (person-facts.repository demographicCondition).
 */
export const YOUNG_CADRE_DEFINITION = {
  maxAgeExclusive: 35,
  /** The age is taken on this day of the campaign year (MM-DD). */
  onDayOfYear: '01-01',
  source: {
    code: 'NANG-TAM-YOUNG-35',
    title:
      'Ngưỡng "cán bộ trẻ" dưới 35 tuổi dùng thống nhất trong bộ lọc và báo cáo của hệ thống (theo cách các tỉnh thống kê cán bộ trẻ trong báo cáo đào tạo, bồi dưỡng)',
    note: 'Chưa đối chiếu được với một văn bản quy phạm: Chỉ thị 35-CT/TW (2019) tính cấp ủy viên trẻ là dưới 40 tuổi (cấp tỉnh, huyện); Luật Thanh niên 2020 tính thanh niên từ 16 đến 30 tuổi. Ban Tổ chức có thể đổi ngưỡng ở đây.',
    verified: false,
  },
} as const;

/** The day on which "young" is judged for a campaign year. */
export function youngJudgedOn(year: number): IsoDate {
  return `${year}-${YOUNG_CADRE_DEFINITION.onDayOfYear}`;
}

// ---------- dates ----------

function addDaysIso(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** dd/mm/yyyy, for messages. */
function vi(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

// ---------- the answering window ----------

export interface CampaignFacts {
  year: number;
  status: CampaignStatus;
  deadline: IsoDate;
}

export type NeedsRefusalCode = 'NEEDS_CAMPAIGN_CLOSED' | 'NEEDS_ANSWER_SUBMITTED' | 'NEEDS_ANSWER_NOT_SUBMITTED' | 'NEEDS_ANSWER_NOT_SAVED';

export interface NeedsRefusal {
  code: NeedsRefusalCode;
  message: string;
}

/**
 * May a unit still write its answer today? While the campaign is open and the deadline (inclusive)
 * has not passed, or when the board reopened the campaign for this unit until a date not yet passed
 * (a reopening also lifts "closed" for that unit alone).
 */
export function answerWindowRefusal(c: CampaignFacts, reopenedUntil: IsoDate | null, today: IsoDate): NeedsRefusal | null {
  if (reopenedUntil !== null && today <= reopenedUntil) return null;
  if (c.status === 'closed')
    return {
      code: 'NEEDS_CAMPAIGN_CLOSED',
      message: `Đợt đăng ký nhu cầu năm ${c.year} đã đóng; chỉ gửi được khi Ban Tổ chức mở lại cho đơn vị.`,
    };
  if (today > c.deadline)
    return {
      code: 'NEEDS_CAMPAIGN_CLOSED',
      message: `Đã quá hạn đăng ký nhu cầu năm ${c.year} (hạn ${vi(c.deadline)}); chỉ gửi được khi Ban Tổ chức mở lại cho đơn vị.`,
    };
  return null;
}

/** Whether the answer is late: not submitted and the deadline has passed. */
export function isLate(c: Pick<CampaignFacts, 'deadline'>, status: AnswerStatus, today: IsoDate): boolean {
  return status !== 'submitted' && today > c.deadline;
}

// ---------- the answer's lifecycle ----------

export interface AnswerFacts {
  campaign: CampaignFacts;
  status: AnswerStatus;
  reopenedUntil: IsoDate | null;
  today: IsoDate;
}

/** Saving the lines (a draft): not while submitted (the board must return it first), and within the window. */
export function editRefusal(a: AnswerFacts): NeedsRefusal | null {
  if (a.status === 'submitted')
    return { code: 'NEEDS_ANSWER_SUBMITTED', message: 'Đơn vị đã gửi bản đăng ký này; chỉ sửa được khi Ban Tổ chức trả lại.' };
  return answerWindowRefusal(a.campaign, a.reopenedUntil, a.today);
}

/** Submitting: a saved draft or a returned answer, within the window. */
export function submitRefusal(a: AnswerFacts): NeedsRefusal | null {
  if (a.status === 'not_started') return { code: 'NEEDS_ANSWER_NOT_SAVED', message: 'Hãy lưu bản đăng ký trước khi gửi.' };
  return editRefusal(a);
}

/** Returning with a comment (the board): only a submitted answer. */
export function returnRefusal(a: Pick<AnswerFacts, 'status'>): NeedsRefusal | null {
  if (a.status !== 'submitted') return { code: 'NEEDS_ANSWER_NOT_SUBMITTED', message: 'Chỉ trả lại được bản đăng ký đơn vị đã gửi.' };
  return null;
}

/** How long a returned answer stays open once the window has passed (the return reopens it for the unit). */
export const RETURN_REOPENS_DAYS = 7;

/**
 * The unit's reopening after a return: none while the window is still open; otherwise until
 * RETURN_REOPENS_DAYS from today (or a later reopening already granted).
 */
export function reopenAfterReturn(c: CampaignFacts, reopenedUntil: IsoDate | null, today: IsoDate): IsoDate | null {
  if (answerWindowRefusal(c, null, today) === null) return reopenedUntil;
  const until = addDaysIso(today, RETURN_REOPENS_DAYS);
  return reopenedUntil !== null && reopenedUntil > until ? reopenedUntil : until;
}

// ---------- lines ----------

export interface Offer {
  programmeCode: string;
  programmeName: string;
  modes: readonly StudyMode[];
}

export interface LineInput {
  programmeCode: string;
  mode: StudyMode;
  quarter: number;
  people: number;
  personIds: readonly number[];
}

export interface LineProblem {
  path: string;
  code:
    | 'NEEDS_PROGRAMME_NOT_OFFERED'
    | 'NEEDS_MODE_NOT_OFFERED'
    | 'NEEDS_QUARTER_INVALID'
    | 'NEEDS_COUNT_INVALID'
    | 'NEEDS_PERSON_OUTSIDE_UNIT'
    | 'NEEDS_PERSON_NAMED_TWICE'
    | 'NEEDS_NAMED_EXCEED_COUNT'
    | 'NEEDS_DUPLICATE_LINE';
  message: string;
}

const MODE_VI: Record<StudyMode, string> = { full_time: 'tập trung', part_time: 'vừa làm vừa học', online: 'trực tuyến' };

/**
 * Every problem of an answer's lines, each at its field (`lines.<i>.<field>`): the programme and mode
 * must be offered by the campaign, the quarter 1–4, the count a whole number from 0, a named person
 * must belong to the unit's subtree (`inUnit`), be named once per programme, and no more people may
 * be named than the line counts; one line per programme × mode × quarter.
 */
export function lineProblems(offers: readonly Offer[], lines: readonly LineInput[], inUnit: (personId: number) => boolean): LineProblem[] {
  const out: LineProblem[] = [];
  const byCode = new Map(offers.map((o) => [o.programmeCode, o]));
  const seenLine = new Set<string>();
  const namedIn = new Map<string, Map<number, number>>(); // programme → person → first line index
  lines.forEach((l, i) => {
    const at = (field: string) => `lines.${i}.${field}`;
    const offer = byCode.get(l.programmeCode);
    if (!offer)
      out.push({
        path: at('programmeCode'),
        code: 'NEEDS_PROGRAMME_NOT_OFFERED',
        message: 'Chương trình này không có trong đợt đăng ký nhu cầu.',
      });
    else if (!offer.modes.includes(l.mode))
      out.push({
        path: at('mode'),
        code: 'NEEDS_MODE_NOT_OFFERED',
        message: `Đợt đăng ký không nhận hình thức ${MODE_VI[l.mode] ?? l.mode} cho chương trình ${offer.programmeName}.`,
      });
    if (!Number.isInteger(l.quarter) || l.quarter < 1 || l.quarter > 4)
      out.push({ path: at('quarter'), code: 'NEEDS_QUARTER_INVALID', message: 'Quý phải là 1, 2, 3 hoặc 4.' });
    if (!Number.isInteger(l.people) || l.people < 0 || l.people > MAX_LINE_PEOPLE)
      out.push({ path: at('people'), code: 'NEEDS_COUNT_INVALID', message: 'Số người phải là số nguyên từ 0 trở lên.' });
    else if (l.personIds.length > l.people)
      out.push({
        path: at('people'),
        code: 'NEEDS_NAMED_EXCEED_COUNT',
        message: `Đã nêu tên ${l.personIds.length} người nhưng dòng chỉ đăng ký ${l.people} người.`,
      });
    const key = `${l.programmeCode}\u001f${l.mode}\u001f${l.quarter}`;
    if (seenLine.has(key))
      out.push({
        path: at('quarter'),
        code: 'NEEDS_DUPLICATE_LINE',
        message: 'Đã có một dòng cùng chương trình, hình thức và quý; hãy gộp vào dòng đó.',
      });
    seenLine.add(key);
    const named = namedIn.get(l.programmeCode) ?? new Map<number, number>();
    namedIn.set(l.programmeCode, named);
    l.personIds.forEach((id, j) => {
      const path = at(`personIds.${j}`);
      if (!inUnit(id)) {
        out.push({ path, code: 'NEEDS_PERSON_OUTSIDE_UNIT', message: 'Người này không thuộc đơn vị đăng ký (hoặc không có trong hồ sơ).' });
        return;
      }
      const first = named.get(id);
      if (first !== undefined)
        out.push({
          path,
          code: 'NEEDS_PERSON_NAMED_TWICE',
          message:
            first === i
              ? 'Người này đã được nêu tên trong dòng này.'
              : `Người này đã được nêu tên ở dòng ${first + 1} cho cùng chương trình.`,
        });
      else named.set(id, i);
    });
  });
  return out;
}

/** Lines in a stable order: programme (offer order), mode, quarter. */
export function sortLines<L extends { programmeCode: string; mode: string; quarter: number }>(
  offers: readonly Offer[],
  lines: readonly L[],
): L[] {
  const rank = new Map(offers.map((o, i) => [o.programmeCode, i]));
  return [...lines].sort(
    (a, b) =>
      (rank.get(a.programmeCode) ?? 1e9) - (rank.get(b.programmeCode) ?? 1e9) || a.mode.localeCompare(b.mode) || a.quarter - b.quarter,
  );
}

// ---------- suggest from gaps ----------

export interface GrantingProgramme {
  code: string;
  /** The qualification the programme grants (kind, level rank); none: never suggested from gaps. */
  grants: { kind: string; rank: number } | null;
}

/**
 * The programme to suggest for each gap a person has: among the offered programmes that grant the
 * needed kind at the needed level or above and for which the person is already eligible, the one of
 * the lowest level (the next step, not a leap). One programme per qualification kind.
 */
export function programmesForGaps(
  needs: readonly { kind: string; rank: number }[],
  offered: readonly GrantingProgramme[],
  eligibleFor: (programmeCode: string) => boolean,
): string[] {
  const out: string[] = [];
  for (const need of needs) {
    let best: GrantingProgramme | null = null;
    for (const p of offered) {
      if (!p.grants || p.grants.kind !== need.kind || p.grants.rank < need.rank || !eligibleFor(p.code)) continue;
      if (!best || p.grants.rank < best.grants!.rank) best = p;
    }
    if (best && !out.includes(best.code)) out.push(best.code);
  }
  return out;
}

/**
 * The quarter a suggestion proposes: the first quarter of the year when the deadline falls before
 * it, otherwise the quarter after the deadline's (the 4th at the latest).
 */
export function suggestedQuarter(year: number, deadline: IsoDate): Quarter {
  if (Number(deadline.slice(0, 4)) < year) return 1;
  if (Number(deadline.slice(0, 4)) > year) return 4;
  const q = Math.floor((Number(deadline.slice(5, 7)) - 1) / 3) + 1;
  return Math.min(4, q + 1) as Quarter;
}

/** Suggested lines: one per programme × mode, naming the people, counting them. */
export function suggestionLines(
  picks: readonly { personId: number; programmeCode: string; mode: StudyMode }[],
  quarter: Quarter,
): LineInput[] {
  const byKey = new Map<string, LineInput>();
  for (const p of picks) {
    const key = `${p.programmeCode}\u001f${p.mode}`;
    const line = byKey.get(key) ?? { programmeCode: p.programmeCode, mode: p.mode, quarter, people: 0, personIds: [] as number[] };
    if (!line.personIds.includes(p.personId)) {
      (line.personIds as number[]).push(p.personId);
      line.people += 1;
    }
    byKey.set(key, line);
  }
  return [...byKey.values()];
}

// ---------- reminders ----------

export type ReminderKind = 'before_deadline' | 'after_deadline';
/** Days before the deadline the first reminder is due (D-3), and after it the second (D+1). */
export const REMINDER_DAYS = { before_deadline: -3, after_deadline: 1 } as const;

/**
 * The reminders due today for a unit that has not submitted, not recorded yet: D-3 (from three days
 * before the deadline to the deadline) and D+1 (from the day after the deadline, while the campaign
 * is open). A submitted answer or a closed campaign needs none.
 */
export function remindersDue(c: CampaignFacts, status: AnswerStatus, recorded: ReadonlySet<ReminderKind>, today: IsoDate): ReminderKind[] {
  if (status === 'submitted' || c.status === 'closed') return [];
  const out: ReminderKind[] = [];
  if (today >= addDaysIso(c.deadline, REMINDER_DAYS.before_deadline) && today <= c.deadline && !recorded.has('before_deadline'))
    out.push('before_deadline');
  if (today >= addDaysIso(c.deadline, REMINDER_DAYS.after_deadline) && !recorded.has('after_deadline')) out.push('after_deadline');
  return out;
}

/** The reminder's text for the unit's officers. */
export function reminderMessage(kind: ReminderKind, c: Pick<CampaignFacts, 'year' | 'deadline'>, unitName: string): string {
  return kind === 'before_deadline'
    ? `${unitName}: còn ít ngày nữa là hết hạn đăng ký nhu cầu đào tạo, bồi dưỡng năm ${c.year} (hạn ${vi(c.deadline)}); đơn vị chưa gửi bản đăng ký.`
    : `${unitName}: đã quá hạn đăng ký nhu cầu đào tạo, bồi dưỡng năm ${c.year} (hạn ${vi(c.deadline)}); đơn vị chưa gửi bản đăng ký.`;
}
