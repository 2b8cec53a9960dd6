/**
 * Each role's first screen: its daily work, not the registry for everyone (issue 14). The server
 * decides it and sends it as `home` in the session (/auth/me, login); the web app goes there after
 * signing in and from "/", and decides nothing by role itself.
 */
import type { Permission, Role } from '@nang-tam/domain';

interface Home {
  path: string;
  /** The permission the page needs; null when every signed-in user may open it. */
  needs: Permission | null;
}

export const HOME_BY_ROLE: Readonly<Record<Role, Home>> = {
  // the province: the registry is where its work starts (no overview page exists yet)
  province_board: { path: '/people', needs: 'people.read' },
  home_affairs: { path: '/people', needs: 'people.read' },
  system_admin: { path: '/people', needs: 'people.read' },
  // the school: the class board
  school_registrar: { path: '/classes', needs: 'classes.read' },
  // an agency or commune: its learners and what it owes them ("Học viên của đơn vị")
  unit_officer: { path: '/my-learners', needs: 'nominations.write' },
  // a lecturer: the teaching schedule
  lecturer: { path: '/teaching', needs: 'classes.read' },
  // a learner: "Học tập của tôi"
  learner: { path: '/learning', needs: null },
};

/** The path of the user's first screen; a page their permissions allow, whatever the role table says. */
export function homePathOf(u: { role: Role; permissions: readonly Permission[] }): string {
  const home = HOME_BY_ROLE[u.role];
  if (home && (home.needs === null || u.permissions.includes(home.needs))) return home.path;
  if (u.permissions.includes('people.read')) return '/people';
  if (u.permissions.includes('classes.read')) return '/classes';
  return '/learning';
}
