/**
 * The reimbursement-case policy (issue 11 point 3, docs/decisions/0045): the provincial board and
 * home affairs (nominations.approve: those who send people to long courses) manage the cases of
 * people in their subtree: agree the amount, record a payment, waive with a decision. Out of reach
 * answers 404; in reach without the permission 403; a step not due in the case's status
 * CASE_STEP_ORDER with the domain's message (training.applyCaseStep, the lifecycle's one home).
 */
import { CASE_ACTIONS, type CaseAction } from '@nang-tam/contracts';
import { hasPermission, training, unitInScope } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, hidden, refuse, type Verdict } from './policy.js';

export interface ReimbursementCaseFacts {
  status: training.CaseStatus;
  personUnitPath: string;
}

export const caseFactsOf = (r: { status: string; unit_path: string }): ReimbursementCaseFacts => ({
  status: r.status as training.CaseStatus,
  personUnitPath: r.unit_path,
});

/** Board or home affairs (or the administrator) over the person's unit. */
export function managesCases(user: AuthUser, personUnitPath: string): Verdict {
  if (user.scope.kind !== 'subtree' || !unitInScope(user.scope, personUnitPath)) return hidden;
  return hasPermission(user.role, 'nominations.approve') ? allowed : forbidden('Hồ sơ đền bù do Ban Tổ chức Tỉnh ủy hoặc Sở Nội vụ quản lý.');
}

const rule =
  (action: CaseAction) =>
  (user: AuthUser, f: ReimbursementCaseFacts): Verdict => {
    const reach = managesCases(user, f.personUnitPath);
    if (reach !== true) return reach;
    if (training.caseActions({ status: f.status, amount: 0n, paid: 0n }).includes(action)) return allowed;
    // the domain words the refusal (a probe step, whatever its body, gives the status's message)
    const probe: training.CaseStep =
      action === 'recordPayment' ? { action, amount: 1n } : action === 'waive' ? { action, ground: 'illness', decisionNumber: '-' } : { action };
    const v = training.applyCaseStep({ status: f.status, amount: 1n, paid: 0n }, probe);
    return v.ok ? allowed : refuse('CASE_STEP_ORDER', v.refusal.message);
  };

export const reimbursementCasePolicy = definePolicy<ReimbursementCaseFacts, CaseAction>('reimbursementCase', CASE_ACTIONS, {
  agree: rule('agree'),
  recordPayment: rule('recordPayment'),
  waive: rule('waive'),
});
