import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../db/index.ts';

/**
 * The one error handler: `{ error: { code, message, details } }`. A 5xx hides its cause from the
 * client (it is logged); database constraint violations become 409 on both databases.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (isUniqueViolation(err)) e = new AppError(409, 'conflict', 'this already exists');
    else if (isForeignKeyViolation(err)) e = new AppError(409, 'conflict', 'a referenced record does not exist or is still in use');
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') e = new AppError(413, 'payload_too_large', 'the request body is too large');
    else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      e = new AppError(415, 'unsupported_media_type', 'send JSON (content-type: application/json)');
    else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
      e = new AppError(400, 'invalid_json', 'the request body is not valid JSON', [{ field: 'body', message: 'not valid JSON' }]);
    else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
      e = new AppError(err.statusCode, 'validation_failed', err.message);
    else {
      request.log.error({ err }, 'unhandled error');
      e = new AppError(500, 'internal', 'something went wrong on our side; it has been logged');
    }
    if (e.status >= 500) request.log.error({ err }, e.message);
    void reply.code(e.status).send({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
