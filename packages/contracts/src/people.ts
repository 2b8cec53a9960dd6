import { z } from 'zod';
import { ZPeopleListActions, ZPersonActions } from './actions.js';
import {
  AGE_BANDS,
  APPRAISAL_CLASSIFICATIONS,
  ASSIGNMENT_REASONS,
  GENDERS,
  PARTY_MEMBERSHIPS,
  PERSON_CATEGORIES,
  QUALIFICATION_KINDS,
  QUALIFICATION_SOURCES,
  codesOf,
} from '@nang-tam/domain';
import { ZCitizenId, ZIsoDate, ZPage, zRequiredText, zText, ZId, ZIdNumber } from './common.js';

export const ZCategory = z.enum(codesOf(PERSON_CATEGORIES));
export const ZGender = z.enum(codesOf(GENDERS));
/** Recorded party membership; null in a record means "not known" (decision 0031). */
export const ZPartyMembership = z.enum(codesOf(PARTY_MEMBERSHIPS));
export type PartyMembershipCode = z.infer<typeof ZPartyMembership>;
export const ZQualificationKind = z.enum(codesOf(QUALIFICATION_KINDS));
export const ZQualificationSource = z.enum(codesOf(QUALIFICATION_SOURCES));
export const ZAssignmentReason = z.enum(codesOf(ASSIGNMENT_REASONS));
export const ZAppraisalClassification = z.enum(codesOf(APPRAISAL_CLASSIFICATIONS));
export const ZTerm = z.string().regex(/^\d{4}-\d{4}$/, { message: 'INVALID_VALUE' }).meta({ example: '2025-2030' });

/** A level filter: a level code of the kind, or "none" for people holding no level of it. */
const ZLevelFilter = z.string().min(1).max(40);

export const PEOPLE_SORTS = ['name', '-name', 'birthDate', '-birthDate', 'updatedAt', '-updatedAt', 'unit'] as const;

export const ZPeopleQuery = z.strictObject({
  q: z.string().max(100).optional(),
  unitId: ZId.optional(),
  /** With unitId: include the unit's whole subtree (default) or only the unit itself. */
  subtree: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  category: ZCategory.optional(),
  titleId: ZId.optional(),
  managementScopeId: ZId.optional(),
  gender: ZGender.optional(),
  /** An ethnicity code, or "minority" for every ethnic minority. */
  ethnicity: z.string().max(20).optional(),
  ageBand: z.enum(codesOf(AGE_BANDS)).optional(),
  educationLevel: ZLevelFilter.optional(),
  politicalTheoryLevel: ZLevelFilter.optional(),
  stateManagementLevel: ZLevelFilter.optional(),
  plannedTitleId: ZId.optional(),
  planningTerm: ZTerm.optional(),
  /** true: a member (official or probationary); false: recorded as not a member. */
  partyMember: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** One recorded status, or "unknown" for records that do not say. */
  partyMembership: z.enum([...codesOf(PARTY_MEMBERSHIPS), 'unknown']).optional(),
  sort: z.enum(PEOPLE_SORTS).default('name'),
  ...ZPage,
});
export type PeopleQuery = z.infer<typeof ZPeopleQuery>;
/** The filters alone (what an export takes). */
export const ZPeopleFilter = ZPeopleQuery.omit({ limit: true, offset: true });
export type PeopleFilter = z.infer<typeof ZPeopleFilter>;

const ZNamed = z.object({ id: z.number(), name: z.string() });

export const ZPersonListItem = z.object({
  id: z.number(),
  fullName: z.string(),
  birthDate: ZIsoDate,
  gender: ZGender,
  ethnicity: z.object({ code: z.string(), name: z.string() }),
  category: ZCategory,
  unit: ZNamed,
  title: ZNamed.nullable(),
  managementScope: ZNamed.nullable(),
  /** null: the registry does not know. */
  partyMembership: ZPartyMembership.nullable(),
  educationLevel: z.string().nullable(),
  politicalTheoryLevel: z.string().nullable(),
  stateManagementLevel: z.string().nullable(),
});
export type PersonListItem = z.infer<typeof ZPersonListItem>;

export const ZPeoplePage = z.object({
  items: z.array(ZPersonListItem),
  /**
   * How many people match. Counted exactly up to 1,000; above that `total` is 1,000 and
   * `totalExact` is false ("more than 1,000"): GET /api/v1/people/count gives the exact figure.
   */
  total: z.number(),
  totalExact: z.boolean(),
  /** What the signed-in user may do with the registry as a whole: add, import, export. */
  actions: ZPeopleListActions,
});
export type PeoplePage = z.infer<typeof ZPeoplePage>;
/** The exact number of people matching the filters (GET /api/v1/people/count). */
export const ZPeopleCount = z.object({ total: z.number() });
export type PeopleCount = z.infer<typeof ZPeopleCount>;

export const ZQualification = z.object({
  id: z.number(),
  kind: ZQualificationKind,
  level: z.string().nullable(),
  levelName: z.string().nullable(),
  field: z.string().nullable(),
  awardedOn: ZIsoDate.nullable(),
  institution: z.string().nullable(),
  source: ZQualificationSource,
});
export type Qualification = z.infer<typeof ZQualification>;

export const ZAssignment = z.object({
  id: z.number(),
  unit: ZNamed,
  title: ZNamed.nullable(),
  startedOn: ZIsoDate,
  endedOn: ZIsoDate.nullable(),
  reason: ZAssignmentReason,
  decisionNo: z.string().nullable(),
});
export type Assignment = z.infer<typeof ZAssignment>;

export const ZPlanningEntry = z.object({
  id: z.number(),
  title: ZNamed,
  term: z.string(),
  approvedOn: ZIsoDate.nullable(),
});
export type PlanningEntry = z.infer<typeof ZPlanningEntry>;

export const ZAppraisal = z.object({ id: z.number(), year: z.number(), classification: ZAppraisalClassification });
export type Appraisal = z.infer<typeof ZAppraisal>;

export const ZPersonDetail = ZPersonListItem.extend({
  citizenId: z.string(),
  partyJoinedOn: ZIsoDate.nullable(),
  partyOfficialOn: ZIsoDate.nullable(),
  jobPosition: ZNamed.nullable(),
  rank: ZNamed.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  qualifications: z.array(ZQualification),
  assignments: z.array(ZAssignment),
  planningEntries: z.array(ZPlanningEntry),
  appraisals: z.array(ZAppraisal),
  /** What the signed-in user may do with this record (policies/person.ts). */
  actions: ZPersonActions,
});
export type PersonDetail = z.infer<typeof ZPersonDetail>;

const personFields = {
  fullName: zRequiredText(120),
  citizenId: ZCitizenId,
  birthDate: ZIsoDate,
  gender: ZGender,
  ethnicityCode: z.string().min(1).max(10),
  category: ZCategory,
  /**
   * Recorded membership; null = not known. Left out by clients written before it existed: then the
   * dates decide (an admission date makes a member, or a probationary member within its first 12
   * months; no date, unknown).
   */
  partyMembership: ZPartyMembership.nullable().optional(),
  partyJoinedOn: ZIsoDate.nullable().default(null),
  partyOfficialOn: ZIsoDate.nullable().default(null),
  unitId: ZIdNumber,
  titleId: ZIdNumber.nullable().default(null),
  jobPositionId: ZIdNumber.nullable().default(null),
  rankId: ZIdNumber.nullable().default(null),
  managementScopeId: ZIdNumber.nullable().default(null),
  phone: z.string().regex(/^[0-9+ .()-]{6,20}$/, { message: 'INVALID_VALUE' }).nullable().default(null),
  email: z.email({ message: 'INVALID_VALUE' }).max(120).nullable().default(null),
};

export const ZPersonCreate = z.strictObject(personFields);
export type PersonCreate = z.infer<typeof ZPersonCreate>;

/** An update sends the whole editable record and the version it was read at. */
export const ZPersonUpdate = z.strictObject({ ...personFields, version: ZIdNumber });
export type PersonUpdate = z.infer<typeof ZPersonUpdate>;

export const ZQualificationInput = z.strictObject({
  kind: ZQualificationKind,
  level: z.string().min(1).max(40).nullable().default(null),
  field: zText(200).nullable().default(null),
  awardedOn: ZIsoDate.nullable().default(null),
  institution: zText(200).nullable().default(null),
});
export type QualificationInput = z.infer<typeof ZQualificationInput>;

export const ZAssignmentInput = z.strictObject({
  unitId: ZIdNumber,
  titleId: ZIdNumber.nullable().default(null),
  startedOn: ZIsoDate,
  endedOn: ZIsoDate.nullable().default(null),
  reason: ZAssignmentReason,
  decisionNo: zText(60).nullable().default(null),
});
export type AssignmentInput = z.infer<typeof ZAssignmentInput>;

export const ZPlanningInput = z.strictObject({
  titleId: ZIdNumber,
  term: ZTerm,
  approvedOn: ZIsoDate.nullable().default(null),
});
export type PlanningInput = z.infer<typeof ZPlanningInput>;

export const ZAppraisalInput = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  classification: ZAppraisalClassification,
});
export type AppraisalInput = z.infer<typeof ZAppraisalInput>;

export const ZSubRecordParams = z.strictObject({ id: ZId, itemId: ZId });

export const ZAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), total: z.number() });
