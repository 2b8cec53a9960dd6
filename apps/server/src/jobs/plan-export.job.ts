/**
 * The plan exports (issue 9), as official documents (title block, print set-up) in Excel or PDF,
 * rendered off the event loop: the annual plan table of one version, and plan against actual of a
 * year on a date. Percentages are printed as the realisation states them (text with their own
 * rounding, truncation by default), with the rounding and counting notes (decision 0030).
 */
import { plans, todayInVietnam } from '@nang-tam/domain';
import { plansRepo } from '@nang-tam/db';
import { officialFileName, renderOfficialDocument, type OfficialDocument, type OfficialFormat } from '../documents/official-document.js';
import { getRealisation, getVersion } from '../services/plans.service.js';
import type { JobContext, JobOutcome } from './context.js';

const MODE_VI: Record<string, string> = { full_time: 'Tập trung', part_time: 'Vừa làm vừa học', online: 'Trực tuyến' };

async function issuer(ctx: JobContext): Promise<{ issuer: string[]; place: string }> {
  const province = (await plansRepo.provinceName(ctx.readDb)).replace(/^Tỉnh\s+/i, '');
  return { issuer: [`TỈNH ỦY ${province.toUpperCase()}`, 'BAN TỔ CHỨC'], place: province };
}

export async function runPlanExport(ctx: JobContext): Promise<JobOutcome> {
  const params = ctx.job.params as { versionId: number; format: OfficialFormat };
  const v = await getVersion(ctx.readDb, ctx.owner, params.versionId);
  await ctx.progress.report('writing', 0, v.lines.length);
  const head = await issuer(ctx);
  const subtitle = v.isAdjustment
    ? `(Điều chỉnh lần ${v.number - 1}${v.decisionNumber ? ` theo Quyết định số ${v.decisionNumber}` : ''}${v.decisionDate ? ` ngày ${v.decisionDate.split('-').reverse().join('/')}` : ''})`
    : v.decisionNumber
      ? `(Ban hành kèm theo Quyết định số ${v.decisionNumber}${v.decisionDate ? ` ngày ${v.decisionDate.split('-').reverse().join('/')}` : ''})`
      : `(Phiên bản ${v.number} — ${v.status === 'approved' ? 'đã phê duyệt' : v.status === 'submitted' ? 'đang trình duyệt' : 'dự thảo'})`;
  const doc: OfficialDocument = {
    header: 'party',
    ...head,
    date: todayInVietnam(),
    title: v.plan.title.toUpperCase(),
    subtitle,
    unitLine: 'Đơn vị tính kinh phí: đồng',
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'programme', header: 'Chương trình', width: 36 },
      { key: 'mode', header: 'Hình thức', width: 16 },
      { key: 'classes', header: 'Số lớp', kind: 'integer', group: 'Quy mô', width: 9 },
      { key: 'learners', header: 'Số học viên', kind: 'integer', group: 'Quy mô', width: 11 },
      { key: 'quarter', header: 'Thời gian', width: 10 },
      { key: 'organiser', header: 'Đơn vị tổ chức', width: 26 },
      { key: 'site', header: 'Địa điểm', width: 26 },
      { key: 'cost', header: 'Kinh phí dự kiến', kind: 'money', width: 16 },
      { key: 'note', header: 'Ghi chú', width: 20 },
    ],
    rows: v.lines.map((l, i) => ({
      no: i + 1,
      programme: l.programme.name,
      mode: MODE_VI[l.mode] ?? l.mode,
      classes: l.classes,
      learners: l.learners,
      quarter: `Quý ${['I', 'II', 'III', 'IV'][l.quarter - 1] ?? l.quarter}/${l.year}`,
      organiser: l.organiser.name,
      site: `${l.siteKind === 'local' ? 'Tại địa phương' : 'Tại trường'}: ${l.site}`,
      cost: l.estimatedCost,
      note: [l.carriedOver ? 'Lớp chuyển tiếp' : '', l.note ?? ''].filter(Boolean).join('; '),
    })),
    totals: { classes: v.totals.classes, learners: v.totals.learners, cost: v.totals.estimatedCost },
    notes: v.reason ? [`Lý do điều chỉnh: ${v.reason}`] : undefined,
    preparedBy: { role: 'Người lập biểu', name: ctx.owner.displayName },
    approvedBy: { role: 'T/M BAN THƯỜNG VỤ' },
  };
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  await ctx.progress.report('writing', v.lines.length, v.lines.length);
  return {
    status: 'succeeded',
    result: { rows: v.lines.length },
    fileName: officialFileName(`ke-hoach-${v.plan.year}-phien-ban-${v.number}`, todayInVietnam(), params.format),
    file,
  };
}

export async function runRealisationExport(ctx: JobContext): Promise<JobOutcome> {
  const params = ctx.job.params as { year: number; asOf: string | null; format: OfficialFormat };
  const r = await getRealisation(ctx.readDb, ctx.owner, params.year, params.asOf ?? undefined);
  await ctx.progress.report('writing', 0, r.lines.length);
  const head = await issuer(ctx);
  const fig = (f: (typeof r)['total']) => ({
    plannedClasses: f.plannedClasses,
    doneClasses: f.doneClasses,
    openedClasses: f.openedClasses,
    carriedInClasses: f.carriedInClasses,
    finishedClasses: f.finishedClasses,
    carriedOutClasses: f.carriedOutClasses,
    classesPercent: f.classesPercent.text,
    plannedLearners: f.plannedLearners,
    doneLearners: f.doneLearners,
    learnersPercent: f.learnersPercent.text,
  });
  const asOfVi = r.asOf.split('-').reverse().join('/');
  const doc: OfficialDocument = {
    header: 'party',
    ...head,
    date: todayInVietnam(),
    title: `KẾT QUẢ THỰC HIỆN KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG NĂM ${r.year}`,
    subtitle: `(Tính đến ngày ${asOfVi}${r.version ? `; so với kế hoạch phiên bản ${r.version.number}${r.version.decisionNumber ? `, Quyết định số ${r.version.decisionNumber}` : ''}` : ''})`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'content', header: 'Nội dung', width: 40 },
      { key: 'plannedClasses', header: 'Kế hoạch', group: 'Số lớp', kind: 'integer', width: 10 },
      { key: 'doneClasses', header: 'Thực hiện', group: 'Số lớp', kind: 'integer', width: 10 },
      { key: 'openedClasses', header: 'Khai giảng trong năm', group: 'Số lớp', kind: 'integer', width: 12 },
      { key: 'carriedInClasses', header: 'Chuyển tiếp từ năm trước', group: 'Số lớp', kind: 'integer', width: 12 },
      { key: 'finishedClasses', header: 'Đã kết thúc', group: 'Số lớp', kind: 'integer', width: 10 },
      { key: 'carriedOutClasses', header: 'Chuyển tiếp sang năm sau', group: 'Số lớp', kind: 'integer', width: 12 },
      { key: 'classesPercent', header: 'Tỷ lệ', group: 'Số lớp', width: 10 },
      { key: 'plannedLearners', header: 'Kế hoạch', group: 'Lượt học viên', kind: 'integer', width: 10 },
      { key: 'doneLearners', header: 'Thực hiện', group: 'Lượt học viên', kind: 'integer', width: 10 },
      { key: 'learnersPercent', header: 'Tỷ lệ', group: 'Lượt học viên', width: 10 },
    ],
    rows: [
      ...r.lines.map((l, i) => ({
        no: i + 1,
        content: `${l.line.programmeName} (${MODE_VI[l.line.mode] ?? l.line.mode}, quý ${l.line.quarter}) — ${l.line.organiser}`,
        ...fig(l.figures),
      })),
      { no: null, content: 'Lớp ngoài kế hoạch (mở thêm)', ...fig(r.extra), classesPercent: '-', learnersPercent: '-' },
      ...(r.unlinked.doneClasses > 0 ? [{ no: null, content: 'Lớp chưa gắn dòng kế hoạch', ...fig(r.unlinked), classesPercent: '-', learnersPercent: '-' }] : []),
    ],
    totals: { content: 'Cộng theo kế hoạch', ...fig(r.total) },
    notes: r.notes.length > 0 ? r.notes : [plans.roundingNoteVi(r.rounding)],
    preparedBy: { role: 'Người lập biểu', name: ctx.owner.displayName },
    approvedBy: { role: 'T/M BAN THƯỜNG VỤ' },
  };
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  await ctx.progress.report('writing', r.lines.length, r.lines.length);
  return {
    status: 'succeeded',
    result: { rows: r.lines.length },
    fileName: officialFileName(`thuc-hien-ke-hoach-${r.year}`, todayInVietnam(), params.format),
    file,
  };
}
