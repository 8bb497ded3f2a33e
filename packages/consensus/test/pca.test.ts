import { describe, expect, it } from 'vitest';
import { ConsensusEngine, centredTable, mulberry32, sparsePca } from '../src/index.ts';
import { gramTimes, jacobiEigen, patchRowDots, ritzFromRowDots, type CentredSparse } from '../src/pca.ts';

/** A random sparse vote matrix with some structure, as CSR with an empty extra part. */
function randomMatrix(nR: number, nC: number, density: number, seed: number): { m: CentredSparse; dense: (number | null)[][] } {
  const rng = mulberry32(seed);
  const dense: (number | null)[][] = [];
  const rowPtr = [0];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < nR; r++) {
    const g = r % 3;
    const row: (number | null)[] = [];
    for (let c = 0; c < nC; c++) {
      if (rng() < density) {
        const lean = ((c + g) % 3) - 1;
        const v = rng() < 0.7 ? lean : Math.floor(rng() * 3) - 1;
        row.push(v);
        cols.push(c);
        vals.push(v);
      } else row.push(null);
    }
    dense.push(row);
    rowPtr.push(cols.length);
  }
  const colSum = new Float64Array(nC);
  const colCount = new Int32Array(nC);
  cols.forEach((c, k) => {
    colSum[c]! += vals[k]!;
    colCount[c]!++;
  });
  const m: CentredSparse = {
    nRows: nR,
    nCols: nC,
    rowPtr: Int32Array.from(rowPtr),
    cols: Int32Array.from(cols),
    vals: Int8Array.from(vals),
    mainRows: nR,
    xPtr: new Int32Array(nR + 1),
    xCols: new Int32Array(0),
    xVals: new Int8Array(0),
    centred: centredTable(colSum, colCount, new Uint8Array(nC).fill(1)),
  };
  return { m, dense };
}

/** Dense reference: eigenvectors of the covariance of the mean-imputed, centred matrix. */
function denseTop2(dense: (number | null)[][], nC: number): Float64Array[] {
  const means = Array.from({ length: nC }, (_, c) => {
    const v = dense.map((r) => r[c]).filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
  });
  const X = dense.map((r) => r.map((x, c) => (x === null ? 0 : x - means[c]!)));
  const C = new Float64Array(nC * nC);
  for (const row of X) for (let a = 0; a < nC; a++) for (let b = 0; b < nC; b++) C[a * nC + b]! += row[a]! * row[b]!;
  const { values, vectors } = jacobiEigen(C, nC);
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!);
  return order.slice(0, 2).map((j) => Float64Array.from({ length: nC }, (_, i) => vectors[i * nC + j]!));
}

const absCos = (a: Float64Array, b: Float64Array): number => Math.abs(a.reduce((s, x, i) => s + x * b[i]!, 0));

describe('sparse PCA', () => {
  it('equals the dense eigenvectors of the mean-imputed centred matrix', () => {
    const { m, dense } = randomMatrix(120, 12, 0.5, 11);
    const ref = denseTop2(dense, 12);
    const pca = sparsePca(m, { seed: 1 });
    expect(pca.converged).toBe(true);
    for (let q = 0; q < 2; q++) expect(1 - absCos(pca.components[q]!, ref[q]!)).toBeLessThan(1e-12);
  });

  it('row projections are the dot products of centred rows with the components', () => {
    const { m, dense } = randomMatrix(40, 8, 0.6, 3);
    const pca = sparsePca(m, { seed: 2 });
    const means = Array.from({ length: 8 }, (_, c) => -m.centred[3 * c + 1]!);
    for (let r = 0; r < 40; r++) {
      for (let q = 0; q < 2; q++) {
        const want = dense[r]!.reduce<number>((s, x, c) => s + (x === null ? 0 : (x - means[c]!) * pca.components[q]![c]!), 0);
        expect(pca.rowProjection[2 * r + q]).toBeCloseTo(want, 10);
      }
    }
  });

  it('a warm start converges in fewer passes than a cold one', () => {
    const { m } = randomMatrix(300, 30, 0.3, 5);
    const cold = sparsePca(m, { seed: 1 });
    const warm = sparsePca(m, { seed: 1, start: cold.nextBlock });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    for (let q = 0; q < 2; q++) expect(1 - absCos(warm.components[q]!, cold.components[q]!)).toBeLessThan(1e-12);
  });

  it('fewer statements than components gives zero components, not NaN', () => {
    const { m } = randomMatrix(10, 1, 1, 1);
    const pca = sparsePca(m);
    expect(pca.components[1]!.every((x) => x === 0)).toBe(true);
    expect(pca.components[0]!.every(Number.isFinite)).toBe(true);
  });

  it('positions follow sparsity-aware-project-ptpt: sqrt(statements / votes) scaling', () => {
    // Four statements; p0 votes on all, p1 on one. Position = Σ (vote − mean)·pc × sqrt(4 / n).
    const eng = new ConsensusEngine();
    const votes = [
      ...[1, -1, 1, -1].map((v, s) => ({ participant: 'p0', statement: s, vote: v as 1 | -1 })),
      { participant: 'p1', statement: 0, vote: -1 as const },
      ...[-1, 1, 0, 1].map((v, s) => ({ participant: 'p2', statement: s, vote: v as -1 | 0 | 1 })),
    ];
    eng.addVotes(votes);
    const res = eng.run();
    const mean = res.pca.center;
    const pc = res.pca.components;
    const pos = (votesOf: [number, number][]) =>
      [0, 1].map((q) => votesOf.reduce((s, [st, v]) => s + (v - mean[st]!) * pc[q]![st]!, 0) * Math.sqrt(4 / votesOf.length));
    const p1 = pos([[0, -1]]);
    expect(res.positions['p1']![0]).toBeCloseTo(p1[0]!, 12);
    expect(res.positions['p1']![1]).toBeCloseTo(p1[1]!, 12);
    const p0 = pos([
      [0, 1],
      [1, -1],
      [2, 1],
      [3, -1],
    ]);
    expect(res.positions['p0']![0]).toBeCloseTo(p0[0]!, 12);
  });

  it('patched row dots equal Xc V of the changed matrix, and their Ritz step equals the one from W = Xcᵀ Xc V', () => {
    const { m, dense } = randomMatrix(120, 25, 0.4, 21);
    const B = 4;
    const pca = sparsePca(m, { seed: 2 });
    const { V, S } = pca.pass!;
    // Change cells: fill some empty ones, change some votes, on a few rows.
    const rng = mulberry32(5);
    const changed = dense.map((row) => [...row]);
    const delta = { row: [] as number[], col: [] as number[], old: [] as number[], value: [] as number[] };
    for (let i = 0; i < 200; i++) {
      const r = Math.floor(rng() * 120);
      const c = Math.floor(rng() * 25);
      const v = Math.floor(rng() * 3) - 1;
      delta.row.push(r);
      delta.col.push(c);
      delta.old.push(changed[r]![c] ?? -2);
      delta.value.push(v);
      changed[r]![c] = v;
    }
    const patched = Float64Array.from(S);
    patchRowDots(patched, V, 25, B, m.centred, {
      row: Int32Array.from(delta.row),
      col: Int32Array.from(delta.col),
      old: Int8Array.from(delta.old),
      value: Int8Array.from(delta.value),
      length: delta.row.length,
    });
    // The changed matrix, centred with the same (kept) table.
    const rowPtr = [0];
    const cols: number[] = [];
    const vals: number[] = [];
    for (const row of changed) {
      row.forEach((v, c) => {
        if (v === null) return;
        cols.push(c);
        vals.push(v);
      });
      rowPtr.push(cols.length);
    }
    const m2: CentredSparse = { ...m, rowPtr: Int32Array.from(rowPtr), cols: Int32Array.from(cols), vals: Int8Array.from(vals) };
    const W = new Float64Array(25 * B);
    const S2 = new Float64Array(120 * B);
    gramTimes(m2, V, B, W, S2);
    for (let i = 0; i < S2.length; i++) expect(patched[i]).toBeCloseTo(S2[i]!, 12);
    // Rayleigh–Ritz within span(V): H = Vᵀ W.
    const H = new Float64Array(B * B);
    for (let c = 0; c < 25; c++) for (let a = 0; a < B; a++) for (let b = 0; b < B; b++) H[a * B + b]! += V[c * B + a]! * W[c * B + b]!;
    const e = jacobiEigen(H, B);
    const order = [...e.values.keys()].sort((a, b) => e.values[b]! - e.values[a]!);
    const r = ritzFromRowDots(V, 25, B, patched, 120, 27);
    expect(r.components[0]!.length).toBe(27);
    for (let q = 0; q < 2; q++) {
      expect(r.eigenvalues[q]).toBeCloseTo(e.values[order[q]!]!, 9);
      const ref = Float64Array.from({ length: 25 }, (_, c) => {
        let acc = 0;
        for (let a = 0; a < B; a++) acc += V[c * B + a]! * e.vectors[a * B + order[q]!]!;
        return acc;
      });
      const dot = ref.reduce((acc, x, c) => acc + x * r.components[q]![c]!, 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 9);
      expect(r.components[q]![25]).toBe(0);
    }
  });
});
