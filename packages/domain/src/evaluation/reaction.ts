/**
 * Learners' reaction (Kirkpatrick level 1; issue 11 point 4, docs/decisions/0051): a short
 * questionnaire answered once per learner at the end of a class, anonymous in its results.
 * Pure: the service loads the questionnaire, the survey window, the class's lecturers and the
 * anonymous responses, and these functions validate, decide and aggregate.
 *
 * Counting (stated once, used everywhere):
 * - A Likert answer is an integer 1 (rất không hài lòng) … 5 (rất hài lòng).
 * - An average is the mean of the answers, rounded half up to 2 decimals (not money).
 * - The response rate is responses ÷ learners of the class, in percent rounded half up to 1 decimal.
 * - Results with fewer responses than the threshold (`minResponses`, a setting) are suppressed: no
 *   average, no distribution, only the counts. A lecturer's results follow the same threshold on the
 *   responses that rated that lecturer.
 */
import type { IsoDate } from '../dates.js';

export const REACTION_SECTIONS = ['content', 'lecturers', 'organisation', 'usefulness'] as const;
export type ReactionSection = (typeof REACTION_SECTIONS)[number];

export const SECTION_LABELS: Record<ReactionSection, { vi: string; en: string }> = {
  content: { vi: 'Nội dung chương trình', en: 'Content' },
  lecturers: { vi: 'Giảng viên, báo cáo viên', en: 'Lecturers' },
  organisation: { vi: 'Công tác tổ chức lớp học', en: 'Organisation' },
  usefulness: { vi: 'Tính hữu ích cho công việc', en: 'Usefulness' },
};

/** The Likert scale's words, 1 … 5. */
export const LIKERT_LABELS = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'] as const;

export interface ReactionQuestion {
  /** Stable within a version ("content_1"): answers are keyed by it. */
  code: string;
  section: ReactionSection;
  text: string;
}

export interface QuestionnaireDefinition {
  questions: ReactionQuestion[];
  /** The optional free comment's prompt (always optional to answer). */
  commentPrompt: string;
}

/**
 * The questionnaire shipped with the product, used for every programme that has none of its own.
 * Wording follows the usual "phiếu khảo sát ý kiến học viên" of provincial political schools; no
 * legal text prescribes the questions, so the school or the board edits them (a new version).
 */
export const DEFAULT_QUESTIONNAIRE: QuestionnaireDefinition = {
  questions: [
    { code: 'content_1', section: 'content', text: 'Nội dung chương trình phù hợp với mục tiêu khóa học' },
    { code: 'content_2', section: 'content', text: 'Tài liệu học tập đầy đủ, cập nhật' },
    { code: 'lecturer_1', section: 'lecturers', text: 'Giảng viên truyền đạt rõ ràng, dễ hiểu' },
    { code: 'lecturer_2', section: 'lecturers', text: 'Giảng viên liên hệ thực tiễn, gợi mở trao đổi' },
    { code: 'organisation_1', section: 'organisation', text: 'Lịch học, thông tin lớp được thông báo đầy đủ, kịp thời' },
    { code: 'organisation_2', section: 'organisation', text: 'Phòng học, trang thiết bị, nơi ăn nghỉ đáp ứng yêu cầu' },
    { code: 'usefulness_1', section: 'usefulness', text: 'Kiến thức, kỹ năng học được áp dụng được vào công việc' },
  ],
  commentPrompt: 'Ý kiến khác, đề xuất để lớp học sau tốt hơn (không bắt buộc)',
};

export const MAX_QUESTIONS = 30;
export const MAX_COMMENT = 1000;
/** The threshold shipped: results of fewer than 5 responses are not shown (a setting). */
export const DEFAULT_MIN_RESPONSES = 5;

export interface FieldProblem {
  path: string;
  message: string;
}

/** A definition the school or board saves: problems, none when valid. */
export function validateQuestionnaire(q: QuestionnaireDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (q.questions.length === 0) problems.push({ path: 'questions', message: 'Phiếu phải có ít nhất một câu hỏi.' });
  if (q.questions.length > MAX_QUESTIONS) problems.push({ path: 'questions', message: `Phiếu có nhiều nhất ${MAX_QUESTIONS} câu hỏi.` });
  const seen = new Set<string>();
  q.questions.forEach((x, i) => {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(x.code))
      problems.push({ path: `questions.${i}.code`, message: 'Mã câu hỏi gồm chữ thường không dấu, số và dấu gạch dưới.' });
    if (seen.has(x.code)) problems.push({ path: `questions.${i}.code`, message: `Mã câu hỏi "${x.code}" bị trùng.` });
    seen.add(x.code);
    if (x.text.trim().length === 0) problems.push({ path: `questions.${i}.text`, message: 'Câu hỏi không được để trống.' });
  });
  for (const s of REACTION_SECTIONS)
    if (!q.questions.some((x) => x.section === s))
      problems.push({ path: 'questions', message: `Phiếu cần ít nhất một câu hỏi về "${SECTION_LABELS[s].vi}".` });
  return problems;
}

// ---------- answering ----------

export interface ReactionAnswer {
  /** Questions of every section but "lecturers": code → 1..5. */
  items: Record<string, number>;
  /** The "lecturers" questions, per lecturer of the class: lecturer id → code → 1..5. */
  lecturers: Record<string, Record<string, number>>;
  comment?: string | null;
}

const likert = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;

/** Every question answered 1..5 (the lecturer questions once per lecturer of the class), nothing else. */
export function validateAnswer(q: QuestionnaireDefinition, lecturerIds: readonly number[], a: ReactionAnswer): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const general = q.questions.filter((x) => x.section !== 'lecturers');
  const perLecturer = q.questions.filter((x) => x.section === 'lecturers');
  for (const x of general)
    if (!likert(a.items[x.code])) problems.push({ path: `items.${x.code}`, message: `Chưa chọn mức đánh giá cho câu "${x.text}".` });
  for (const code of Object.keys(a.items))
    if (!general.some((x) => x.code === code)) problems.push({ path: `items.${code}`, message: 'Câu hỏi không có trong phiếu.' });
  for (const id of lecturerIds)
    for (const x of perLecturer)
      if (!likert(a.lecturers[String(id)]?.[x.code]))
        problems.push({ path: `lecturers.${id}.${x.code}`, message: `Chưa chọn mức đánh giá cho câu "${x.text}" về một giảng viên.` });
  for (const [id, codes] of Object.entries(a.lecturers)) {
    if (!lecturerIds.includes(Number(id))) problems.push({ path: `lecturers.${id}`, message: 'Giảng viên không dạy lớp này.' });
    else for (const code of Object.keys(codes)) if (!perLecturer.some((x) => x.code === code)) problems.push({ path: `lecturers.${id}.${code}`, message: 'Câu hỏi không có trong phiếu.' });
  }
  if (a.comment && a.comment.length > MAX_COMMENT) problems.push({ path: 'comment', message: `Ý kiến dài tối đa ${MAX_COMMENT} ký tự.` });
  return problems;
}

/**
 * A survey is opened "at the end of the class": its first day is at most this many days before the
 * class's last day (the last weeks of a course, when most modules are taught). A product setting:
 * no legal text fixes it.
 */
export const SURVEY_OPENS_BEFORE_END_DAYS = 21;

/** The earliest first day of a class's survey. */
export function earliestOpening(classEnd: IsoDate): IsoDate {
  const t = new Date(`${classEnd}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - SURVEY_OPENS_BEFORE_END_DAYS);
  return t.toISOString().slice(0, 10);
}

export type SurveyState = 'not_open' | 'open' | 'closed';

/** A survey is open from its first day to its last day, both included. */
export function surveyState(w: { opensOn: IsoDate; closesOn: IsoDate; closedEarly?: boolean }, today: IsoDate): SurveyState {
  if (w.closedEarly) return 'closed';
  if (today < w.opensOn) return 'not_open';
  return today > w.closesOn ? 'closed' : 'open';
}

export type AnswerRefusalCode = 'NOT_FOUND' | 'SURVEY_NOT_OPEN' | 'SURVEY_CLOSED' | 'SURVEY_ANSWERED';

export interface AnswerFacts {
  /** The caller is a learner of the class (enrolled or completed, not withdrawn). */
  learnerOfClass: boolean;
  alreadyAnswered: boolean;
  state: SurveyState;
}

/** May this learner answer now? The first refusal, in the order: not theirs, answered, not open, closed. */
export function decideAnswer(f: AnswerFacts): { ok: true } | { ok: false; code: AnswerRefusalCode; message: string } {
  if (!f.learnerOfClass) return { ok: false, code: 'NOT_FOUND', message: 'Không tìm thấy phiếu khảo sát.' };
  if (f.alreadyAnswered) return { ok: false, code: 'SURVEY_ANSWERED', message: 'Anh/chị đã gửi phiếu khảo sát của lớp này; mỗi học viên chỉ trả lời một lần.' };
  if (f.state === 'not_open') return { ok: false, code: 'SURVEY_NOT_OPEN', message: 'Phiếu khảo sát chưa mở.' };
  if (f.state === 'closed') return { ok: false, code: 'SURVEY_CLOSED', message: 'Phiếu khảo sát đã đóng, không nhận thêm ý kiến.' };
  return { ok: true };
}

// ---------- results ----------

/** Mean rounded half up to 2 decimals (null for no values). */
export function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((s, v) => s + v, 0);
  // an integer sum over a count: a true .5 quotient is exact in floating point, so Math.round rounds it up
  return Math.round((sum * 100) / values.length) / 100;
}

/** Counts of 1..5 (index 0 is "1"). */
export function distribution(values: readonly number[]): [number, number, number, number, number] {
  const d: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const v of values) if (likert(v)) d[v - 1] = (d[v - 1] ?? 0) + 1;
  return d;
}

/** Percent rounded half up to 1 decimal; null when there is nobody to count. */
export function ratePercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

export interface Stat {
  average: number | null;
  distribution: [number, number, number, number, number] | null;
}

export interface QuestionResult extends Stat {
  code: string;
  section: ReactionSection;
  text: string;
}

export interface LecturerResult extends Stat {
  lecturerId: number;
  responses: number;
  suppressed: boolean;
}

export interface ReactionResults {
  responses: number;
  learners: number;
  responseRate: number | null;
  minResponses: number;
  /** Fewer responses than the threshold: no averages nor distributions, no comments. */
  suppressed: boolean;
  overall: Stat;
  sections: { section: ReactionSection; average: number | null }[];
  questions: QuestionResult[];
  lecturers: LecturerResult[];
  comments: string[];
}

const stat = (values: number[], hide: boolean): Stat => (hide ? { average: null, distribution: null } : { average: average(values), distribution: distribution(values) });

/**
 * The results of one class's survey (or of several, merged): per question, per section, overall
 * and per lecturer, with the response rate. Comments are listed (sorted, so their order says
 * nothing of who wrote them) only when the results are shown.
 */
export function aggregateReaction(
  q: QuestionnaireDefinition,
  responses: readonly ReactionAnswer[],
  learners: number,
  minResponses: number,
): ReactionResults {
  const suppressed = responses.length < minResponses;
  const valuesOf = (x: ReactionQuestion): number[] =>
    x.section === 'lecturers'
      ? responses.flatMap((r) => Object.values(r.lecturers).map((l) => l[x.code]).filter((v): v is number => likert(v)))
      : responses.map((r) => r.items[x.code]).filter((v): v is number => likert(v));
  const questions = q.questions.map((x) => ({ code: x.code, section: x.section, text: x.text, ...stat(valuesOf(x), suppressed) }));
  const all = q.questions.flatMap(valuesOf);
  const sections = REACTION_SECTIONS.map((s) => ({ section: s, average: suppressed ? null : average(q.questions.filter((x) => x.section === s).flatMap(valuesOf)) }));
  const lecturerIds = [...new Set(responses.flatMap((r) => Object.keys(r.lecturers).map(Number)))].sort((a, b) => a - b);
  const lecturers = lecturerIds.map((id) => {
    const rated = responses.filter((r) => r.lecturers[String(id)] !== undefined);
    const values = rated.flatMap((r) => Object.values(r.lecturers[String(id)]!).filter((v) => likert(v)));
    const hide = rated.length < minResponses;
    return { lecturerId: id, responses: rated.length, suppressed: hide, ...stat(values, hide) };
  });
  const comments = suppressed
    ? []
    : responses
        .map((r) => (r.comment ?? '').trim())
        .filter((c) => c.length > 0)
        .sort((a, b) => a.localeCompare(b, 'vi'));
  return {
    responses: responses.length,
    learners,
    responseRate: ratePercent(responses.length, learners),
    minResponses,
    suppressed,
    overall: stat(all, suppressed),
    sections,
    questions,
    lecturers,
    comments,
  };
}

// ---------- one lecturer's own results (lecturer-views, decision 0066) ----------

/** One class's survey as seen by one lecturer: its lecturer questions and its anonymous answers. */
export interface LecturerSurveyInput {
  classId: number;
  /** The questions of the section "lecturers" of the questionnaire version the survey was opened with. */
  questions: readonly ReactionQuestion[];
  responses: readonly Pick<ReactionAnswer, 'lecturers'>[];
}

export interface OwnQuestionResult extends Stat {
  code: string;
  text: string;
  /** Ratings given to this question about the lecturer (one per response that rated them). */
  ratings: number;
}

export interface OwnClassResult extends Stat {
  classId: number;
  /** Responses that rated this lecturer. */
  responses: number;
  suppressed: boolean;
  questions: OwnQuestionResult[];
}

export interface OwnResults {
  minResponses: number;
  classes: OwnClassResult[];
  /** Pooled over the classes shown only: a class under the threshold adds nothing. */
  overall: Stat & { responses: number; suppressed: boolean; classesShown: number; questions: OwnQuestionResult[] };
}

/**
 * What a lecturer sees about themselves: for each class, the answers to the lecturer questions
 * given about them (never about a colleague, never the general questions or the comments, which may
 * name others), under the same anonymity threshold as the school's view (decision 0051): a class
 * whose responses rating the lecturer are fewer than `minResponses` shows its count only, and adds
 * nothing to the pooled figures. Questions are pooled across classes by their code (the text of the
 * most recent class that asked it is kept).
 */
export function lecturerOwnResults(lecturerId: number, surveys: readonly LecturerSurveyInput[], minResponses: number): OwnResults {
  const key = String(lecturerId);
  const pooled = new Map<string, { text: string; values: number[] }>();
  const pooledAll: number[] = [];
  let pooledResponses = 0;
  let shown = 0;
  const classes = surveys.map((s) => {
    const rated = s.responses.map((r) => r.lecturers[key]).filter((l): l is Record<string, number> => l !== undefined);
    const suppressed = rated.length < minResponses;
    const questions = s.questions.map((q) => {
      const values = rated.map((l) => l[q.code]).filter((v): v is number => likert(v));
      return { code: q.code, text: q.text, ratings: values.length, ...stat(values, suppressed) };
    });
    const all = s.questions.flatMap((q) => rated.map((l) => l[q.code]).filter((v): v is number => likert(v)));
    if (!suppressed) {
      shown += 1;
      pooledResponses += rated.length;
      pooledAll.push(...all);
      for (const q of s.questions) {
        const p = pooled.get(q.code) ?? { text: q.text, values: [] };
        p.values.push(...rated.map((l) => l[q.code]).filter((v): v is number => likert(v)));
        pooled.set(q.code, p);
      }
    }
    return { classId: s.classId, responses: rated.length, suppressed, questions, ...stat(all, suppressed) };
  });
  const hide = pooledResponses < minResponses;
  return {
    minResponses,
    classes,
    overall: {
      responses: pooledResponses,
      suppressed: hide,
      classesShown: shown,
      ...stat(pooledAll, hide),
      questions: [...pooled].map(([code, p]) => ({ code, text: p.text, ratings: p.values.length, ...stat(p.values, hide) })),
    },
  };
}
