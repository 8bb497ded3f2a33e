import type { LiveSession } from './api.ts';

/**
 * Whether the caller may take a lifecycle action on a hand, poll or statement now: the session's
 * reply lists, by the item's state, what the caller may do to their own items and to others'
 * (items mostly arrive in events, the same for everyone, so they cannot carry it themselves).
 * The server checks again, preconditions included, when the action is taken.
 */
export function mayAct(
  s: Pick<LiveSession, 'itemActions'>,
  kind: keyof LiveSession['itemActions'],
  item: { state: string; mine?: boolean },
  action: string,
): boolean {
  return s.itemActions[kind][item.mine ? 'own' : 'others'][item.state]?.includes(action) ?? false;
}
