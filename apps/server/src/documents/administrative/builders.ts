/**
 * The layout of each printed document of a class, built from plain data the service gathered
 * (pure: no database, no clock). Wording follows the administrative documents officials sign
 * today: a decision (Quyết định) with its legal bases (Căn cứ …), articles (Điều 1, 2, 3), recipients
 * and signature, and its list attached on landscape pages ('Kèm theo Quyết định số …').
 */
import { formatViDate, type IsoDate } from '@nang-tam/domain';
import { placeAndDateLine } from '../../certificates/pdf.js';
import { officialDate } from '../date-line.js';
import { upper, type AdminDocument, type Block, type Issuer, type Run, type Section, type Signature, type TableColumn } from './model.js';

export interface ClassInfo {
  name: string;
  cohortCode: string;
  programmeName: string;
  /** e.g. 'tập trung'. */
  modeLabel: string;
  site: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

/** A learner with the personal summary (trích ngang) and, after graduation, the outcome. */
export interface LearnerLine {
  enrolmentId: number;
  name: string;
  birthDate: IsoDate;
  gender: 'male' | 'female';
  ethnicity: string;
  /** Job position or title, '' when none. */
  position: string;
  unit: string;
  education: string;
  politicalTheory: string;
  stateManagement: string;
  status: 'enrolled' | 'completed' | 'failed';
  average: number | null;
  classification: string | null;
}

export interface CommonInput {
  issuer: Issuer;
  /** The number of a decision or summons; null leaves it blank for the clerk. */
  number: string | null;
  date: IsoDate;
  cls: ClassInfo;
  learners: LearnerLine[];
}

export interface AttendanceInput extends CommonInput {
  /** Held sessions in order. */
  sessions: { id: number; date: IsoDate }[];
  /** "enrolmentId:sessionId" → mark. */
  marks: Record<string, 'present' | 'absent_excused' | 'absent_unexcused' | 'recalled'>;
}

export interface GradeInput extends CommonInput {
  modules: { id: number; code: string; name: string }[];
  hasFinalExam: boolean;
  /** "enrolmentId:moduleId" (or "enrolmentId:final") → grade as printed ('8,5'). */
  grades: Record<string, string>;
}

export interface RegisterInput extends CommonInput {
  /** 'Bằng tốt nghiệp' or 'Giấy chứng nhận'. */
  documentTitle: string;
  entries: {
    entryNumber: number;
    number: string;
    holderName: string;
    birthDate: IsoDate;
    gender: 'male' | 'female';
    unit: string;
    classification: string;
    issuedOn: IsoDate;
    revoked: boolean;
  }[];
}

// ---------- shared parts ----------

/** 'ngày 07 tháng 12 năm 2026' (Nghị định 30/2020: days below 10 and months below 3 take a zero). */
export function longDate(iso: IsoDate): string {
  return officialDate(iso);
}

/** 'Số: 12/QĐ-TCT' (state) or 'Số 12-QĐ/TCT' (party); a blank number leaves room to write it. */
export function numberLine(issuer: Issuer, type: string, number: string | null): string {
  const n = number && number.trim() !== '' ? number.trim() : '      ';
  return issuer.headerStyle === 'party' ? `Số ${n}-${type}/${issuer.symbol}` : `Số: ${n}/${type}-${issuer.symbol}`;
}

function signatureOf(issuer: Issuer): Signature {
  return { authority: issuer.signerAuthority, title: issuer.signerTitle, name: issuer.signerName };
}

const p = (runs: Run[] | string, opts: Omit<Extract<Block, { kind: 'paragraph' }>, 'kind' | 'runs'> = {}): Block => ({
  kind: 'paragraph',
  runs: typeof runs === 'string' ? [{ text: runs }] : runs,
  indent: true,
  ...opts,
});

const article = (n: number, text: string): Block => p([{ text: `Điều ${n}. `, bold: true }, { text }]);

const inSentence = (name: string) => name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
const genderLabel = (g: 'male' | 'female') => (g === 'female' ? 'Nữ' : 'Nam');
const honorific = (g: 'male' | 'female') => (g === 'female' ? 'Bà' : 'Ông');
const classTitle = (c: ClassInfo) => `${c.name} (khóa ${c.cohortCode})`;
const period = (c: ClassInfo) => `từ ngày ${formatViDate(c.startDate)} đến ngày ${formatViDate(c.endDate)}`;
const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|]+/gu, '-');

/** The legal bases every decision of a training body cites. */
function bases(issuer: Issuer, extra: string[]): Block[] {
  return [
    p(
      'Căn cứ Nghị định số 101/2017/NĐ-CP ngày 01 tháng 9 năm 2017 của Chính phủ về đào tạo, bồi dưỡng cán bộ, công chức, viên chức và Nghị định số 89/2021/NĐ-CP ngày 18 tháng 10 năm 2021 sửa đổi, bổ sung một số điều của Nghị định số 101/2017/NĐ-CP;',
    ),
    p(`Căn cứ chức năng, nhiệm vụ, quyền hạn của ${issuer.issuingBody};`),
    ...extra.map((e) => p(e)),
  ];
}

/** The portrait first page of a decision: header, 'QUYẾT ĐỊNH', trích yếu, who decides, bases, articles, closing. */
function decisionSection(input: CommonInput, subject: string, basisLines: string[], articles: string[], recipients: string[]): Section {
  const { issuer } = input;
  const authority = issuer.signerAuthority
    ? upper(issuer.signerAuthority.replace(/^(KT|TL|TM|Q|TUQ)\.\s*/u, ''))
    : upper(issuer.signerTitle);
  return {
    orientation: 'portrait',
    header: { numberLine: numberLine(issuer, 'QĐ', input.number), dateLine: placeAndDateLine(issuer.place, input.date) },
    title: ['QUYẾT ĐỊNH'],
    subtitle: [subject],
    blocks: [
      p([{ text: `${authority} ${upper(issuer.issuingBody)}`, bold: true }], { align: 'center', indent: false, spaceBefore: 12 }),
      ...bases(issuer, basisLines),
      p([{ text: 'QUYẾT ĐỊNH:', bold: true }], { align: 'center', indent: false, spaceBefore: 10 }),
      ...articles.map((a, i) => article(i + 1, a)),
    ],
    closing: { recipients, signature: signatureOf(issuer), dateLine: null },
  };
}

/** A landscape list attached to a decision. */
function attachedList(input: CommonInput, title: string, columns: TableColumn[], rows: string[][], extra: Block[] = []): Section {
  const n = input.number && input.number.trim() !== '' ? input.number.trim() : '      ';
  const symbol = input.issuer.headerStyle === 'party' ? `${n}-QĐ/${input.issuer.symbol}` : `${n}/QĐ-${input.issuer.symbol}`;
  return {
    orientation: 'landscape',
    header: null,
    title: [title],
    subtitle: [`(Kèm theo Quyết định số ${symbol} ${longDate(input.date)} của ${input.issuer.issuingBody})`],
    blocks: [{ kind: 'table', columns, rows }, ...extra],
    closing: null,
  };
}

/** A landscape sheet (list, attendance, grades, register): header with the date, title, table, signature. */
function sheet(input: CommonInput, title: string, subtitle: string[], blocks: Block[]): Section {
  return {
    orientation: 'landscape',
    header: { numberLine: null, dateLine: placeAndDateLine(input.issuer.place, input.date) },
    title: [title],
    subtitle,
    blocks,
    closing: { recipients: null, signature: signatureOf(input.issuer), dateLine: null },
  };
}

const classSubtitle = (c: ClassInfo) => [
  `Lớp ${classTitle(c)}`.replace(/^Lớp Lớp /u, 'Lớp '),
  `(${c.programmeName}, hình thức ${c.modeLabel}, ${period(c)})`,
];

const LEARNER_COLUMNS: TableColumn[] = [
  { header: 'STT', width: 4, align: 'center' },
  { header: 'Họ và tên', width: 16 },
  { header: 'Ngày sinh', width: 9, align: 'center' },
  { header: 'Giới tính', width: 6, align: 'center' },
  { header: 'Chức vụ', width: 16 },
  { header: 'Đơn vị công tác', width: 22 },
];
const learnerRow = (l: LearnerLine, i: number) => [
  String(i + 1),
  l.name,
  formatViDate(l.birthDate),
  genderLabel(l.gender),
  l.position,
  l.unit,
];

// ---------- the documents ----------

export function studyDecision(input: CommonInput): AdminDocument {
  const { cls, issuer, learners } = input;
  const decision = decisionSection(
    input,
    `Về việc cử cán bộ, công chức, viên chức đi học lớp ${inSentence(cls.programmeName)}, ${classTitle(cls)}`,
    [
      `Căn cứ kế hoạch mở lớp ${classTitle(cls)} và danh sách học viên đã được duyệt;`,
      'Xét đề nghị của các cơ quan, đơn vị cử cán bộ đi học,',
    ],
    [
      `Cử ${learners.length} đồng chí (có danh sách kèm theo) tham gia học lớp ${inSentence(cls.programmeName)}, ${classTitle(cls)}, hình thức ${cls.modeLabel}, ${period(cls)}, tại ${cls.site}.`,
      'Các đồng chí có tên tại Điều 1 có trách nhiệm chấp hành nghiêm quy chế học tập; cơ quan, đơn vị cử người đi học tạo điều kiện về thời gian và thực hiện chế độ, chính sách đối với học viên theo quy định.',
      `Quyết định có hiệu lực kể từ ngày ký. Các phòng, khoa có liên quan của ${issuer.issuingBody}, thủ trưởng các cơ quan, đơn vị có người đi học và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
    ],
    ['Như Điều 3', 'Các cơ quan, đơn vị có học viên', 'Lưu: VT, ĐT'],
  );
  const list = attachedList(input, 'DANH SÁCH HỌC VIÊN ĐƯỢC CỬ ĐI HỌC', LEARNER_COLUMNS, learners.map(learnerRow));
  return { fileTitle: fileSafe(`Quyết định cử đi học - ${cls.name}`), issuer, sections: [decision, list] };
}

export function summons(input: CommonInput): AdminDocument {
  const { cls, issuer } = input;
  const sections: Section[] = input.learners.map((l) => ({
    orientation: 'portrait',
    header: { numberLine: numberLine(issuer, 'GTT', input.number), dateLine: placeAndDateLine(issuer.place, input.date) },
    title: ['GIẤY TRIỆU TẬP'],
    subtitle: [`Học lớp ${inSentence(cls.programmeName)}, ${classTitle(cls)}`],
    blocks: [
      p(`${issuer.issuingBody} trân trọng triệu tập:`, { spaceBefore: 14 }),
      p([{ text: `${honorific(l.gender)}: ` }, { text: l.name, bold: true }]),
      p(`Sinh ngày: ${formatViDate(l.birthDate)}`),
      p(`Chức vụ: ${l.position || '…'}`),
      p(`Đơn vị công tác: ${l.unit}`),
      p(`Đến học lớp ${inSentence(cls.programmeName)}, ${classTitle(cls)}, hình thức ${cls.modeLabel}.`),
      p(`Thời gian: ${period(cls)}.`),
      p(`Địa điểm: ${cls.site}.`),
      p(
        `Đề nghị thủ trưởng cơ quan, đơn vị tạo điều kiện để ${honorific(l.gender).toLocaleLowerCase('vi')} ${l.name} tham gia khóa học đầy đủ, đúng thời gian quy định./.`,
      ),
    ],
    closing: { recipients: ['Như trên', 'Cơ quan, đơn vị cử đi học', 'Lưu: VT, ĐT'], signature: signatureOf(issuer), dateLine: null },
  }));
  const who = input.learners.length === 1 ? input.learners[0]!.name : cls.name;
  return { fileTitle: fileSafe(`Giấy triệu tập - ${who}`), issuer, sections };
}

export function classList(input: CommonInput): AdminDocument {
  const columns: TableColumn[] = [
    { header: 'STT', width: 4, align: 'center' },
    { header: 'Họ và tên', width: 15 },
    { header: 'Ngày sinh', width: 9, align: 'center' },
    { header: 'Giới tính', width: 6, align: 'center' },
    { header: 'Dân tộc', width: 6, align: 'center' },
    { header: 'Chức vụ', width: 14 },
    { header: 'Đơn vị công tác', width: 18 },
    { header: 'Trình độ chuyên môn', width: 10 },
    { header: 'Lý luận chính trị', width: 9 },
    { header: 'Quản lý nhà nước', width: 9 },
  ];
  const rows = input.learners.map((l, i) => [
    String(i + 1),
    l.name,
    formatViDate(l.birthDate),
    genderLabel(l.gender),
    l.ethnicity,
    l.position,
    l.unit,
    l.education,
    l.politicalTheory,
    l.stateManagement,
  ]);
  return {
    fileTitle: fileSafe(`Danh sách trích ngang - ${input.cls.name}`),
    issuer: input.issuer,
    sections: [
      sheet(input, 'DANH SÁCH TRÍCH NGANG HỌC VIÊN', classSubtitle(input.cls), [
        { kind: 'table', columns, rows, size: 10 },
        p(`Danh sách có ${input.learners.length} học viên.`, { indent: false, size: 12 }),
      ]),
    ],
  };
}

const MARK_SIGNS = { present: 'x', absent_excused: 'P', absent_unexcused: 'K', recalled: 'T' } as const;
/** Sessions per table: a landscape A4 page holds about 15 date columns beside the names. */
const SESSIONS_PER_TABLE = 15;

export function attendanceSheet(input: AttendanceInput): AdminDocument {
  const blocks: Block[] = [p('Ký hiệu: x có mặt; P vắng có phép; K vắng không phép; T triệu tập về cơ quan.', { indent: false, size: 12 })];
  for (let start = 0; start < input.sessions.length; start += SESSIONS_PER_TABLE) {
    const chunk = input.sessions.slice(start, start + SESSIONS_PER_TABLE);
    if (input.sessions.length > SESSIONS_PER_TABLE)
      blocks.push(p([{ text: `Buổi ${start + 1} - ${start + chunk.length}`, bold: true }], { indent: false, size: 12, spaceBefore: 10 }));
    blocks.push({
      kind: 'table',
      size: 10,
      columns: [
        { header: 'STT', width: 4, align: 'center' },
        { header: 'Họ và tên', width: 18 },
        ...chunk.map((s) => ({ header: formatViDate(s.date).slice(0, 5), width: 4, align: 'center' as const })),
      ],
      rows: input.learners.map((l, i) => [
        String(i + 1),
        l.name,
        ...chunk.map((s) => (input.marks[`${l.enrolmentId}:${s.id}`] ? MARK_SIGNS[input.marks[`${l.enrolmentId}:${s.id}`]!] : '')),
      ]),
    });
  }
  const count = (l: LearnerLine, mark: keyof typeof MARK_SIGNS) =>
    input.sessions.filter((s) => input.marks[`${l.enrolmentId}:${s.id}`] === mark).length;
  blocks.push(p([{ text: 'Tổng hợp', bold: true }], { indent: false, size: 12, spaceBefore: 10 }));
  blocks.push({
    kind: 'table',
    size: 10,
    columns: [
      { header: 'STT', width: 4, align: 'center' },
      { header: 'Họ và tên', width: 18 },
      { header: 'Đơn vị công tác', width: 22 },
      { header: 'Số buổi', width: 6, align: 'center' },
      { header: 'Có mặt', width: 6, align: 'center' },
      { header: 'Vắng có phép', width: 7, align: 'center' },
      { header: 'Vắng không phép', width: 7, align: 'center' },
      { header: 'Triệu tập về cơ quan', width: 8, align: 'center' },
    ],
    rows: input.learners.map((l, i) => [
      String(i + 1),
      l.name,
      l.unit,
      String(input.sessions.length),
      String(count(l, 'present')),
      String(count(l, 'absent_excused')),
      String(count(l, 'absent_unexcused')),
      String(count(l, 'recalled')),
    ]),
  });
  return {
    fileTitle: fileSafe(`Bảng điểm danh - ${input.cls.name}`),
    issuer: input.issuer,
    sections: [sheet(input, 'BẢNG ĐIỂM DANH', classSubtitle(input.cls), blocks)],
  };
}

export function gradeSheet(input: GradeInput): AdminDocument {
  const moduleColumns = input.modules.map((m, i) => ({ header: `HP${i + 1}`, width: 5, align: 'center' as const }));
  const columns: TableColumn[] = [
    { header: 'STT', width: 4, align: 'center' },
    { header: 'Họ và tên', width: 16 },
    { header: 'Ngày sinh', width: 8, align: 'center' },
    ...moduleColumns,
    ...(input.hasFinalExam ? [{ header: 'Thi tốt nghiệp', width: 6, align: 'center' as const }] : []),
    { header: 'Điểm trung bình', width: 7, align: 'center' },
    { header: 'Xếp loại', width: 8, align: 'center' },
  ];
  const rows = input.learners.map((l, i) => [
    String(i + 1),
    l.name,
    formatViDate(l.birthDate),
    ...input.modules.map((m) => input.grades[`${l.enrolmentId}:${m.id}`] ?? ''),
    ...(input.hasFinalExam ? [input.grades[`${l.enrolmentId}:final`] ?? ''] : []),
    l.average === null ? '' : l.average.toFixed(2).replace('.', ','),
    l.classification ?? '',
  ]);
  const legend = input.modules.map((m, i) => `HP${i + 1}: ${m.name}`).join('; ');
  return {
    fileTitle: fileSafe(`Bảng điểm - ${input.cls.name}`),
    issuer: input.issuer,
    sections: [
      sheet(input, 'BẢNG ĐIỂM', classSubtitle(input.cls), [
        { kind: 'table', columns, rows, size: 10 },
        p(`Học phần: ${legend}.`, { indent: false, size: 11 }),
      ]),
    ],
  };
}

export function graduationDecision(input: CommonInput & { documentTitle: string }): AdminDocument {
  const { cls, issuer } = input;
  const graduates = input.learners.filter((l) => l.status === 'completed');
  const counts = new Map<string, number>();
  for (const g of graduates) counts.set(g.classification ?? '', (counts.get(g.classification ?? '') ?? 0) + 1);
  const breakdown = [...counts].map(([label, n]) => `${label || 'Chưa xếp loại'}: ${n}`).join('; ');
  const decision = decisionSection(
    input,
    `Về việc công nhận tốt nghiệp lớp ${inSentence(cls.programmeName)}, ${classTitle(cls)}`,
    [`Căn cứ kết quả học tập và kết quả xét tốt nghiệp lớp ${classTitle(cls)};`, 'Xét đề nghị của Hội đồng xét tốt nghiệp,'],
    [
      `Công nhận tốt nghiệp cho ${graduates.length} học viên lớp ${inSentence(cls.programmeName)}, ${classTitle(cls)}, hình thức ${cls.modeLabel}, ${period(cls)} (có danh sách và xếp loại kèm theo). Trong đó: ${breakdown}.`,
      `Các học viên có tên tại Điều 1 được cấp ${inSentence(input.documentTitle)} theo quy định.`,
      `Quyết định có hiệu lực kể từ ngày ký. Các phòng, khoa có liên quan của ${issuer.issuingBody}, thủ trưởng các cơ quan, đơn vị có học viên và các học viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
    ],
    ['Như Điều 3', 'Các cơ quan, đơn vị có học viên', 'Lưu: VT, ĐT'],
  );
  const columns: TableColumn[] = [
    ...LEARNER_COLUMNS,
    { header: 'Điểm trung bình', width: 8, align: 'center' },
    { header: 'Xếp loại tốt nghiệp', width: 10, align: 'center' },
  ];
  const rows = graduates.map((l, i) => [
    ...learnerRow(l, i),
    l.average === null ? '' : l.average.toFixed(2).replace('.', ','),
    l.classification ?? '',
  ]);
  const list = attachedList(input, 'DANH SÁCH HỌC VIÊN ĐƯỢC CÔNG NHẬN TỐT NGHIỆP', columns, rows);
  return { fileTitle: fileSafe(`Quyết định công nhận tốt nghiệp - ${cls.name}`), issuer, sections: [decision, list] };
}

export function certificateRegister(input: RegisterInput): AdminDocument {
  const columns: TableColumn[] = [
    { header: 'Số vào sổ', width: 6, align: 'center' },
    { header: 'Họ và tên', width: 15 },
    { header: 'Ngày sinh', width: 8, align: 'center' },
    { header: 'Giới tính', width: 5, align: 'center' },
    { header: 'Đơn vị công tác', width: 17 },
    { header: 'Xếp loại', width: 8, align: 'center' },
    { header: 'Số hiệu', width: 13, align: 'center' },
    { header: 'Ngày cấp', width: 8, align: 'center' },
    { header: 'Người nhận ký, ghi rõ họ tên', width: 12 },
    { header: 'Ghi chú', width: 8 },
  ];
  const rows = input.entries.map((e) => [
    String(e.entryNumber),
    e.holderName,
    formatViDate(e.birthDate),
    genderLabel(e.gender),
    e.unit,
    e.classification,
    e.number,
    formatViDate(e.issuedOn),
    '',
    e.revoked ? 'Đã thu hồi' : '',
  ]);
  return {
    fileTitle: fileSafe(`Sổ cấp phát ${input.documentTitle.toLocaleLowerCase('vi')} - ${input.cls.name}`),
    issuer: input.issuer,
    sections: [
      sheet(input, `SỔ CẤP PHÁT ${upper(input.documentTitle)}`, classSubtitle(input.cls), [{ kind: 'table', columns, rows, size: 10 }]),
    ],
  };
}
