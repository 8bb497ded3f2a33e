import type { JoinPolicy, LiveRefusalCode } from '@shangliang/contract';
import { holdsOver, type Actor } from '../../platform/auth/actor.ts';

/*
 * Who may do what in a live session, and the session's pure rules: the duplicate check's
 * normalisation, Pol.is's statement priority, poll answers and tallies. No SQL here.
 */

/** The room's convener or staff run a session (as they run the deliberation). */
export const isRunner = (actor: Actor | null, roomPath: string): boolean => holdsOver(actor, ['convener', 'staff'], roomPath);

/** Leaders and admins above the room may watch a session they do not run. */
export const isOverseer = (actor: Actor | null, roomPath: string): boolean => holdsOver(actor, ['leader', 'admin'], roomPath);

/** Who may join under a policy: `invited` needs an invitation to the deliberation, `registered` an account. */
export function mayJoin(policy: JoinPolicy, who: { account: boolean; invited: boolean }): boolean {
  if (policy === 'link') return true;
  if (policy === 'registered') return who.account;
  return who.account && who.invited;
}

/** What the UI may offer the caller. */
export function abilitiesOf(s: { state: string; joinPolicy: JoinPolicy }, who: { runner: boolean; joined: boolean; mayJoin: boolean }) {
  const open = s.state === 'open';
  return {
    run: who.runner,
    moderate: who.runner,
    seed: who.runner && open,
    join: open && !who.joined && who.mayJoin,
    vote: open && (who.joined || who.mayJoin),
    write: open && (who.joined || who.mayJoin),
    raiseHand: open && (who.joined || who.mayJoin || who.runner),
    close: who.runner && open,
  };
}

/**
 * The text as the duplicate check sees it: Unicode NFKC (full-width letters and digits fold to
 * their usual forms), lower case, punctuation, symbols and spaces removed. "减少停车难！" and
 * "减少 停车难" are the same statement.
 */
export function normalizeStatement(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}

/**
 * Pol.is's comment priority (compdemocracy/polis, math/src/polismath/math/conversation.clj,
 * `importance-metric` and `priority-metric`):
 *   importance = (1 − p) · (E + 1) · a,  p = (P + 1)/(S + 2),  a = (A + 1)/(S + 2)
 *   priority   = (importance · (1 + 8 · 2^(−S/5)))²
 * A agrees, P passes, S votes seen, E the statement's extremity in the opinion map (0 before
 * there is one). The factor 1 + 8·2^(−S/5) lets statements with few votes come first; squaring
 * deepens the bias. (Pol.is's meta statements, priority 7², are not used here.)
 */
export function priority(c: { agree: number; pass: number; seen: number; extremity?: number }): number {
  const p = (c.pass + 1) / (c.seen + 2);
  const a = (c.agree + 1) / (c.seen + 2);
  const importance = (1 - p) * ((c.extremity ?? 0) + 1) * a;
  return (importance * (1 + 8 * Math.pow(2, -c.seen / 5))) ** 2;
}

/**
 * Pol.is's client draws the next comment at random, weighted by priority (not always the top
 * one, so that everyone does not see the same order). `random` in [0, 1).
 */
export function pickWeighted<T>(items: readonly T[], weight: (t: T) => number, random: () => number = Math.random): T | null {
  if (!items.length) return null;
  const weights = items.map((t) => Math.max(weight(t), 1e-12));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

export type PollKind = 'single' | 'multiple' | 'score' | 'consent';
export type PollAnswer = { choices?: number[]; score?: number; consent?: 'agree' | 'abstain' | 'disagree' | 'block' };

/** What is wrong with a poll answer: the field, a code from the contract's list, the English message. */
export interface AnswerIssue {
  field: string;
  code: LiveRefusalCode;
  message: string;
  params?: Record<string, string | number>;
}

/** Checks a response against its poll; returns the issue or null. */
export function pollAnswerIssue(kind: PollKind, optionCount: number, a: PollAnswer): AnswerIssue | null {
  const present = (['choices', 'score', 'consent'] as const).filter((k) => a[k] !== undefined);
  const wanted = kind === 'single' || kind === 'multiple' ? 'choices' : kind;
  const extra = present.find((k) => k !== wanted);
  if (extra) return { field: `body.${extra}`, code: 'answerNotUsed', message: `not used by a ${kind} poll`, params: { kind } };
  if (a[wanted] === undefined) return { field: `body.${wanted}`, code: 'answerRequired', message: 'required' };
  if (wanted === 'choices') {
    const c = a.choices!;
    if (!c.length) return { field: 'body.choices', code: 'chooseOption', message: 'choose at least one option' };
    if (kind === 'single' && c.length !== 1) return { field: 'body.choices', code: 'chooseOne', message: 'choose exactly one option' };
    if (new Set(c).size !== c.length) return { field: 'body.choices', code: 'optionChosenTwice', message: 'an option chosen twice' };
    if (c.some((i) => i >= optionCount))
      return {
        field: 'body.choices',
        code: 'optionRange',
        message: `options are numbered 0 to ${optionCount - 1}`,
        params: { max: optionCount - 1 },
      };
  }
  return null;
}

/** The keys a poll's tally counts: option indexes, scores 1–5, or Loomio's consent positions. */
export function tallyKeys(kind: PollKind, optionCount: number): string[] {
  if (kind === 'score') return ['1', '2', '3', '4', '5'];
  if (kind === 'consent') return ['agree', 'abstain', 'disagree', 'block'];
  return Array.from({ length: optionCount }, (_, i) => String(i));
}

/** Counts the responses of a poll. */
export function tally(kind: PollKind, optionCount: number, answers: PollAnswer[]): Record<string, number> {
  const out = Object.fromEntries(tallyKeys(kind, optionCount).map((k) => [k, 0])) as Record<string, number>;
  for (const a of answers) {
    if (a.choices) for (const c of a.choices) out[String(c)] = (out[String(c)] ?? 0) + 1;
    if (a.score !== undefined) out[String(a.score)]! += 1;
    if (a.consent !== undefined) out[a.consent]! += 1;
  }
  return out;
}

/** Results are shown while open only when the poll said so; to runners always. */
export const showTally = (poll: { results: string; state: string }, runner: boolean) =>
  runner || poll.results === 'live' || poll.state === 'closed';

/**
 * Votes each opinion group must have cast on a statement (agree, disagree or pass) before the
 * statement can count as consensus: Pol.is's consensus is computed over everyone, so a statement
 * one group never saw could pass as "agreed across groups". Pol.is shows group-aware figures
 * only where a group has voted; we ask for at least this many votes, or the whole group when it
 * is smaller.
 */
export const MIN_GROUP_VOTES = 3;

/** Keeps the consensus statements every group has voted on enough (see {@link MIN_GROUP_VOTES}). */
export function consensusAcrossGroups<C extends { byGroup: { group: number; agree: number; disagree: number; pass: number }[] }>(
  consensus: readonly C[],
  groups: readonly { group: number; size: number }[],
  min = MIN_GROUP_VOTES,
): C[] {
  const size = new Map(groups.map((g) => [g.group, g.size]));
  return consensus.filter((c) =>
    groups.every((g) => {
      const v = c.byGroup.find((b) => b.group === g.group);
      const seen = v ? v.agree + v.disagree + v.pass : 0;
      return seen >= Math.min(min, size.get(g.group) ?? min);
    }),
  );
}

/** Events only the convener and staff receive: statements waiting for moderation. */
const RUNNERS_ONLY = new Set(['statement.pending']);

/** Whether an event of this type goes to a subscriber (runners receive every event). */
export const eventIsFor = (type: string, runner: boolean): boolean => runner || !RUNNERS_ONLY.has(type);
