/**
 * The demo accounts: one per role, all with the same password. The README and the tests list them
 * from here.
 */
import type { Role } from '@nang-tam/domain';

export const DEMO_PASSWORD = 'NangTam@2025';

/** Where an account sits: the whole province, the political school, a commune or a department. */
export type DemoUnit = 'province' | 'school' | 'first_commune' | 'health_department';
/** Whom a personal account belongs to. */
export type DemoPerson = 'school_lecturer' | 'commune_staff';

export interface DemoAccount {
  username: string;
  role: Role;
  unit: DemoUnit;
  /** Linked person record (lecturer, learner); their name becomes the display name. */
  person?: DemoPerson;
  /** Display name of an account not linked to a person; "{unit}" is replaced by the unit's name. */
  displayName?: string;
  description: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    role: 'province_board',
    unit: 'province',
    displayName: 'Ban Tổ chức Tỉnh ủy',
    description: 'Ban Tổ chức Tỉnh ủy: the whole province',
  },
  {
    username: 'sysadmin',
    role: 'system_admin',
    unit: 'province',
    displayName: 'Quản trị hệ thống',
    description: 'System administrator: the whole province',
  },
  {
    username: 'noivu',
    role: 'home_affairs',
    unit: 'province',
    displayName: 'Sở Nội vụ',
    description: "Sở Nội vụ: the whole province's civil servants and public employees",
  },
  {
    username: 'truong',
    role: 'school_registrar',
    unit: 'school',
    displayName: 'Phòng Quản lý đào tạo, {unit}',
    description: 'Registrar of the provincial political school',
  },
  {
    username: 'unit',
    role: 'unit_officer',
    unit: 'first_commune',
    displayName: 'Cán bộ tổ chức {unit}',
    description: 'Officer of the first commune/ward by official code (Phường Hà Giang 2 in province 08)',
  },
  {
    username: 'unit2',
    role: 'unit_officer',
    unit: 'health_department',
    displayName: 'Cán bộ tổ chức {unit}',
    description: 'Officer of Sở Y tế',
  },
  { username: 'giangvien', role: 'lecturer', unit: 'school', person: 'school_lecturer', description: 'A lecturer of the political school' },
  {
    username: 'hocvien',
    role: 'learner',
    unit: 'first_commune',
    person: 'commune_staff',
    description: "A civil servant of the 'unit' account's commune",
  },
];
