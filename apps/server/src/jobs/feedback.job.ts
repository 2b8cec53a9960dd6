/**
 * Evaluation after training (issue 11 point 4; docs/decisions/0051): the exports (a class's reaction
 * survey results; the agencies' feedback per class or programme) as official Excel / PDF, rendered
 * by the shared documents module with the owner's reach; and the feedback reminders, run by the job
 * runner's maintenance step (each reminder recorded once however often this runs).
 */
import { agencyFeedback, reaction, todayInVietnam, type IsoDate } from '@nang-tam/domain';
import type { ClassSurvey, FeedbackResults, TeachingResults } from '@nang-tam/contracts';
import type { AppContext } from '../context.js';
import { officialFileName, renderOfficialDocument, type OfficialDocument, type OfficialFormat } from '../documents/official-document.js';
import { feedbackResults, getClassSurvey, myTeachingResults, recordFeedbackReminders } from '../services/feedback.service.js';
import type { JobContext, JobLog, JobOutcome } from './context.js';

const viDate = (d: string) => d.split('-').reverse().join('/');

/** A class's survey results: per question (average and distribution), per lecturer. */
export function reactionDocument(s: ClassSurvey, preparedBy: string, today: string): OfficialDocument {
  const r = s.results;
  const suppressed = !r || r.suppressed;
  const dist = (d: number[] | null, i: number) => (d ? (d[i] ?? 0) : '-');
  const rows = suppressed
    ? []
    : [
        ...r!.questions.map((q, i) => ({
          no: i + 1,
          item: `${reaction.SECTION_LABELS[q.section].vi}: ${q.text}`,
          average: q.average ?? '-',
          d1: dist(q.distribution, 0),
          d2: dist(q.distribution, 1),
          d3: dist(q.distribution, 2),
          d4: dist(q.distribution, 3),
          d5: dist(q.distribution, 4),
        })),
        ...r!.lecturers.map((l, i) => ({
          no: r!.questions.length + i + 1,
          item: `Giảng viên ${l.name} (${l.responses} phiếu)`,
          average: l.average ?? 'Dưới ngưỡng',
          d1: dist(l.distribution, 0),
          d2: dist(l.distribution, 1),
          d3: dist(l.distribution, 2),
          d4: dist(l.distribution, 3),
          d5: dist(l.distribution, 4),
        })),
      ];
  return {
    issuer: ['TRƯỜNG CHÍNH TRỊ', 'PHÒNG ĐÀO TẠO'],
    date: today,
    title: 'KẾT QUẢ KHẢO SÁT Ý KIẾN HỌC VIÊN',
    subtitle: `${s.className} (${s.programme.name}) · ${viDate(s.classStart)} – ${viDate(s.classEnd)}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'item', header: 'Nội dung đánh giá', width: 60 },
      { key: 'average', header: 'Điểm trung bình (1–5)', kind: 'decimal', width: 12 },
      ...LIKERT_COLUMNS,
    ],
    rows,
    notes: [
      r
        ? `Số phiếu: ${r.responses}/${r.learners} học viên (tỷ lệ trả lời ${r.responseRate === null ? '-' : `${String(r.responseRate).replace('.', ',')}%`}, làm tròn đến 1 chữ số thập phân). Điểm trung bình làm tròn đến 2 chữ số thập phân.`
        : 'Lớp chưa mở phiếu khảo sát.',
      suppressed && r ? `Kết quả không hiển thị vì số phiếu dưới ${r.minResponses} (ngưỡng bảo đảm ẩn danh).` : 'Phiếu khảo sát ẩn danh: kết quả không gắn với người trả lời.',
      ...(!suppressed && r!.comments.length > 0 ? [`Ý kiến khác (${r!.comments.length}): ${r!.comments.join(' | ')}`] : []),
    ],
    preparedBy: { role: 'Người lập biểu', name: preparedBy },
    approvedBy: { role: 'TRƯỞNG PHÒNG ĐÀO TẠO' },
  };
}

const LIKERT_COLUMNS = reaction.LIKERT_LABELS.map((label, i) => ({ key: `d${i + 1}`, header: `${i + 1}. ${label}`, group: 'Số phiếu theo mức đánh giá', kind: 'integer' as const, width: 11 }));

/** The agencies' feedback per class or programme, per milestone. */
export function feedbackDocument(f: FeedbackResults, preparedBy: string): OfficialDocument {
  const cols = agencyFeedback.MILESTONES.flatMap((m) => [
    { key: `owed${m}`, header: 'Đến hạn', group: `Sau ${m} tháng`, kind: 'integer' as const, width: 9 },
    { key: `sub${m}`, header: 'Đã gửi', group: `Sau ${m} tháng`, kind: 'integer' as const, width: 9 },
    { key: `over${m}`, header: 'Quá hạn', group: `Sau ${m} tháng`, kind: 'integer' as const, width: 9 },
    { key: `avg${m}`, header: 'Điểm TB', group: `Sau ${m} tháng`, kind: 'decimal' as const, width: 9 },
    { key: `fully${m}`, header: 'Vận dụng tốt', group: `Sau ${m} tháng`, kind: 'integer' as const, width: 10 },
  ]);
  return {
    header: 'party',
    issuer: ['TỈNH ỦY', 'BAN TỔ CHỨC'],
    date: f.asOf,
    title: 'TỔNG HỢP NHẬN XÉT CỦA CƠ QUAN VỀ NGƯỜI HỌC SAU ĐÀO TẠO',
    subtitle: f.groupBy === 'class' ? 'Theo lớp' : 'Theo chương trình',
    columns: [{ key: 'no', header: 'STT', kind: 'integer', width: 6 }, { key: 'label', header: f.groupBy === 'class' ? 'Lớp' : 'Chương trình', width: 40 }, { key: 'graduates', header: 'Số học viên tốt nghiệp', kind: 'integer', width: 11 }, ...cols],
    rows: f.rows.map((r, i) => ({
      no: i + 1,
      label: r.label,
      graduates: r.graduates,
      ...Object.fromEntries(
        r.milestones.flatMap((m) => [
          [`owed${m.milestone}`, m.owed],
          [`sub${m.milestone}`, m.submitted],
          [`over${m.milestone}`, m.overdue],
          [`avg${m.milestone}`, m.averageRating ?? '-'],
          [`fully${m.milestone}`, m.applies.fully],
        ]),
      ),
    })),
    notes: [
      `Mốc nhận xét: 6 và 12 tháng kể từ ngày tốt nghiệp (ngày cuối tháng không có thì lấy ngày cuối tháng); quá hạn khi chưa gửi sau ${agencyFeedback.OVERDUE_AFTER_DAYS} ngày.`,
      'Điểm TB: trung bình mức đánh giá 1–5 của các nhận xét đã gửi, làm tròn đến 2 chữ số thập phân.',
    ],
    preparedBy: { role: 'Người lập biểu', name: preparedBy },
    approvedBy: { role: 'TM. BAN TỔ CHỨC', title: 'TRƯỞNG BAN' },
  };
}

export async function runReactionExport(ctx: JobContext): Promise<JobOutcome> {
  const p = ctx.job.params as { classId: number; format: OfficialFormat };
  const s = await getClassSurvey(ctx.readDb, ctx.owner, p.classId);
  const today = todayInVietnam();
  const file = await renderOfficialDocument(reactionDocument(s, ctx.owner.displayName, today), p.format, { signal: ctx.signal });
  return { status: 'succeeded', result: { rows: s.results?.questions.length ?? 0 }, fileName: officialFileName(`khao-sat-hoc-vien-${s.className}`, today, p.format), file };
}

export async function runFeedbackExport(ctx: JobContext): Promise<JobOutcome> {
  const p = ctx.job.params as { groupBy: 'class' | 'programme'; format: OfficialFormat };
  const f = await feedbackResults(ctx.readDb, ctx.owner, { groupBy: p.groupBy });
  const file = await renderOfficialDocument(feedbackDocument(f, ctx.owner.displayName), p.format, { signal: ctx.signal });
  return { status: 'succeeded', result: { rows: f.rows.length }, fileName: officialFileName('nhan-xet-sau-dao-tao', f.asOf, p.format), file };
}

export async function runFeedbackReminders(ctx: Pick<AppContext, 'db'>, log: JobLog, today: IsoDate = todayInVietnam()): Promise<number> {
  const added = await recordFeedbackReminders(ctx.db, today);
  if (added > 0) log.info({ added }, 'agency feedback reminders recorded');
  return added;
}

// ---------- a lecturer's own results (branch lecturer-views, decision 0066) ----------

/** What learners said about one lecturer: one row per class and lecturer question, then the pooled figures. */
export function teachingResultsDocument(r: TeachingResults, preparedBy: string, today: string): OfficialDocument {
  const dist = (d: number[] | null, i: number) => (d ? (d[i] ?? 0) : '-');
  const rows: Record<string, string | number>[] = [];
  for (const c of r.classes) {
    rows.push({
      no: rows.length + 1,
      item: `${c.className} (${c.programmeName}), ${viDate(c.classStart)} – ${viDate(c.classEnd)}: ${c.responses} phiếu đánh giá giảng viên / ${c.learners} học viên`,
      average: c.suppressed ? 'Dưới ngưỡng' : (c.average ?? '-'),
      ...Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`d${i + 1}`, dist(c.distribution, i)])),
    });
    if (!c.suppressed)
      for (const q of c.questions)
        rows.push({ no: rows.length + 1, item: `   ${q.text}`, average: q.average ?? '-', ...Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`d${i + 1}`, dist(q.distribution, i)])) });
  }
  rows.push({
    no: rows.length + 1,
    item: `Chung các lớp đủ ngưỡng (${r.overall.classesShown} lớp, ${r.overall.responses} phiếu)`,
    average: r.overall.suppressed ? 'Dưới ngưỡng' : (r.overall.average ?? '-'),
    ...Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`d${i + 1}`, dist(r.overall.distribution, i)])),
  });
  return {
    issuer: ['TRƯỜNG CHÍNH TRỊ', 'PHÒNG ĐÀO TẠO'],
    date: today,
    title: 'Ý KIẾN HỌC VIÊN VỀ GIẢNG VIÊN',
    subtitle: r.lecturer ? `Giảng viên: ${r.lecturer.name}` : 'Tài khoản chưa gắn với giảng viên',
    columns: [
      { key: 'no', header: 'STT', kind: 'integer', width: 6 },
      { key: 'item', header: 'Lớp, nội dung đánh giá', width: 60 },
      { key: 'average', header: 'Điểm trung bình (1–5)', kind: 'decimal', width: 12 },
      ...LIKERT_COLUMNS,
    ],
    rows,
    notes: [
      'Phiếu khảo sát ẩn danh: chỉ tổng hợp các câu hỏi về giảng viên do học viên đánh giá chính giảng viên này; không gồm câu hỏi chung, ý kiến khác, đánh giá về giảng viên khác.',
      `Lớp có dưới ${r.minResponses} phiếu đánh giá giảng viên chỉ hiện số phiếu (ngưỡng bảo đảm ẩn danh) và không được tính vào số liệu chung. Điểm trung bình làm tròn đến 2 chữ số thập phân.`,
    ],
    preparedBy: { role: 'Người lập biểu', name: preparedBy },
    approvedBy: { role: 'TRƯỞNG PHÒNG ĐÀO TẠO' },
  };
}

export async function runTeachingResultsExport(ctx: JobContext): Promise<JobOutcome> {
  const p = ctx.job.params as { format: OfficialFormat };
  const r = await myTeachingResults(ctx.readDb, ctx.owner);
  const today = todayInVietnam();
  const file = await renderOfficialDocument(teachingResultsDocument(r, ctx.owner.displayName, today), p.format, { signal: ctx.signal });
  return { status: 'succeeded', result: { rows: r.classes.length }, fileName: officialFileName('y-kien-hoc-vien-ve-giang-vien', today, p.format), file };
}
