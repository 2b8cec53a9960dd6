// Precompressed copies of the web app's text files: `<file>.br` (brotli, quality 11) and `<file>.gz`
// (gzip, level 9) beside each one, written once at build time so that neither the server
// (@fastify/static's preCompressed) nor nginx (gzip_static / brotli_static) compresses per request.
// Used by scripts/build-web.mjs (apps/web/dist) and scripts/build-server.mjs (dist/web).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest']);

/** Files smaller than this are sent as they are: compression would save less than a packet. */
export const MIN_BYTES = 1024;

const isFresh = (copy, source) => {
  try {
    return statSync(copy).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
};

/** Writes the .br and .gz of every compressible file of `dir` (recursively) that lacks an up-to-date one. */
export async function precompress(dir) {
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && COMPRESSIBLE.has(extname(e.name)))
    .map((e) => join(e.parentPath, e.name));
  let written = 0;
  await Promise.all(
    files.map(async (file) => {
      const data = readFileSync(file);
      if (data.length < MIN_BYTES) return;
      if (isFresh(`${file}.br`, file) && isFresh(`${file}.gz`, file)) return;
      const [br, gzipped] = await Promise.all([
        brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gz(data, { level: 9 }),
      ]);
      writeFileSync(`${file}.br`, br);
      writeFileSync(`${file}.gz`, gzipped);
      written++;
    }),
  );
  return written;
}
