/**
 * Grades, the periods-weighted average and classification (xếp loại).
 *
 * Rounding rule: the average is Σ(grade × periods) / Σ(periods), rounded half up to 2 decimals,
 * computed in integers so that 8.125 becomes 8.13 and never 8.12; classification reads the rounded
 * average (8.995 → 9.00 → xuất sắc).
 */
import { fail, ok, TrainingError, type Result, type GradeErrorCode } from './errors.js';
import { formatViNumber, roundHalfUp } from './numbers.js';
import type { BandCode, GradeBand, GradingScheme, ProgrammeModule } from './types.js';

export const BAND_CODES: readonly BandCode[] = ['xuat_sac', 'gioi', 'kha', 'trung_binh_kha', 'trung_binh'];

/** The label of a failing average. */
export const FAIL_LABEL = 'Không đạt';

const EPSILON = 1e-9;

/** Decimal places of a step: 0.1 → 1, 0.25 → 2, 1 → 0. */
function decimalsOf(step: number): number {
  const text = String(step);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

/**
 * A grade is a finite number on the scale (min and max included) that is a whole number of steps
 * from the scale's minimum. Returns the grade normalised to the step's decimals (7.3 stays 7.3).
 */
export function validateGrade(scheme: GradingScheme, value: unknown): Result<number, GradeErrorCode> {
  const { min, max, step } = scheme.scale;
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail('GRADE_NOT_A_NUMBER', { value });
  if (value < min - EPSILON || value > max + EPSILON) return fail('GRADE_OUT_OF_SCALE', { value, min, max });
  const steps = (value - min) / step;
  if (Math.abs(steps - Math.round(steps)) > 1e-6) return fail('GRADE_NOT_ON_STEP', { value, step });
  return ok(roundHalfUp(min + Math.round(steps) * step, decimalsOf(step)));
}

/** A grade reaches the pass mark (exactly the pass mark passes). */
export function isPassingGrade(scheme: GradingScheme, grade: number): boolean {
  return grade >= scheme.passMark - EPSILON;
}

export interface WeightedGrade {
  grade: number;
  /** The module's periods (tiết): a positive whole number. */
  periods: number;
}

/** Grades are held in ten-thousandths, so the sums are exact integers. */
const GRADE_UNITS = 10_000;

/**
 * Σ(grade × periods) / Σ(periods), rounded half up to 2 decimals; null for an empty list.
 * Throws INVALID_INPUT for a period count that is not a positive whole number or a grade that is not finite.
 */
export function averageGrade(entries: readonly WeightedGrade[]): number | null {
  let weighted = 0;
  let periods = 0;
  for (const e of entries) {
    if (!Number.isInteger(e.periods) || e.periods <= 0)
      throw new TrainingError('INVALID_INPUT', 'Số tiết của học phần phải là số nguyên dương.', { periods: e.periods });
    if (!Number.isFinite(e.grade) || e.grade < 0) throw new TrainingError('INVALID_INPUT', 'Điểm phải là số không âm.', { grade: e.grade });
    weighted += Math.round(e.grade * GRADE_UNITS) * e.periods;
    periods += e.periods;
  }
  if (periods === 0) return null;
  // hundredths = weighted / (periods × 100), rounded half up, in integers
  const divisor = periods * (GRADE_UNITS / 100);
  const quotient = Math.floor(weighted / divisor);
  const remainder = weighted - quotient * divisor;
  const hundredths = 2 * remainder >= divisor ? quotient + 1 : quotient;
  return hundredths / 100;
}

/** The module grades paired with their periods; modules without a grade are listed in `missing`. */
export function moduleAverage(
  modules: readonly ProgrammeModule[],
  grades: Readonly<Record<string, number | null | undefined>>,
): { average: number | null; missing: string[] } {
  const missing = modules.filter((m) => typeof grades[m.code] !== 'number').map((m) => m.code);
  if (missing.length > 0) return { average: null, missing };
  return { average: averageGrade(modules.map((m) => ({ grade: grades[m.code] as number, periods: m.periods }))), missing };
}

/** Bands from the highest `min` down. */
export function bandsDescending(scheme: GradingScheme): GradeBand[] {
  return [...scheme.bands].sort((a, b) => b.min - a.min);
}

/**
 * The band of an average: the band with the highest `min` that the average reaches (a band edge
 * belongs to the higher band: 8.00 is giỏi), or 'fail' below the pass mark or below every band.
 */
export function classify(scheme: GradingScheme, average: number): GradeBand | 'fail' {
  if (!isPassingGrade(scheme, average)) return 'fail';
  return bandsDescending(scheme).find((b) => average >= b.min - EPSILON) ?? 'fail';
}

/** Vietnamese label of a classification ('Không đạt' for 'fail'). */
export function classificationLabel(result: GradeBand | 'fail'): string {
  return result === 'fail' ? FAIL_LABEL : result.label;
}

/** A grade for display: "8,25", "9". */
export function formatGrade(grade: number): string {
  return formatViNumber(grade, 2);
}

// ---------- validation of scheme data ----------

export type SchemeErrorCode =
  'SCALE_INVALID' | 'STEP_INVALID' | 'PASS_MARK_INVALID' | 'BANDS_EMPTY' | 'BAND_INVALID' | 'BAND_DUPLICATE' | 'BAND_BELOW_PASS_MARK';

export interface SchemeError {
  path: string;
  code: SchemeErrorCode;
  message: string;
}

/**
 * Every problem of a grading scheme, with a field path; [] when it can be used. A broken scale is
 * reported alone (nothing else can be checked against it); a broken pass mark is not compared with bands.
 */
export function validateGradingScheme(scheme: GradingScheme): SchemeError[] {
  const errors: SchemeError[] = [];
  const add = (path: string, code: SchemeErrorCode, message: string) => errors.push({ path, code, message });
  const { min, max, step } = scheme.scale;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!finite(min) || !finite(max) || min < 0 || max <= min)
    add('scale', 'SCALE_INVALID', 'Thang điểm phải có điểm thấp nhất không âm và nhỏ hơn điểm cao nhất.');
  else if (!finite(step) || step <= 0 || step > max - min)
    add('scale.step', 'STEP_INVALID', 'Bước chấm điểm phải dương và không lớn hơn độ rộng thang điểm.');
  if (errors.length > 0) return errors;
  const passMarkOk = validateGrade(scheme, scheme.passMark).ok;
  if (!passMarkOk) add('passMark', 'PASS_MARK_INVALID', 'Điểm đạt phải là một điểm trên thang điểm.');
  if (scheme.bands.length === 0) add('bands', 'BANDS_EMPTY', 'Phải có ít nhất một mức xếp loại.');
  const seen = new Set<string>();
  scheme.bands.forEach((band, i) => {
    if (!BAND_CODES.includes(band.code) || !band.label?.trim() || !validateGrade(scheme, band.min).ok) {
      add(`bands[${i}]`, 'BAND_INVALID', 'Mức xếp loại phải có mã, tên và điểm tối thiểu trên thang điểm.');
    } else if (passMarkOk && band.min < scheme.passMark) {
      add(`bands[${i}].min`, 'BAND_BELOW_PASS_MARK', 'Điểm tối thiểu của mức xếp loại không được thấp hơn điểm đạt.');
    }
    if (seen.has(band.code) || scheme.bands.some((b, j) => j < i && b.min === band.min))
      add(`bands[${i}]`, 'BAND_DUPLICATE', 'Hai mức xếp loại trùng mã hoặc trùng điểm tối thiểu.');
    seen.add(band.code);
  });
  return errors;
}
