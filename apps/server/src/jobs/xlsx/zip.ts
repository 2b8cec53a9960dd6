import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { WORKBOOK_LIMITS, WorkbookTooLargeError, type WorkbookLimits } from './limits.js';

/**
 * Just enough of the zip format to look inside an .xlsx held in memory: the central directory,
 * small entries read whole, and one large entry streamed. Anything unexpected throws ZipError.
 */
export class ZipError extends Error {
  override name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOCAL_SIGNATURE;
}

/** The old binary Excel format (.xls, OLE2 compound document). */
export function looksLikeOle2(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

export function readZipDirectory(buf: Buffer): Map<string, ZipEntry> {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new ZipError('bad central directory');
    const nameLength = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    };
    entries.set(entry.name.replace(/^\//, ''), entry);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function compressedData(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIGNATURE) throw new ZipError(`bad local header: ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw new ZipError(`truncated entry: ${e.name}`);
  if (e.method !== STORED && e.method !== DEFLATED) throw new ZipError(`unsupported compression: ${e.name}`);
  return buf.subarray(start, start + e.compressedSize);
}

/** A small entry read whole; it may not inflate past `maxBytes` whatever its header says. */
export function readEntryText(buf: Buffer, e: ZipEntry, maxBytes = 16 * 2 ** 20): string {
  const data = compressedData(buf, e);
  if (e.method === STORED && data.length > maxBytes) throw new WorkbookTooLargeError('totalBytes', maxBytes, data.length);
  try {
    return (e.method === STORED ? data : inflateRawSync(data, { maxOutputLength: maxBytes })).toString('utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new WorkbookTooLargeError('totalBytes', maxBytes, maxBytes + 1);
    throw new ZipError(`cannot inflate: ${e.name}`);
  }
}

/** The entry's inflated bytes in chunks (~16 KiB), for entries too large to hold at once. */
export function streamEntry(buf: Buffer, e: ZipEntry): AsyncIterable<Buffer> {
  const data = compressedData(buf, e);
  const source = Readable.from([data]);
  return e.method === STORED ? source : source.pipe(createInflateRaw());
}

/** The entry's text in chunks, for entries too large to hold as one string. */
export function streamEntryText(buf: Buffer, e: ZipEntry): AsyncIterable<string> {
  const data = compressedData(buf, e);
  const source = Readable.from([data]);
  const out = e.method === STORED ? source : source.pipe(createInflateRaw());
  out.setEncoding('utf8');
  return out;
}

/**
 * Refuses a workbook whose central directory declares more than the limits allow: instant, as
 * nothing is inflated. The declared sizes can lie; measureEntries() counts the real ones.
 */
export function checkDeclaredSizes(entries: Map<string, ZipEntry>, limits: WorkbookLimits = WORKBOOK_LIMITS): void {
  if (entries.size > limits.entries) throw new WorkbookTooLargeError('entries', limits.entries, entries.size);
  let total = 0;
  for (const [name, e] of entries) {
    total += e.uncompressedSize;
    if (name === 'xl/sharedStrings.xml' && e.uncompressedSize > limits.sharedStringsBytes) {
      throw new WorkbookTooLargeError('sharedStringsBytes', limits.sharedStringsBytes, e.uncompressedSize);
    }
    if (name === 'xl/styles.xml' && e.uncompressedSize > limits.stylesBytes) {
      throw new WorkbookTooLargeError('stylesBytes', limits.stylesBytes, e.uncompressedSize);
    }
  }
  if (total > limits.totalBytes) throw new WorkbookTooLargeError('totalBytes', limits.totalBytes, total);
}

/**
 * Inflates every entry once, discarding the output and counting the bytes really produced (and the
 * shared strings): stops at the first limit passed, so a bomb costs at most the limit of inflating.
 */
export async function measureEntries(buf: Buffer, entries: Map<string, ZipEntry>, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<void> {
  let total = 0;
  for (const [name, e] of entries) {
    const own =
      name === 'xl/sharedStrings.xml'
        ? { limit: 'sharedStringsBytes' as const, max: limits.sharedStringsBytes }
        : name === 'xl/styles.xml'
          ? { limit: 'stylesBytes' as const, max: limits.stylesBytes }
          : null;
    let bytes = 0;
    let strings = 0;
    let tail = '';
    const stream = streamEntry(buf, e);
    try {
      for await (const chunk of stream) {
        bytes += chunk.length;
        total += chunk.length;
        if (own && bytes > own.max) throw new WorkbookTooLargeError(own.limit, own.max, bytes);
        if (total > limits.totalBytes) throw new WorkbookTooLargeError('totalBytes', limits.totalBytes, total);
        if (own?.limit === 'sharedStringsBytes') {
          // count in whole tags only: cut at the last '<' and keep the rest for the next chunk
          const text = tail + chunk.toString('latin1');
          const cut = text.lastIndexOf('<');
          strings += (cut < 0 ? text : text.slice(0, cut)).match(/<(?:\w+:)?si[\s>]/g)?.length ?? 0;
          tail = cut < 0 ? '' : text.slice(cut);
          if (strings > limits.sharedStrings) throw new WorkbookTooLargeError('sharedStrings', limits.sharedStrings, strings);
        }
      }
    } catch (err) {
      (stream as Readable).destroy?.();
      if (err instanceof WorkbookTooLargeError) throw err;
      throw new ZipError(`cannot inflate: ${e.name}`);
    }
  }
}
