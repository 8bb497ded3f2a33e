/**
 * The greedy baseline the Sortition Foundation used before leximin ("LEGACY" in Flanigan et al.
 * 2021): repeatedly take the feature value whose quota is most under-filled relative to the people
 * still available for it, ratio (min - selected) / remaining, and add a uniformly random available
 * person with that value; once a value reaches its max, everyone else with it becomes unavailable.
 * A draw that gets stuck is restarted, as the legacy code did.
 */
import { SelectionError } from './errors.ts';
import type { Problem } from './model.ts';
import { SeededRandom } from './rng.ts';

/** One greedy (legacy) panel as volunteer indices in pool order, or undefined if every attempt got stuck. */
export function greedyDraw(problem: Problem, rng: SeededRandom, maxAttempts = 100): number[] | undefined {
  const { pool, quotas, size, typeQuotas, typeOfVolunteer } = problem;
  const Q = quotas.length;
  const n = pool.length;
  const volunteerQuotas = typeOfVolunteer.map((t) => typeQuotas[t]!);
  const members: number[][] = quotas.map(() => []);
  volunteerQuotas.forEach((qs, v) => qs.forEach((q) => members[q]!.push(v)));
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    // available[q] is a swap-remove list of volunteers still available with value q.
    const available = members.map((m) => [...m]);
    const position = members.map((m) => {
      const pos = new Map<number, number>();
      m.forEach((v, i) => pos.set(v, i));
      return pos;
    });
    const alive = new Uint8Array(n).fill(1);
    const selected = new Int32Array(Q);
    const panel: number[] = [];
    const remove = (v: number): void => {
      if (!alive[v]) return;
      alive[v] = 0;
      for (const q of volunteerQuotas[v]!) {
        const list = available[q]!;
        const pos = position[q]!;
        const i = pos.get(v)!;
        const last = list[list.length - 1]!;
        list[i] = last;
        pos.set(last, i);
        list.pop();
        pos.delete(v);
      }
    };
    let stuck = false;
    while (panel.length < size) {
      let best = -1;
      let bestRatio = Number.NEGATIVE_INFINITY;
      for (let q = 0; q < Q; q++) {
        const remaining = available[q]!.length;
        if (selected[q]! < quotas[q]!.min && remaining < quotas[q]!.min - selected[q]!) {
          stuck = true;
          break;
        }
        if (remaining === 0 || selected[q]! >= quotas[q]!.max) continue;
        const ratio = (quotas[q]!.min - selected[q]!) / remaining;
        if (ratio > bestRatio) {
          bestRatio = ratio;
          best = q;
        }
      }
      if (stuck || best < 0) {
        stuck = true;
        break;
      }
      const list = available[best]!;
      const v = list[rng.uniformInt(list.length)]!;
      panel.push(v);
      remove(v);
      for (const q of volunteerQuotas[v]!) {
        selected[q] = selected[q]! + 1;
        if (selected[q] === quotas[q]!.max) for (const u of [...available[q]!]) remove(u);
      }
    }
    if (stuck) continue;
    if (quotas.every((q, i) => selected[i]! >= q.min && selected[i]! <= q.max)) return panel.sort((a, b) => a - b);
  }
  return undefined;
}

/** Greedy selection probabilities estimated from `draws` seeded draws (the baseline's fairness). */
export function estimateGreedyProbabilities(
  problem: Problem,
  draws: number,
  seed = 'greedy-baseline',
): { probabilities: Map<string, number>; minProbability: number; failures: number } {
  const rng = new SeededRandom(seed);
  const hits = new Float64Array(problem.pool.length);
  let ok = 0;
  let failures = 0;
  for (let d = 0; d < draws; d++) {
    const panel = greedyDraw(problem, rng, 1);
    if (!panel) {
      failures++;
      continue;
    }
    ok++;
    for (const v of panel) hits[v] = hits[v]! + 1;
  }
  if (ok === 0) throw new SelectionError('the greedy baseline never produced a panel meeting every quota');
  const probabilities = new Map<string, number>();
  let minProbability = Number.POSITIVE_INFINITY;
  problem.pool.forEach((v, i) => {
    const p = hits[i]! / ok;
    probabilities.set(v.id, p);
    minProbability = Math.min(minProbability, p);
  });
  return { probabilities, minProbability, failures };
}
