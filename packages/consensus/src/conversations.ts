/**
 * Locates the shared Pol.is conversations: `<repo root>/../shared/data/polis`, the repo root being
 * computed from this file's location (CI clones the repo elsewhere with shared/ beside it).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Absolute path of the shared Pol.is data folder. */
export const POLIS_DATA = path.resolve(REPO_ROOT, '../shared/data/polis');

/** Names of the shared conversations (sub-folders), sorted. */
export function conversationNames(): string[] {
  return readdirSync(POLIS_DATA, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
