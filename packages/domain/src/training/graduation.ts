/**
 * Eligibility for the final exam (or thesis) and the graduation decision of one learner, with
 * every condition explained: what it requires, the facts it read, and whether it passed.
 *
 * A check is `passed: true`, `false`, or `null` when a fact is missing (a grade not entered, the
 * conduct report not received, a session not marked). Any failed check → not eligible / not
 * graduated (missing facts still listed); otherwise any missing fact → pending; otherwise eligible /
 * graduated. Outstanding make-up is a failed check, not a missing fact.
 */
import { formatViDate } from '../dates.js';
import { meetsAttendance, type AttendanceSummary, type MakeUpSummary } from './attendance.js';
import { classify, formatGrade, isPassingGrade, moduleAverage, validateGrade } from './grading.js';
import { formatViPercent } from './numbers.js';
import type { ConductReport, FinalExamResult, GradeBand, GradingScheme, GraduationConditions, ProgrammeModule } from './types.js';

export type GraduationCheckCode = 'modules_passed' | 'attendance' | 'make_up' | 'conduct_report' | 'final_exam';

export const GRADUATION_CHECK_LABELS: Record<GraduationCheckCode, string> = {
  modules_passed: 'Kết quả các học phần',
  attendance: 'Thời gian dự học',
  make_up: 'Học bổ sung',
  conduct_report: 'Nhận xét của cơ quan cử đi học',
  final_exam: 'Thi tốt nghiệp, khóa luận',
};

export interface GraduationCheck {
  code: GraduationCheckCode;
  label: string;
  /** null: cannot be told yet (see `missing`). */
  passed: boolean | null;
  /** One Vietnamese sentence: what was found, what is required, the verdict. */
  detail: string;
  facts: Record<string, unknown>;
  missing?: string[];
}

export interface LearnerRecord {
  /** The grade of each module by module code; null or absent while not entered. */
  grades: Readonly<Record<string, number | null | undefined>>;
  /** From attendanceRate, on the date of the decision. */
  attendance: AttendanceSummary;
  /** From makeUpRequirements, on the date of the decision. */
  makeUps: MakeUpSummary;
  conductReport: ConductReport | null;
}

export interface ExamEligibilityInput extends LearnerRecord {
  conditions: GraduationConditions;
  scheme: GradingScheme;
  /** The class's modules, with their periods. */
  modules: readonly ProgrammeModule[];
}

export interface GraduationInput extends ExamEligibilityInput {
  finalExam: FinalExamResult | null;
}

export interface ExamEligibility {
  outcome: 'eligible' | 'not_eligible' | 'pending';
  checks: GraduationCheck[];
  /** Every missing fact, once, in check order. */
  missing: string[];
  summary: string;
}

export interface GraduationDecision {
  outcome: 'graduated' | 'not_graduated' | 'pending';
  checks: GraduationCheck[];
  /** The band of the module average; only when graduated and the modules are graded. */
  classification: GradeBand | null;
  /** Periods-weighted module average, rounded half up to 2 decimals; null until every module is graded. */
  average: number | null;
  missing: string[];
  summary: string;
}

/** Vietnamese name of a missing fact. */
export function missingLabel(key: string, modules: readonly ProgrammeModule[] = []): string {
  const grade = /^grades\.(.+)$/.exec(key);
  if (grade) {
    const m = modules.find((x) => x.code === grade[1]);
    return `điểm học phần ${m ? `${m.code} ${m.name}` : grade[1]}`;
  }
  return MISSING_LABELS[key] ?? key;
}

const MISSING_LABELS: Record<string, string> = {
  modules: 'danh sách học phần của lớp',
  'attendance.sessions': 'buổi học đã diễn ra',
  'attendance.unmarked': 'điểm danh các buổi học',
  'recalls.dates': 'ngày bắt đầu, kết thúc đợt triệu tập về cơ quan',
  conductReport: 'nhận xét của cơ quan cử đi học',
  'conductReport.satisfactory': 'kết luận trong nhận xét của cơ quan',
  finalExam: 'kết quả thi tốt nghiệp hoặc khóa luận',
  'finalExam.grade': 'điểm thi tốt nghiệp hoặc khóa luận hợp lệ',
};

const verdict = (passed: boolean | null): string => (passed === null ? 'chưa thể kết luận' : passed ? 'đạt' : 'không đạt');

function check(
  code: GraduationCheckCode,
  passed: boolean | null,
  text: string,
  facts: Record<string, unknown>,
  missing?: string[],
): GraduationCheck {
  return {
    code,
    label: GRADUATION_CHECK_LABELS[code],
    passed,
    detail: `${text} — ${verdict(passed)}.`,
    facts,
    ...(missing && missing.length > 0 ? { missing } : {}),
  };
}

// ---------- the checks ----------

function modulesCheck(input: ExamEligibilityInput): GraduationCheck {
  const { scheme, modules, grades } = input;
  const pass = formatGrade(scheme.passMark);
  if (modules.length === 0)
    return check('modules_passed', null, 'Lớp chưa có danh sách học phần', { passMark: scheme.passMark }, ['modules']);
  const rows = modules.map((m) => {
    const raw = grades[m.code];
    if (raw === null || raw === undefined)
      return { code: m.code, name: m.name, periods: m.periods, grade: null, passed: null as boolean | null, error: null as string | null };
    const v = validateGrade(scheme, raw);
    if (!v.ok) return { code: m.code, name: m.name, periods: m.periods, grade: raw, passed: null, error: v.error };
    return { code: m.code, name: m.name, periods: m.periods, grade: v.value, passed: isPassingGrade(scheme, v.value), error: null };
  });
  const failed = rows.filter((r) => r.passed === false);
  const unknown = rows.filter((r) => r.passed === null);
  const facts = { passMark: scheme.passMark, modules: rows, failed: failed.map((r) => r.code), missing: unknown.map((r) => r.code) };
  const missing = unknown.map((r) => `grades.${r.code}`);
  const missingText =
    unknown.length > 0
      ? `; chưa có điểm hợp lệ: ${unknown.map((r) => (r.error ? `${r.code} (điểm ${String(r.grade).replace('.', ',')} không hợp lệ)` : r.code)).join(', ')}`
      : '';
  if (failed.length > 0) {
    const list = failed.map((r) => `${r.code} ${r.name} (${formatGrade(r.grade as number)})`).join(', ');
    return check(
      'modules_passed',
      false,
      `Học phần dưới ${pass} điểm: ${list}${missingText}; yêu cầu mọi học phần đạt từ ${pass} điểm`,
      facts,
      missing,
    );
  }
  if (unknown.length > 0) {
    return check(
      'modules_passed',
      null,
      `Đã có điểm ${rows.length - unknown.length}/${rows.length} học phần, đều đạt từ ${pass} điểm${missingText}`,
      facts,
      missing,
    );
  }
  return check('modules_passed', true, `Đủ điểm ${rows.length}/${rows.length} học phần, đều đạt từ ${pass} điểm trở lên`, facts);
}

function attendanceCheck(summary: AttendanceSummary, minRate: number): GraduationCheck {
  const required = formatViPercent(minRate);
  const facts = {
    held: summary.held,
    attended: summary.attended,
    present: summary.present,
    recalled: summary.recalled,
    absentExcused: summary.absentExcused,
    absentUnexcused: summary.absentUnexcused,
    unmarked: summary.unmarked,
    rate: summary.rate,
    minRate,
    asOf: summary.asOf,
  };
  if (summary.held === 0)
    return check('attendance', null, `Chưa có buổi học nào diễn ra đến ngày ${formatViDate(summary.asOf)}`, facts, ['attendance.sessions']);
  let passed = meetsAttendance(summary, minRate);
  const missing: string[] = [];
  if (passed === null) missing.push('attendance.unmarked');
  if (passed === false && summary.invalidRecalls.length > 0) {
    // a recall with wrong dates may cover some of the absences: fix it before concluding
    passed = null;
    missing.push('recalls.dates');
  }
  const recalled = summary.recalled > 0 ? `, trong đó ${summary.recalled} buổi được cơ quan triệu tập về` : '';
  const unmarked = summary.unmarked > 0 ? `; ${summary.unmarked} buổi chưa điểm danh` : '';
  const text = `Dự ${summary.attended}/${summary.held} buổi (${formatViPercent(summary.rate ?? 0)}${recalled})${unmarked}; yêu cầu tối thiểu ${required}`;
  return check('attendance', passed, text, facts, missing);
}

function makeUpCheck(summary: MakeUpSummary): GraduationCheck {
  const facts = {
    required: summary.required.length,
    outstanding: summary.outstanding.map((i) => ({ sessionId: i.sessionId, moduleCode: i.moduleCode, date: i.date })),
    invalidRecalls: summary.invalidRecalls.map((r) => ({ id: r.recall.id, error: r.error })),
    recalledWithoutRecord: summary.recalledWithoutRecord,
  };
  if (summary.invalidRecalls.length > 0) {
    const ids = summary.invalidRecalls.map((r) => `${r.recall.id} (${r.message})`).join('; ');
    return check('make_up', null, `Đợt triệu tập chưa đủ thông tin: ${ids}`, facts, ['recalls.dates']);
  }
  if (summary.required.length === 0) return check('make_up', true, 'Không có buổi nào phải học bổ sung', facts);
  if (summary.outstanding.length > 0) {
    const byModule = summary.byModule
      .filter((m) => m.outstanding.length > 0)
      .map((m) => {
        const dates = summary.outstanding.filter((i) => i.moduleCode === m.moduleCode).map((i) => formatViDate(i.date));
        return `${m.moduleCode} (${dates.join(', ')})`;
      })
      .join('; ');
    return check(
      'make_up',
      false,
      `Còn ${summary.outstanding.length}/${summary.required.length} buổi phải học bổ sung: ${byModule}`,
      facts,
    );
  }
  return check('make_up', true, `Đã học bổ sung đủ ${summary.required.length}/${summary.required.length} buổi`, facts);
}

function conductCheck(report: ConductReport | null): GraduationCheck {
  const facts = { received: report?.received ?? false, satisfactory: report?.satisfactory ?? null };
  if (!report || !report.received)
    return check(
      'conduct_report',
      null,
      'Chưa nhận được nhận xét của cơ quan về quá trình chấp hành ý thức, tổ chức kỷ luật của học viên',
      facts,
      ['conductReport'],
    );
  if (report.satisfactory === null)
    return check('conduct_report', null, 'Đã nhận nhận xét của cơ quan nhưng chưa ghi kết luận', facts, ['conductReport.satisfactory']);
  if (!report.satisfactory)
    return check(
      'conduct_report',
      false,
      'Cơ quan nhận xét học viên không chấp hành tốt ý thức, tổ chức kỷ luật trong thời gian học',
      facts,
    );
  return check('conduct_report', true, 'Cơ quan nhận xét học viên chấp hành tốt ý thức, tổ chức kỷ luật trong thời gian học', facts);
}

const FINAL_KIND_LABELS = { exam: 'thi tốt nghiệp', thesis: 'khóa luận (tiểu luận, bài thu hoạch)' } as const;

function finalExamCheck(conditions: GraduationConditions, scheme: GradingScheme, result: FinalExamResult | null): GraduationCheck {
  const required = conditions.finalExam as 'exam' | 'thesis';
  const accepted: Array<'exam' | 'thesis'> = required === 'exam' && conditions.thesisAllowedInsteadOfExam ? ['exam', 'thesis'] : [required];
  const want = accepted.map((k) => FINAL_KIND_LABELS[k]).join(' hoặc ');
  const pass = formatGrade(scheme.passMark);
  const facts = { required, accepted, kind: result?.kind ?? null, grade: result?.grade ?? null, passMark: scheme.passMark };
  if (!result || result.grade === null) return check('final_exam', null, `Chưa có kết quả ${want}`, facts, ['finalExam']);
  if (!accepted.includes(result.kind))
    return check('final_exam', false, `Có kết quả ${FINAL_KIND_LABELS[result.kind]}, nhưng chương trình yêu cầu ${want}`, facts);
  const v = validateGrade(scheme, result.grade);
  if (!v.ok)
    return check(
      'final_exam',
      null,
      `Điểm ${FINAL_KIND_LABELS[result.kind]} ${String(result.grade).replace('.', ',')} không hợp lệ (${v.message})`,
      facts,
      ['finalExam.grade'],
    );
  const passed = isPassingGrade(scheme, v.value);
  return check('final_exam', passed, `Điểm ${FINAL_KIND_LABELS[result.kind]}: ${formatGrade(v.value)}; yêu cầu từ ${pass} điểm`, facts);
}

// ---------- the answers ----------

function outcomeOf(checks: readonly GraduationCheck[]): 'yes' | 'no' | 'pending' {
  if (checks.some((c) => c.passed === false)) return 'no';
  if (checks.some((c) => c.passed === null)) return 'pending';
  return 'yes';
}

function missingOf(checks: readonly GraduationCheck[]): string[] {
  return [...new Set(checks.flatMap((c) => c.missing ?? []))];
}

function failedLabels(checks: readonly GraduationCheck[]): string {
  return checks
    .filter((c) => c.passed === false)
    .map((c) => c.label.toLowerCase())
    .join(', ');
}

/** What exam eligibility is eligibility for, in Vietnamese. */
function finalAssessmentText(conditions: GraduationConditions): string {
  if (conditions.finalExam === 'exam')
    return conditions.thesisAllowedInsteadOfExam ? 'dự thi tốt nghiệp hoặc làm khóa luận' : 'dự thi tốt nghiệp';
  if (conditions.finalExam === 'thesis') return 'làm khóa luận, tiểu luận cuối khóa';
  return 'xét tốt nghiệp';
}

/**
 * May the learner sit the final exam (or submit the thesis)? Every module passed, attendance at the
 * threshold, make-ups done, and the conduct report received and satisfactory — each as the
 * conditions require.
 */
export function examEligibility(input: ExamEligibilityInput): ExamEligibility {
  const { conditions } = input;
  const checks: GraduationCheck[] = [];
  if (conditions.allModulesPassed) checks.push(modulesCheck(input));
  if (conditions.minAttendanceRate !== null) checks.push(attendanceCheck(input.attendance, conditions.minAttendanceRate));
  checks.push(makeUpCheck(input.makeUps));
  if (conditions.conductReportRequired) checks.push(conductCheck(input.conductReport));
  const missing = missingOf(checks);
  const o = outcomeOf(checks);
  const outcome = o === 'yes' ? 'eligible' : o === 'no' ? 'not_eligible' : 'pending';
  const missingText = missing.map((k) => missingLabel(k, input.modules)).join(', ');
  const what = finalAssessmentText(conditions);
  const summary =
    outcome === 'eligible'
      ? `Đủ điều kiện ${what}.`
      : outcome === 'pending'
        ? `Chưa thể xét điều kiện ${what}: còn thiếu ${missingText}.`
        : `Không đủ điều kiện ${what}: ${failedLabels(checks)} không đạt${missing.length > 0 ? `; còn thiếu ${missingText}` : ''}.`;
  return { outcome, checks, missing, summary };
}

/**
 * The graduation decision: the exam-eligibility checks plus the final exam (or thesis), and the
 * classification of the periods-weighted module average when the learner graduates.
 */
export function graduationDecision(input: GraduationInput): GraduationDecision {
  const eligibility = examEligibility(input);
  const checks = [...eligibility.checks];
  if (input.conditions.finalExam !== 'none') checks.push(finalExamCheck(input.conditions, input.scheme, input.finalExam));
  const missing = missingOf(checks);
  const o = outcomeOf(checks);
  const outcome = o === 'yes' ? 'graduated' : o === 'no' ? 'not_graduated' : 'pending';

  const validGrades: Record<string, number> = {};
  for (const m of input.modules) {
    const v = validateGrade(input.scheme, input.grades[m.code]);
    if (v.ok) validGrades[m.code] = v.value;
  }
  const average = input.modules.length > 0 ? moduleAverage(input.modules, validGrades).average : null;
  const band = outcome === 'graduated' && average !== null ? classify(input.scheme, average) : 'fail';
  const classification = band === 'fail' ? null : band;

  const missingText = missing.map((k) => missingLabel(k, input.modules)).join(', ');
  const summary =
    outcome === 'graduated'
      ? classification
        ? `Đủ điều kiện tốt nghiệp, xếp loại ${classification.label} (điểm trung bình các học phần ${formatGrade(average as number)}).`
        : 'Đủ điều kiện tốt nghiệp.'
      : outcome === 'pending'
        ? `Chưa thể xét tốt nghiệp: còn thiếu ${missingText}.`
        : `Không đủ điều kiện tốt nghiệp: ${failedLabels(checks)} không đạt${missing.length > 0 ? `; còn thiếu ${missingText}` : ''}.`;
  return { outcome, checks, classification, average, missing, summary };
}
