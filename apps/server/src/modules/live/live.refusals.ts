import type { LiveRefusalCode } from '@shangliang/contract';
import { AppError, type ErrorCode } from '../../platform/errors.ts';

/*
 * The live module's refusals, as the lifecycle's are: the HTTP status and error code, an English
 * message for logs and API users, and in the details one entry with the field at fault (when
 * there is one), a stable `code` from the contract's list and the values its sentence needs.
 * The web says the code in the reader's language (`live.refusal.<code>`).
 */

type Params = Record<string, string | number>;

/** A refusal with its code; `field` names the request field at fault (`body.text`). */
export function refusal(
  status: number,
  error: ErrorCode,
  code: LiveRefusalCode,
  message: string,
  o: { field?: string; params?: Params } = {},
): AppError {
  const entry = { ...(o.field ? { field: o.field } : {}), message, code, ...(o.params ? { params: o.params } : {}) };
  return new AppError(status, error, o.field ? `${o.field}: ${message}` : message, [entry]);
}

/** 400: a field of the request is wrong. */
export const badField = (field: string, code: LiveRefusalCode, message: string, params?: Params) =>
  refusal(400, 'validation_failed', code, message, { field, params });

/** 403: the caller may not do this. */
export const notAllowed = (code: LiveRefusalCode, message: string, params?: Params) => refusal(403, 'forbidden', code, message, { params });

/** 409: the session, statement, hand or poll is not in a state that allows it. */
export const wrongState = (code: LiveRefusalCode, message: string, o: { field?: string; params?: Params } = {}) =>
  refusal(409, 'invalid_transition', code, message, o);

/** 409: it would duplicate or collide with something that exists. */
export const clash = (code: LiveRefusalCode, message: string, o: { field?: string; params?: Params } = {}) =>
  refusal(409, 'conflict', code, message, o);
