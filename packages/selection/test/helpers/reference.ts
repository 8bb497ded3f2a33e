/**
 * Independent leximin reference for tiny pools: enumerate every feasible panel of individuals
 * and compute the leximin probabilities with the dense simplex in simplex.ts by the textbook
 * method (Ogryczak & Sliwinski): maximise the smallest unfixed probability; then, for each
 * unfixed person, maximise their own probability subject to the others keeping the level; those
 * who cannot exceed it are fixed. No HiGHS, no types, no duals, no column generation.
 */
import type { Quota, Volunteer } from '../../src/index.ts';
import { simplexMax } from './simplex.ts';

/** Every panel (as volunteer indices) of `size` meeting all quotas. */
export function enumeratePanels(pool: readonly Volunteer[], quotas: readonly Quota[], size: number): number[][] {
  const panels: number[][] = [];
  const pick: number[] = [];
  const rec = (start: number): void => {
    if (pick.length === size) {
      const ok = quotas.every((q) => {
        const n = pick.filter((i) => pool[i]!.features[q.category] === q.feature).length;
        return n >= q.min && n <= q.max;
      });
      if (ok) panels.push([...pick]);
      return;
    }
    for (let i = start; i <= pool.length - (size - pick.length); i++) {
      pick.push(i);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
  return panels;
}

/** Leximin probabilities per volunteer index, by enumeration and the independent simplex. */
export function referenceLeximin(pool: readonly Volunteer[], quotas: readonly Quota[], size: number): number[] {
  const panels = enumeratePanels(pool, quotas, size);
  if (panels.length === 0) throw new Error('no feasible panel');
  const n = pool.length;
  const N = panels.length;
  const member = panels.map((p) => new Set(p));
  const fixed: (number | undefined)[] = new Array(n).fill(undefined);
  // Variables: lambda_0..lambda_{N-1}, z, surplus s_0..s_{n-1}. Rows: person i, then sum lambda = 1.
  const build = (objective: (j: number) => number, zFree: boolean, floor: number) => {
    const cols = N + 1 + n;
    const A: number[][] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = new Array<number>(cols).fill(0);
      for (let p = 0; p < N; p++) if (member[p]!.has(i)) row[p] = 1;
      row[N + 1 + i] = -1;
      if (fixed[i] === undefined) {
        if (zFree) row[N] = -1;
        b.push(zFree ? 0 : floor);
      } else b.push(fixed[i]!);
      A.push(row);
    }
    const last = new Array<number>(cols).fill(0);
    for (let p = 0; p < N; p++) last[p] = 1;
    A.push(last);
    b.push(1);
    const c = new Array<number>(cols).fill(0).map((_, j) => objective(j));
    return simplexMax(c, A, b);
  };
  while (fixed.some((f) => f === undefined)) {
    const res = build((j) => (j === N ? 1 : 0), true, 0);
    if (res.status !== 'optimal') throw new Error(`maximin LP ${res.status}`);
    const z = res.value;
    const unfixed = fixed.map((f, i) => (f === undefined ? i : -1)).filter((i) => i >= 0);
    const maxima = unfixed.map((i) => {
      const r = build((j) => (j < N && member[j]!.has(i) ? 1 : 0), false, z - 1e-12);
      if (r.status !== 'optimal') throw new Error(`max-own LP ${r.status}`);
      return r.value;
    });
    let any = false;
    unfixed.forEach((i, k) => {
      if (maxima[k]! <= z + 1e-9) {
        fixed[i] = z;
        any = true;
      }
    });
    if (!any) {
      const k = maxima.indexOf(Math.min(...maxima));
      fixed[unfixed[k]!] = z;
    }
  }
  return fixed as number[];
}
