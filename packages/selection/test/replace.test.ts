/** Replacements for declined members keep every quota and are a fair, reproducible draw. */
import { describe, expect, it } from 'vitest';
import {
  InfeasibleQuotasError,
  NotOnPanelError,
  quotaViolation,
  replace,
  replaceInTurn,
  replacementSeed,
  selectPanel,
  type Quota,
  type Volunteer,
} from '../src/index.ts';

const pool: Volunteer[] = [];
const values = [
  ['resident', 'east', 'f'],
  ['resident', 'east', 'm'],
  ['resident', 'west', 'f'],
  ['resident', 'west', 'm'],
  ['stakeholder', 'east', 'f'],
  ['stakeholder', 'west', 'm'],
  ['expert', 'east', 'm'],
];
let n = 0;
for (const [category, community, gender] of values)
  for (let i = 0; i < 4; i++) pool.push({ id: `v${n++}`, features: { category: category!, community: community!, gender: gender! } });
// A unique person: the only expert in the west.
pool.push({ id: 'solo', features: { category: 'expert', community: 'west', gender: 'f' } });

const quotas: Quota[] = [
  { category: 'category', feature: 'resident', min: 4, max: 5 },
  { category: 'category', feature: 'stakeholder', min: 2, max: 3 },
  { category: 'category', feature: 'expert', min: 1, max: 1 },
  { category: 'community', feature: 'east', min: 3, max: 5 },
  { category: 'community', feature: 'west', min: 3, max: 5 },
  { category: 'gender', feature: 'f', min: 4, max: 4 },
  { category: 'gender', feature: 'm', min: 4, max: 4 },
];

describe('replace', () => {
  it('draws a replacement that keeps every quota, reproducibly', async () => {
    const lottery = await selectPanel({ pool, quotas, size: 8, seed: 'room-1' });
    const declined = lottery.panel[0]!;
    const a = await replace({ pool, quotas, panel: lottery.panel, declined: [declined], seed: 'room-1/replacement/1' });
    const b = await replace({ pool, quotas, panel: lottery.panel, declined: [declined], seed: 'room-1/replacement/1' });
    expect(a.panel).toEqual(b.panel);
    expect(a.replacements).toHaveLength(1);
    expect(lottery.panel).not.toContain(a.replacements[0]);
    expect(a.panel).not.toContain(declined);
    expect(quotaViolation(a.panel, pool, quotas, 8)).toBeUndefined();
    // For one seat the leximin draw is uniform over everyone who can take it.
    const positive = Object.values(a.probabilities).filter((p) => p > 1e-9);
    for (const p of positive) expect(Math.abs(p - 1 / positive.length)).toBeLessThan(1e-6);
    // Each eligible volunteer keeps every quota when swapped in.
    for (const [id, p] of Object.entries(a.probabilities)) {
      const swapped = lottery.panel.map((x) => (x === declined ? id : x));
      expect(quotaViolation(swapped, pool, quotas, 8) === undefined).toBe(p > 1e-9);
    }
  });

  it('handles several declines and exclusions', async () => {
    // Three decliners, each with a distinct volunteer of the same features off the panel kept
    // available (so the replacement is feasible), and three exclusions. Some panels have no three
    // such members (e.g. all four of one type and solo): the first seed from 42 whose panel has.
    const features = (id: string): string => JSON.stringify(pool.find((v) => v.id === id)!.features);
    let lottery = await selectPanel({ pool, quotas, size: 8, seed: 42 });
    let off: string[] = [];
    const declined: string[] = [];
    const twins: string[] = [];
    for (let seed = 42; seed < 92 && declined.length < 3; seed++) {
      lottery = await selectPanel({ pool, quotas, size: 8, seed });
      off = pool.map((v) => v.id).filter((id) => !lottery.panel.includes(id));
      declined.length = 0;
      twins.length = 0;
      for (const d of lottery.panel) {
        const twin = off.find((o) => features(o) === features(d) && !twins.includes(o));
        if (twin && declined.length < 3) {
          declined.push(d);
          twins.push(twin);
        }
      }
    }
    expect(declined).toHaveLength(3);
    const excluded = off.filter((o) => !twins.includes(o)).slice(0, 3);
    expect(excluded).toHaveLength(3);
    const r = await replace({ pool, quotas, panel: lottery.panel, declined, excluded, seed: 'x' });
    expect(r.replacements).toHaveLength(3);
    for (const id of r.replacements) expect(excluded).not.toContain(id);
    expect(quotaViolation(r.panel, pool, quotas, 8)).toBeUndefined();
  });

  it('explains when no replacement can keep the quotas', async () => {
    const qs = quotas;
    // A panel chosen by hand with the unique western expert; the other experts are excluded.
    const panel = ['solo', 'v0', 'v4', 'v8', 'v12', 'v13', 'v16', 'v20'];
    expect(quotaViolation(panel, pool, qs, 8)).toBeUndefined();
    const excluded = pool.filter((v) => v.features.category === 'expert' && v.id !== 'solo').map((v) => v.id);
    await expect(replace({ pool, quotas: qs, panel, declined: ['solo'], excluded, seed: 1 })).rejects.toBeInstanceOf(InfeasibleQuotasError);
  });

  it('derives each replacement seed from the lottery seed and the ordinal; replays a series in turn', async () => {
    expect(replacementSeed(' room-1 ', 1)).toBe('room-1/replacement/1');
    expect(replacementSeed(42, 12)).toBe('42/replacement/12');
    expect(() => replacementSeed('room-1', 0)).toThrow(/ordinal/);
    expect(() => replacementSeed('', 1)).toThrow(/seed is empty/);
    const lottery = await selectPanel({ pool, quotas, size: 8, seed: 'room-2' });
    const first = lottery.panel[1]!;
    const a = await replace({ pool, quotas, panel: lottery.panel, declined: [first], seed: 'room-2/replacement/1' });
    const b = await replace({
      pool,
      quotas,
      panel: a.panel,
      declined: [a.replacements[0]!],
      excluded: [first],
      seed: 'room-2/replacement/2',
    });
    const series = await replaceInTurn({ pool, quotas, panel: lottery.panel, seed: 'room-2', declined: [first, a.replacements[0]!] });
    expect(series.replacements.map((r) => [r.ordinal, r.declined, r.replacement, r.seed, r.replacementDigest])).toEqual([
      [1, first, a.replacements[0], 'room-2/replacement/1', a.replacementDigest],
      [2, a.replacements[0], b.replacements[0], 'room-2/replacement/2', b.replacementDigest],
    ]);
    expect(series.panel).toEqual(b.panel);
    await expect(replaceInTurn({ pool, quotas, panel: lottery.panel, seed: 'room-2', declined: [first, first] })).rejects.toBeInstanceOf(
      NotOnPanelError,
    );
  });
});
