import { ApiError } from '../api/client.ts';
import { errorMessage } from '../errors.ts';
import { isMessageKey, type Translate } from '../i18n/index.tsx';

interface Refusal {
  precondition?: string;
  reason?: string;
  /** The server's code for the reason, said in the reader's language when the dictionary has it. */
  code?: string;
  params?: Record<string, string | number>;
}

/** The reasons a lifecycle refused a transition, in plain words (Chinese names for the preconditions). */
export function refusalLines(t: Translate, e: unknown): string[] {
  if (!(e instanceof ApiError)) return [errorMessage(t, e)];
  const raw = Array.isArray(e.raw) ? (e.raw as Refusal[]) : [];
  const lines = raw
    .filter((r) => typeof r === 'object' && r !== null && typeof r.reason === 'string')
    .map((r) => {
      const key = `precondition.${r.precondition ?? ''}`;
      const reasonKey = `refusal.${r.code ?? ''}`;
      const reason = isMessageKey(reasonKey) ? t(reasonKey, r.params) : (r.reason ?? '');
      return isMessageKey(key) ? t('refusal.line', { name: t(key), reason }) : reason;
    });
  return lines.length ? lines : [errorMessage(t, e)];
}
