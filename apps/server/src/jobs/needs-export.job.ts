/**
 * The needs exports, as officials file them (Excel with the title block and print set-up, or PDF),
 * rendered in the worker pool by the shared documents module: a unit's needs-registration form
 * (phiếu đăng ký nhu cầu) and a campaign's aggregated needs (tổng hợp nhu cầu). The facts are read
 * through the needs service with the job owner's reach, as the screens read them.
 */
import { todayInVietnam, type needs } from '@nang-tam/domain';
import type { NeedsAggregate, NeedsAnswer } from '@nang-tam/contracts';
import { officialFileName, renderOfficialDocument, type OfficialDocument, type OfficialFormat } from '../documents/official-document.js';
import { aggregateCampaign, getAnswer } from '../services/needs.service.js';
import type { JobContext, JobOutcome } from './context.js';

const MODE_VI: Record<string, string> = { full_time: 'Tập trung', part_time: 'Vừa làm vừa học', online: 'Trực tuyến' };
const STATUS_VI: Record<needs.AnswerStatus, string> = {
  not_started: 'Chưa đăng ký',
  draft: 'Đang soạn',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
};

/** A unit's needs-registration form. */
export function answerDocument(a: NeedsAnswer, preparedBy: string, today: string): OfficialDocument {
  return {
    issuer: [a.unit.name.toUpperCase()],
    date: today,
    title: `PHIẾU ĐĂNG KÝ NHU CẦU ĐÀO TẠO, BỒI DƯỠNG NĂM ${a.campaign.year}`,
    subtitle: `${a.campaign.title} (hạn đăng ký ${a.campaign.deadline.split('-').reverse().join('/')}) · Tình trạng: ${STATUS_VI[a.status]}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'programme', header: 'Chương trình', width: 40 },
      { key: 'mode', header: 'Hình thức học', width: 16 },
      { key: 'quarter', header: 'Quý', kind: 'integer', width: 7 },
      { key: 'people', header: 'Số người', kind: 'integer', width: 10 },
      { key: 'named', header: 'Người được cử (nếu nêu tên)', width: 50 },
    ],
    rows: a.lines.map((l, i) => ({
      no: i + 1,
      programme: l.programmeName,
      mode: MODE_VI[l.mode] ?? l.mode,
      quarter: l.quarter,
      people: l.people,
      named: l.named.map((n) => n.fullName).join(', '),
    })),
    totals: { people: a.totals.people, named: a.totals.named > 0 ? `${a.totals.named} người được nêu tên` : null },
    notes: a.returnComment && a.status === 'returned' ? [`Ý kiến khi trả lại: ${a.returnComment}`] : undefined,
    preparedBy: { role: 'Người lập biểu', name: preparedBy },
    approvedBy: { role: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ' },
  };
}

/** A campaign's aggregated needs: per programme, by mode, quarter and target group. */
export function aggregateDocument(a: NeedsAggregate, preparedBy: string, today: string): OfficialDocument {
  const notAnswered = a.notAnswered.map((u) => `${u.unit.name} (${STATUS_VI[u.status]}${u.late ? ', quá hạn' : ''})`);
  return {
    header: 'party',
    issuer: [a.unit.name.toUpperCase(), 'BAN TỔ CHỨC'],
    date: today,
    title: `TỔNG HỢP NHU CẦU ĐÀO TẠO, BỒI DƯỠNG NĂM ${a.campaign.year}`,
    subtitle: `${a.campaign.title}: ${a.counts.submitted}/${a.counts.required} đơn vị đã gửi`,
    unitLine: 'Đơn vị tính: người',
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'programme', header: 'Chương trình', width: 36 },
      { key: 'full_time', header: 'Tập trung', group: 'Hình thức học', kind: 'integer' },
      { key: 'part_time', header: 'Vừa làm vừa học', group: 'Hình thức học', kind: 'integer' },
      { key: 'online', header: 'Trực tuyến', group: 'Hình thức học', kind: 'integer' },
      { key: 'q1', header: 'Quý 1', group: 'Thời gian', kind: 'integer', width: 8 },
      { key: 'q2', header: 'Quý 2', group: 'Thời gian', kind: 'integer', width: 8 },
      { key: 'q3', header: 'Quý 3', group: 'Thời gian', kind: 'integer', width: 8 },
      { key: 'q4', header: 'Quý 4', group: 'Thời gian', kind: 'integer', width: 8 },
      { key: 'people', header: 'Tổng số', kind: 'integer' },
      { key: 'named', header: 'Nêu tên', group: 'Trong đó (người được nêu tên)', kind: 'integer', width: 9 },
      { key: 'young', header: 'Trẻ', group: 'Trong đó (người được nêu tên)', kind: 'integer', width: 8 },
      { key: 'female', header: 'Nữ', group: 'Trong đó (người được nêu tên)', kind: 'integer', width: 8 },
      { key: 'minority', header: 'DTTS', group: 'Trong đó (người được nêu tên)', kind: 'integer', width: 8 },
      { key: 'planned', header: 'Quy hoạch', group: 'Trong đó (người được nêu tên)', kind: 'integer', width: 10 },
    ],
    rows: a.byProgramme.map((p, i) => ({
      no: i + 1,
      programme: p.programmeName,
      ...p.byMode,
      q1: p.byQuarter[0] ?? 0,
      q2: p.byQuarter[1] ?? 0,
      q3: p.byQuarter[2] ?? 0,
      q4: p.byQuarter[3] ?? 0,
      people: p.total.people,
      named: p.total.named,
      young: p.total.young,
      female: p.total.female,
      minority: p.total.minority,
      planned: p.total.planned,
    })),
    totals: {
      full_time: a.byMode.find((m) => m.mode === 'full_time')?.people ?? 0,
      part_time: a.byMode.find((m) => m.mode === 'part_time')?.people ?? 0,
      online: a.byMode.find((m) => m.mode === 'online')?.people ?? 0,
      q1: a.byQuarter[0] ?? 0,
      q2: a.byQuarter[1] ?? 0,
      q3: a.byQuarter[2] ?? 0,
      q4: a.byQuarter[3] ?? 0,
      people: a.total.people,
      named: a.total.named,
      young: a.total.young,
      female: a.total.female,
      minority: a.total.minority,
      planned: a.total.planned,
    },
    notes: [
      'Chỉ tổng hợp các bản đăng ký đơn vị đã gửi. Các nhóm đối tượng chỉ tính trên những người được nêu tên.',
      `Trẻ: dưới ${a.youngDefinition.maxAgeExclusive} tuổi tại ngày ${a.youngDefinition.judgedOn.split('-').reverse().join('/')}; DTTS: dân tộc thiểu số; quy hoạch: có quy hoạch của nhiệm kỳ còn hiệu lực.`,
      notAnswered.length > 0 ? `Đơn vị chưa gửi (${notAnswered.length}): ${notAnswered.join('; ')}.` : 'Mọi đơn vị đã gửi bản đăng ký.',
    ],
    preparedBy: { role: 'Người lập biểu', name: preparedBy },
    approvedBy: { role: 'TM. BAN TỔ CHỨC', title: 'TRƯỞNG BAN' },
  };
}

export async function runNeedsAnswerExport(ctx: JobContext): Promise<JobOutcome> {
  const p = ctx.job.params as { campaignId: number; unitId: number; format: OfficialFormat };
  const answer = await getAnswer(ctx.readDb, ctx.owner, p.campaignId, p.unitId);
  await ctx.progress.report('writing', 0, answer.lines.length);
  const today = todayInVietnam();
  const file = await renderOfficialDocument(answerDocument(answer, ctx.owner.displayName, today), p.format, { signal: ctx.signal });
  await ctx.progress.report('writing', answer.lines.length, answer.lines.length);
  return {
    status: 'succeeded',
    result: { rows: answer.lines.length },
    fileName: officialFileName(`dang-ky-nhu-cau-${answer.campaign.year}-${answer.unit.name}`, today, p.format),
    file,
  };
}

export async function runNeedsAggregateExport(ctx: JobContext): Promise<JobOutcome> {
  const p = ctx.job.params as { campaignId: number; unitId?: number; format: OfficialFormat };
  const agg = await aggregateCampaign(ctx.readDb, ctx.owner, p.campaignId, { unitId: p.unitId });
  await ctx.progress.report('writing', 0, agg.byProgramme.length);
  const today = todayInVietnam();
  const file = await renderOfficialDocument(aggregateDocument(agg, ctx.owner.displayName, today), p.format, { signal: ctx.signal });
  await ctx.progress.report('writing', agg.byProgramme.length, agg.byProgramme.length);
  return {
    status: 'succeeded',
    result: { rows: agg.byProgramme.length },
    fileName: officialFileName(`tong-hop-nhu-cau-${agg.campaign.year}`, today, p.format),
    file,
  };
}
