/**
 * The indicator policies (issue 10 point 1, docs/decisions/0046). Indicators are the province's
 * definitions: whoever has indicators.read sees every indicator, computed over their own subtree
 * (the repository intersects the population with the scope; a unit asked outside it answers 404 in
 * the service). Defining, changing and marking administrative-reform posts need indicators.manage
 * (the provincial board, home affairs, the administrator); exporting the drill-down needs
 * people.export as well, since it lists people.
 */
import { INDICATOR_ACTIONS, INDICATOR_LIST_ACTIONS } from '@nang-tam/contracts';
import { hasPermission, type Permission } from '@nang-tam/domain';
import type { AuthUser } from '../auth/auth-user.js';
import { allowed, definePolicy, forbidden, type Verdict } from './policy.js';

const may = (user: AuthUser, p: Permission, message?: string): Verdict => (hasPermission(user.role, p) ? allowed : forbidden(message));
const MANAGE = 'Chỉ tiêu do Ban Tổ chức Tỉnh ủy hoặc Sở Nội vụ xác định.';

export const indicatorPolicy = definePolicy<null, (typeof INDICATOR_ACTIONS)[number]>('indicator', INDICATOR_ACTIONS, {
  update: (user) => may(user, 'indicators.manage', MANAGE),
  exportPeople: (user) => (hasPermission(user.role, 'indicators.read') ? may(user, 'people.export') : forbidden()),
});

export const indicatorListPolicy = definePolicy<null, (typeof INDICATOR_LIST_ACTIONS)[number]>('indicators', INDICATOR_LIST_ACTIONS, {
  create: (user) => may(user, 'indicators.manage', MANAGE),
  markPosts: (user) => may(user, 'indicators.manage', 'Việc đánh dấu vị trí làm công tác cải cách hành chính do Ban Tổ chức Tỉnh ủy hoặc Sở Nội vụ thực hiện.'),
});
