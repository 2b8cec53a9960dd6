/**
 * Content-Disposition for a download: an ASCII fallback for old clients and the exact UTF-8 name
 * (RFC 6266 / RFC 5987), e.g. `attachment; filename="Bao cao.xlsx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.xlsx`.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
