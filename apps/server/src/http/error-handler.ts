import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyError, FastifyInstance } from 'fastify';
import { DatabaseUnavailableError } from '@nang-tam/db';
import { ERRORS, type ErrorBody, type ErrorCode, type ErrorDetail } from '@nang-tam/contracts';
import { AppError } from '../errors.js';
import { REVALIDATE } from './static-assets.js';

function body(code: ErrorCode, details: ErrorDetail[] = [], message?: string): ErrorBody {
  return { error: { code, message: message ?? ERRORS[code].vi, details } };
}

/** Fastify's own errors (body parsing, limits) mapped onto our codes. */
function fromFastify(err: FastifyError): ErrorCode | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'MALFORMED_JSON';
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      break;
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return 'MALFORMED_JSON';
  if (err.statusCode === 429) return 'RATE_LIMITED';
  return null;
}

export function registerErrorHandling(app: FastifyInstance, webDist: string): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(body(err.code, err.details, err.message));
    }
    // validation errors thrown by our validatorCompiler arrive wrapped by Fastify
    const cause = (err as { validation?: unknown; cause?: unknown }).cause;
    if (cause instanceof AppError) return reply.status(cause.status).send(body(cause.code, cause.details));
    if (err instanceof DatabaseUnavailableError || cause instanceof DatabaseUnavailableError) {
      request.log.warn({ err: { message: err.message } }, 'database unavailable');
      return reply.status(503).header('retry-after', '5').send(body('DATABASE_UNAVAILABLE'));
    }
    const mapped = fromFastify(err);
    if (mapped) return reply.status(ERRORS[mapped].status).send(body(mapped));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(body('VALIDATION_FAILED'));
    }
    // log the failure without request data (which may carry personal data)
    request.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL'));
  });

  // the web app's routes are client-side: any other GET outside /api gets its index page
  const indexFile = join(webDist, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile) : null;
  app.setNotFoundHandler((request, reply) => {
    if (index && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(index);
    }
    return reply.status(404).send(body('NOT_FOUND'));
  });
}
