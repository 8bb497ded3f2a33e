/**
 * Validation and the canonical problem. Everything downstream (LPs, ILPs, the draw, the digest)
 * sees the input in one canonical order, so the result depends only on the input's content
 * (and on the pool order, which is part of the published pool and of the digest).
 */
import { MalformedInputError } from './errors.ts';
import type { Quota, SelectionInput, TypeInfo, Volunteer } from './types.ts';

/** The canonical, validated selection problem over types. */
export interface Problem {
  /** Category names, sorted. */
  readonly categories: readonly string[];
  /** Quotas sorted by category then feature. */
  readonly quotas: readonly Quota[];
  readonly size: number;
  readonly pool: readonly Volunteer[];
  /** Types (distinct feature vectors) sorted by their values, or one per volunteer if not reduced. */
  readonly types: readonly TypeInfo[];
  /** counts[t] = number of volunteers of type t. */
  readonly counts: readonly number[];
  /** typeQuotas[t] = index of the quota of each category that type t falls under. */
  readonly typeQuotas: readonly (readonly number[])[];
  /** quotaTypes[q] = types falling under quota q. */
  readonly quotaTypes: readonly (readonly number[])[];
  /** Index of each volunteer's type, in pool order. */
  readonly typeOfVolunteer: readonly number[];
}

/** Code-unit string order; documented so that others can reproduce the canonical order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareStrings(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Validate an input and build the canonical problem. Throws MalformedInputError naming the file
 * (or "pool"/"quotas"/"size" for in-memory input), the row and the reason.
 */
export function buildProblem(input: SelectionInput, reduceTypes = true): Problem {
  const poolFile = input.poolFile ?? input.poolSources?.[0]?.file ?? 'pool';
  const quotaFile = input.quotaFile ?? input.quotaSources?.[0]?.file ?? 'quotas';
  const poolRow = (i: number): number => input.poolSources?.[i]?.row ?? i + 2;
  const quotaRow = (i: number): number => input.quotaSources?.[i]?.row ?? i + 2;
  const { pool, size } = input;
  if (pool.length === 0) throw new MalformedInputError(poolFile, 1, 'the pool has no volunteers');
  if (input.quotas.length === 0) throw new MalformedInputError(quotaFile, 1, 'there are no quotas');

  // Quotas: well-formed, unique per (category, feature).
  const quotaIndexByKey = new Map<string, number>();
  const categoriesWithQuotas = new Map<string, number>(); // category -> first quota row index
  input.quotas.forEach((q, i) => {
    if (!q.category || !q.feature) throw new MalformedInputError(quotaFile, quotaRow(i), 'empty category or feature');
    for (const [what, v] of [
      ['min', q.min],
      ['max', q.max],
    ] as const)
      if (!Number.isSafeInteger(v) || v < 0)
        throw new MalformedInputError(quotaFile, quotaRow(i), `${what} ${v} is not a whole number >= 0`);
    if (q.min > q.max)
      throw new MalformedInputError(quotaFile, quotaRow(i), `min ${q.min} is above max ${q.max} for ${q.category}=${q.feature}`);
    const key = JSON.stringify([q.category, q.feature]);
    if (quotaIndexByKey.has(key)) throw new MalformedInputError(quotaFile, quotaRow(i), `a second quota for ${q.category}=${q.feature}`);
    quotaIndexByKey.set(key, i);
    if (!categoriesWithQuotas.has(q.category)) categoriesWithQuotas.set(q.category, i);
  });

  // Categories: those of the first volunteer; every volunteer must have exactly these.
  const categories = Object.keys(pool[0]!.features).sort(compareStrings);
  if (categories.length === 0) throw new MalformedInputError(poolFile, poolRow(0), 'the volunteer has no features');
  for (const category of categories)
    if (!categoriesWithQuotas.has(category))
      throw new MalformedInputError(poolFile, 1, `category "${category}" has no quota (add its values to the quota file)`);
  for (const [category, i] of categoriesWithQuotas)
    if (!categories.includes(category))
      throw new MalformedInputError(quotaFile, quotaRow(i), `category "${category}" is not a column of the pool`);

  const ids = new Set<string>();
  pool.forEach((v, i) => {
    if (typeof v.id !== 'string' || v.id === '') throw new MalformedInputError(poolFile, poolRow(i), 'empty id');
    if (ids.has(v.id)) throw new MalformedInputError(poolFile, poolRow(i), `duplicate id "${v.id}"`);
    ids.add(v.id);
    const keys = Object.keys(v.features);
    if (keys.length !== categories.length)
      throw new MalformedInputError(poolFile, poolRow(i), `expected the categories ${categories.join(', ')}, found ${keys.join(', ')}`);
    for (const category of categories) {
      const value = v.features[category];
      if (value === undefined) throw new MalformedInputError(poolFile, poolRow(i), `no value for category "${category}"`);
      if (!quotaIndexByKey.has(JSON.stringify([category, value])))
        throw new MalformedInputError(poolFile, poolRow(i), `value "${value}" of category "${category}" is named by no quota`);
    }
  });

  // Size: a whole number the pool and every category's quota set allow.
  if (!Number.isSafeInteger(size) || size < 1) throw new MalformedInputError('size', 0, `panel size ${size} is not a whole number >= 1`);
  if (size > pool.length)
    throw new MalformedInputError(
      poolFile,
      poolRow(pool.length - 1),
      `the pool has ${pool.length} volunteers, fewer than the panel size ${size}`,
    );
  for (const category of categories) {
    let sumMin = 0;
    let sumMax = 0;
    input.quotas.forEach((q) => {
      if (q.category === category) {
        sumMin += q.min;
        sumMax += q.max;
      }
    });
    const row = quotaRow(categoriesWithQuotas.get(category)!);
    if (sumMin > size)
      throw new MalformedInputError(
        quotaFile,
        row,
        `the minimums of category "${category}" add up to ${sumMin}, above the panel size ${size}`,
      );
    if (sumMax < size)
      throw new MalformedInputError(
        quotaFile,
        row,
        `the maximums of category "${category}" add up to ${sumMax}, below the panel size ${size}`,
      );
  }

  const quotas = [...input.quotas].sort((a, b) => compareStrings(a.category, b.category) || compareStrings(a.feature, b.feature));
  const quotaIndex = new Map(quotas.map((q, i) => [JSON.stringify([q.category, q.feature]), i]));

  // Types: group identical feature vectors (the reduction), members kept in pool order.
  const vectors = pool.map((v) => categories.map((c) => v.features[c]!));
  const groups = new Map<string, { values: string[]; members: string[]; volunteers: number[] }>();
  vectors.forEach((values, i) => {
    const key = reduceTypes ? JSON.stringify(values) : `#${i}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { values, members: [], volunteers: [] }));
    g.members.push(pool[i]!.id);
    g.volunteers.push(i);
  });
  const sorted = [...groups.values()];
  if (reduceTypes) sorted.sort((a, b) => compareTuples(a.values, b.values));
  const typeOfVolunteer = new Array<number>(pool.length);
  sorted.forEach((g, t) => g.volunteers.forEach((i) => (typeOfVolunteer[i] = t)));
  const types: TypeInfo[] = sorted.map((g) => ({ values: g.values, members: g.members }));
  const typeQuotas = types.map((t) => categories.map((c, ci) => quotaIndex.get(JSON.stringify([c, t.values[ci]]))!));
  const quotaTypes: number[][] = quotas.map(() => []);
  typeQuotas.forEach((qs, t) => qs.forEach((q) => quotaTypes[q]!.push(t)));
  return {
    categories,
    quotas,
    size,
    pool,
    types,
    counts: types.map((t) => t.members.length),
    typeQuotas,
    quotaTypes,
    typeOfVolunteer,
  };
}
