/**
 * Evaluation after training, levels 1 and 3 (issue 11 point 4; docs/decisions/0051): the learners'
 * reaction questionnaire (anonymous results per class and per lecturer) and the home agency's
 * feedback on its graduates at 6 and 12 months.
 */
import { z } from 'zod';
import { agencyFeedback, reaction } from '@nang-tam/domain';
import { ZIsoDate, ZIdNumber, ZPage, zText } from './common.js';

export const REACTION_SECTIONS = reaction.REACTION_SECTIONS;
export const REACTION_SECTION_LABELS = reaction.SECTION_LABELS;
export const LIKERT_LABELS = reaction.LIKERT_LABELS;
export const FEEDBACK_APPLIES = agencyFeedback.APPLIES;
export const FEEDBACK_APPLIES_LABELS = agencyFeedback.APPLIES_LABELS;
export const FEEDBACK_RATING_LABELS = agencyFeedback.RATING_LABELS;
export const FEEDBACK_MILESTONES = agencyFeedback.MILESTONES;

const ZLikert = z.number().int().min(1).max(5);
const ZCode = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

// ---------- questionnaires ----------

export const ZReactionQuestion = z.strictObject({
  code: ZCode,
  section: z.enum(REACTION_SECTIONS),
  text: zText(300),
});

export const ZQuestionnaireDefinition = z.strictObject({
  questions: z.array(ZReactionQuestion).min(1).max(reaction.MAX_QUESTIONS),
  commentPrompt: zText(300),
});

/** The definition as answered (no input transforms in a response schema). */
export const ZQuestionnaireDefinitionOut = z.object({
  questions: z.array(z.object({ code: z.string(), section: z.enum(REACTION_SECTIONS), text: z.string() })),
  commentPrompt: z.string(),
});

export const ZQuestionnaire = z.object({
  id: z.number(),
  programme: z.object({ code: z.string(), name: z.string() }).nullable(),
  version: z.number(),
  definition: ZQuestionnaireDefinitionOut,
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Questionnaire = z.infer<typeof ZQuestionnaire>;

export const ZQuestionnaireList = z.object({
  items: z.array(ZQuestionnaire),
  minResponses: z.number(),
  canManage: z.boolean(),
});
export type QuestionnaireList = z.infer<typeof ZQuestionnaireList>;

export const ZQuestionnaireInput = z.strictObject({
  /** null: the province's default questionnaire. */
  programmeCode: z.string().max(40).nullable(),
  definition: ZQuestionnaireDefinition,
  note: zText(500).optional(),
});
export type QuestionnaireInput = z.infer<typeof ZQuestionnaireInput>;

export const ZEvaluationSettingsInput = z.strictObject({ minResponses: z.number().int().min(1).max(100) });
export type EvaluationSettingsInput = z.infer<typeof ZEvaluationSettingsInput>;
export const ZEvaluationSettings = z.object({ minResponses: z.number() });

// ---------- surveys ----------

export const ZSurveyOpenInput = z.strictObject({ opensOn: ZIsoDate, closesOn: ZIsoDate });
export type SurveyOpenInput = z.infer<typeof ZSurveyOpenInput>;

const ZStat = z.object({
  average: z.number().nullable(),
  distribution: z.array(z.number()).nullable(),
});

export const ZReactionResults = z.object({
  responses: z.number(),
  learners: z.number(),
  responseRate: z.number().nullable(),
  minResponses: z.number(),
  suppressed: z.boolean(),
  overall: ZStat,
  sections: z.array(z.object({ section: z.enum(REACTION_SECTIONS), average: z.number().nullable() })),
  questions: z.array(ZStat.extend({ code: z.string(), section: z.enum(REACTION_SECTIONS), text: z.string() })),
  lecturers: z.array(ZStat.extend({ lecturerId: z.number(), name: z.string(), responses: z.number(), suppressed: z.boolean() })),
  comments: z.array(z.string()),
});
export type ReactionResults = z.infer<typeof ZReactionResults>;

export const SURVEY_STATES = ['not_open', 'open', 'closed'] as const;

export const ZSurveySummary = z.object({
  id: z.number(),
  classId: z.number(),
  className: z.string(),
  cohortCode: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  classEnd: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  state: z.enum(SURVEY_STATES),
  responses: z.number(),
  learners: z.number(),
  responseRate: z.number().nullable(),
});
export type SurveySummary = z.infer<typeof ZSurveySummary>;

export const SURVEY_ACTIONS = ['open', 'changeDates'] as const;

/** A class's survey as the school sees it: status, window, results (suppressed below the threshold). */
export const ZClassSurvey = z.object({
  classId: z.number(),
  className: z.string(),
  programme: z.object({ code: z.string(), name: z.string() }),
  classStart: z.string(),
  classEnd: z.string(),
  learners: z.number(),
  survey: ZSurveySummary.extend({ questionnaireVersion: z.number(), questionnaireOfProgramme: z.boolean() }).nullable(),
  results: ZReactionResults.nullable(),
  actions: z.array(z.enum(SURVEY_ACTIONS)),
});
export type ClassSurvey = z.infer<typeof ZClassSurvey>;

export const ZSurveyListQuery = z.strictObject({
  programmeCode: z.string().max(40).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...ZPage,
});
export type SurveyListQuery = z.infer<typeof ZSurveyListQuery>;
export const ZSurveyPage = z.object({ total: z.number(), items: z.array(ZSurveySummary) });
export type SurveyPage = z.infer<typeof ZSurveyPage>;

export const ZLecturerResults = z.object({
  lecturer: z.object({ id: z.number(), name: z.string() }),
  minResponses: z.number(),
  classes: z.array(z.object({ classId: z.number(), className: z.string(), classEnd: z.string(), responses: z.number(), suppressed: z.boolean(), average: z.number().nullable() })),
  overall: ZStat.extend({ responses: z.number(), suppressed: z.boolean() }),
});
export type LecturerResults = z.infer<typeof ZLecturerResults>;

// ---------- the learner's side ----------

export const ZMySurvey = z.object({
  id: z.number(),
  className: z.string(),
  programmeName: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  state: z.enum(SURVEY_STATES),
  answered: z.boolean(),
});
export type MySurvey = z.infer<typeof ZMySurvey>;
export const ZMySurveys = z.object({ items: z.array(ZMySurvey) });
export type MySurveys = z.infer<typeof ZMySurveys>;

export const ZSurveyForm = ZMySurvey.extend({
  definition: ZQuestionnaireDefinitionOut,
  lecturers: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type SurveyForm = z.infer<typeof ZSurveyForm>;

export const ZSurveyAnswerInput = z.strictObject({
  items: z.record(ZCode, ZLikert),
  lecturers: z.record(z.string().regex(/^[1-9][0-9]{0,9}$/), z.record(ZCode, ZLikert)),
  comment: zText(reaction.MAX_COMMENT).optional(),
});
export type SurveyAnswerInput = z.infer<typeof ZSurveyAnswerInput>;

// ---------- agency feedback ----------

export const FEEDBACK_STATUSES = ['upcoming', 'due', 'overdue', 'submitted'] as const;
export const FEEDBACK_STATUS_LABELS: Record<(typeof FEEDBACK_STATUSES)[number], { vi: string; en: string }> = {
  upcoming: { vi: 'Chưa đến hạn', en: 'Not yet due' },
  due: { vi: 'Đến hạn', en: 'Due' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
};
export const FEEDBACK_ACTIONS = ['submit'] as const;

export const ZFeedbackItem = z.object({
  enrolmentId: z.number(),
  milestone: z.number(),
  dueOn: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  person: z.object({ id: z.number(), fullName: z.string(), unit: z.object({ id: z.number(), name: z.string() }) }),
  class: z.object({ id: z.number(), name: z.string(), programmeCode: z.string(), programmeName: z.string() }),
  graduatedOn: z.string(),
  form: z
    .object({ applies: z.enum(FEEDBACK_APPLIES), rating: z.number(), comment: z.string().nullable(), submittedAt: z.string(), submittedBy: z.string().nullable() })
    .nullable(),
  actions: z.array(z.enum(FEEDBACK_ACTIONS)),
});
export type FeedbackItem = z.infer<typeof ZFeedbackItem>;

export const ZFeedbackListQuery = z.strictObject({
  status: z.enum(['upcoming', 'due', 'overdue', 'submitted', 'owed']).optional(),
  classId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  programmeCode: z.string().max(40).optional(),
  milestone: z.coerce.number().int().pipe(z.union([z.literal(6), z.literal(12)])).optional(),
  ...ZPage,
});
export type FeedbackListQuery = z.infer<typeof ZFeedbackListQuery>;
export const ZFeedbackPage = z.object({ total: z.number(), items: z.array(ZFeedbackItem), overdueAfterDays: z.number() });
export type FeedbackPage = z.infer<typeof ZFeedbackPage>;

export const ZFeedbackInput = z.strictObject({
  enrolmentId: ZIdNumber,
  milestone: z.union([z.literal(6), z.literal(12)]),
  applies: z.enum(FEEDBACK_APPLIES),
  rating: ZLikert,
  comment: zText(agencyFeedback.MAX_FEEDBACK_COMMENT).optional(),
});
export type FeedbackInput = z.infer<typeof ZFeedbackInput>;

export const ZFeedbackResultsQuery = z.strictObject({
  groupBy: z.enum(['class', 'programme']).default('class'),
  programmeCode: z.string().max(40).optional(),
});
export type FeedbackResultsQuery = z.infer<typeof ZFeedbackResultsQuery>;

const ZMilestoneSummary = z.object({
  milestone: z.number(),
  owed: z.number(),
  submitted: z.number(),
  overdue: z.number(),
  upcoming: z.number(),
  averageRating: z.number().nullable(),
  applies: z.object({ fully: z.number(), partly: z.number(), not_yet: z.number() }),
});
export const ZFeedbackResults = z.object({
  groupBy: z.enum(['class', 'programme']),
  asOf: z.string(),
  rows: z.array(z.object({ key: z.string(), label: z.string(), graduates: z.number(), milestones: z.array(ZMilestoneSummary) })),
});
export type FeedbackResults = z.infer<typeof ZFeedbackResults>;

// ---------- exports ----------

export const ZEvaluationExportRequest = z.strictObject({ format: z.enum(['xlsx', 'pdf']) });
export const ZFeedbackExportRequest = z.strictObject({ format: z.enum(['xlsx', 'pdf']), groupBy: z.enum(['class', 'programme']).default('class') });

// ---------- a lecturer's own results (lecturer-views, decision 0066) ----------

export const TEACHING_RESULTS_ACTIONS = ['read', 'export'] as const;
export const ZTeachingResultsExport = z.strictObject({ format: z.enum(['xlsx', 'pdf']) });

const ZOwnQuestion = ZStat.extend({ code: z.string(), text: z.string(), ratings: z.number() });

/** GET /me/teaching-results: what learners said about the lecturer themselves, anonymous, class by class. */
export const ZTeachingResults = z.object({
  lecturer: z.object({ id: z.number(), name: z.string() }).nullable(),
  minResponses: z.number(),
  classes: z.array(
    ZStat.extend({
      classId: z.number(),
      className: z.string(),
      programmeName: z.string(),
      classStart: z.string(),
      classEnd: z.string(),
      learners: z.number(),
      responses: z.number(),
      suppressed: z.boolean(),
      questions: z.array(ZOwnQuestion),
    }),
  ),
  overall: ZStat.extend({ responses: z.number(), suppressed: z.boolean(), classesShown: z.number(), questions: z.array(ZOwnQuestion) }),
  actions: z.array(z.enum(TEACHING_RESULTS_ACTIONS)),
});
export type TeachingResults = z.infer<typeof ZTeachingResults>;
