import { ApiError } from '../../platform/api/client.ts';
import { errorMessage } from '../../platform/errors.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.tsx';

/*
 * The live session's refusals in plain words: the server's messages (English, stable) mapped to
 * sentences people read next to the field or once above it.
 */

const byMessage: [RegExp, MessageKey][] = [
  [/same statement is already|duplicate statement/, 'live.error.duplicate'],
  [/has no words/, 'live.error.empty'],
  [/at most 140 characters/, 'live.error.tooLong'],
  [/hand is already raised/, 'live.error.handRaised'],
  [/waiting for moderation/, 'live.error.statementPending'],
  [/the statement (was|is) (withdrawn|rejected)/, 'live.error.statementGone'],
  [/live session (is )?closed|session closed at|already closed/, 'live.error.closed'],
  [/the poll is (already )?closed/, 'live.error.pollClosed'],
  [/not a consensus statement/, 'live.error.notConsensus'],
  [/already a recommendation/, 'live.error.alreadyPromoted'],
  [/has the floor/, 'live.error.someoneSpeaking'],
  [/already has an open live session/, 'live.error.alreadyOpen'],
  [/wrong sign-in code/, 'live.error.venueCode'],
  [/invited participants/, 'live.error.invitedOnly'],
  [/log in to take part|join the session first/, 'live.error.loginFirst'],
  [/an https:\/\/ link/, 'live.error.httpsLink'],
  [/needs the time it closes/, 'live.error.closesAtRequired'],
  [/must be in the future/, 'live.error.closesAtPast'],
  [/needs at least one sub-venue/, 'live.error.venueRequired'],
  [/needs 2 to 10 options/, 'live.error.optionsCount'],
  [/option is listed twice/, 'live.error.optionTwice'],
  [/choose at least one option|choose exactly one option/, 'live.error.chooseOption'],
  [/while the deliberation is prepared or in session/, 'live.error.deliberationState'],
  [/recommendations .*(in session|outcome)|cannot add recommendations/, 'live.error.deliberationState'],
];

/** One sentence for a refusal of the live session. */
export function liveError(t: Translate, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'rate_limited') return t('live.error.rateLimited');
    const texts = [e.message, ...e.details.map((d) => d.message)];
    for (const [re, key] of byMessage) {
      if (texts.some((x) => re.test(x))) {
        const name = /^(.+) has the floor/.exec(e.message)?.[1] ?? '';
        return t(key, { name, max: 140 });
      }
    }
  }
  return errorMessage(t, e);
}
