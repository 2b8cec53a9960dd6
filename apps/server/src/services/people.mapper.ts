import type { peopleRepo } from '@nang-tam/db';
import type { PersonDetail, PersonListItem } from '@nang-tam/contracts';

const named = (id: number | null, name: string | null) => (id === null || name === null ? null : { id, name });

export function toPersonListItem(r: peopleRepo.PersonListRow): PersonListItem {
  return {
    id: r.id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    gender: r.gender as PersonListItem['gender'],
    ethnicity: { code: r.ethnicity_code, name: r.ethnicity_name },
    category: r.category as PersonListItem['category'],
    unit: { id: r.unit_id, name: r.unit_name },
    title: named(r.title_id, r.title_name),
    managementScope: named(r.management_scope_id, r.management_scope_name),
    partyMembership: r.party_membership,
    educationLevel: r.education_level,
    politicalTheoryLevel: r.political_theory_level,
    stateManagementLevel: r.state_management_level,
  };
}

export function toPersonDetail(
  r: peopleRepo.PersonRow,
  h: Awaited<ReturnType<typeof peopleRepo.findPersonHistory>>,
  actions: PersonDetail['actions'],
): PersonDetail {
  return {
    ...toPersonListItem(r),
    actions,
    citizenId: r.citizen_id,
    partyJoinedOn: r.party_joined_on,
    partyOfficialOn: r.party_official_on,
    jobPosition: named(r.job_position_id, r.job_position_name),
    rank: named(r.rank_id, r.rank_name),
    phone: r.phone,
    email: r.email,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    qualifications: h.qualifications.map((q) => ({
      id: q.id,
      kind: q.kind as PersonDetail['qualifications'][number]['kind'],
      level: q.level,
      levelName: q.level_name,
      field: q.field,
      awardedOn: q.awarded_on,
      institution: q.institution,
      source: q.source as PersonDetail['qualifications'][number]['source'],
    })),
    assignments: h.assignments.map((a) => ({
      id: a.id,
      unit: { id: a.unit_id, name: a.unit_name },
      title: named(a.title_id, a.title_name),
      startedOn: a.started_on,
      endedOn: a.ended_on,
      reason: a.reason as PersonDetail['assignments'][number]['reason'],
      decisionNo: a.decision_no,
    })),
    planningEntries: h.planning.map((e) => ({
      id: e.id,
      title: { id: e.title_id, name: e.title_name },
      term: e.term,
      approvedOn: e.approved_on,
    })),
    appraisals: h.appraisals.map((a) => ({
      id: a.id,
      year: a.year,
      classification: a.classification as PersonDetail['appraisals'][number]['classification'],
    })),
  };
}

/** The person's own fields as recorded in the audit log (no history lists). */
export function auditSnapshot(d: PersonDetail): Record<string, unknown> {
  return {
    fullName: d.fullName,
    citizenId: d.citizenId,
    birthDate: d.birthDate,
    gender: d.gender,
    ethnicity: d.ethnicity.name,
    category: d.category,
    partyMembership: d.partyMembership,
    partyJoinedOn: d.partyJoinedOn,
    partyOfficialOn: d.partyOfficialOn,
    unit: d.unit.name,
    title: d.title?.name ?? null,
    jobPosition: d.jobPosition?.name ?? null,
    rank: d.rank?.name ?? null,
    managementScope: d.managementScope?.name ?? null,
    phone: d.phone,
    email: d.email,
  };
}
