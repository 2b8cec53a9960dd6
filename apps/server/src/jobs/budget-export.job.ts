/**
 * Issue 11 exports as official documents (title block, print set-up) in Excel or PDF, off the event
 * loop: the budget report of a year (estimate against actual, cost per learner and per person-time)
 * and the list of reimbursement cases (amounts and how each was computed). Both read through the
 * owner's scoped services, so a file holds only what its owner may see.
 */
import { plans, todayInVietnam, training } from '@nang-tam/domain';
import { plansRepo } from '@nang-tam/db';
import type { BudgetFigures, CaseListQuery, CaseSummary } from '@nang-tam/contracts';
import { officialFileName, renderOfficialDocument, type OfficialDocument, type OfficialFormat } from '../documents/official-document.js';
import { getReport } from '../services/budgets.service.js';
import { listCases } from '../services/reimbursement.service.js';
import type { JobContext, JobOutcome } from './context.js';

async function issuer(ctx: JobContext): Promise<{ issuer: string[]; place: string }> {
  const province = (await plansRepo.provinceName(ctx.readDb)).replace(/^Tỉnh\s+/i, '');
  return { issuer: [`TỈNH ỦY ${province.toUpperCase()}`, 'BAN TỔ CHỨC'], place: province };
}

const DIMENSION_VI: Record<plans.ReportDimension, string> = { line: 'dòng kế hoạch', programme: 'chương trình', unit: 'đơn vị tổ chức', year: 'năm' };

export async function runBudgetReportExport(ctx: JobContext): Promise<JobOutcome> {
  const params = ctx.job.params as { year: number; by: plans.ReportDimension; format: OfficialFormat };
  const r = await getReport(ctx.readDb, ctx.owner, { year: params.year, by: params.by });
  await ctx.progress.report('writing', 0, r.rows.length);
  const fig = (f: BudgetFigures) => ({
    lecturers: f.estimateByCategory.lecturers,
    support: f.estimateByCategory.support,
    venue: f.estimateByCategory.venue + f.estimateByCategory.materials + f.estimateByCategory.other,
    estimate: f.estimate,
    actual: f.actual,
    difference: f.difference,
    learners: f.learners,
    personTimes: f.personTimes,
    perLearner: f.costPerLearner ?? '-',
    perPersonTime: f.costPerPersonTime ?? '-',
  });
  const doc: OfficialDocument = {
    header: 'party',
    ...(await issuer(ctx)),
    date: todayInVietnam(),
    title: `BÁO CÁO KINH PHÍ ĐÀO TẠO, BỒI DƯỠNG NĂM ${r.year}`,
    subtitle: `(Dự toán so với thực chi, theo ${DIMENSION_VI[params.by]})`,
    unitLine: 'Đơn vị tính: đồng',
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'content', header: 'Nội dung', width: 40 },
      { key: 'lecturers', header: 'Thù lao giảng viên', group: 'Dự toán', kind: 'money', width: 14 },
      { key: 'support', header: 'Hỗ trợ học viên', group: 'Dự toán', kind: 'money', width: 14 },
      { key: 'venue', header: 'Hội trường, tài liệu, khác', group: 'Dự toán', kind: 'money', width: 14 },
      { key: 'estimate', header: 'Cộng dự toán', group: 'Dự toán', kind: 'money', width: 15 },
      { key: 'actual', header: 'Thực chi', kind: 'money', width: 15 },
      { key: 'difference', header: 'Chênh lệch (thực chi − dự toán)', kind: 'money', width: 15 },
      { key: 'learners', header: 'Học viên', kind: 'integer', width: 9 },
      { key: 'personTimes', header: 'Lượt người', kind: 'integer', width: 9 },
      { key: 'perLearner', header: 'Bình quân / học viên', kind: 'money', width: 13 },
      { key: 'perPersonTime', header: 'Bình quân / lượt người', kind: 'money', width: 13 },
    ],
    rows: r.rows.map((row, i) => ({ no: i + 1, content: row.planEstimateOnly ? `${row.label} (dự toán theo kế hoạch)` : row.label, ...fig(row.figures) })),
    totals: { content: 'Tổng cộng', ...fig(r.total) },
    notes: r.notes,
    preparedBy: { role: 'Người lập biểu', name: ctx.owner.displayName },
    approvedBy: { role: 'T/M BAN THƯỜNG VỤ' },
  };
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  await ctx.progress.report('writing', r.rows.length, r.rows.length);
  return { status: 'succeeded', result: { rows: r.rows.length }, fileName: officialFileName(`kinh-phi-${r.year}`, todayInVietnam(), params.format), file };
}

const CAUSE_VI: Record<CaseSummary['cause'], string> = { left_service: 'Thôi việc / chuyển công tác', course_not_completed: 'Không hoàn thành khóa học' };

export async function runReimbursementCasesExport(ctx: JobContext): Promise<JobOutcome> {
  const params = ctx.job.params as { status?: CaseListQuery['status']; format: OfficialFormat };
  const items: CaseSummary[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await listCases(ctx.readDb, ctx.owner, { status: params.status, limit: 200, offset });
    items.push(...page.items);
    if (page.items.length < 200 || items.length >= page.total) break;
  }
  await ctx.progress.report('writing', 0, items.length);
  const sum = (k: 'cost' | 'amount' | 'paid') => items.reduce((s, c) => s + c[k], 0);
  const doc: OfficialDocument = {
    header: 'party',
    ...(await issuer(ctx)),
    date: todayInVietnam(),
    title: 'DANH SÁCH HỒ SƠ ĐỀN BÙ CHI PHÍ ĐÀO TẠO',
    subtitle: params.status ? `(Trạng thái: ${training.CASE_STATUS_LABELS[params.status].vi.toLowerCase()})` : undefined,
    unitLine: 'Đơn vị tính: đồng',
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'name', header: 'Họ và tên', width: 22 },
      { key: 'unit', header: 'Cơ quan, đơn vị', width: 22 },
      { key: 'programme', header: 'Chương trình, cơ sở đào tạo', width: 26 },
      { key: 'cause', header: 'Căn cứ', width: 16 },
      { key: 'cost', header: 'Chi phí đào tạo', kind: 'money', width: 14 },
      { key: 'months', header: 'Cam kết (tháng)', kind: 'integer', width: 9 },
      { key: 'served', header: 'Đã phục vụ (tháng)', kind: 'integer', width: 9 },
      { key: 'amount', header: 'Phải đền bù', kind: 'money', width: 14 },
      { key: 'paid', header: 'Đã nộp', kind: 'money', width: 14 },
      { key: 'status', header: 'Trạng thái', width: 12 },
      { key: 'explanation', header: 'Cách tính', width: 44 },
    ],
    rows: items.map((c, i) => ({
      no: i + 1,
      name: c.person.fullName,
      unit: c.person.unit.name,
      programme: `${c.programme.name} — ${c.institution}`,
      cause: CAUSE_VI[c.cause],
      cost: c.cost,
      months: c.commitmentMonths,
      served: c.monthsServed,
      amount: c.amount,
      paid: c.paid,
      status: training.CASE_STATUS_LABELS[c.status].vi + (c.waiver ? ` (QĐ ${c.waiver.decisionNo})` : ''),
      explanation: c.explanation,
    })),
    totals: { name: 'Tổng cộng', cost: sum('cost'), amount: sum('amount'), paid: sum('paid') },
    notes: ['Số tiền đền bù S = F / T1 × (T1 − T2), F: chi phí đào tạo, T1: số tháng cam kết, T2: số tháng đã phục vụ (tháng chưa tròn không tính); làm tròn đến đồng. Không hoàn thành khóa học: đền bù toàn bộ chi phí.'],
    preparedBy: { role: 'Người lập biểu', name: ctx.owner.displayName },
    approvedBy: { role: 'T/M BAN THƯỜNG VỤ' },
  };
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  await ctx.progress.report('writing', items.length, items.length);
  return { status: 'succeeded', result: { rows: items.length }, fileName: officialFileName('ho-so-den-bu', todayInVietnam(), params.format), file };
}
