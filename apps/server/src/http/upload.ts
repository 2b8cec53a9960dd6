import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { ERRORS } from '@nang-tam/contracts';
import { AppError, fieldError } from '../errors.js';

/** 413 with the limit in the message. */
export function uploadTooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new AppError('PAYLOAD_TOO_LARGE', [], `${ERRORS.PAYLOAD_TOO_LARGE.vi} Dung lượng tối đa là ${mb.toLocaleString('vi-VN')} MB.`);
}

/**
 * Reads the uploaded file, refusing it the moment it passes the limit. (The plugin's toBuffer()
 * can miss the limit when it is reached in the last chunk it delivers, and hand back a silently
 * truncated file; it also reads the rest of an oversized upload before failing.)
 */
export async function readUpload(file: Readable & { truncated?: boolean }, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const onLimit = () => file.destroy(uploadTooLarge(maxBytes));
  file.once('limit', onLimit);
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      size += chunk.length;
      chunks.push(chunk);
    }
  } catch (err) {
    // our own refusal, or a broken multipart body
    throw err instanceof AppError ? err : new AppError('VALIDATION_FAILED', [fieldError('file', 'INVALID_VALUE')]);
  } finally {
    file.off('limit', onLimit);
  }
  if (file.truncated || size > maxBytes) throw uploadTooLarge(maxBytes);
  return Buffer.concat(chunks, size);
}

/** A client-supplied file name as text that every column (text or JSON) can hold: no NUL, no broken characters, at most 255 long. */
export function cleanFileName(name: string): string {
  return Array.from(name.replace(/[\u0000-\u001f\u007f]/g, ''))
    .map((c) => (c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '\uFFFD' : c))
    .join('')
    .slice(0, 255);
}

/**
 * The uploaded part of a multipart request. A body that is not well-formed multipart (no boundary,
 * truncated, broken part headers) is the client's mistake: 400 on the "file" field. Limits and a
 * non-multipart content type keep their own answers (413, 415).
 */
export async function uploadedPart(request: FastifyRequest): Promise<MultipartFile | undefined> {
  try {
    const part = await request.file();
    if (part) part.filename = cleanFileName(part.filename ?? '');
    return part;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('FST_') && code !== 'FST_PROTO_VIOLATION') throw err;
    throw new AppError('VALIDATION_FAILED', [fieldError('file', 'INVALID_VALUE')]);
  }
}
