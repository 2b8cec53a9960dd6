/**
 * The layout of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), as plain data
 * that crosses into a worker thread and is rendered twice: as an editable Word file (docx.ts) and
 * as a PDF (pdf.ts). A document is a list of sections (a decision and the list attached to it, or
 * one summons per learner); each section starts on a new page.
 */

/** Who issues and signs (the organisation's document settings). */
export interface Issuer {
  headerStyle: 'state' | 'party';
  /** Cơ quan chủ quản, printed above the issuing body (empty: none). */
  parentBody: string;
  issuingBody: string;
  /** The abbreviation in the symbol, e.g. 'TCT'. */
  symbol: string;
  place: string;
  /** The line above the title, e.g. 'KT. HIỆU TRƯỞNG' (empty when the head signs). */
  signerAuthority: string;
  signerTitle: string;
  /** Empty: a blank line for the name to be written by hand. */
  signerName: string;
}

/** A run of text inside a paragraph. */
export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Run[];
  align?: 'left' | 'center' | 'justify' | 'right';
  /** First-line indent (the body of a decision). */
  indent?: boolean;
  /** Points; the body's size (14) when absent. */
  size?: number;
  spaceBefore?: number;
}

export interface TableColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  rows: string[][];
  /** Points (12 when absent). */
  size?: number;
}

export type Block = ParagraphBlock | TableBlock;

export interface Signature {
  authority: string;
  title: string;
  name: string;
}

export interface Section {
  orientation: 'portrait' | 'landscape';
  /** The issuer and motto block at the top, with the number and the place and date line. */
  header: { numberLine: string | null; dateLine: string | null } | null;
  /** Centred bold lines: the document type ('QUYẾT ĐỊNH') or a list's title. */
  title: string[];
  /** Centred lines under the title: the trích yếu, or a list's 'Kèm theo Quyết định số …'. */
  subtitle: string[];
  blocks: Block[];
  /** Recipients (Nơi nhận) on the left, signature on the right; a date line above the signature when the section has no header. */
  closing: { recipients: string[] | null; signature: Signature | null; dateLine: string | null } | null;
}

export interface AdminDocument {
  /** The file's name without extension. */
  fileTitle: string;
  issuer: Issuer;
  sections: Section[];
}

/** The body text size (Nghị định 30/2020: 13 to 14). */
export const BODY_SIZE = 14;
/** Page margins in millimetres (Phụ lục I: top and bottom 20-25, left 30-35, right 15-20). */
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
/** Landscape lists keep the binding edge at the top. */
export const LANDSCAPE_MARGINS_MM = { top: 30, bottom: 20, left: 20, right: 20 } as const;

/** The two header lines of the right column: the national motto, or the Party's name. */
export function mottoLines(style: Issuer['headerStyle']): { line: string; sub: string | null } {
  return style === 'party'
    ? { line: 'ĐẢNG CỘNG SẢN VIỆT NAM', sub: null }
    : { line: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', sub: 'Độc lập - Tự do - Hạnh phúc' };
}

export const upper = (s: string): string => s.toLocaleUpperCase('vi');

/** Plain text of a paragraph. */
export const textOf = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');
