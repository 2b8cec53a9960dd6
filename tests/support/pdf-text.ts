import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as a reader would copy it, for tests: pdfkit (under pdfmake) compresses
 * content streams and writes text as glyph ids of an embedded font subset, so the text is only
 * readable through each font's ToUnicode map. Enough of PDF for what pdfkit writes: indirect
 * objects, FlateDecode streams, Type0 fonts with ToUnicode (bfrange / bfchar), and the text
 * operators Tf, Tm, Tj and TJ. Text pieces on one baseline are joined; a new baseline starts a line.
 */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  const fontByResource = new Map<string, number>();
  for (const [num, obj] of objects) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(obj.dict);
    if (/\/Type \/Font\b/.test(obj.dict) && toUnicode) {
      const cmapObj = objects.get(Number(toUnicode[1]));
      if (cmapObj?.stream) cmaps.set(num, parseCMap(cmapObj.stream.toString('latin1')));
    }
    // font resource dictionaries: /Font << /F1 9 0 R /F2 12 0 R >>
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(obj.dict);
    if (fontDict) for (const m of fontDict[1]!.matchAll(/\/(\S+?) (\d+) 0 R/g)) fontByResource.set(m[1]!, Number(m[2]));
  }
  const lines: string[] = [];
  for (const [, obj] of objects) {
    if (!/\/Type \/Page\b/.test(obj.dict)) continue;
    const contents = /\/Contents (\d+) 0 R/.exec(obj.dict);
    const stream = contents ? objects.get(Number(contents[1]))?.stream : undefined;
    if (stream) lines.push(...pageText(stream.toString('latin1'), (name) => cmaps.get(fontByResource.get(name) ?? -1)));
  }
  return lines.join('\n');
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let dataStart = start + streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart += 1;
    if (text[dataStart] === '\n') dataStart += 1;
    const dataEnd = text.indexOf('endstream', dataStart);
    const raw = pdf.subarray(dataStart, dataEnd);
    out.set(Number(m[1]), { dict, stream: /\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw, { finishFlush: 2 }) : raw });
  }
  return out;
}

/** UTF-16BE hex (one code unit or a surrogate pair) → string. */
function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const target = m[3]!;
      if (target.startsWith('[')) {
        const values = [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((v) => utf16(v[1]!));
        values.forEach((v, i) => map.set(from + i, v));
      } else {
        const base = parseInt(target.slice(1, -1), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(base + (c - from)));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  return map;
}

function pageText(content: string, cmapOf: (fontName: string) => Map<number, string> | undefined): string[] {
  const lines: string[] = [];
  let current = '';
  let lastY: string | null = null;
  let cmap: Map<number, string> | undefined;
  const decode = (hex: string) => {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += cmap?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
    return s;
  };
  // operators in order: font selection, text matrix, shown strings
  for (const m of content.matchAll(
    /\/(\S+) [\d.]+ Tf|[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) Tm|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj/g,
  )) {
    if (m[1] !== undefined) cmap = cmapOf(m[1]);
    else if (m[2] !== undefined) {
      if (lastY !== null && m[2] !== lastY) {
        lines.push(current);
        current = '';
      }
      lastY = m[2];
    } else if (m[3] !== undefined) for (const h of m[3].matchAll(/<([0-9a-fA-F]*)>/g)) current += decode(h[1]!);
    else if (m[4] !== undefined) current += decode(m[4]);
  }
  if (current) lines.push(current);
  return lines.map((l) => l.trimEnd());
}
