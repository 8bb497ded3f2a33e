import { AppError } from './errors.ts';

/*
 * Lifecycles as data (STYLE.md point 3): one table of states and transitions, each naming who may
 * take it and its preconditions. Services apply it; replies list the next actions the actor may
 * take (the UI shows those as buttons); a test walks every transition and every refusal.
 */

/**
 * Why a precondition is not met: `reason` in English (the API's message) and, so that the UI can
 * say it in the reader's language, a `code` with its values (`refusal.<code>` in the web's
 * dictionaries).
 */
export interface Unmet {
  reason: string;
  code: string;
  params?: Record<string, string | number>;
}

/** A precondition: undefined when met, or why it is not (one reason or several). */
export type Precondition<Subject> = (
  subject: Subject,
) => Promise<string | Unmet | readonly Unmet[] | undefined> | string | Unmet | readonly Unmet[] | undefined;

export interface Transition<State extends string, Subject, Actor> {
  action: string;
  from: readonly State[];
  to: State;
  /** Who may take it, given the subject (role checks scoped to the subject's place). */
  who: (actor: Actor, subject: Subject) => boolean;
  /** A short description of who may take it, for refusals and docs. */
  whoLabel: string;
  preconditions?: readonly { name: string; check: Precondition<Subject> }[];
  /** The action needs a reason (decline, cancel): the service checks it is given. */
  needsReason?: boolean;
}

export interface Lifecycle<State extends string, Subject, Actor> {
  name: string;
  states: readonly State[];
  transitions: readonly Transition<State, Subject, Actor>[];
}

/** Declares a lifecycle; checks that every transition names known states and unique actions. */
export function defineLifecycle<State extends string, Subject, Actor>(
  l: Lifecycle<State, Subject, Actor>,
): Lifecycle<State, Subject, Actor> {
  const seen = new Set<string>();
  for (const t of l.transitions) {
    if (seen.has(t.action)) throw new Error(`${l.name}: action ${t.action} declared twice`);
    seen.add(t.action);
    for (const s of [...t.from, t.to]) if (!l.states.includes(s)) throw new Error(`${l.name}: unknown state ${s} in ${t.action}`);
  }
  return l;
}

/** The actions the actor may try now (from the current state, allowed for them). */
export function nextActions<State extends string, Subject, Actor>(
  l: Lifecycle<State, Subject, Actor>,
  state: State,
  actor: Actor,
  subject: Subject,
): string[] {
  return l.transitions.filter((t) => t.from.includes(state) && t.who(actor, subject)).map((t) => t.action);
}

/**
 * Checks that an action may be taken now, by this actor, with its preconditions met; returns the
 * transition. Refusals say why: 404-like unknown action (400), wrong state (409
 * invalid_transition), not allowed (403), a precondition failed (409 precondition_failed, with
 * every failed precondition listed).
 */
export async function checkTransition<State extends string, Subject, Actor>(
  l: Lifecycle<State, Subject, Actor>,
  action: string,
  state: State,
  actor: Actor,
  subject: Subject,
  reason?: string | null,
): Promise<Transition<State, Subject, Actor>> {
  const t = l.transitions.find((x) => x.action === action);
  if (!t) {
    throw new AppError(400, 'validation_failed', `params.action: unknown action ${action}`, [
      { field: 'params.action', message: `unknown action; one of ${l.transitions.map((x) => x.action).join(', ')}` },
    ]);
  }
  if (!t.from.includes(state)) {
    throw new AppError(409, 'invalid_transition', `cannot ${action} a ${l.name} that is ${state}`, { state, allowedFrom: t.from });
  }
  if (!t.who(actor, subject)) throw new AppError(403, 'forbidden', `only ${t.whoLabel} may ${action} this ${l.name}`);
  if (t.needsReason && !reason?.trim()) {
    throw new AppError(400, 'validation_failed', 'body.reason: required', [{ field: 'body.reason', message: 'required' }]);
  }
  await checkPreconditions(t, subject);
  return t;
}

/**
 * Checks an action the platform takes by itself when a rule says so (an evaluation window
 * ending): the same state and preconditions as for a person, without the check of who.
 */
export async function checkAutomaticTransition<State extends string, Subject, Actor>(
  l: Lifecycle<State, Subject, Actor>,
  action: string,
  state: State,
  subject: Subject,
): Promise<Transition<State, Subject, Actor>> {
  const t = l.transitions.find((x) => x.action === action);
  if (!t) throw new Error(`${l.name}: unknown action ${action}`);
  if (!t.from.includes(state)) {
    throw new AppError(409, 'invalid_transition', `cannot ${action} a ${l.name} that is ${state}`, { state, allowedFrom: t.from });
  }
  await checkPreconditions(t, subject);
  return t;
}

async function checkPreconditions<State extends string, Subject, Actor>(t: Transition<State, Subject, Actor>, subject: Subject) {
  const failed: ({ precondition: string } & Partial<Unmet> & { reason: string })[] = [];
  for (const p of t.preconditions ?? []) {
    const why = await p.check(subject);
    if (typeof why === 'string') failed.push({ precondition: p.name, reason: why });
    else if (why) for (const u of Array.isArray(why) ? why : [why as Unmet]) failed.push({ precondition: p.name, ...u });
  }
  if (failed.length) {
    throw new AppError(409, 'precondition_failed', failed.map((f) => f.reason).join('; '), failed);
  }
}
