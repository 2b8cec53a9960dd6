/**
 * Roles, their permissions and their scope. Access control is one mechanism: a role grants
 * permissions, and the user's unit subtree (or, for a learner, the user's own record) bounds
 * every record they can see or change.
 */
export const ROLES = [
  'system_admin',
  'province_board',
  'home_affairs',
  'school_registrar',
  'unit_officer',
  'lecturer',
  'learner',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  province_board: { vi: 'Ban Tổ chức Tỉnh ủy', en: 'Provincial organisation board' },
  home_affairs: { vi: 'Sở Nội vụ', en: 'Department of home affairs' },
  school_registrar: { vi: 'Phòng Đào tạo Trường Chính trị', en: 'Political school registrar' },
  unit_officer: { vi: 'Cán bộ tổ chức cơ quan, đơn vị', en: 'Agency / commune officer' },
  lecturer: { vi: 'Giảng viên', en: 'Lecturer' },
  learner: { vi: 'Học viên', en: 'Learner' },
};

export const PERMISSIONS = [
  'units.read',
  'people.read',
  'people.write',
  'people.import',
  'people.export',
  'audit.read',
  'users.manage',
  'jobs.read',
  'rules.read',
  'rules.write',
  // classes and learners (issue 4)
  'classes.read',
  'classes.manage',
  'nominations.write',
  'nominations.approve',
  'nominations.override',
  'attendance.write',
  'grades.write',
  'conduct.write',
  'certificates.manage',
  // training needs (issue 9): see campaigns and one's units' answers; answer; run campaigns; see the aggregation
  'needs.read',
  'needs.write',
  'needs.manage',
  'needs.aggregate',
  // annual and five-year plans (issue 9): read; write lines organised in one's subtree; manage the plan
  // (open it, submit, adjust, five-year targets); approve (the board / standing committee)
  'plans.read',
  'plans.write',
  'plans.manage',
  'plans.approve',
  // one's own calendar of sessions and its .ics feed (issue 14): learner, lecturer, school registrar
  'calendar.read',
  // the programme catalogue (issue 9): the board and home affairs add programmes and versions
  'catalogue.write',
  // support for learners and its payment lists (issue 11 point 1): read the lists, manage policies and payments
  'support.read',
  'support.manage',
  // evaluation after training (issue 11 point 4; decision 0051): answer the reaction questionnaire
  // (a learner); read the results; edit questionnaires, open surveys and set the anonymity threshold
  'reaction.answer',
  'evaluation.read',
  'evaluation.manage',
  // training statistics and dashboards (issue 10, decision 0047): every staff role but the lecturer
  'statistics.read',
  // indicators (issue 10 point 1, decision 0046): read them over one's subtree; define them and mark CCHC posts
  'indicators.read',
  'indicators.manage',
  // branch lecturer-views (decision 0066): a lecturer reads the learners' anonymous answers about themselves
  'reaction.ownResults',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const REGISTRY_OFFICER: Permission[] = [
  'units.read',
  'people.read',
  'people.write',
  'people.import',
  'people.export',
  'audit.read',
  'jobs.read',
  'rules.read',
  'classes.read',
  'nominations.write',
  'conduct.write',
  'needs.read',
  'needs.write',
  'indicators.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: [
    ...REGISTRY_OFFICER,
    'users.manage',
    'rules.write',
    'classes.manage',
    'nominations.approve',
    'nominations.override',
    'attendance.write',
    'grades.write',
    'certificates.manage',
    'catalogue.write',
    'needs.manage',
    'needs.aggregate',
    'plans.read',
    'plans.write',
    'plans.manage',
    'plans.approve',
    'evaluation.read',
    'evaluation.manage',
  ],
  // the board approves nominations of the programmes it owns and alone may override an ineligible one
  province_board: [...REGISTRY_OFFICER, 'rules.write', 'nominations.approve', 'nominations.override', 'catalogue.write', 'needs.manage', 'needs.aggregate', 'plans.read', 'plans.write', 'plans.manage', 'plans.approve', 'evaluation.read', 'evaluation.manage'],
  home_affairs: [...REGISTRY_OFFICER, 'nominations.approve', 'catalogue.write', 'needs.manage', 'needs.aggregate', 'plans.read', 'plans.write', 'plans.manage', 'evaluation.read'],
  unit_officer: [...REGISTRY_OFFICER],
  // the school: opens classes, accepts nominations (the last approval step), follows learners, graduates them
  school_registrar: [
    'units.read',
    'people.read',
    'people.export',
    'jobs.read',
    'rules.read',
    'classes.read',
    'classes.manage',
    'attendance.write',
    'grades.write',
    'certificates.manage',
    // the school sees the campaigns and the province's aggregated needs (counts, no names)
    'needs.read',
    'needs.aggregate',
    // the school drafts its own part of the annual plan
    'plans.read',
    'plans.write',
    'calendar.read',
    // the school runs the learners' reaction surveys and reads the agencies' feedback on its graduates
    'evaluation.read',
    'evaluation.manage',
  ],
  lecturer: ['units.read', 'classes.read', 'attendance.write', 'grades.write', 'calendar.read'],
  learner: ['people.read', 'calendar.read', 'reaction.answer'],
};

// support for learners (issue 11 point 1, decision 0049), kept in one block for the merge: the board,
// home affairs and the administrator record policies and payments; agencies and the school read the lists.
for (const [role, extra] of [
  ['system_admin', ['support.read', 'support.manage']],
  ['province_board', ['support.read', 'support.manage']],
  ['home_affairs', ['support.read', 'support.manage']],
  ['unit_officer', ['support.read']],
  ['school_registrar', ['support.read']],
] as const) {
  const list = ROLE_PERMISSIONS[role] as Permission[];
  for (const p of extra) if (!list.includes(p)) list.push(p);
}
// training statistics and dashboards (issue 10, decision 0047): every staff role but the lecturer
for (const role of ['system_admin', 'province_board', 'home_affairs', 'unit_officer', 'school_registrar'] as const) {
  (ROLE_PERMISSIONS[role] as Permission[]).push('statistics.read');
}
// indicators (issue 10 point 1, decision 0046): every registry officer reads them (REGISTRY_OFFICER); these define them
for (const role of ['system_admin', 'province_board', 'home_affairs'] as const) {
  (ROLE_PERMISSIONS[role] as Permission[]).push('indicators.manage');
}

// branch lecturer-views (decision 0066): the lecturer reads what learners said about them (their own results only)
(ROLE_PERMISSIONS.lecturer as Permission[]).push('reaction.ownResults');

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * What a user may see: a unit subtree (by materialised path, e.g. "/1/7/"), or only their own
 * person record. Every repository query that reads scoped records takes one of these.
 */
export type Scope = { kind: 'subtree'; unitPath: string } | { kind: 'self'; personId: number | null };

export function scopeFor(role: Role, unitPath: string, personId: number | null): Scope {
  return role === 'learner' ? { kind: 'self', personId } : { kind: 'subtree', unitPath };
}

/** True when a unit (by its path) lies in the scope's subtree. */
export function unitInScope(scope: Scope, unitPath: string): boolean {
  return scope.kind === 'subtree' && unitPath.startsWith(scope.unitPath);
}
