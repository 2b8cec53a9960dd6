import ExcelJS from 'exceljs';
import { PARTY_MEMBERSHIPS, PERSON_CATEGORIES } from '@nang-tam/domain';
import { HEADER_FILL, HEADER_FONT } from '../xlsx/write.js';
import { columnLetter } from '../xlsx/cells.js';
import { EXAMPLE_PREFIX, IMPORT_COLUMNS, IMPORT_SHEET, REFERENCE_SHEET, TEXT_COLUMNS, type ColumnKey } from './columns.js';
import type { ReferenceLists } from './reference.js';

export const TEMPLATE_FILE = 'mau-nhap-ho-so-can-bo.xlsx';

/** Rows of the template that carry drop-downs (the example row and the rows below it). */
const VALIDATED_ROWS = 5000;

interface Block {
  title: string;
  rows: { code: string; name: string }[];
  /** The column a drop-down offers: codes, or names where the import accepts names. */
  offer: 'code' | 'name';
  column?: ColumnKey;
}

function blocks({ units, reference: r }: ReferenceLists): Block[] {
  const levels = (kind: string) => r.qualificationLevels.filter((l) => l.kind === kind);
  return [
    { title: 'Đơn vị', rows: units, offer: 'code', column: 'unit' },
    { title: 'Dân tộc', rows: r.ethnicities, offer: 'code', column: 'ethnicity' },
    { title: 'Đối tượng', rows: PERSON_CATEGORIES.map((c) => ({ code: c.code, name: c.vi })), offer: 'name', column: 'category' },
    { title: 'Chức danh', rows: r.titles, offer: 'code', column: 'title' },
    { title: 'Vị trí việc làm', rows: r.jobPositions, offer: 'code', column: 'jobPosition' },
    { title: 'Ngạch', rows: r.ranks, offer: 'code', column: 'rank' },
    { title: 'Diện quản lý', rows: r.managementScopes, offer: 'code', column: 'managementScope' },
    {
      title: 'Đảng viên',
      rows: [...PARTY_MEMBERSHIPS.map((m) => ({ code: m.code, name: m.vi })), { code: 'unknown', name: 'Chưa rõ' }],
      offer: 'name',
      column: 'partyMembership',
    },
    { title: 'Trình độ chuyên môn', rows: levels('education'), offer: 'name', column: 'educationLevel' },
    { title: 'Lý luận chính trị (LLCT)', rows: levels('political_theory'), offer: 'name', column: 'politicalTheoryLevel' },
    { title: 'Quản lý nhà nước (QLNN)', rows: levels('state_management'), offer: 'name', column: 'stateManagementLevel' },
  ];
}

/** The reference sheet: one block of code/name columns per list; returns each drop-down's range. */
function addReferenceSheet(wb: ExcelJS.Workbook, lists: ReferenceLists): Map<ColumnKey, string> {
  const ws = wb.addWorksheet(REFERENCE_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const ranges = new Map<ColumnKey, string>();
  blocks(lists).forEach((b, i) => {
    const col = i * 3 + 1;
    ws.getCell(1, col).value = b.title;
    ws.getCell(1, col).font = HEADER_FONT;
    ws.getCell(2, col).value = 'Mã';
    ws.getCell(2, col + 1).value = 'Tên';
    for (const c of [col, col + 1]) {
      ws.getCell(2, c).font = HEADER_FONT;
      ws.getCell(2, c).fill = HEADER_FILL;
    }
    ws.getColumn(col).width = 14;
    ws.getColumn(col + 1).width = 36;
    b.rows.forEach((row, j) => {
      ws.getCell(3 + j, col).value = row.code;
      ws.getCell(3 + j, col + 1).value = row.name;
    });
    if (b.column && b.rows.length > 0) {
      const letter = columnLetter(b.offer === 'code' ? col : col + 1);
      ranges.set(b.column, `${REFERENCE_SHEET}!$${letter}$3:$${letter}$${2 + b.rows.length}`);
    }
  });
  return ranges;
}

function exampleRow(lists: ReferenceLists): Partial<Record<ColumnKey, string>> {
  const r = lists.reference;
  return {
    fullName: `${EXAMPLE_PREFIX} Nguyễn Văn An (dòng này được bỏ qua khi nhập)`,
    citizenId: '001080012345',
    birthDate: '02/03/1980',
    gender: 'Nam',
    ethnicity: '01',
    category: 'Công chức',
    unit: lists.units[0]?.code ?? '',
    title: r.titles.find((t) => t.code === 'PCT_UBND_X')?.code ?? '',
    jobPosition: r.jobPositions[0]?.code ?? '',
    rank: r.ranks.find((x) => x.code === '01.003')?.code ?? '',
    managementScope: r.managementScopes.at(-1)?.code ?? '',
    partyMembership: 'Đảng viên chính thức',
    partyJoinedOn: '15/05/2005',
    partyOfficialOn: '15/05/2006',
    phone: '0912345678',
    email: 'nguyenvanan@example.gov.vn',
    educationLevel: 'Đại học',
    educationField: 'Luật',
    politicalTheoryLevel: 'Trung cấp',
    stateManagementLevel: 'Chuyên viên',
  };
}

/** The import template: sheet "CanBo" (header, example row, drop-downs) and sheet "DanhMuc" (valid codes). */
export async function buildImportTemplate(lists: ReferenceLists): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nâng Tầm';
  const ws = wb.addWorksheet(IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const ranges = addReferenceSheet(wb, lists);

  ws.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.height = 32;
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { ...HEADER_FONT, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
    if (c.note) cell.note = c.note;
  });

  const example = ws.addRow(exampleRow(lists));
  example.font = { italic: true, color: { argb: 'FF7F7F7F' } };

  const last = VALIDATED_ROWS + 1;
  // exceljs supports range validations at run time; its type declarations lack the property
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  IMPORT_COLUMNS.forEach((c, i) => {
    const range = c.key === 'gender' ? '"Nam,Nữ"' : ranges.get(c.key);
    if (!range) return;
    const letter = columnLetter(i + 1);
    validations.add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Giá trị ngoài danh mục',
      error: 'Giá trị này không có trong danh mục (trang DanhMuc). Vẫn giữ?',
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
