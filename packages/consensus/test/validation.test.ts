import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeConsensus } from '../src/index.ts';
import { conversationNames, POLIS_DATA } from '../src/conversations.ts';
import { readPolisExport } from '../src/polis-export.ts';
import { validateConversation } from '../src/validation.ts';

// The full report is VALIDATION.md (scripts/validate.ts); these are its load-bearing claims.
describe('real Pol.is conversations', () => {
  it("biodiversity: a single run reproduces Pol.is's two groups (ARI > 0.9)", () => {
    const v = validateConversation(path.join(POLIS_DATA, 'scoop-hivemind.biodiversity'), 20);
    expect(v.ourK).toBe(2);
    expect(v.polisK).toBe(2);
    expect(v.ari).toBeGreaterThan(0.9);
  });

  it('canadian-electoral-reform: replaying the vote history reproduces Pol.is (ARI > 0.85), a cold run does not', () => {
    const v = validateConversation(path.join(POLIS_DATA, 'canadian-electoral-reform'), 100);
    expect(v.ariReplay).toBeGreaterThan(0.85);
    expect(v.replayK).toBe(2);
    expect(v.ari).toBeLessThan(0.5);
  });

  it('every conversation runs, groups only clustered participants, and finds 2 to 5 groups', () => {
    for (const name of conversationNames()) {
      const ex = readPolisExport(path.join(POLIS_DATA, name));
      const r = computeConsensus({ votes: ex.votes, moderatedOut: ex.moderatedOut, statements: ex.statements.map((s) => s.id) });
      expect(r.k.chosen).toBeGreaterThanOrEqual(2);
      expect(r.k.chosen).toBeLessThanOrEqual(5);
      expect(r.pca.converged).toBe(true);
      for (const c of r.consensus) expect(ex.moderatedOut).not.toContain(c.statement);
      expect(Object.keys(r.groups).length).toBe(r.groupList.reduce((s, g) => s + g.members.length, 0));
    }
  });
});
