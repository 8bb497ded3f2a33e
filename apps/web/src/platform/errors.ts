import { ApiError, type FieldIssue } from './api/client.ts';
import { formatTime } from './format.ts';
import { isMessageKey, type MessageKey, type Translate } from './i18n/index.tsx';

/*
 * The server answers stable codes and English messages; people read Chinese. Codes map to
 * dictionary keys; the field messages the contract and services produce map to plain words.
 */

const fieldMessages: [RegExp, MessageKey][] = [
  [/^required$/, 'validation.required'],
  [/^not a valid mobile number$/, 'validation.phone'],
  [/^at least 8 characters$/, 'validation.passwordMin'],
  [/^at most (\d+) characters$/, 'validation.maxLength'],
  [/^3-32 letters/, 'validation.username'],
  [/control or invalid characters/, 'validation.invalidChars'],
  [/^wrong password$/, 'validation.wrongPassword'],
  [/^must differ from the current password$/, 'validation.samePassword'],
  [/^no such (node|room or town)$/, 'validation.noSuchNode'],
  [/^choose a room, a town or a body$/, 'validation.noSuchNode'],
  [/^give a username or a phone number$/, 'validation.usernameOrPhone'],
  [/cannot hold a/, 'validation.kindNotAllowed'],
  [/^required for a/, 'validation.subkindRequired'],
  [/cannot be|only a city body/, 'validation.subkindNotAllowed'],
  [/^above max$/, 'lottery.maxBelowMin'],
];

/** A field message from the server in plain words; `label` names the field for "请填写…". */
export function fieldMessage(t: Translate, issue: FieldIssue, label = ''): string {
  for (const [re, key] of fieldMessages) {
    const m = re.exec(issue.message);
    if (m) return t(key, { label, max: m[1] ?? '' });
  }
  return t('validation.invalid');
}

/** One sentence for an error, to show once (message or alert). */
export function errorMessage(t: Translate, e: unknown): string {
  if (!(e instanceof ApiError)) return t('error.unknown');
  if (e.code === 'conflict' && /phone number is already registered/.test(e.message)) return t('error.phoneTaken');
  if (e.code === 'precondition_failed') {
    const m = /archive its (\d+) child/.exec(e.message);
    if (m) return t('error.childrenFirst', { count: m[1]! });
    if (/root body/.test(e.message)) return t('error.rootArchive');
  }
  const retryAfter = (e.raw as { retryAfter?: unknown } | undefined)?.retryAfter;
  if (e.code === 'too_many_attempts' && typeof retryAfter === 'string') {
    return t('error.too_many_attempts_until', { time: formatTime(retryAfter) });
  }
  const key = `error.${e.code}`;
  if (isMessageKey(key)) return t(key, { detail: e.message });
  return t('error.unknown');
}
