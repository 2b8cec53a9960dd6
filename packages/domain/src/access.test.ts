import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, hasPermission, scopeFor, unitInScope, type Permission, type Role } from './access.js';

describe('role permissions', () => {
  const registry: Permission[] = ['units.read', 'people.read', 'people.write', 'people.import', 'people.export', 'audit.read', 'jobs.read', 'rules.read'];
  const agency: Permission[] = ['classes.read', 'nominations.write', 'conduct.write', 'needs.read', 'needs.write'];
  const needsBoard: Permission[] = ['needs.manage', 'needs.aggregate'];
  const school: Permission[] = ['classes.read', 'classes.manage', 'attendance.write', 'grades.write', 'certificates.manage'];
  const plans: Permission[] = ['plans.read', 'plans.write', 'plans.manage'];
  const evaluation: Permission[] = ['evaluation.read', 'evaluation.manage'];
  const expected: Record<Role, Permission[]> = {
    system_admin: [...registry, ...agency, ...school, 'users.manage', 'rules.write', 'nominations.approve', 'nominations.override', 'catalogue.write', ...needsBoard, ...plans, 'plans.approve', ...evaluation],
    province_board: [...registry, ...agency, 'rules.write', 'nominations.approve', 'nominations.override', 'catalogue.write', ...needsBoard, ...plans, 'plans.approve', ...evaluation],
    home_affairs: [...registry, ...agency, 'nominations.approve', 'catalogue.write', ...needsBoard, ...plans, 'evaluation.read'],
    unit_officer: [...registry, ...agency],
    school_registrar: ['units.read', 'people.read', 'people.export', 'jobs.read', 'rules.read', ...school, 'needs.read', 'needs.aggregate', 'plans.read', 'plans.write', 'calendar.read', ...evaluation],
    lecturer: ['units.read', 'classes.read', 'attendance.write', 'grades.write', 'calendar.read'],
    learner: ['people.read', 'calendar.read', 'reaction.answer'],
  };
  // support for learners (issue 11 point 1): the board, home affairs and the administrator manage; agencies and the school read
  for (const r of ['system_admin', 'province_board', 'home_affairs'] as const) expected[r].push('support.read', 'support.manage');
  for (const r of ['unit_officer', 'school_registrar'] as const) expected[r].push('support.read');
  // training statistics and dashboards (issue 10, decision 0047): every staff role but the lecturer
  for (const r of ['system_admin', 'province_board', 'home_affairs', 'unit_officer', 'school_registrar'] as const) expected[r].push('statistics.read');
  // indicators (issue 10 point 1): every registry officer reads them over their subtree; the board, home affairs and the administrator define them
  for (const r of ['system_admin', 'province_board', 'home_affairs'] as const) expected[r].push('indicators.read', 'indicators.manage');
  expected.unit_officer.push('indicators.read');
  // branch lecturer-views (decision 0066): the lecturer reads the learners' answers about themselves
  expected.lecturer.push('reaction.ownResults');
  it.each(ROLES.flatMap((role) => PERMISSIONS.map((perm) => [role, perm] as const)))('%s / %s', (role, perm) => {
    expect(hasPermission(role, perm)).toBe(expected[role].includes(perm));
  });
  it('lists every role', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });
});

describe('scope', () => {
  it('gives a learner only themself and others their unit subtree', () => {
    expect(scopeFor('learner', '/1/5/', 42)).toEqual({ kind: 'self', personId: 42 });
    expect(scopeFor('unit_officer', '/1/5/', null)).toEqual({ kind: 'subtree', unitPath: '/1/5/' });
  });
  it.each([
    ['/1/5/', '/1/5/', true],
    ['/1/5/', '/1/5/9/', true],
    ['/1/5/', '/1/50/', false],
    ['/1/5/', '/1/', false],
  ])('subtree %s contains %s: %s', (scopePath, unitPath, inside) => {
    expect(unitInScope({ kind: 'subtree', unitPath: scopePath }, unitPath)).toBe(inside);
  });
});
