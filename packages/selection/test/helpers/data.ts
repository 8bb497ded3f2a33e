/** Locating the shared sortition data: <repo root>/../shared/data/sortition (works in CI clones). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePoolCsv, parseQuotasCsv } from '../../src/index.ts';

/** Repository root, computed from this file's location (packages/selection/test/helpers). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SORTITION_DATA = path.resolve(REPO_ROOT, '../shared/data/sortition');

/** Load one of the published example instances. */
export function loadExample(name: 'example_small_20' | 'example_large_200') {
  const dir = path.join(SORTITION_DATA, name);
  const poolFile = path.join(dir, 'respondents.csv');
  const quotaFile = path.join(dir, 'categories.csv');
  const pool = parsePoolCsv(readFileSync(poolFile, 'utf8'), poolFile);
  const quotas = parseQuotasCsv(readFileSync(quotaFile, 'utf8'), quotaFile);
  return { poolFile, quotaFile, pool, quotas, size: name === 'example_small_20' ? 20 : 200 };
}
