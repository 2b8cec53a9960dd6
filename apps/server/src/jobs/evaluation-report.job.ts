/**
 * The final report of an evaluation campaign (issue 11 point 4, decision 0052) as an official
 * document in Excel or PDF, rendered in the background: one row per graduate with the registry's
 * facts (appraisals before and after, planned, rotated or transferred, higher duties, left) and the
 * agency's assessment; the notes give the cohort's shares beside the comparable people's.
 */
import { APPLIES_KNOWLEDGE_LABELS, WORK_CHANGE_LABELS, type CampaignDetail, type Comparison } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { plansRepo } from '@nang-tam/db';
import { officialFileName, renderOfficialDocument, type OfficialDocument, type OfficialFormat } from '../documents/official-document.js';
import { getCampaign } from '../services/evaluation-results.service.js';
import type { JobContext, JobOutcome } from './context.js';

const pctText = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('vi-VN')}%`);

export function comparisonNotes(c: Comparison): string[] {
  const line = (label: string, k: keyof Comparison['graduateShares']) =>
    `${label}: học viên ${pctText(c.graduateShares[k])}; nhóm đối chứng ${pctText(c.controlShares[k])}.`;
  return [
    line('Tỷ lệ hoàn thành tốt nhiệm vụ trở lên trước khóa học', 'beforeGood'),
    line('Tỷ lệ hoàn thành tốt nhiệm vụ trở lên sau khóa học', 'afterGood'),
    line('Tỷ lệ được quy hoạch trong 2 năm', 'planned'),
    line('Tỷ lệ được luân chuyển, điều động trong 2 năm', 'rotated'),
    line('Tỷ lệ được bổ nhiệm, giao chức vụ cao hơn trong 2 năm', 'promoted'),
    ...c.notes,
  ];
}

const viDate = (d: string) => d.split('-').reverse().join('/');

/** "Lớp X (Chương trình)" or "Chương trình — các lớp kết thúc từ … đến …". */
export function campaignLabel(c: CampaignDetail): string {
  if (c.class) return `${c.class.name} (${c.programme.name})`;
  return `${c.programme.name} — các lớp kết thúc từ ${viDate(c.period!.from)} đến ${viDate(c.period!.to)}`;
}

export async function runEvaluationReport(ctx: JobContext): Promise<JobOutcome> {
  const params = ctx.job.params as { campaignId: number; format: OfficialFormat };
  const c = await getCampaign(ctx.readDb, ctx.owner, params.campaignId);
  await ctx.progress.report('writing', 0, c.assessments.length);
  const province = (await plansRepo.provinceName(ctx.readDb)).replace(/^Tỉnh\s+/i, '');
  const yes = (b: boolean) => (b ? 'x' : '');
  const doc: OfficialDocument = {
    header: 'party',
    issuer: [`TỈNH ỦY ${province.toUpperCase()}`, 'TRƯỜNG CHÍNH TRỊ'],
    place: province,
    date: todayInVietnam(),
    title: 'BÁO CÁO ĐÁNH GIÁ KẾT QUẢ SAU ĐÀO TẠO, BỒI DƯỠNG',
    subtitle: `${campaignLabel(c)} — ${c.status === 'closed' ? 'đợt đánh giá đã kết thúc' : 'đợt đánh giá đang lấy ý kiến'}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'name', header: 'Họ và tên', width: 24 },
      // branch lecturer-views (decision 0066): a programme campaign spans several classes
      ...(c.scope === 'programme' ? [{ key: 'class', header: 'Lớp', width: 22 }] : []),
      { key: 'unit', header: 'Cơ quan, đơn vị', width: 26 },
      { key: 'before', header: 'Trước', group: 'Số năm HTTNV trở lên / số năm có xếp loại', width: 10 },
      { key: 'after', header: 'Sau', group: 'Số năm HTTNV trở lên / số năm có xếp loại', width: 10 },
      { key: 'planned', header: 'Quy hoạch', group: 'Trong 2 năm sau khóa học', width: 10 },
      { key: 'rotated', header: 'Luân chuyển, điều động', group: 'Trong 2 năm sau khóa học', width: 12 },
      { key: 'promoted', header: 'Bổ nhiệm, giao chức vụ cao hơn', group: 'Trong 2 năm sau khóa học', width: 13 },
      { key: 'left', header: 'Đã nghỉ việc', width: 9 },
      { key: 'applies', header: 'Vận dụng kiến thức', group: 'Ý kiến của cơ quan', width: 16 },
      { key: 'change', header: 'Hiệu quả công việc', group: 'Ý kiến của cơ quan', width: 16 },
      { key: 'comment', header: 'Nhận xét', group: 'Ý kiến của cơ quan', width: 24 },
    ],
    rows: c.assessments.map((a, i) => ({
      no: i + 1,
      name: a.person.fullName,
      class: a.class.name,
      unit: a.unit.name,
      before: `${a.facts.beforeGood}/${a.facts.beforeRated}`,
      after: a.facts.left ? '—' : `${a.facts.afterGood}/${a.facts.afterRated}`,
      planned: yes(a.facts.planned),
      rotated: yes(a.facts.rotated),
      promoted: yes(a.facts.promoted),
      left: yes(a.facts.left),
      applies: a.appliesKnowledge ? APPLIES_KNOWLEDGE_LABELS[a.appliesKnowledge].vi : 'Chưa có ý kiến',
      change: a.workChange ? WORK_CHANGE_LABELS[a.workChange].vi : '',
      comment: a.comment ?? '',
    })),
    notes: [
      ...(c.scope === 'programme' ? [`Các lớp được đánh giá (${c.classes.length}): ${c.classes.map((k) => `${k.name} (${viDate(k.startDate)} – ${viDate(k.endDate)})`).join('; ')}.`] : []),
      ...comparisonNotes(c.comparison),
    ],
    preparedBy: { role: 'Người lập biểu', name: ctx.owner.displayName },
    approvedBy: { role: 'HIỆU TRƯỞNG' },
  };
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  await ctx.progress.report('writing', c.assessments.length, c.assessments.length);
  return {
    status: 'succeeded',
    result: { rows: c.assessments.length },
    fileName: officialFileName(c.class ? `danh-gia-sau-dao-tao-lop-${c.class.id}` : `danh-gia-sau-dao-tao-${c.programme.code}-${c.period!.from}-${c.period!.to}`, todayInVietnam(), params.format),
    file,
  };
}
