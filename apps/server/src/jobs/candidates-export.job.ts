import { GENDERS, formatViDate, labelOf, rules } from '@nang-tam/domain';
import type { CandidatesExport, Candidate } from '@nang-tam/contracts';
import { referenceRepo } from '@nang-tam/db';
import { candidatesOf, rankCandidates } from '../services/eligibility.service.js';
import type { JobContext, JobOutcome } from './context.js';
import { renderTable } from './xlsx/render.js';
import type { TableColumn } from './xlsx/table.js';
import { VI_DATE_FORMAT, excelDate } from './xlsx/write.js';

const PRIORITY_LABELS: Record<Candidate['priority'], string> = {
  planned: 'Trong quy hoạch',
  post_requires: 'Chức danh hiện tại yêu cầu',
  other: 'Khác',
};

const OUTCOME_LABELS: Record<Candidate['outcome'], string> = {
  eligible: 'Đủ điều kiện',
  not_eligible: 'Không đủ điều kiện',
  cannot_decide: 'Chưa đủ dữ liệu để xét',
};

const COLUMNS: TableColumn[] = [
  { header: 'STT', key: 'no', width: 7 },
  { header: 'Họ và tên', key: 'fullName', width: 26 },
  { header: 'Ngày sinh', key: 'birthDate', width: 12, numFmt: VI_DATE_FORMAT },
  { header: 'Tuổi', key: 'age', width: 6 },
  { header: 'Giới tính', key: 'gender', width: 9 },
  { header: 'Dân tộc', key: 'ethnicity', width: 12 },
  { header: 'Đơn vị', key: 'unit', width: 34 },
  { header: 'Chức danh', key: 'title', width: 30 },
  { header: 'Ưu tiên', key: 'priority', width: 24 },
  { header: 'Chức danh quy hoạch', key: 'planned', width: 34 },
  { header: 'Kết quả xét', key: 'outcome', width: 20 },
  { header: 'Dữ kiện còn thiếu', key: 'missing', width: 40 },
];

/** People are written in pages of this size (summaries are loaded per page). */
const PAGE = 2000;

export function candidatesFileName(programmeCode: string, asOf: string): string {
  return `nguon-cu-di-hoc-${programmeCode.toLowerCase().replace(/_/g, '-')}-${asOf}.xlsx`;
}

/**
 * The whole ranked candidate list of a programme over a unit subtree, as the job's creator may see
 * it, with the question it answers (programme, mode, unit, date, counts) above the table.
 */
export async function runCandidatesExport(ctx: JobContext): Promise<JobOutcome> {
  const { db, owner } = ctx;
  const q = ctx.job.params as CandidatesExport;
  await ctx.progress.report('evaluating', 0, 0);
  const ranked = await rankCandidates(db, owner, q);
  const titles = new Map((await referenceRepo.loadReference(db)).titles.map((t) => [t.code, t.name]));
  const total = ranked.listed.length;
  let rows = 0;
  await ctx.progress.report('writing', 0, total);
  const c = ranked.counts;
  const heading = {
    title: `DANH SÁCH NGUỒN CỬ ĐI HỌC: ${ranked.programme.name.toUpperCase()}`,
    summary:
      `Hình thức: ${rules.STUDY_MODE_LABELS[ranked.mode]}; đơn vị: ${ranked.unit.name}; xét tại ngày ${formatViDate(ranked.asOf)}; ` +
      `${c.people} người: ${c.eligible} đủ điều kiện, ${c.cannotDecide} chưa đủ dữ liệu, ${c.notEligible} không đủ điều kiện.`,
  };
  // the candidates are evaluated here, page by page, and written into the workbook in a worker thread
  const file = await renderTable({ sheet: 'NguonCuDiHoc', columns: COLUMNS, heading }, ctx.signal, async (send) => {
    for (let start = 0; start < total; start += PAGE) {
      ctx.signal.throwIfAborted();
      const page = await candidatesOf(db, ranked.listed.slice(start, start + PAGE), ranked.asOf);
      await send(
        page.map((cand) => {
          const p = cand.person;
          return {
            no: ++rows,
            fullName: p.fullName,
            birthDate: excelDate(p.birthDate),
            age: cand.age,
            gender: labelOf(GENDERS, p.gender),
            ethnicity: p.ethnicity.name,
            unit: p.unit.name,
            title: p.title?.name ?? null,
            priority: PRIORITY_LABELS[cand.priority],
            planned: cand.plannedTitles.map((t) => `${titles.get(t.titleCode) ?? t.titleCode} (${t.term})`).join('; ') || null,
            outcome: OUTCOME_LABELS[cand.outcome],
            missing: cand.missingLabels.join('; ') || null,
          };
        }),
      );
      await ctx.progress.report('writing', rows, total);
    }
  });
  return { status: 'succeeded', result: { rows }, fileName: candidatesFileName(ranked.programme.code, ranked.asOf), file };
}
