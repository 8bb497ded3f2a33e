/** Every error code the API answers with; the web app maps each to a message. */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'password_change_required'
  | 'invalid_credentials'
  | 'too_many_attempts'
  | 'rate_limited'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'invalid_transition'
  | 'internal';

/** A field that failed validation: where it is (`body.name`) and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The one error class: an HTTP status, a stable code, a message a person can read, details. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (why = 'you may not do this') => new AppError(403, 'forbidden', why);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const invalid = (field: string, message: string) =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, [{ field, message } satisfies FieldIssue]);
