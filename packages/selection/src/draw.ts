/**
 * The public draw. Given the leximin allocation and a seed (see rng.ts):
 *   1. u = rng.uniform(); walk the compositions in their listed order (canonical: the order the
 *      engine found them) and take the first whose cumulative probability exceeds u;
 *   2. for each type t in canonical type order with x_t > 0: choose x_t of its members (pool
 *      order) by a partial Fisher-Yates shuffle: for i = 0..x_t-1, j = i + rng.uniformInt(m_t - i),
 *      swap members i and j; the first x_t members are selected.
 * The panel is listed in pool order.
 */
import { SeededRandom } from './rng.ts';
import type { Allocation } from './types.ts';

/** Draw one panel (ids in pool order of the allocation's types) from an allocation with a seed. */
export function drawPanel(allocation: Allocation, seed: string, poolOrder?: readonly string[]): string[] {
  const rng = new SeededRandom(seed);
  const u = rng.uniform();
  const { compositions, types } = allocation;
  let chosen = compositions[compositions.length - 1]!;
  let cumulative = 0;
  for (const c of compositions) {
    cumulative += c.probability;
    if (u < cumulative) {
      chosen = c;
      break;
    }
  }
  const selected = new Set<string>();
  types.forEach((type, t) => {
    const take = chosen.counts[t]!;
    if (take === 0) return;
    const members = [...type.members];
    for (let i = 0; i < take; i++) {
      const j = i + rng.uniformInt(members.length - i);
      [members[i], members[j]] = [members[j]!, members[i]!];
      selected.add(members[i]!);
    }
  });
  const order = poolOrder ?? types.flatMap((t) => t.members);
  return order.filter((id) => selected.has(id));
}
