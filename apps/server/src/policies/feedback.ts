/**
 * Evaluation after training (issue 11 point 4; docs/decisions/0051).
 * - A class's reaction survey: the school (evaluation.manage) over classes organised in its subtree
 *   opens it and changes its dates; out of reach answers 404.
 * - The survey's answer: only a learner of the class (anyone else: 404), once (SURVEY_ANSWERED), while
 *   open (SURVEY_NOT_OPEN, SURVEY_CLOSED), as reaction.decideAnswer says.
 * - The agency's feedback on a graduate: conduct.write over the person's unit (out of reach: 404),
 *   from its due date (FEEDBACK_NOT_DUE), once per milestone (FEEDBACK_SUBMITTED).
 */
import { FEEDBACK_ACTIONS, SURVEY_ACTIONS } from '@nang-tam/contracts';
import { agencyFeedback, hasPermission, reaction, unitInScope, type IsoDate } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, hidden, refuse, type Verdict } from './policy.js';

export interface SurveyFacts {
  organiserPath: string;
  hasSurvey: boolean;
}

const managesSurvey = (user: AuthUser, f: SurveyFacts): Verdict => {
  if (!unitInScope(user.scope, f.organiserPath)) return hidden;
  return hasPermission(user.role, 'evaluation.manage') ? allowed : forbidden('Phiếu khảo sát do Trường (đơn vị tổ chức lớp) hoặc Ban Tổ chức Tỉnh ủy mở.');
};

export const surveyPolicy = definePolicy<SurveyFacts, (typeof SURVEY_ACTIONS)[number]>('survey', SURVEY_ACTIONS, {
  open: (user, f) => {
    const v = managesSurvey(user, f);
    return v !== true ? v : f.hasSurvey ? refuse('DUPLICATE', 'Lớp đã có phiếu khảo sát; hãy đổi ngày mở, đóng phiếu.') : allowed;
  },
  changeDates: (user, f) => {
    const v = managesSurvey(user, f);
    return v !== true ? v : f.hasSurvey ? allowed : hidden;
  },
});

/** The learner's answer, as the domain decides it (the facts are the caller's own). */
export function answerVerdict(user: AuthUser, f: reaction.AnswerFacts): Verdict {
  if (user.role !== 'learner' || !hasPermission(user.role, 'reaction.answer')) return hidden;
  const v = reaction.decideAnswer(f);
  if (v.ok) return allowed;
  return v.code === 'NOT_FOUND' ? hidden : refuse(v.code, v.message);
}

export interface FeedbackFacts {
  personUnitPath: string;
  dueOn: IsoDate;
  submitted: boolean;
  today: IsoDate;
}

export const agencyFeedbackPolicy = definePolicy<FeedbackFacts, (typeof FEEDBACK_ACTIONS)[number]>('agencyFeedback', FEEDBACK_ACTIONS, {
  submit: (user, f) => {
    if (user.scope.kind !== 'subtree' || !unitInScope(user.scope, f.personUnitPath)) return hidden;
    if (!hasPermission(user.role, 'conduct.write')) return forbidden('Nhận xét sau đào tạo do cơ quan quản lý người học gửi.');
    const v = agencyFeedback.decideSubmit(f, f.today);
    return v.ok ? allowed : refuse(v.code, v.message);
  },
});
