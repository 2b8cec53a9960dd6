import type { StagedPerson } from '../../packages/db/src/repositories/people-import.repository.js';

/**
 * A checked row of an import as it is staged (decision 0018), for the tests of the staging and the
 * publish: a person of `unitId` born 1985-06-01, male, Kinh, civil servant, with nothing optional
 * filled; `person` overrides any of it. The person's highest levels follow from `qualifications`,
 * as the import derives them (one of each kind at most).
 */
export function stagedPerson(p: {
  row: number;
  citizenId: string;
  fullName: string;
  unitId: number;
  qualifications: StagedPerson['qualifications'];
  person?: Partial<StagedPerson['person']>;
}): StagedPerson {
  const level = (kind: string) => p.qualifications.find((q) => q.kind === kind)?.level ?? null;
  return {
    row: p.row,
    person: {
      citizenId: p.citizenId,
      fullName: p.fullName,
      birthDate: '1985-06-01',
      gender: 'male',
      ethnicityCode: '01',
      category: 'cong_chuc',
      partyMembership: null,
      partyJoinedOn: null,
      partyOfficialOn: null,
      unitId: p.unitId,
      titleId: null,
      jobPositionId: null,
      rankId: null,
      managementScopeId: null,
      phone: null,
      email: null,
      educationLevel: level('education'),
      politicalTheoryLevel: level('political_theory'),
      stateManagementLevel: level('state_management'),
      ...p.person,
    },
    qualifications: p.qualifications,
  };
}
