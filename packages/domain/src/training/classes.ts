/**
 * How a class counts in a year's figures. A class opened in year Y counts in Y as opened; in every
 * later year it is still running (its end date in that year or later, or not fixed) it counts as
 * carried over (lớp chuyển tiếp): Long An 2023 reported 25 trung cấp classes, 13 of them carried
 * over from 2022 and 12 opened in 2023.
 */
import type { IsoDate } from '../dates.js';
import { assertDate, TrainingError } from './errors.js';
import type { ProgrammeModule, TrainingClass } from './types.js';

export type ClassYearStatus = 'opened' | 'carried_over' | 'not_running';

type ClassPeriod = Pick<TrainingClass, 'startDate' | 'endDate'>;

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function assertPeriod(cls: ClassPeriod): void {
  assertDate(cls.startDate, 'startDate');
  if (cls.endDate !== null) {
    assertDate(cls.endDate, 'endDate');
    if (cls.endDate < cls.startDate)
      throw new TrainingError('INVALID_CLASS_PERIOD', 'Ngày kết thúc lớp không được trước ngày khai giảng.', {
        startDate: cls.startDate,
        endDate: cls.endDate,
      });
  }
}

/** opened in `year`, carried over into it, or not running in it. */
export function classYearStatus(cls: ClassPeriod, year: number): ClassYearStatus {
  assertPeriod(cls);
  const start = yearOf(cls.startDate);
  if (start === year) return 'opened';
  if (start < year && (cls.endDate === null || yearOf(cls.endDate) >= year)) return 'carried_over';
  return 'not_running';
}

/** A class started before `year` and still running in it counts in `year`'s figures as carried over. */
export function isCarriedOver(cls: ClassPeriod, year: number): boolean {
  return classYearStatus(cls, year) === 'carried_over';
}

/**
 * A named thing in a Vietnamese sentence: "<word> <name>", or the name alone when it already begins
 * with that word (so that messages never say "lớp Lớp trung cấp…" or "Phòng Phòng 301"). `at:
 * 'start'` begins a sentence (capital first letter), `'inside'` sits within one (lower-case).
 */
export function phraseWith(word: string, name: string, at: 'start' | 'inside' = 'inside'): string {
  const text = name.normalize('NFC').trim();
  const w = word.normalize('NFC').toLocaleLowerCase('vi');
  const first = (s: string): string => (at === 'start' ? s.charAt(0).toLocaleUpperCase('vi') : s.charAt(0).toLocaleLowerCase('vi'));
  const head = text.slice(0, w.length);
  const startsWithWord = head.toLocaleLowerCase('vi') === w && (text.length === w.length || /\s/u.test(text.charAt(w.length)));
  return startsWithWord ? first(text) + text.slice(1) : `${first(w)}${w.slice(1)} ${text}`;
}

/** A class named in a sentence: "lớp <name>", or the name alone when it begins with "Lớp". */
export function classPhrase(name: string, at: 'start' | 'inside' = 'inside'): string {
  return phraseWith('lớp', name, at);
}

/** A room named in a sentence: "phòng 301", or "Phòng họp A" as it is. */
export function roomPhrase(name: string, at: 'start' | 'inside' = 'inside'): string {
  return phraseWith('phòng', name, at);
}

/**
 * What a class is doing, for people: the stored status says only whether nominations are taken
 * ('open'), the list is locked ('closed') or graduation is decided ('finished'). A locked class whose
 * dates include today is under way (Đang học); one whose last day has passed awaits graduation.
 */
export type ClassDisplayStatus = 'open' | 'closed' | 'in_progress' | 'awaiting_graduation' | 'finished';

export function classDisplayStatus(
  cls: { status: 'open' | 'closed' | 'finished'; startDate: IsoDate | string; endDate: IsoDate | string | null },
  today: IsoDate | string,
): ClassDisplayStatus {
  if (cls.status !== 'closed') return cls.status;
  if (today < cls.startDate) return 'closed';
  if (cls.endDate === null || today <= cls.endDate) return 'in_progress';
  return 'awaiting_graduation';
}

export type ModuleErrorCode = 'MODULE_CODE_INVALID' | 'MODULE_CODE_DUPLICATE' | 'MODULE_NAME_REQUIRED' | 'MODULE_PERIODS_INVALID';

export interface ModuleError {
  path: string;
  code: ModuleErrorCode;
  message: string;
}

/** Every problem of a module list (codes unique, a name, whole positive periods); [] when usable. */
export function validateModules(modules: readonly ProgrammeModule[]): ModuleError[] {
  const errors: ModuleError[] = [];
  const seen = new Set<string>();
  modules.forEach((m, i) => {
    if (typeof m.code !== 'string' || !/^[A-Za-z0-9_.\-]+$/.test(m.code))
      errors.push({
        path: `modules[${i}].code`,
        code: 'MODULE_CODE_INVALID',
        message: 'Mã học phần chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới.',
      });
    else if (seen.has(m.code))
      errors.push({ path: `modules[${i}].code`, code: 'MODULE_CODE_DUPLICATE', message: `Mã học phần ${m.code} bị trùng.` });
    seen.add(m.code);
    if (typeof m.name !== 'string' || m.name.trim() === '')
      errors.push({ path: `modules[${i}].name`, code: 'MODULE_NAME_REQUIRED', message: 'Phải nhập tên học phần.' });
    if (!Number.isInteger(m.periods) || m.periods <= 0)
      errors.push({ path: `modules[${i}].periods`, code: 'MODULE_PERIODS_INVALID', message: 'Số tiết phải là số nguyên dương.' });
  });
  return errors;
}
