import { liveRefusalCodes, STATEMENT_MAX, type LiveRefusal, type LiveRefusalCode } from '@shangliang/contract';
import { ApiError } from '../../platform/api/client.ts';
import { errorMessage, fieldMessage } from '../../platform/errors.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.tsx';

/*
 * The live session's refusals in plain words. The server's details carry a stable code (and the
 * values its sentence needs), said here in the reader's language as `live.refusal.<code>`; the
 * schema checks that run before the service (length, link) are said by their field.
 */

const known = new Set<string>(liveRefusalCodes);

/** The dictionary key of a refusal code's sentence. */
export const refusalKey = (code: LiveRefusalCode) => `live.refusal.${code}` as MessageKey;

/** The live refusal an API error carries, if any. */
export function liveRefusalOf(e: unknown): LiveRefusal | null {
  if (!(e instanceof ApiError) || !Array.isArray(e.raw)) return null;
  const r = (e.raw as unknown[]).find(
    (d): d is LiveRefusal => typeof d === 'object' && d !== null && known.has(String((d as { code?: unknown }).code)),
  );
  return r ?? null;
}

/** One sentence for a refusal of the live session. */
export function liveError(t: Translate, e: unknown): string {
  const r = liveRefusalOf(e);
  if (r) return t(refusalKey(r.code), r.params);
  if (e instanceof ApiError && e.code === 'validation_failed' && e.details[0]) {
    const issue = e.details[0];
    if (/videoUrl$/.test(issue.field)) return t('live.error.httpsLink');
    if (/^body\.texts?(\.\d+)?$/.test(issue.field) && /at most/.test(issue.message)) return t('live.error.tooLong', { max: STATEMENT_MAX });
    return fieldMessage(t, issue);
  }
  return errorMessage(t, e);
}
