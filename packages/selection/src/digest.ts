/**
 * The input digest published with a lottery. It is SHA-256 (hex) of the UTF-8 bytes of
 *
 *   JSON.stringify(["shangliang/selection-input/v1", size, categories, quotas, pool])
 *
 * where `categories` are the category names sorted by UTF-16 code units, `quotas` are
 * [category, feature, min, max] sorted by category then feature, and `pool` is, in pool order,
 * [id, [value of each category in the sorted category order]]. No names, only ids and features.
 */
import { compareStrings } from './model.ts';
import { sha256Hex } from './sha256.ts';
import type { Quota, Volunteer } from './types.ts';

/** The canonical serialization hashed by `inputDigest` (documented above). */
export function canonicalInput(pool: readonly Volunteer[], quotas: readonly Quota[], size: number): string {
  const categories = Object.keys(pool[0]?.features ?? {}).sort(compareStrings);
  const q = [...quotas]
    .sort((a, b) => compareStrings(a.category, b.category) || compareStrings(a.feature, b.feature))
    .map((x) => [x.category, x.feature, x.min, x.max]);
  const p = pool.map((v) => [v.id, categories.map((c) => v.features[c] ?? '')]);
  return JSON.stringify(['shangliang/selection-input/v1', size, categories, q, p]);
}

/** SHA-256 hex digest of the canonical input: pool features and ids, quotas, size. */
export function inputDigest(pool: readonly Volunteer[], quotas: readonly Quota[], size: number): string {
  return sha256Hex(canonicalInput(pool, quotas, size));
}
