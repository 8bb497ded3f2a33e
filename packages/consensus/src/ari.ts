/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labelings of the same items: 1 for identical
 * partitions (up to renaming), about 0 for independent ones. Used to compare our groups with Pol.is's.
 */

/** ARI of two equally long label arrays. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError('adjustedRandIndex: labelings differ in length');
  if (n < 2) return 1;
  const table = new Map<string, number>();
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const key = `${x}\u0000${y}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  const c2 = (k: number): number => (k * (k - 1)) / 2;
  let sumIJ = 0;
  for (const v of table.values()) sumIJ += c2(v);
  let sumA = 0;
  for (const v of ca.values()) sumA += c2(v);
  let sumB = 0;
  for (const v of cb.values()) sumB += c2(v);
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1; // both trivial partitions
  return (sumIJ - expected) / (max - expected);
}
