import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

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

export function readEntryText(buf: Buffer, e: ZipEntry): string {
  const data = compressedData(buf, e);
  try {
    return (e.method === STORED ? data : inflateRawSync(data)).toString('utf8');
  } catch {
    throw new ZipError(`cannot inflate: ${e.name}`);
  }
}

/** The entry's text in chunks, for entries too large to hold as one string. */
export function streamEntryText(buf: Buffer, e: ZipEntry): AsyncIterable<string> {
  const data = compressedData(buf, e);
  const source = Readable.from([data]);
  const out = e.method === STORED ? source : source.pipe(createInflateRaw());
  out.setEncoding('utf8');
  return out;
}
