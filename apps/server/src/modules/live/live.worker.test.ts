import { describe, expect, it } from 'vitest';
import { toSpots } from './live.worker.ts';

describe('opinion map spots', () => {
  it('gathers the people of one group at one place (or within a cell of it) into one spot, keeps groups and far places apart, counts everyone', () => {
    const points = [
      ...Array.from({ length: 50 }, (_, i) => ({ participantId: `a${i}`, x: 1, y: 1, group: 0 })),
      ...Array.from({ length: 30 }, (_, i) => ({ participantId: `b${i}`, x: -1, y: -1 + (i % 2) * 1e-4, group: 1 })),
      // Same place as group 0, another group: its own spot.
      { participantId: 'c', x: 1, y: 1, group: 1 },
      { participantId: 'd', x: 0, y: 0.5, group: null },
    ];
    const spots = toSpots(points);
    expect(spots.reduce((n, s) => n + s.n, 0)).toBe(points.length);
    expect(spots).toHaveLength(4);
    expect(spots.find((s) => s.group === 0)).toMatchObject({ n: 50, y: 1 });
    expect(
      spots
        .filter((s) => s.group === 1)
        .map((s) => s.n)
        .sort((a, b) => a - b),
    ).toEqual([1, 30]);
    expect(spots.find((s) => s.group === null)).toMatchObject({ x: 0, y: 0.5, n: 1 });
    expect(JSON.stringify(spots)).not.toMatch(/participantId|"a1"/);
  });

  it('stays small however many take part: 2,000 scattered people fit in a bounded number of spots', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const points = Array.from({ length: 2000 }, (_, i) => ({ participantId: `p${i}`, x: rnd(), y: rnd(), group: i % 3 }));
    const spots = toSpots(points);
    expect(spots.reduce((n, s) => n + s.n, 0)).toBe(2000);
    expect(spots.length).toBeLessThanOrEqual(80 * 80 * 3);
    expect(JSON.stringify(spots).length).toBeLessThan(JSON.stringify(points).length / 2);
    expect(toSpots([])).toEqual([]);
  });
});
