/**
 * An independent dense two-phase simplex (Bland's rule), used only by the tests to check the
 * HiGHS-based engine against a different solver. maximise c.x  s.t.  A x = b, x >= 0.
 */
export type LpResult = { status: 'optimal'; x: number[]; value: number } | { status: 'infeasible' | 'unbounded' };

const TOL = 1e-11;

/** Solve max c.x s.t. A x = b, x >= 0 by the two-phase simplex method with Bland's rule. */
export function simplexMax(c: readonly number[], A: readonly (readonly number[])[], b: readonly number[]): LpResult {
  const m = A.length;
  const n = c.length;
  // Tableau columns: n originals, m artificials, then the right-hand side.
  const width = n + m + 1;
  const tab: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(width);
    const sign = b[i]! < 0 ? -1 : 1;
    for (let j = 0; j < n; j++) row[j] = sign * A[i]![j]!;
    row[n + i] = 1;
    row[width - 1] = sign * b[i]!;
    tab.push(row);
  }
  const basis = Array.from({ length: m }, (_, i) => n + i);

  const pivot = (r: number, col: number): void => {
    const pr = tab[r]!;
    const pv = pr[col]!;
    for (let j = 0; j < width; j++) pr[j] = pr[j]! / pv;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const row = tab[i]!;
      const f = row[col]!;
      if (f === 0) continue;
      for (let j = 0; j < width; j++) row[j] = row[j]! - f * pr[j]!;
    }
    basis[r] = col;
  };

  // Run the simplex for objective `obj` (length n + m) over allowed columns; returns false if unbounded.
  const run = (obj: Float64Array, allowed: (j: number) => boolean): boolean => {
    for (let iter = 0; iter < 100000; iter++) {
      // Reduced cost d_j = obj_j - sum_i obj_{basis_i} tab[i][j]; enter the lowest index with d_j > TOL (Bland).
      let enter = -1;
      for (let j = 0; j < n + m && enter < 0; j++) {
        if (!allowed(j) || basis.includes(j)) continue;
        let d = obj[j]!;
        for (let i = 0; i < m; i++) d -= obj[basis[i]!]! * tab[i]![j]!;
        if (d > 1e-10) enter = j;
      }
      if (enter < 0) return true;
      let leave = -1;
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < m; i++) {
        const a = tab[i]![enter]!;
        if (a > TOL) {
          const ratio = tab[i]![width - 1]! / a;
          if (ratio < best - 1e-13 || (Math.abs(ratio - best) <= 1e-13 && basis[i]! < basis[leave]!)) {
            best = ratio;
            leave = i;
          }
        }
      }
      if (leave < 0) return false;
      pivot(leave, enter);
    }
    throw new Error('simplex iteration limit');
  };

  // Phase 1: maximise -(sum of artificials).
  const phase1 = new Float64Array(n + m);
  for (let i = 0; i < m; i++) phase1[n + i] = -1;
  run(phase1, () => true);
  let infeasibility = 0;
  for (let i = 0; i < m; i++) if (basis[i]! >= n) infeasibility += tab[i]![width - 1]!;
  if (infeasibility > 1e-9) return { status: 'infeasible' };
  // Drive remaining (zero) artificials out of the basis where possible.
  for (let i = 0; i < m; i++) {
    if (basis[i]! < n) continue;
    for (let j = 0; j < n; j++)
      if (Math.abs(tab[i]![j]!) > 1e-9) {
        pivot(i, j);
        break;
      }
  }
  // Phase 2 on the original objective, artificials barred.
  const phase2 = new Float64Array(n + m);
  for (let j = 0; j < n; j++) phase2[j] = c[j]!;
  if (!run(phase2, (j) => j < n)) return { status: 'unbounded' };
  const x = new Array<number>(n).fill(0);
  for (let i = 0; i < m; i++) if (basis[i]! < n) x[basis[i]!] = tab[i]![width - 1]!;
  let value = 0;
  for (let j = 0; j < n; j++) value += c[j]! * x[j]!;
  return { status: 'optimal', x, value };
}
