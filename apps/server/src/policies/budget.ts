/**
 * The budget policy (issue 11 point 2, docs/decisions/0050): who reads and changes the budget of a
 * class or a plan line. Reading: whoever reads plans or runs classes (the board, home affairs, the
 * school, the administrator), over the holder's organiser unit. A class's estimate and actual costs
 * are kept by the school running it (classes.manage over the organiser); a plan line's by plans.write
 * over the line's organiser (the board, home affairs, the school for its own lines). Out of reach
 * answers 404; in reach without the permission 403.
 */
import { BUDGET_ACTIONS } from '@nang-tam/contracts';
import { hasPermission, unitInScope } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, hidden, type Verdict } from './policy.js';

export interface BudgetFacts {
  kind: 'class' | 'line';
  organiserPath: string;
}

/** May read the budget (and so learn that it exists). */
export function readsBudget(user: AuthUser, f: BudgetFacts): Verdict {
  if (!hasPermission(user.role, 'plans.read') && !hasPermission(user.role, 'classes.manage')) return hidden;
  return unitInScope(user.scope, f.organiserPath) ? allowed : hidden;
}

function keeps(user: AuthUser, f: BudgetFacts): Verdict {
  const read = readsBudget(user, f);
  if (read !== true) return read;
  const permission = f.kind === 'class' ? 'classes.manage' : 'plans.write';
  return hasPermission(user.role, permission) ? allowed : forbidden(f.kind === 'class' ? 'Kinh phí của lớp do cơ sở đào tạo tổ chức lớp ghi nhận.' : 'Bạn không được lập kinh phí của dòng kế hoạch này.');
}

export const budgetPolicy = definePolicy<BudgetFacts, (typeof BUDGET_ACTIONS)[number]>('budget', BUDGET_ACTIONS, {
  editEstimate: keeps,
  recordCost: keeps,
});
