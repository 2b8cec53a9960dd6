import { constants, crc32, deflateRawSync } from 'node:zlib';
import { IMPORT_COLUMNS, IMPORT_SHEET } from '../../apps/server/src/jobs/people-import/columns.js';

/**
 * Zip bombs shaped like a real .xlsx, built in memory (no binary in the repository): a workbook with
 * sheet "CanBo" whose shared strings and styles inflate to `sharedStringsBytes` + `stylesBytes` of
 * XML. A repeated 1 MiB block is deflated once with a full flush (byte-aligned, no reference to
 * earlier data) and its output repeated, so a 1 GiB bomb takes a second to build and ~1 MB to hold.
 */
export interface BombOptions {
  sharedStringsBytes: number;
  stylesBytes: number;
  /** Write small uncompressed sizes in the zip headers instead of the real ones. */
  lieAboutSizes?: boolean;
  /** Letters in each shared string (default 100). */
  stringLength?: number;
}

const BLOCK = 2 ** 20;

interface Part {
  name: string;
  data: Buffer; // deflated
  crc: number;
  size: number;
}

function smallPart(name: string, text: string): Part {
  const raw = Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
}

/** head + unit repeated to ~`bytes` + tail, deflated without ever holding the inflated text. */
function bombPart(name: string, head: string, unit: string, tail: string, bytes: number): Part {
  const block = Buffer.from(unit.repeat(Math.floor(BLOCK / unit.length)), 'utf8');
  const count = Math.max(1, Math.round(bytes / block.length));
  const h = Buffer.from(head, 'utf8');
  const t = Buffer.from(tail, 'utf8');
  const flush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
  const body = deflateRawSync(block, flush);
  const data = Buffer.concat([deflateRawSync(h, flush), ...Array<Buffer>(count).fill(body), deflateRawSync(t)]);
  let crc = crc32(h);
  for (let i = 0; i < count; i++) crc = crc32(block, crc);
  crc = crc32(t, crc);
  return { name, data, crc, size: h.length + block.length * count + t.length };
}

function zip(parts: Part[], lie: boolean): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = lie ? Math.min(p.size, 1000) : p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflated
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function xlsxBomb(o: BombOptions): Buffer {
  const header = IMPORT_COLUMNS.map((c, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>0</v></c>`).join('');
  const parts = [
    smallPart(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    smallPart('_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    smallPart('xl/workbook.xml', `${XML}<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="${IMPORT_SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    smallPart(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    smallPart('xl/worksheets/sheet1.xml', `${XML}<worksheet ${NS}><sheetData><row r="1">${header}</row></sheetData></worksheet>`),
    bombPart('xl/sharedStrings.xml', `${XML}<sst ${NS}>`, `<si><t>${'A'.repeat(o.stringLength ?? 100)}</t></si>`, '</sst>', o.sharedStringsBytes),
    bombPart(
      'xl/styles.xml',
      `${XML}<styleSheet ${NS}><cellXfs>`,
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      '</cellXfs></styleSheet>',
      o.stylesBytes,
    ),
  ];
  return zip(parts, o.lieAboutSizes ?? false);
}
