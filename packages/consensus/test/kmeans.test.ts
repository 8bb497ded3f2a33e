import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, cleanStartClusters, initClusters, kmeans, mulberry32, silhouette } from '../src/index.ts';
import type { KMeansBounds } from '../src/kmeans.ts';

function blobs(centres: [number, number][], per: number, spread: number, seed = 1): { pts: Float64Array; truth: number[] } {
  const rng = mulberry32(seed);
  const pts = new Float64Array(2 * centres.length * per);
  const truth: number[] = [];
  let i = 0;
  // Interleave the blobs so that the first k distinct points are not all in one blob.
  for (let j = 0; j < per; j++) {
    centres.forEach(([x, y], g) => {
      pts[2 * i] = x + (rng() - 0.5) * spread;
      pts[2 * i + 1] = y + (rng() - 0.5) * spread;
      truth.push(g);
      i++;
    });
  }
  return { pts, truth };
}

describe('k-means (clusters.clj)', () => {
  it('init-clusters takes the first k distinct points in order', () => {
    const pts = Float64Array.from([0, 0, 0, 0, 1, 1, 0, 0, 2, 2, 3, 3]);
    const c = initClusters(pts, 6, 3);
    expect(c.map((x) => [x.id, x.cx, x.cy])).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });

  it('recovers well separated blobs', () => {
    const { pts, truth } = blobs(
      [
        [0, 0],
        [10, 0],
        [0, 10],
      ],
      50,
      2,
    );
    const cl = kmeans(pts, 150, 3);
    const lab = new Array<number>(150);
    cl.forEach((c, j) => c.members.forEach((i) => (lab[i] = j)));
    expect(adjustedRandIndex(truth, lab)).toBe(1);
  });

  it('uses weighted means: a heavy point pulls its centre', () => {
    const pts = Float64Array.from([0, 0, 1, 0, 100, 0]);
    const cl = kmeans(pts, 3, 2, {
      weights: Float64Array.from([1, 3, 1]),
      start: [
        { id: 0, cx: 0, cy: 0, members: [] },
        { id: 1, cx: 100, cy: 0, members: [] },
      ],
    });
    expect(cl[0]!.cx).toBeCloseTo(0.75, 12);
    expect(cl[1]!.cx).toBe(100);
  });

  it('drops clusters that lose all members', () => {
    const pts = Float64Array.from([0, 0, 1, 0]);
    const cl = kmeans(pts, 2, 3, {
      start: [
        { id: 0, cx: 0, cy: 0, members: [] },
        { id: 1, cx: 1, cy: 0, members: [] },
        { id: 2, cx: 50, cy: 50, members: [] },
      ],
    });
    expect(cl.map((c) => c.id)).toEqual([0, 1]);
  });

  it('equals plain Lloyd steps (the bounds only skip work)', () => {
    const { pts } = blobs(
      [
        [0, 0],
        [3, 1],
        [1, 4],
        [5, 5],
      ],
      200,
      6,
      5,
    );
    const n = 800;
    const cl = kmeans(pts, n, 20);
    // Reference Lloyd implementation.
    let cx = initClusters(pts, n, 20).map((c) => [c.cx, c.cy]);
    let assign: number[] = [];
    for (let it = 0; it < 100; it++) {
      assign = Array.from({ length: n }, (_, i) => {
        let best = 0;
        let bd = Infinity;
        cx.forEach(([x, y], j) => {
          const d = (pts[2 * i]! - x!) ** 2 + (pts[2 * i + 1]! - y!) ** 2;
          if (d < bd) {
            bd = d;
            best = j;
          }
        });
        return best;
      });
      const next = cx.map((_, j) => {
        const m = assign.flatMap((a, i) => (a === j ? [i] : []));
        return [m.reduce((s, i) => s + pts[2 * i]!, 0) / m.length, m.reduce((s, i) => s + pts[2 * i + 1]!, 0) / m.length];
      });
      const moved = next.some(([x, y], j) => Math.hypot(x! - cx[j]![0]!, y! - cx[j]![1]!) >= 0.01);
      cx = next;
      if (!moved) break;
    }
    const lab = new Array<number>(n);
    cl.forEach((c, j) => c.members.forEach((i) => (lab[i] = j)));
    expect(adjustedRandIndex(assign, lab)).toBe(1);
    cl.forEach((c, j) => {
      expect(c.cx).toBeCloseTo(cx[j]![0]!, 9);
      expect(c.cy).toBeCloseTo(cx[j]![1]!, 9);
    });
  });

  it('kept bounds, carried to moved points and centres, give the same clusters as a warm start, and stay valid bounds', () => {
    const { pts } = blobs(
      [
        [0, 0],
        [3, 1],
        [1, 4],
        [5, 5],
      ],
      250,
      6,
      7,
    );
    const n = 1000;
    const bounds: KMeansBounds = { assign: new Int32Array(n), upper: new Float64Array(n), lower: new Float64Array(n), valid: false };
    const first = kmeans(pts, n, 30, { maxIterations: 4, bounds });
    const validBounds = (p: Float64Array, cl: { cx: number; cy: number }[], b: KMeansBounds): void => {
      expect(b.valid).toBe(true);
      for (let i = 0; i < n; i++) {
        const d = cl.map((c) => Math.hypot(p[2 * i]! - c.cx, p[2 * i + 1]! - c.cy));
        const a = b.assign[i]!;
        expect(b.upper[i]! + 1e-12).toBeGreaterThanOrEqual(d[a]!);
        expect(b.lower[i]! - 1e-12).toBeLessThanOrEqual(Math.min(...d.filter((_, j) => j !== a)));
      }
    };
    validBounds(pts, first, bounds);
    // Move every point a little, recentre the clusters on their members (clean-start), carry the
    // bounds by the triangle inequality, as an incremental update does.
    const rng = mulberry32(8);
    const moved = Float64Array.from(pts, (x) => x + (rng() - 0.5) * 0.2);
    const start = first.map((c) => {
      const sx = c.members.reduce((acc, i) => acc + moved[2 * i]!, 0);
      const sy = c.members.reduce((acc, i) => acc + moved[2 * i + 1]!, 0);
      return { id: c.id, cx: sx / c.members.length, cy: sy / c.members.length, members: c.members };
    });
    const mv = start.map((c, j) => Math.hypot(c.cx - first[j]!.cx, c.cy - first[j]!.cy));
    for (let i = 0; i < n; i++) {
      const a = bounds.assign[i]!;
      const delta = Math.hypot(moved[2 * i]! - pts[2 * i]!, moved[2 * i + 1]! - pts[2 * i + 1]!);
      bounds.upper[i]! += delta + mv[a]!;
      bounds.lower[i]! -= delta + Math.max(...mv.filter((_, j) => j !== a));
    }
    validBounds(moved, start, bounds);
    const plain = kmeans(moved, n, 30, { start: start.map((c) => ({ ...c, members: [...c.members] })) });
    const kept = kmeans(moved, n, 30, { start: start.map((c) => ({ ...c, members: [] })), bounds });
    expect(kept).toEqual(plain);
    validBounds(moved, kept, bounds);
  });

  it('clean-start keeps previous ids and splits off the most distal point when short of k', () => {
    const pts = Float64Array.from([0, 0, 1, 0, 10, 0, 11, 0, 30, 0]);
    const prev = [
      { id: 7, cx: 0, cy: 0, members: [0, 1] },
      { id: 9, cx: 10, cy: 0, members: [2, 3, 4] },
    ];
    const cs = cleanStartClusters(pts, 5, prev, 3);
    expect(cs.map((c) => c.id)).toEqual([7, 9, 10]);
    expect(cs[2]).toMatchObject({ cx: 30, cy: 0, members: [4] });
  });

  it('silhouette matches a hand computation, singletons count 0', () => {
    // Points 0, 1 in one cluster, 10 alone: s(0) = (9.5 − 1)/9.5... b = mean dist to other cluster.
    const pts = Float64Array.from([0, 0, 1, 0, 10, 0]);
    const s = silhouette(pts, 3, [
      { id: 0, cx: 0.5, cy: 0, members: [0, 1] },
      { id: 1, cx: 10, cy: 0, members: [2] },
    ]);
    const s0 = (10 - 1) / 10;
    const s1 = (9 - 1) / 9;
    expect(s).toBeCloseTo((s0 + s1 + 0) / 3, 12);
  });

  it('ARI: 1 for a renaming, about 0 for independent labels', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBe(1);
    const rng = mulberry32(3);
    const a = Array.from({ length: 2000 }, () => Math.floor(rng() * 3));
    const b = Array.from({ length: 2000 }, () => Math.floor(rng() * 3));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.02);
  });
});
