/**
 * Parsing of the pool and quota files (formats of shared/data/sortition): pure functions over the
 * file text, so that the server can pass uploaded text and the CLI can pass what it read from disk.
 */
import { parseCsv } from './csv.ts';
import { MalformedInputError } from './errors.ts';
import type { Quota, SourceRef, Volunteer } from './types.ts';

/** A parsed pool: volunteers in file order, the category columns, and each row's provenance. */
export interface ParsedPool {
  readonly file: string;
  readonly categories: string[];
  readonly pool: Volunteer[];
  readonly sources: SourceRef[];
}

/** Parsed quotas in file order with each row's provenance. */
export interface ParsedQuotas {
  readonly file: string;
  readonly quotas: Quota[];
  readonly sources: SourceRef[];
}

/**
 * Parse a pool CSV: a header of category names, one row per volunteer. An optional first column
 * named `id` gives the ids; otherwise the data row number counted from 0 is the id.
 */
export function parsePoolCsv(text: string, file = 'pool.csv'): ParsedPool {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) throw new MalformedInputError(file, 1, 'the pool file is empty (expected a header of category names)');
  const names = header.fields.map((f) => f.trim());
  const hasId = names[0]?.toLowerCase() === 'id';
  const categories = hasId ? names.slice(1) : names;
  if (categories.length === 0) throw new MalformedInputError(file, header.line, 'the header names no category');
  const seenNames = new Set<string>();
  for (const name of categories) {
    if (name === '') throw new MalformedInputError(file, header.line, 'a category column has an empty name');
    if (name.toLowerCase() === 'id') throw new MalformedInputError(file, header.line, 'the id column must come first');
    if (seenNames.has(name)) throw new MalformedInputError(file, header.line, `category "${name}" appears twice`);
    seenNames.add(name);
  }
  const pool: Volunteer[] = [];
  const sources: SourceRef[] = [];
  const ids = new Set<string>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.fields.length !== names.length)
      throw new MalformedInputError(file, row.line, `expected ${names.length} fields, found ${row.fields.length}`);
    const values = row.fields.map((f) => f.trim());
    const id = hasId ? values[0]! : String(r - 1);
    if (id === '') throw new MalformedInputError(file, row.line, 'empty id');
    if (ids.has(id)) throw new MalformedInputError(file, row.line, `duplicate id "${id}"`);
    ids.add(id);
    const features: Record<string, string> = {};
    categories.forEach((category, c) => {
      const value = values[c + (hasId ? 1 : 0)]!;
      if (value === '') throw new MalformedInputError(file, row.line, `empty value for category "${category}"`);
      features[category] = value;
    });
    pool.push({ id, features });
    sources.push({ file, row: row.line });
  }
  if (pool.length === 0) throw new MalformedInputError(file, header.line, 'the pool has no volunteers');
  return { file, categories, pool, sources };
}

const QUOTA_COLUMNS = ['category', 'feature', 'min', 'max'] as const;

/** Parse a quota CSV with the header `category,feature,min,max` (columns in any order). */
export function parseQuotasCsv(text: string, file = 'quotas.csv'): ParsedQuotas {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) throw new MalformedInputError(file, 1, 'the quota file is empty (expected category,feature,min,max)');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = QUOTA_COLUMNS.map((name) => names.indexOf(name));
  if (col.some((c) => c < 0) || names.length !== QUOTA_COLUMNS.length)
    throw new MalformedInputError(file, header.line, `expected the header category,feature,min,max, found ${header.fields.join(',')}`);
  const quotas: Quota[] = [];
  const sources: SourceRef[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.fields.length !== 4) throw new MalformedInputError(file, row.line, `expected 4 fields, found ${row.fields.length}`);
    const [category, feature, minText, maxText] = col.map((c) => row.fields[c]!.trim()) as [string, string, string, string];
    if (category === '') throw new MalformedInputError(file, row.line, 'empty category');
    if (feature === '') throw new MalformedInputError(file, row.line, 'empty feature');
    const min = parseCount(minText, file, row.line, 'min');
    const max = parseCount(maxText, file, row.line, 'max');
    if (min > max) throw new MalformedInputError(file, row.line, `min ${min} is above max ${max} for ${category}=${feature}`);
    const key = JSON.stringify([category, feature]);
    if (seen.has(key)) throw new MalformedInputError(file, row.line, `a second quota for ${category}=${feature}`);
    seen.add(key);
    quotas.push({ category, feature, min, max });
    sources.push({ file, row: row.line });
  }
  if (quotas.length === 0) throw new MalformedInputError(file, header.line, 'the quota file has no quotas');
  return { file, quotas, sources };
}

function parseCount(text: string, file: string, row: number, what: string): number {
  if (!/^\d+$/.test(text)) throw new MalformedInputError(file, row, `${what} "${text}" is not a whole number >= 0`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new MalformedInputError(file, row, `${what} "${text}" is too large`);
  return value;
}
