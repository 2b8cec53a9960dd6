/**
 * The statistics exports (issue 10, decision 0047): a statistic's table, or the person-times behind
 * one of its cells, as an official document (title block, signature block) in Excel or PDF,
 * rendered off the event loop. The figures are the service's (computeStatistics / drillStatistics):
 * the export cannot disagree with the page.
 */
import { formatViDate, statistics, todayInVietnam } from '@nang-tam/domain';
import { plansRepo } from '@nang-tam/db';
import { ZStatExportRequest } from '@nang-tam/contracts';
import { officialFileName, renderOfficialDocument, type OfficialDocument } from '../documents/official-document.js';
import { computeStatistics, drillStatistics } from '../services/statistics.service.js';
import type { JobContext, JobOutcome } from './context.js';

/** People behind a cell exported at most (a bigger cell: narrow it with filters). */
export const STAT_EXPORT_MAX_ROWS = 50_000;
const PAGE = 200;

const pctText = (p: { value: number | null }) => (p.value === null ? '-' : `${p.value.toFixed(1).replace('.', ',')}%`);

export async function runStatisticsExport(ctx: JobContext): Promise<JobOutcome> {
  const params = ZStatExportRequest.parse(ctx.job.params);
  const q = params.query;
  const s = await computeStatistics(ctx.readDb, ctx.owner, q);
  const province = (await plansRepo.provinceName(ctx.readDb)).replace(/^Tỉnh\s+/i, '');
  const period = `Từ ngày ${formatViDate(s.from)} đến ngày ${formatViDate(s.to)} — ${s.unit.name}`;
  const head = { header: 'party' as const, issuer: [`TỈNH ỦY ${province.toUpperCase()}`, 'BAN TỔ CHỨC'], place: province, date: todayInVietnam() };
  const signatures = { preparedBy: { role: 'Người lập biểu', name: ctx.owner.displayName }, approvedBy: { role: 'T/M BAN THƯỜNG VỤ' } };
  let doc: OfficialDocument;
  let rows = 0;
  if (params.cell === undefined) {
    const dims = s.groupBy.map((d, i) => ({ key: `k${i}`, header: statistics.STAT_DIMENSION_LABELS[d].vi, width: 30 }));
    await ctx.progress.report('writing', 0, s.rows.length);
    const counts = (c: (typeof s)['total']) => ({ personTimes: c.personTimes, people: c.people, young: c.young, female: c.female, minority: c.minority, partyMember: c.partyMember });
    doc = {
      ...head,
      title: 'THỐNG KÊ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC',
      subtitle: `(${period})`,
      unitLine: 'Đơn vị tính: lượt người; người',
      columns: [
        { key: 'no', header: 'STT', kind: 'integer', width: 6 },
        ...dims,
        { key: 'personTimes', header: 'Số lượt người', kind: 'integer', width: 12 },
        { key: 'people', header: 'Số người', kind: 'integer', width: 10 },
        { key: 'young', header: `Trẻ (dưới ${s.young.underAge})`, group: 'Trong đó (lượt)', kind: 'integer', width: 11 },
        { key: 'female', header: 'Nữ', group: 'Trong đó (lượt)', kind: 'integer', width: 9 },
        { key: 'minority', header: 'Dân tộc thiểu số', group: 'Trong đó (lượt)', kind: 'integer', width: 11 },
        { key: 'partyMember', header: 'Đảng viên', group: 'Trong đó (lượt)', kind: 'integer', width: 10 },
      ],
      rows: s.rows.map((r, i) => ({ no: i + 1, ...Object.fromEntries(r.keys.map((k, j) => [`k${j}`, k.label])), ...counts(r) })),
      totals: counts(s.total),
      notes: [
        ...s.notes,
        `Tỷ lệ trên tổng số lượt: trẻ ${pctText(s.shares.young)}, nữ ${pctText(s.shares.female)}, dân tộc thiểu số ${pctText(s.shares.minority)}, đảng viên ${pctText(s.shares.partyMember)} (làm tròn 1 chữ số thập phân).`,
        `Tuổi trẻ: ${s.young.source}.`,
      ],
      ...signatures,
    };
    rows = s.rows.length;
  } else {
    const cellText = s.groupBy.map((d, i) => `${statistics.STAT_DIMENSION_LABELS[d].vi}: ${s.rows.find((r) => r.keys.every((k, j) => k.code === params.cell![j]))?.keys[i]?.label ?? params.cell![i]}`).join('; ');
    const items: Record<string, string | number | null>[] = [];
    let offset = 0;
    let total = 0;
    do {
      if (ctx.signal.aborted) throw new Error('aborted');
      const page = await drillStatistics(ctx.readDb, ctx.owner, { ...q, cell: params.cell, limit: PAGE, offset });
      total = Math.min(page.total, STAT_EXPORT_MAX_ROWS);
      for (const r of page.rows) {
        items.push({
          no: items.length + 1,
          fullName: r.fullName,
          birthDate: r.birthDate,
          gender: r.gender === 'female' ? 'Nữ' : 'Nam',
          unit: r.unitName,
          programme: r.programmeName,
          where: r.where,
          startDate: r.startDate,
          endDate: r.endDate,
          completed: r.completed ? 'Đã hoàn thành' : 'Đang học / chưa hoàn thành',
        });
      }
      offset += PAGE;
      await ctx.progress.report('writing', items.length, total);
    } while (offset < total);
    doc = {
      ...head,
      title: 'DANH SÁCH LƯỢT NGƯỜI ĐƯỢC ĐÀO TẠO, BỒI DƯỠNG',
      subtitle: `(${period}${cellText ? `; ${cellText}` : ''})`,
      columns: [
        { key: 'no', header: 'STT', kind: 'integer', width: 6 },
        { key: 'fullName', header: 'Họ và tên', width: 24 },
        { key: 'birthDate', header: 'Ngày sinh', kind: 'date', width: 12 },
        { key: 'gender', header: 'Giới tính', width: 8 },
        { key: 'unit', header: 'Đơn vị', width: 24 },
        { key: 'programme', header: 'Chương trình', width: 28 },
        { key: 'where', header: 'Lớp / cơ sở đào tạo', width: 28 },
        { key: 'startDate', header: 'Từ ngày', kind: 'date', width: 12 },
        { key: 'endDate', header: 'Đến ngày', kind: 'date', width: 12 },
        { key: 'completed', header: 'Kết quả', width: 16 },
      ],
      rows: items,
      notes: s.notes,
      ...signatures,
    };
    rows = items.length;
  }
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  return {
    status: 'succeeded',
    result: { rows },
    fileName: officialFileName(params.cell === undefined ? 'thong-ke-dao-tao' : 'danh-sach-thong-ke-dao-tao', todayInVietnam(), params.format),
    file,
  };
}
