/**
 * The payment list (danh sách chi trả hỗ trợ) of a class or of one sending decision, as an official
 * document (title block, one column per item, total, a signature column for each learner, the
 * signature block) in Excel or PDF, rendered off the event loop (decision 0049). The job reads the
 * list as its creator now sees it (scope and role read again).
 */
import { todayInVietnam } from '@nang-tam/domain';
import type { SupportList } from '@nang-tam/contracts';
import { plansRepo } from '@nang-tam/db';
import { officialFileName, renderOfficialDocument, type OfficialDocument, type OfficialFormat } from '../documents/official-document.js';
import { getBatchSupport, getClassSupport } from '../services/support.service.js';
import type { JobContext, JobOutcome } from './context.js';

const ITEM_COLUMNS = ['daily', 'accommodation', 'travel', 'tuition', 'women', 'ethnic_minority'] as const;
const ITEM_HEADERS: Record<(typeof ITEM_COLUMNS)[number], string> = {
  daily: 'Theo ngày học',
  accommodation: 'Tiền ở',
  travel: 'Đi lại',
  tuition: 'Học phí',
  women: 'Thêm cho nữ',
  ethnic_minority: 'Thêm cho người DTTS',
};

/** The official document of a payment list (pure: the list in, the document out). */
export function supportListDocument(list: SupportList, head: { issuer: string[]; place: string }, preparedBy: string): OfficialDocument {
  const present = ITEM_COLUMNS.filter((c) => list.rows.some((r) => r.items.some((i) => i.code === c)));
  const capped = list.rows.some((r) => r.items.some((i) => i.code === 'cap_course' || i.code === 'cap_year'));
  const policies = [...new Map(list.rows.filter((r) => r.policy).map((r) => [`${r.policy!.id}@${r.policy!.version}`, r.policy!])).values()];
  const item = (r: SupportList['rows'][number], code: string) => r.items.filter((i) => i.code === code).reduce((s, i) => s + i.amount, 0);
  return {
    header: 'state',
    ...head,
    date: todayInVietnam(),
    title: 'DANH SÁCH CHI TRẢ HỖ TRỢ HỌC VIÊN',
    subtitle: list.kind === 'class' ? list.title.replace('Danh sách chi trả hỗ trợ học viên ', '') : `Người được cử đi học theo Quyết định số ${list.decisionNo}`,
    unitLine: 'Đơn vị tính: đồng',
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 5 },
      { key: 'name', header: 'Họ và tên', width: 24 },
      { key: 'unit', header: 'Cơ quan, đơn vị', width: 22 },
      ...(list.kind === 'outside' ? [{ key: 'course', header: 'Khóa học', width: 24 }] : []),
      { key: 'days', header: 'Số ngày học', kind: 'integer' as const, width: 8 },
      ...present.map((c) => ({ key: c, header: ITEM_HEADERS[c], kind: 'money' as const, group: 'Các khoản hỗ trợ', width: 12 })),
      ...(capped ? [{ key: 'cap', header: 'Giảm theo mức trần', kind: 'money' as const, group: 'Các khoản hỗ trợ', width: 12 }] : []),
      { key: 'owed', header: 'Tổng được hỗ trợ', kind: 'money', width: 13 },
      { key: 'paid', header: 'Đã chi', kind: 'money', width: 12 },
      { key: 'remaining', header: 'Còn lại', kind: 'money', width: 12 },
      { key: 'sign', header: 'Ký nhận', width: 14 },
    ],
    rows: list.rows.map((r, i) => ({
      no: i + 1,
      name: r.person.fullName,
      unit: r.person.unit.name,
      course: r.course.name,
      days: r.course.studyDays,
      ...Object.fromEntries(present.map((c) => [c, item(r, c) || null])),
      cap: item(r, 'cap_course') + item(r, 'cap_year') || null,
      owed: r.owed,
      paid: r.paid,
      remaining: r.remaining,
      sign: '',
    })),
    totals: {
      ...Object.fromEntries(present.map((c) => [c, list.totals.items[c] ?? 0])),
      cap: capped ? (list.totals.items.cap_course ?? 0) + (list.totals.items.cap_year ?? 0) : null,
      owed: list.totals.owed,
      paid: list.totals.paid,
      remaining: list.totals.remaining,
    },
    notes: [
      ...policies.map((p) => `Căn cứ: ${p.name} (${p.sourceCode}, phiên bản ${p.version})${p.verified ? '' : ' — mức hỗ trợ chưa đối chiếu với văn bản gốc'}.`),
      ...(list.rows.some((r) => !r.covered) ? ['Học viên có tổng bằng 0 không thuộc diện được hỗ trợ theo chính sách đang áp dụng.'] : []),
      list.rounding,
    ],
    preparedBy: { role: 'NGƯỜI LẬP BIỂU', name: preparedBy },
    approvedBy: { role: 'THỦ TRƯỞNG ĐƠN VỊ' },
    orientation: 'landscape',
  };
}

export async function runSupportExport(ctx: JobContext): Promise<JobOutcome> {
  const params = ctx.job.params as { classId?: number; decisionNo?: string; format: OfficialFormat };
  const list = params.classId !== undefined ? await getClassSupport(ctx.readDb, ctx.owner, params.classId) : await getBatchSupport(ctx.readDb, ctx.owner, params.decisionNo ?? '');
  await ctx.progress.report('writing', 0, list.rows.length);
  const province = (await plansRepo.provinceName(ctx.readDb)).replace(/^Tỉnh\s+/i, '');
  const doc = supportListDocument(list, { issuer: [`UBND TỈNH ${province.toUpperCase()}`, ctx.owner.unitName.toUpperCase()], place: province }, ctx.owner.displayName);
  const file = await renderOfficialDocument(doc, params.format, { signal: ctx.signal });
  await ctx.progress.report('writing', list.rows.length, list.rows.length);
  const slug = params.classId !== undefined ? `lop-${params.classId}` : `qd-${(params.decisionNo ?? '').replace(/[^A-Za-z0-9]+/g, '-')}`;
  return { status: 'succeeded', result: { rows: list.rows.length, owed: list.totals.owed }, fileName: officialFileName(`danh-sach-chi-tra-ho-tro-${slug}`, todayInVietnam(), params.format), file };
}

