/**
 * Closed vocabularies of the registry. Labels are Vietnamese (the product's language) with English
 * beside them; the codes are what the database and the API carry.
 */
export interface Term<C extends string = string> {
  code: C;
  vi: string;
  en: string;
}

function terms<const T extends readonly Term[]>(list: T): T {
  return list;
}

export const PERSON_CATEGORIES = terms([
  { code: 'can_bo', vi: 'Cán bộ', en: 'Cadre' },
  { code: 'cong_chuc', vi: 'Công chức', en: 'Civil servant' },
  { code: 'vien_chuc', vi: 'Viên chức', en: 'Public employee' },
  { code: 'khong_chuyen_trach', vi: 'Người hoạt động không chuyên trách', en: 'Part-time commune staff' },
  { code: 'quan_chung', vi: 'Quần chúng ưu tú', en: 'Prospective party member' },
] as const);
export type PersonCategory = (typeof PERSON_CATEGORIES)[number]['code'];

/**
 * Party membership as the registry records it (decision 0031): an official member, a probationary
 * member (đảng viên dự bị, the 12 months after admission), not a member. Unknown is null, never one
 * of these.
 */
export const PARTY_MEMBERSHIPS = terms([
  { code: 'member', vi: 'Đảng viên chính thức', en: 'Full member' },
  { code: 'probationary', vi: 'Đảng viên dự bị', en: 'Probationary member' },
  { code: 'not_member', vi: 'Không phải đảng viên', en: 'Not a member' },
] as const);
export type PartyMembership = (typeof PARTY_MEMBERSHIPS)[number]['code'];

export const GENDERS = terms([
  { code: 'male', vi: 'Nam', en: 'Male' },
  { code: 'female', vi: 'Nữ', en: 'Female' },
] as const);
export type Gender = (typeof GENDERS)[number]['code'];

export const QUALIFICATION_KINDS = terms([
  { code: 'education', vi: 'Chuyên môn', en: 'Education' },
  { code: 'political_theory', vi: 'Lý luận chính trị', en: 'Political theory' },
  { code: 'state_management', vi: 'Quản lý nhà nước', en: 'State management' },
  { code: 'leadership', vi: 'Bồi dưỡng lãnh đạo, quản lý', en: 'Leadership programme' },
  { code: 'defence_security', vi: 'Quốc phòng, an ninh', en: 'Defence and security' },
  { code: 'it', vi: 'Tin học, chuyển đổi số', en: 'IT and digital' },
  { code: 'foreign_language', vi: 'Ngoại ngữ', en: 'Foreign language' },
  { code: 'other', vi: 'Khác', en: 'Other' },
] as const);
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number]['code'];

export const QUALIFICATION_SOURCES = terms([
  { code: 'imported', vi: 'Nhập từ tệp', en: 'Imported' },
  { code: 'entered', vi: 'Nhập tay', en: 'Entered' },
  { code: 'graduated', vi: 'Tốt nghiệp khóa học', en: 'Graduated' },
] as const);
export type QualificationSource = (typeof QUALIFICATION_SOURCES)[number]['code'];

export const ASSIGNMENT_REASONS = terms([
  { code: 'recruitment', vi: 'Tuyển dụng', en: 'Recruitment' },
  { code: 'appointment', vi: 'Bổ nhiệm', en: 'Appointment' },
  { code: 'election', vi: 'Bầu cử', en: 'Election' },
  { code: 'rotation', vi: 'Luân chuyển', en: 'Rotation' },
  { code: 'transfer', vi: 'Điều động', en: 'Transfer' },
  { code: 'reorganisation', vi: 'Sắp xếp tổ chức bộ máy', en: 'Reorganisation' },
] as const);
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number]['code'];

export const APPRAISAL_CLASSIFICATIONS = terms([
  { code: 'excellent', vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellent' },
  { code: 'good', vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good' },
  { code: 'completed', vi: 'Hoàn thành nhiệm vụ', en: 'Completed' },
  { code: 'not_completed', vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed' },
] as const);
export type AppraisalClassification = (typeof APPRAISAL_CLASSIFICATIONS)[number]['code'];

export const UNIT_KINDS = terms([
  { code: 'province', vi: 'Tỉnh', en: 'Province' },
  { code: 'party_committee', vi: 'Cấp ủy', en: 'Party committee' },
  { code: 'party_body', vi: 'Cơ quan Đảng', en: 'Party body' },
  { code: 'mass_organisation', vi: 'Mặt trận, đoàn thể', en: 'Front and mass organisation' },
  { code: 'people_committee', vi: 'Ủy ban nhân dân', en: "People's committee" },
  { code: 'department', vi: 'Sở, ban, ngành', en: 'Department' },
  { code: 'public_service', vi: 'Đơn vị sự nghiệp', en: 'Public service unit' },
  { code: 'school', vi: 'Cơ sở đào tạo', en: 'Training institution' },
  { code: 'commune', vi: 'Xã, phường', en: 'Commune or ward' },
  { code: 'division', vi: 'Phòng, ban', en: 'Division' },
  { code: 'group', vi: 'Khối', en: 'Group' },
] as const);
export type UnitKind = (typeof UNIT_KINDS)[number]['code'];

/** Age bands used by the registry filters and the reports (young cadre = under 35 in reports). */
export const AGE_BANDS = terms([
  { code: 'under_30', vi: 'Dưới 30', en: 'Under 30' },
  { code: '30_39', vi: '30–39', en: '30–39' },
  { code: '40_49', vi: '40–49', en: '40–49' },
  { code: '50_59', vi: '50–59', en: '50–59' },
  { code: '60_plus', vi: 'Từ 60', en: '60 and over' },
] as const);
export type AgeBand = (typeof AGE_BANDS)[number]['code'];

/** Inclusive [min, max] ages of a band. */
export const AGE_BAND_LIMITS: Record<AgeBand, [number, number]> = {
  under_30: [0, 29],
  '30_39': [30, 39],
  '40_49': [40, 49],
  '50_59': [50, 59],
  '60_plus': [60, 200],
};

export function codesOf<T extends readonly Term[]>(list: T): [T[number]['code'], ...T[number]['code'][]] {
  return list.map((t) => t.code) as [T[number]['code'], ...T[number]['code'][]];
}

export function labelOf(list: readonly Term[], code: string | null | undefined, locale: 'vi' | 'en' = 'vi'): string {
  if (!code) return '';
  return list.find((t) => t.code === code)?.[locale] ?? code;
}
