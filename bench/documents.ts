/**
 * `npx tsx bench/documents.ts [--learners 500]`: how long the printed documents of a large class
 * take to render (decision 0034), each against a baseline measured in the same run, printed as the
 * "Printed documents" section of docs/PERFORMANCE.md. Renders in this process (what one worker
 * thread does per request); the data is generated, no database is involved.
 *
 * - the class list (danh sách trích ngang) of N learners as DOCX and as PDF; baseline: the same
 *   N × 10 cells written as an xlsx by exceljs (the project's Excel exports);
 * - the class's N certificates as one PDF; baseline: the same N certificates rendered one by one
 *   (the single-certificate download, N times).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { classList, type CommonInput } from '../apps/server/src/documents/administrative/builders.js';
import { renderAdminDocx } from '../apps/server/src/documents/administrative/docx.js';
import { renderAdminPdf } from '../apps/server/src/documents/administrative/pdf.js';
import { renderCertificatePdf, renderCertificatesPdf, type CertificatePdfData } from '../apps/server/src/certificates/pdf.js';

const { values: args } = parseArgs({ options: { learners: { type: 'string', default: '500' }, runs: { type: 'string', default: '3' } } });
const N = Number(args.learners);
const RUNS = Number(args.runs);

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Lý', 'Ma', 'Nông', 'Đặng'];
const GIVEN = ['Văn Thắng', 'Thị Mai', 'Đức Anh', 'Thị Hồng Nhung', 'Quang Huy', 'Thị Thu Hà'];
const name = (i: number) => `${SURNAMES[i % SURNAMES.length]} ${GIVEN[i % GIVEN.length]} ${i + 1}`;

const input: CommonInput = {
  issuer: {
    headerStyle: 'party',
    parentBody: 'Tỉnh ủy Tuyên Quang',
    issuingBody: 'Trường Chính trị tỉnh Tuyên Quang',
    symbol: 'TCT',
    place: 'Tuyên Quang',
    signerAuthority: 'KT. HIỆU TRƯỞNG',
    signerTitle: 'PHÓ HIỆU TRƯỞNG',
    signerName: 'Nguyễn Thị Thu Hà',
  },
  number: '125',
  date: '2026-12-07',
  cls: {
    name: 'Trung cấp lý luận chính trị K99',
    cohortCode: 'K99',
    programmeName: 'Trung cấp lý luận chính trị',
    modeLabel: 'tập trung',
    site: 'Trường Chính trị tỉnh',
    startDate: '2026-03-02',
    endDate: '2026-11-27',
  },
  learners: Array.from({ length: N }, (_, i) => ({
    enrolmentId: i + 1,
    name: name(i),
    birthDate: `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`,
    gender: i % 2 === 0 ? ('male' as const) : ('female' as const),
    ethnicity: ['Kinh', 'Tày', 'Dao', 'Mông'][i % 4]!,
    position: 'Phó Chủ tịch UBND xã',
    unit: `UBND xã số ${1 + (i % 120)}`,
    education: 'Đại học',
    politicalTheory: 'Sơ cấp',
    stateManagement: 'Chuyên viên',
    status: 'completed' as const,
    average: 8.1,
    classification: 'Giỏi',
  })),
};

const certificates: CertificatePdfData[] = input.learners.map((l, i) => ({
  documentKind: 'diploma',
  documentTitle: 'Bằng tốt nghiệp',
  issuerName: 'Trường Chính trị tỉnh Tuyên Quang',
  issuerParentName: null,
  holderName: l.name,
  holderGender: l.gender,
  holderBirthDate: l.birthDate,
  programmeName: 'Trung cấp lý luận chính trị',
  className: input.cls.name,
  cohortCode: 'K99',
  modeLabel: 'tập trung',
  startDate: '2026-03-02',
  endDate: '2026-11-27',
  classificationLabel: 'Giỏi',
  number: `TC-LLCT/2026/${String(i + 1).padStart(6, '0')}`,
  place: 'Tuyên Quang',
  issuedOn: '2026-12-10',
  verificationUrl: `https://daotao.example.vn/verify/${'x'.repeat(180)}${i}`,
  revoked: false,
}));

/** Median wall time of `runs` runs, and the size of the last result. */
async function time(fn: () => Promise<Buffer | number>): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const out = await fn();
    times.push(performance.now() - t0);
    bytes = typeof out === 'number' ? out : out.length;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, bytes };
}

async function xlsxBaseline(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DanhSach');
  ws.addRow([
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Dân tộc',
    'Chức vụ',
    'Đơn vị công tác',
    'Trình độ chuyên môn',
    'Lý luận chính trị',
    'Quản lý nhà nước',
  ]);
  input.learners.forEach((l, i) =>
    ws.addRow([i + 1, l.name, l.birthDate, l.gender, l.ethnicity, l.position, l.unit, l.education, l.politicalTheory, l.stateManagement]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function oneByOne(): Promise<number> {
  let bytes = 0;
  for (const c of certificates) bytes += (await renderCertificatePdf(c)).length;
  return bytes;
}

const doc = classList(input);
const rows = [
  ['class list, DOCX', await time(() => renderAdminDocx(doc)), 'xlsx of the same cells (exceljs)', await time(xlsxBaseline)],
  ['class list, PDF', await time(() => renderAdminPdf(doc)), 'xlsx of the same cells (exceljs)', await time(xlsxBaseline)],
  [
    `${N} certificates, one PDF`,
    await time(() => renderCertificatesPdf(certificates)),
    `${N} single-certificate PDFs`,
    await time(oneByOne),
  ],
] as const;

const kb = (b: number) => `${Math.round(b / 1024).toLocaleString('en')} KiB`;
const s = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const lines = [
  '## Printed documents (DOCX and PDF of a class)',
  '',
  `_Measured ${new Date().toISOString().slice(0, 10)}: a generated class of ${N.toLocaleString('en')} learners, in one process (what one worker thread does per request), median of ${RUNS} runs, ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Run: \`npx tsx bench/documents.ts --learners ${N}\`._`,
  '',
  '| document | time | size | baseline | baseline time | ratio |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    ([what, ours, base, b]) => `| ${what} | ${s(ours.ms)} | ${kb(ours.bytes)} | ${base} | ${s(b.ms)} | ${(ours.ms / b.ms).toFixed(2)}× |`,
  ),
  '',
];
console.log(lines.join('\n'));
