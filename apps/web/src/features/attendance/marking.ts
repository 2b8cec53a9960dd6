/**
 * The pure state of the attendance sheet: what the user changed (the draft) over what is saved,
 * the counts shown in the sticky bar, "everyone not marked is present", the quick filters and the
 * request that saves the whole session at once (each mark carrying the one it replaces, so the
 * server can tell a lecturer that someone else marked the learner meanwhile).
 */
import type { AttendanceInput, AttendanceMarkCode, ErrorDetail } from '@nang-tam/contracts';
import { foldVietnamese } from '@nang-tam/domain';

export interface MarkRow {
  enrolmentId: number;
  person: { fullName: string };
  mark: AttendanceMarkCode | null;
}

/** enrolmentId → the mark chosen and not yet saved (only marks that differ from the saved one). */
export type Draft = ReadonlyMap<number, AttendanceMarkCode>;

export function currentMark(row: MarkRow, draft: Draft): AttendanceMarkCode | null {
  return draft.get(row.enrolmentId) ?? row.mark;
}

/** Chooses a mark; choosing the saved mark again drops the change. */
export function chooseMark(draft: Draft, row: MarkRow, mark: AttendanceMarkCode): Draft {
  const next = new Map(draft);
  if (mark === row.mark) next.delete(row.enrolmentId);
  else next.set(row.enrolmentId, mark);
  return next;
}

/** "Có mặt tất cả": every learner with no mark (saved or chosen) becomes present; others keep theirs. */
export function markAllPresent(draft: Draft, rows: readonly MarkRow[]): Draft {
  const next = new Map(draft);
  for (const r of rows) if (currentMark(r, draft) === null) next.set(r.enrolmentId, 'present');
  return next;
}

/** After a reload: drop the changes that now equal what is saved, and those of learners no longer listed. */
export function rebase(draft: Draft, rows: readonly MarkRow[]): Draft {
  const byId = new Map(rows.map((r) => [r.enrolmentId, r]));
  const next = new Map<number, AttendanceMarkCode>();
  for (const [id, mark] of draft) {
    const r = byId.get(id);
    if (r && r.mark !== mark) next.set(id, mark);
  }
  return next;
}

export interface Tally {
  present: number;
  /** absent with and without permission */
  absent: number;
  absentExcused: number;
  absentUnexcused: number;
  recalled: number;
  unmarked: number;
}

/** The counts as they will be once saved (draft over saved). */
export function tally(rows: readonly MarkRow[], draft: Draft): Tally {
  const t: Tally = { present: 0, absent: 0, absentExcused: 0, absentUnexcused: 0, recalled: 0, unmarked: 0 };
  for (const r of rows) {
    const m = currentMark(r, draft);
    if (m === null) t.unmarked += 1;
    else if (m === 'present') t.present += 1;
    else if (m === 'absent_excused') t.absentExcused += 1;
    else if (m === 'absent_unexcused') t.absentUnexcused += 1;
    else t.recalled += 1;
  }
  t.absent = t.absentExcused + t.absentUnexcused;
  return t;
}

export interface RowFilter {
  /** words of a name, matched at word starts, diacritics and case ignored ("nguyen an" finds "Nguyễn Văn An") */
  query: string;
  /** only learners whose saved mark is none: a row marked now stays in view until saved */
  unmarkedOnly: boolean;
}

export function matchesName(fullName: string, query: string): boolean {
  const words = foldVietnamese(query).split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return true;
  const name = foldVietnamese(fullName).split(' ');
  return words.every((w) => name.some((n) => n.startsWith(w)));
}

export function filterRows<R extends MarkRow>(rows: readonly R[], filter: RowFilter): R[] {
  return rows.filter((r) => (!filter.unmarkedOnly || r.mark === null) && matchesName(r.person.fullName, filter.query));
}

/** The one request that saves every change of the session, in the order of the list. */
export function saveRequest(rows: readonly MarkRow[], draft: Draft): AttendanceInput {
  return {
    marks: rows.flatMap((r) => {
      const mark = draft.get(r.enrolmentId);
      return mark === undefined ? [] : [{ enrolmentId: r.enrolmentId, mark, expected: r.mark }];
    }),
  };
}

/** The errors of a refused save, per learner: `marks.<i>.…` points into the request that was sent. */
export function rowErrorsOf(sent: AttendanceInput | null, details: readonly ErrorDetail[], messageOf: (d: ErrorDetail) => string): Map<number, string> {
  const out = new Map<number, string>();
  if (!sent) return out;
  for (const d of details) {
    const i = /^marks\.(\d+)\./.exec(d.path)?.[1];
    const id = i !== undefined ? sent.marks[Number(i)]?.enrolmentId : undefined;
    if (id !== undefined) out.set(id, messageOf(d));
  }
  return out;
}

/** Two letters for the avatar: the first letters of the family name and the given name ("Nguyễn Văn An" → "NA"). */
export function initialsOf(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : '';
  return (first + last).toLocaleUpperCase('vi-VN');
}
