import { describe, expect, it } from 'vitest';
import { computeConsensus, type Vote } from '../src/index.ts';
import { runInWorker } from '../src/worker.ts';

describe('worker thread', () => {
  const votes: Vote[] = [];
  for (let p = 0; p < 40; p++)
    for (let s = 0; s < 10; s++) votes.push({ participant: `p${p}`, statement: s, vote: ((p < 20 ? 1 : -1) * (s % 2 ? 1 : -1)) as 1 | -1 });

  it('computes the same result off the main thread, state included', async () => {
    const r = await runInWorker({ votes });
    const local = computeConsensus({ votes });
    expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse(JSON.stringify(local)));
    expect(r.state).toEqual(local.state);
  });

  it('passes input errors back', async () => {
    await expect(runInWorker({ votes: [{ participant: 1, statement: 1, vote: 5 as never }] })).rejects.toThrow(/unknown vote value 5/);
  });
});
