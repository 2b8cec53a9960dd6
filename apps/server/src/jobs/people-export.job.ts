import { GENDERS, PARTY_MEMBERSHIPS, PERSON_CATEGORIES, labelOf, todayInVietnam } from '@nang-tam/domain';
import type { PeopleFilter } from '@nang-tam/contracts';
import { peopleRepo, referenceRepo } from '@nang-tam/db';
import { resolvePeopleFilter } from '../services/people.service.js';
import type { JobContext, JobOutcome } from './context.js';
import { renderTable } from './xlsx/render.js';
import type { TableColumn } from './xlsx/table.js';
import { VI_DATE_FORMAT, excelDate } from './xlsx/write.js';

const COLUMNS: TableColumn[] = [
  { header: 'STT', key: 'no', width: 7 },
  { header: 'Họ và tên', key: 'fullName', width: 26 },
  { header: 'Ngày sinh', key: 'birthDate', width: 12, numFmt: VI_DATE_FORMAT },
  { header: 'Giới tính', key: 'gender', width: 9 },
  { header: 'Dân tộc', key: 'ethnicity', width: 12 },
  { header: 'Đối tượng', key: 'category', width: 20 },
  { header: 'Đơn vị', key: 'unit', width: 34 },
  { header: 'Chức danh', key: 'title', width: 30 },
  { header: 'Diện quản lý', key: 'managementScope', width: 30 },
  { header: 'Đảng viên', key: 'partyMembership', width: 20 },
  { header: 'Trình độ chuyên môn', key: 'education', width: 18 },
  { header: 'Lý luận chính trị', key: 'politicalTheory', width: 18 },
  { header: 'Quản lý nhà nước', key: 'stateManagement', width: 20 },
];

export function exportFileName(today = todayInVietnam()): string {
  return `danh-sach-can-bo-${today}.xlsx`;
}

/** Writes the filtered list, as the job's creator may see it, into an Excel file with Vietnamese labels. */
export async function runPeopleExport(ctx: JobContext): Promise<JobOutcome> {
  // a report: read where reports read (the replica when there is one)
  const { readDb: db, owner } = ctx;
  const filter = await resolvePeopleFilter(db, owner, ctx.job.params as PeopleFilter);
  const total = await peopleRepo.countPeople(db, owner.scope, filter);
  const levels = new Map((await referenceRepo.loadReference(db)).qualificationLevels.map((l) => [`${l.kind}:${l.code}`, l.name]));
  const level = (kind: string, code: string | null) => (code ? (levels.get(`${kind}:${code}`) ?? code) : null);
  let rows = 0;
  await ctx.progress.report('writing', 0, total);
  // the rows are read here and written into the workbook in a worker thread
  const file = await renderTable({ sheet: 'DanhSach', columns: COLUMNS }, ctx.signal, async (send) => {
    for await (const batch of peopleRepo.iteratePeople(db, owner.scope, filter)) {
      ctx.signal.throwIfAborted();
      await send(
        batch.map((p) => ({
          no: ++rows,
          fullName: p.full_name,
          birthDate: excelDate(p.birth_date),
          gender: labelOf(GENDERS, p.gender),
          ethnicity: p.ethnicity_name,
          category: labelOf(PERSON_CATEGORIES, p.category),
          unit: p.unit_name,
          title: p.title_name,
          managementScope: p.management_scope_name,
          // the import reads these words back (people-import/reference.ts)
          partyMembership: p.party_membership ? labelOf(PARTY_MEMBERSHIPS, p.party_membership) : 'Chưa rõ',
          education: level('education', p.education_level),
          politicalTheory: level('political_theory', p.political_theory_level),
          stateManagement: level('state_management', p.state_management_level),
        })),
      );
      await ctx.progress.report('writing', rows, Math.max(total, rows));
    }
  });
  return { status: 'succeeded', result: { rows }, fileName: exportFileName(), file };
}
