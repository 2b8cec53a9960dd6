import { formatViDate } from '@nang-tam/domain';
import type { IndicatorPeopleExport } from '@nang-tam/contracts';
import { getIndicator, listIndicatorPeople } from '../services/indicators.service.js';
import type { JobContext, JobOutcome } from './context.js';
import { renderTable } from './xlsx/render.js';
import type { TableColumn } from './xlsx/table.js';
import { VI_DATE_FORMAT, excelDate } from './xlsx/write.js';

const COLUMNS: TableColumn[] = [
  { header: 'STT', key: 'no', width: 7 },
  { header: 'Họ và tên', key: 'fullName', width: 28 },
  { header: 'Ngày sinh', key: 'birthDate', width: 12, numFmt: VI_DATE_FORMAT },
  { header: 'Đơn vị (tại ngày tính)', key: 'unit', width: 40 },
  { header: 'Chức danh (tại ngày tính)', key: 'title', width: 32 },
  { header: 'Căn cứ', key: 'evidence', width: 30 },
];

/** Each page re-runs the as-of query over the subtree: few, large pages. */
const PAGE = 5000;

/**
 * The people counted (or missing) for an indicator as of a date, over the job creator's subtree
 * (or a unit of it), with the indicator's value and target above the table.
 */
export async function runIndicatorPeopleExport(ctx: JobContext): Promise<JobOutcome> {
  const { db, owner } = ctx;
  const q = ctx.job.params as IndicatorPeopleExport & { id: number; asOf: string };
  await ctx.progress.report('evaluating', 0, 0);
  const ind = await getIndicator(db, owner, q.id, { asOf: q.asOf, unitId: q.unitId, trend: false });
  const total = q.set === 'counted' ? ind.counted : ind.population - ind.counted;
  const heading = {
    title: `DANH SÁCH ${q.set === 'counted' ? 'ĐÃ ĐẠT' : 'CHƯA ĐẠT'} CHỈ TIÊU: ${ind.name.toUpperCase()}`,
    summary:
      `${ind.unit.name}; tính tại ngày ${formatViDate(q.asOf)}: ${ind.counted}/${ind.population} người` +
      `${ind.value !== null && ind.target.kind === 'share' ? ` (${String(ind.value).replace('.', ',')}%)` : ''}; ` +
      `chỉ tiêu ${ind.target.comparison === 'above' ? 'trên' : 'từ'} ${String(ind.target.value).replace('.', ',')}${ind.target.kind === 'share' ? '%' : ' người'} đến ${formatViDate(ind.deadline)}.`,
  };
  let rows = 0;
  await ctx.progress.report('writing', 0, total);
  const file = await renderTable({ sheet: 'ChiTieu', columns: COLUMNS, heading }, ctx.signal, async (send) => {
    for (let offset = 0; ; offset += PAGE) {
      ctx.signal.throwIfAborted();
      const page = await listIndicatorPeople(db, owner, q.id, { asOf: q.asOf, unitId: q.unitId, set: q.set, limit: PAGE, offset });
      if (page.items.length === 0) break;
      await send(
        page.items.map((p) => ({
          no: ++rows,
          fullName: p.fullName,
          birthDate: excelDate(p.birthDate),
          unit: p.unit.name,
          title: p.title,
          evidence: p.evidence,
        })),
      );
      await ctx.progress.report('writing', rows, total);
      if (page.items.length < PAGE) break;
    }
  });
  return { status: 'succeeded', result: { rows }, fileName: `chi-tieu-${ind.code.toLowerCase()}-${q.set === 'counted' ? 'da-dat' : 'chua-dat'}-${q.asOf}.xlsx`, file };
}
