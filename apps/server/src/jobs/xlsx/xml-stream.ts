/**
 * A small streaming tokenizer for the XML parts of an .xlsx (SpreadsheetML): enough for sheets,
 * shared strings and styles, no more. It is fed *decoded* text (the zip reader's streams decode
 * UTF-8 with a StringDecoder, so a letter split between two inflated chunks arrives whole) and may
 * be fed in pieces of any size: a tag, comment or CDATA section cut by a chunk boundary waits for
 * the next piece. Text is handed on raw (entities not decoded) and possibly in several pieces; the
 * handler joins and decodes it (decodeXmlText). No DTD is read and no entity other than the five
 * predefined ones and character references is expanded, so an entity bomb expands to nothing.
 */
export interface XmlHandler {
  /** An element opens; `attrs` is the raw attribute text; `selfClosing` for `<x/>` (no close follows). */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw character data between tags (entities not decoded), in one or more pieces. */
  text(raw: string): void;
}

export class XmlError extends Error {
  override name = 'XmlError';
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOT = 34;
const APOS = 39;

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

export class XmlTokenizer {
  private buf = '';

  constructor(private readonly h: XmlHandler) {}

  /** Feeds the next piece of the document. */
  write(chunk: string): void {
    const buf = this.buf.length > 0 ? this.buf + chunk : chunk;
    const h = this.h;
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const lt = buf.indexOf('<', i);
      if (lt < 0) {
        h.text(buf.slice(i));
        i = n;
        break;
      }
      if (lt > i) h.text(buf.slice(i, lt));
      i = lt;
      if (i + 1 >= n) break;
      const next = buf.charCodeAt(i + 1);
      if (next === 33 /* ! */) {
        if (buf.startsWith('<!--', i)) {
          const end = buf.indexOf('-->', i + 4);
          if (end < 0) break;
          i = end + 3;
          continue;
        }
        if (buf.startsWith('<![CDATA[', i)) {
          const end = buf.indexOf(']]>', i + 9);
          if (end < 0) break;
          // CDATA is literal: escape what decodeXmlText would otherwise decode
          h.text(buf.slice(i + 9, end).replace(/&/g, '&amp;'));
          i = end + 3;
          continue;
        }
        if (i + 9 > n) break; // cannot tell yet whether it is a CDATA section
        if (buf.startsWith('<!DOCTYPE', i)) throw new XmlError('a document type declaration is not allowed');
        const end = buf.indexOf('>', i);
        if (end < 0) break;
        i = end + 1;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = buf.indexOf('?>', i + 2);
        if (end < 0) break;
        i = end + 2;
        continue;
      }
      // a tag: its end is the first '>' outside a quoted attribute value
      let quote = 0;
      let gt = -1;
      for (let k = i + 1; k < n; k++) {
        const c = buf.charCodeAt(k);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === QUOT || c === APOS) quote = c;
        else if (c === GT) {
          gt = k;
          break;
        } else if (c === LT) throw new XmlError('"<" inside a tag');
      }
      if (gt < 0) break;
      if (next === SLASH) {
        h.close(localName(buf.slice(i + 2, gt).trim()));
      } else {
        const selfClosing = buf.charCodeAt(gt - 1) === SLASH;
        const end = selfClosing ? gt - 1 : gt;
        let k = i + 1;
        while (k < end) {
          const c = buf.charCodeAt(k);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          k++;
        }
        h.open(localName(buf.slice(i + 1, k)), buf.slice(k, end), selfClosing);
      }
      i = gt + 1;
    }
    this.buf = i < n ? buf.slice(i) : '';
    // a single construct this long is not a sheet's
    if (this.buf.length > 16 * 2 ** 20) throw new XmlError('unterminated markup');
  }

  /** The document ended: anything left open is a truncated part. */
  end(): void {
    if (this.buf.trim() !== '') throw new XmlError('truncated document');
  }
}

/** Feeds a whole stream of text through a handler. */
export async function tokenizeXml(chunks: AsyncIterable<string>, h: XmlHandler, onChunk?: () => void): Promise<void> {
  const t = new XmlTokenizer(h);
  for await (const chunk of chunks) {
    t.write(chunk);
    onChunk?.();
  }
  t.end();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data or attribute value with its entities decoded. */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Excel's own escape of characters XML cannot hold, "_x000D_" (in <t> elements). */
export function decodeExcelEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag by local name, values decoded. */
export function parseAttributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw.length === 0) return out;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) out[localName(m[1]!)] = decodeXmlText(m[2] ?? m[3] ?? '');
  return out;
}
