/**
 * Parse each font file once per process instead of once per PDF (decision 0043).
 *
 * pdfmake asks its document for a font with `provideFont`, which makes pdfkit read the file and
 * parse it with fontkit (`fontkit.create`) for every PDF; fontkit then decodes the tables it needs
 * (cmap, hmtx, glyf, GSUB/GPOS) again for that PDF. That parsing was most of a certificate's cost. Here
 * `provideFont` builds pdfkit's EmbeddedFont around one fontkit font kept per file path: the subset
 * and the PDF objects are still made per document (a fresh EmbeddedFont registered in the document's
 * font families, exactly as pdfkit's `font()` does), only the parsed font is shared. Rendering is
 * synchronous between pdfmake's awaits and fontkit positions its stream before every read, so
 * documents rendered one after another or interleaved share it safely.
 *
 * Only fonts given as file paths (what the server's pdfmake users pass) go through the cache; any
 * other definition falls back to pdfmake's own code.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

interface FontkitFont {
  postscriptName: string;
}
interface PdfkitDocument {
  _font: unknown;
  _fontCount: number;
  _fontFamilies: Record<string, unknown>;
  font(src: string): PdfkitDocument;
}
interface PdfmakeDocument extends PdfkitDocument {
  fonts: Record<string, Record<string, unknown>>;
  fontCache: Record<string, Record<string, unknown>>;
  getFontType(bold: boolean, italics: boolean): string;
  validateLocalFile(path: string): void;
  virtualfs?: { existsSync(path: string): boolean };
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
}
type EmbeddedFontClass = new (document: PdfkitDocument, font: FontkitFont, id: string) => { name: string };

const pdfkitPath = require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] });
const fontkit = createRequire(pdfkitPath)('fontkit') as { create(data: Uint8Array): FontkitFont };
const PdfmakeDocumentClass = require('pdfmake/js/PDFDocument.js').default as { prototype: PdfmakeDocument };
const PdfkitDocumentClass = require(pdfkitPath) as new () => PdfkitDocument;

interface Parsed {
  bytes: Buffer;
  tables: Record<string, unknown>;
}
const parsed = new Map<string, Parsed>();
let EmbeddedFont: EmbeddedFontClass | null = null;

/**
 * A fresh fontkit font for one document whose decoded tables come from the font parsed once: what a
 * document changes (glyph objects, the layout engine) stays its own, what it only reads is shared.
 */
function fontAt(path: string): FontkitFont {
  let shared = parsed.get(path);
  if (!shared) {
    const bytes = readFileSync(path);
    const font = fontkit.create(bytes) as FontkitFont & { _tables: Record<string, unknown> } & Record<string, unknown>;
    for (const tag of SHARED_TABLES) void font[tag];
    parsed.set(path, (shared = { bytes, tables: font._tables }));
  }
  const font = fontkit.create(shared.bytes) as FontkitFont & { _tables: Record<string, unknown> };
  font._tables = Object.create(shared.tables) as Record<string, unknown>;
  return font;
}

/** pdfkit does not export EmbeddedFont: take its class from a font opened once on a scratch document. */
function embeddedFontClass(path: string): EmbeddedFontClass {
  if (!EmbeddedFont) EmbeddedFont = (new PdfkitDocumentClass().font(path)._font as { constructor: EmbeddedFontClass }).constructor;
  return EmbeddedFont;
}

// the tables pdfkit and fontkit read to lay out and subset TrueType text
const SHARED_TABLES = [
  'head',
  'hhea',
  'maxp',
  'hmtx',
  'cmap',
  'loca',
  'OS/2',
  'post',
  'name',
  'GDEF',
  'GSUB',
  'GPOS',
  'kern',
  'cvt ',
  'fpgm',
  'prep',
];

let installed = false;
let enabled = true;

/** Turns the sharing off and on again (the benchmark's baseline: pdfmake as it ships). */
export function shareParsedFonts(on: boolean): void {
  enabled = on;
}

/** Installs the cache on pdfmake's document class (once per process; later calls do nothing). */
export function installFontCache(): void {
  if (installed) return;
  installed = true;
  const proto = PdfmakeDocumentClass.prototype;
  const original = proto.provideFont;
  proto.provideFont = function provideFont(this: PdfmakeDocument, family: string, bold: boolean, italics: boolean) {
    if (!enabled) return original.call(this, family, bold, italics);
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache[family]?.[type];
    if (cached) return cached;
    const def = this.fonts[family]?.[type];
    if (typeof def !== 'string' || this.virtualfs?.existsSync(def)) return original.call(this, family, bold, italics);
    this.validateLocalFile(def);
    const Embedded = embeddedFontClass(def);
    const font = new Embedded(this, fontAt(def), `F${++this._fontCount}`);
    // what pdfkit's font() does for a new font: the families are what the document embeds at the end
    this._fontFamilies[def] = font;
    this.fontCache[family] = { ...this.fontCache[family], [type]: font };
    return font;
  };
}
