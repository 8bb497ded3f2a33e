import { handStates, liveSessionStates, pollStates, statementStates, type LiveRefusalCode } from '@shangliang/contract';
import { AppError } from '../../platform/errors.ts';
import {
  checkAutomaticTransition,
  checkTransition,
  defineLifecycle,
  nextActions,
  type Lifecycle,
  type Transition,
} from '../../platform/lifecycle.ts';
import { nowIso } from '../../platform/clock.ts';
import { notAllowed, wrongState } from './live.refusals.ts';
import type { HandRow, PollRow, SessionView, StatementRow } from './live.store.ts';

/*
 * The live module's lifecycles as data (STYLE.md point 3): a session, a raised hand (the speaker
 * queue), a poll and a statement's moderation. Each is a table of states and transitions naming
 * who may take them and their preconditions; the service applies them through `takeTransition`,
 * replies list the caller's next actions from them, and live.test.ts walks every transition and
 * every refusal. Refusals keep the live module's stable codes (live.refusals.ts, said by the web
 * in both languages): each lifecycle names the code of a wrong state, each transition the code
 * of a caller who may not take it, and preconditions answer with codes of their own.
 */

/** Who acts in a live session: a runner (the room's convener or staff) and/or a participant (an account's or a pseudonym's). */
export interface LiveActor {
  runner: boolean;
  participantId: string | null;
}

/** Every subject names its owner (the participant who raised or wrote it, if any): `who` reads only that and the actor. */
interface Owned {
  ownerId: string | null;
}

export interface SessionSubject extends Owned {
  session: SessionView;
}
export interface HandSubject extends Owned {
  hand: HandRow;
  session: SessionView;
  /** The name on the hand that has the floor now, if another one does. */
  speaking: string | null;
}
export interface PollSubject extends Owned {
  poll: PollRow;
}
export interface StatementSubject extends Owned {
  statement: StatementRow;
}

type SessionState = (typeof liveSessionStates)[number];
type HandState = (typeof handStates)[number];
type PollState = (typeof pollStates)[number];
type StatementState = (typeof statementStates)[number];

const runner = (a: LiveActor) => a.runner;
const runnerLabel = "the room's convener or staff";
const owns = (a: LiveActor, s: Owned) => a.participantId !== null && s.ownerId === a.participantId;

/** A lifecycle with the refusal codes the live module answers for it. */
export interface LiveLifecycle<State extends string, Subject extends Owned> {
  lifecycle: Lifecycle<State, Subject, LiveActor>;
  /** The code when the subject is not in a state the action starts from. */
  wrongStateCode: LiveRefusalCode;
  /** The code when the caller may not take an action (by action; `runnersOnly` when not named). */
  whoCodes?: Partial<Record<string, LiveRefusalCode>>;
}

/** The session is open and its closing time has not passed (as `ensureOpen` says for other requests). */
const sessionOpen = (s: { session: SessionView }) => {
  if (s.session.state !== 'open') return { reason: 'the live session is closed', code: 'sessionClosed' };
  if (s.session.closes_at && s.session.closes_at <= nowIso())
    return { reason: `the live session closed at ${s.session.closes_at}`, code: 'sessionClosedAt', params: { at: s.session.closes_at } };
  return undefined;
};

/**
 * A live session: open → closed, by a runner, or by the platform at its closing time (the same
 * transition, checked without a caller: `takeAutomaticTransition`).
 */
export const sessionLifecycle: LiveLifecycle<SessionState, SessionSubject> = {
  lifecycle: defineLifecycle<SessionState, SessionSubject, LiveActor>({
    name: 'live session',
    states: liveSessionStates,
    transitions: [{ action: 'close', from: ['open'], to: 'closed', who: runner, whoLabel: runnerLabel }],
  }),
  wrongStateCode: 'sessionClosed',
};

/**
 * A raised hand in the speaker queue: waiting → speaking (a runner gives the floor, while the
 * session is open and nobody else has it) → done (a runner ends the speech, which is logged to
 * the meeting record); a waiting hand is withdrawn by the person who raised it, or by a runner.
 */
export const handLifecycle: LiveLifecycle<HandState, HandSubject> = {
  lifecycle: defineLifecycle<HandState, HandSubject, LiveActor>({
    name: 'raised hand',
    states: handStates,
    transitions: [
      {
        action: 'giveFloor',
        from: ['waiting'],
        to: 'speaking',
        who: runner,
        whoLabel: runnerLabel,
        preconditions: [
          { name: 'sessionOpen', check: sessionOpen },
          {
            name: 'floorFree',
            check: (s) =>
              s.speaking === null
                ? undefined
                : {
                    reason: `${s.speaking} has the floor: finish that speech first`,
                    code: 'someoneSpeaking',
                    params: { name: s.speaking },
                  },
          },
        ],
      },
      { action: 'finish', from: ['speaking'], to: 'done', who: runner, whoLabel: runnerLabel },
      {
        action: 'withdraw',
        from: ['waiting'],
        to: 'withdrawn',
        who: (a, s) => a.runner || owns(a, s),
        whoLabel: 'the person who raised it, or staff',
      },
    ],
  }),
  wrongStateCode: 'handState',
  whoCodes: { withdraw: 'handOwnerOnly' },
};

/** A poll: open → closed, by a runner (hidden results then show to everyone). */
export const pollLifecycle: LiveLifecycle<PollState, PollSubject> = {
  lifecycle: defineLifecycle<PollState, PollSubject, LiveActor>({
    name: 'poll',
    states: pollStates,
    transitions: [{ action: 'close', from: ['open'], to: 'closed', who: runner, whoLabel: runnerLabel }],
  }),
  wrongStateCode: 'pollClosed',
};

/**
 * A statement's moderation: runners publish a pending (or rejected) statement and reject a
 * pending or published one; a runner or its author withdraws it, for good.
 */
export const statementLifecycle: LiveLifecycle<StatementState, StatementSubject> = {
  lifecycle: defineLifecycle<StatementState, StatementSubject, LiveActor>({
    name: 'statement',
    states: statementStates,
    transitions: [
      { action: 'publish', from: ['pending', 'rejected'], to: 'published', who: runner, whoLabel: runnerLabel },
      { action: 'reject', from: ['pending', 'published'], to: 'rejected', who: runner, whoLabel: runnerLabel },
      {
        action: 'withdraw',
        from: ['pending', 'published', 'rejected'],
        to: 'withdrawn',
        who: (a, s) => a.runner || owns(a, s),
        whoLabel: 'staff, or the author',
      },
    ],
  }),
  wrongStateCode: 'moderationMove',
  whoCodes: { publish: 'moderatorsOnly', reject: 'moderatorsOnly', withdraw: 'moderatorsOnly' },
};

/** Every live lifecycle, by the name replies use for it (`itemActions`, tests). */
export const liveLifecycles = { session: sessionLifecycle, hand: handLifecycle, poll: pollLifecycle, statement: statementLifecycle };

/** Says the platform's lifecycle refusal with the live module's codes (the web says those). */
function liveRefusal<State extends string, Subject extends Owned>(
  l: LiveLifecycle<State, Subject>,
  action: string,
  state: State,
  e: unknown,
): unknown {
  if (!(e instanceof AppError)) return e;
  if (e.code === 'invalid_transition') return wrongState(l.wrongStateCode, e.message, { params: { action, state } });
  if (e.code === 'forbidden') return notAllowed(l.whoCodes?.[action] ?? 'runnersOnly', e.message);
  if (e.code === 'precondition_failed' && Array.isArray(e.details)) {
    const failed = e.details as { precondition: string; reason: string; code?: string; params?: Record<string, string | number> }[];
    // The live shape of a refusal's details: `message` and `code` (the platform's `reason` and `precondition` kept).
    return new AppError(
      409,
      'precondition_failed',
      e.message,
      failed.map((f) => ({ ...f, message: f.reason })),
    );
  }
  return e;
}

/**
 * Checks that the actor may take an action on a subject in its state (the state, who, the
 * preconditions, in that order, as the platform checks them); returns the transition, whose `to`
 * is the new state. Refusals carry the live codes.
 */
export async function takeTransition<State extends string, Subject extends Owned>(
  l: LiveLifecycle<State, Subject>,
  action: string,
  state: State,
  actor: LiveActor,
  subject: Subject,
): Promise<Transition<State, Subject, LiveActor>> {
  try {
    return await checkTransition(l.lifecycle, action, state, actor, subject);
  } catch (e) {
    throw liveRefusal(l, action, state, e);
  }
}

/** The same check for an action the platform takes by itself (a session's closing time): no caller. */
export async function takeAutomaticTransition<State extends string, Subject extends Owned>(
  l: LiveLifecycle<State, Subject>,
  action: string,
  state: State,
  subject: Subject,
): Promise<Transition<State, Subject, LiveActor>> {
  try {
    return await checkAutomaticTransition(l.lifecycle, action, state, subject);
  } catch (e) {
    throw liveRefusal(l, action, state, e);
  }
}

/**
 * The actions the actor may try now on a subject in a state, owned by `ownerId` (`who` reads only
 * the owner, so the owner stands for the subject; preconditions are checked when an action is taken).
 */
export function nextActionsOn<State extends string, Subject extends Owned>(
  l: LiveLifecycle<State, Subject>,
  state: State,
  actor: LiveActor,
  ownerId: string | null,
): string[] {
  return nextActions(l.lifecycle, state, actor, { ownerId } as Subject);
}

/**
 * The actions the actor may take on items of a lifecycle, by state, for their own items and for
 * others': the web shows an item's buttons from this table, because items mostly reach it in
 * events, which are the same for everyone.
 */
export function actionsByState<State extends string, Subject extends Owned>(l: LiveLifecycle<State, Subject>, actor: LiveActor) {
  const table = (who: LiveActor, ownerId: string | null) => {
    const out: Record<string, string[]> = {};
    for (const state of l.lifecycle.states) {
      const actions = nextActionsOn(l, state, who, ownerId);
      if (actions.length) out[state] = actions;
    }
    return out;
  };
  // Someone who has not joined yet owns nothing yet, but will own what they raise or write (joining
  // on the way): the table of their own items is the one they will have then.
  const self = { ...actor, participantId: actor.participantId ?? 'self' };
  return { own: table(self, self.participantId), others: table(actor, null) };
}
