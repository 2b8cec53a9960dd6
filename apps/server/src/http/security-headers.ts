import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The one Content-Security-Policy, for the web app, the API, the PDFs and the API documentation
 * (see docs/decisions/0017-hardening-the-edge.md):
 * - scripts only from this origin (the Vite build and Swagger UI load script files, none inline);
 * - styles from this origin plus inline styles: antd's CSS-in-JS writes <style> elements and
 *   Swagger UI sets style attributes (a style cannot run code);
 * - images from this origin and data:/blob: URLs (QR codes, icons);
 * - no plugins, no <base> elsewhere, forms post only here, and no page may frame ours.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  // the attendance check-in scans a QR code with the camera; nothing else needs a device
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Public, non-personal answers that a browser or proxy may keep for a few minutes. */
const CACHEABLE_ROUTES = new Set(['/api/v1/certificates/public-key', '/api/v1/verify/*']);

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/**
 * Security headers on every response, and `Cache-Control: no-store` on every API answer (they
 * carry personal data, and a shared computer's browser cache must not keep them) except the public
 * certificate check and its key.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    if (isApi(request)) {
      const route = request.routeOptions.url ?? '';
      reply.header('cache-control', CACHEABLE_ROUTES.has(route) && reply.statusCode === 200 ? 'public, max-age=300' : 'no-store');
    }
    return payload;
  });
}
