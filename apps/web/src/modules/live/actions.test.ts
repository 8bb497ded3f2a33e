import { describe, expect, it } from 'vitest';
import { mayAct } from './actions.ts';

describe('actions on live items', () => {
  // As the server answers for a participant: they may lower their own waiting hand and withdraw their own statements.
  const participant = {
    itemActions: {
      hand: { own: { waiting: ['withdraw'] }, others: {} },
      poll: { own: {}, others: {} },
      statement: { own: { pending: ['withdraw'], published: ['withdraw'], rejected: ['withdraw'] }, others: {} },
    },
  };
  const convener = {
    itemActions: {
      hand: { own: {}, others: { waiting: ['giveFloor', 'withdraw'], speaking: ['finish'] } },
      poll: { own: {}, others: { open: ['close'] } },
      statement: { own: {}, others: { pending: ['publish', 'reject', 'withdraw'] } },
    },
  };

  it("follow the session's table of actions by state, for the caller's own items and for others'", () => {
    expect(mayAct(participant, 'hand', { state: 'waiting', mine: true }, 'withdraw')).toBe(true);
    expect(mayAct(participant, 'hand', { state: 'waiting', mine: false }, 'withdraw')).toBe(false);
    expect(mayAct(participant, 'hand', { state: 'speaking', mine: true }, 'withdraw')).toBe(false);
    expect(mayAct(participant, 'statement', { state: 'published', mine: true }, 'withdraw')).toBe(true);
    expect(mayAct(participant, 'statement', { state: 'withdrawn', mine: true }, 'withdraw')).toBe(false);
    expect(mayAct(convener, 'hand', { state: 'waiting' }, 'giveFloor')).toBe(true);
    expect(mayAct(convener, 'hand', { state: 'done' }, 'finish')).toBe(false);
    expect(mayAct(convener, 'poll', { state: 'open' }, 'close')).toBe(true);
    expect(mayAct(convener, 'poll', { state: 'closed' }, 'close')).toBe(false);
  });
});
