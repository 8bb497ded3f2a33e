/**
 * The package's entry points for the server and the CLI: a leximin lottery over a pool, and
 * replacements for declined panel members that keep every quota.
 */
import { inputDigest } from './digest.ts';
import { drawPanel } from './draw.ts';
import { SelectionError } from './errors.ts';
import { computeLeximin } from './leximin.ts';
import { buildProblem, type Problem } from './model.ts';
import { sha256Hex } from './sha256.ts';
import { getHighs } from './solver.ts';
import type { Allocation, LeximinOptions, Quota, SelectionInput, SelectionResult, Volunteer } from './types.ts';

/** Version tag of the method; a draw is reproducible with the same engine string. */
export const METHOD_VERSION = '@shangliang/selection@0.1.0 leximin-types/v3';

/** The engine identification published with a result (method version and HiGHS version). */
export async function engineVersion(): Promise<string> {
  const highs = await getHighs();
  return `${METHOD_VERSION} highs@${highs.version.string}`;
}

/** Lottery input: pool, quotas, panel size and the public seed. */
export interface LotteryInput extends SelectionInput {
  readonly seed: string | number;
}

/**
 * Run the public lottery: validate, compute the leximin-fair probabilities, draw one panel with
 * the seed. Returns the panel (ids in pool order), every volunteer's probability, the seed and
 * the input digest. Throws MalformedInputError or InfeasibleQuotasError.
 */
export async function selectPanel(input: LotteryInput, options: LeximinOptions = {}): Promise<SelectionResult> {
  const seed = normaliseSeed(input.seed);
  const problem = buildProblem(input, options.reduceTypes ?? true);
  const allocation = await computeLeximin(problem, options);
  const panel = drawPanel(
    allocation,
    seed,
    input.pool.map((v) => v.id),
  );
  assertMeetsQuotas(panel, input.pool, problem.quotas, problem.size);
  return {
    panel,
    probabilities: probabilitiesRecord(allocation, input.pool),
    seed,
    inputDigest: inputDigest(input.pool, input.quotas, input.size),
    minProbability: allocation.minProbability,
    certificate: allocation.certificate,
    engine: await engineVersion(),
    stats: allocation.stats,
  };
}

/** Validate and compute the leximin allocation without drawing (for previews and checks). */
export async function leximinAllocation(input: SelectionInput, options: LeximinOptions = {}): Promise<Allocation> {
  return computeLeximin(buildProblem(input, options.reduceTypes ?? true), options);
}

/** Replacement input: the published lottery's pool and quotas, the current panel and who declined. */
export interface ReplacementInput {
  readonly pool: readonly Volunteer[];
  readonly quotas: readonly Quota[];
  /** The panel as currently invited (including the members who declined). */
  readonly panel: readonly string[];
  /** Panel members who declined; one replacement is drawn for each. */
  readonly declined: readonly string[];
  /** Volunteers who may not be drawn (e.g. who declined earlier or withdrew). */
  readonly excluded?: readonly string[];
  /** Public seed of this replacement draw (e.g. `${lotterySeed}/replacement/1`). */
  readonly seed: string | number;
}

/** Result of a replacement draw. */
export interface ReplacementResult {
  /** The new panel: the original order, each declined member replaced in place. */
  readonly panel: string[];
  /** replacements[i] replaces declined[i]. */
  readonly replacements: string[];
  /** Selection probability of each eligible volunteer in this replacement draw. */
  readonly probabilities: Record<string, number>;
  readonly seed: string;
  /**
   * SHA-256 hex of JSON.stringify(["shangliang/selection-replacement/v1", inputDigest(pool,
   * quotas, panel size), panel, declined, excluded]) with the lists exactly as passed.
   */
  readonly replacementDigest: string;
  readonly engine: string;
}

/**
 * Draw replacements for declined panel members so that the new panel still meets every quota.
 * The members who stay are kept; the replacements are a leximin lottery among the volunteers not
 * on the panel and not excluded, with each quota reduced by the members who stay (for one seat the
 * leximin distribution is uniform over the volunteers who can take it). Throws
 * InfeasibleQuotasError (in terms of the remaining seats) when no replacement keeps every quota.
 */
export async function replace(input: ReplacementInput, options: LeximinOptions = {}): Promise<ReplacementResult> {
  const seed = normaliseSeed(input.seed);
  const size = input.panel.length;
  const full = buildProblem({ pool: input.pool, quotas: input.quotas, size }, false);
  const byId = new Map(input.pool.map((v) => [v.id, v]));
  const onPanel = new Set(input.panel);
  if (onPanel.size !== input.panel.length) throw new SelectionError('the panel lists a volunteer twice');
  for (const id of input.panel) if (!byId.has(id)) throw new SelectionError(`panel member "${id}" is not in the pool`);
  const declined = new Set(input.declined);
  if (declined.size === 0) throw new SelectionError('nobody declined');
  for (const id of declined) if (!onPanel.has(id)) throw new SelectionError(`"${id}" declined but is not on the panel`);
  const excluded = new Set(input.excluded ?? []);
  const staying = input.panel.filter((id) => !declined.has(id));
  const residualQuotas: Quota[] = full.quotas.map((q) => {
    const kept = staying.filter((id) => byId.get(id)!.features[q.category] === q.feature).length;
    if (kept > q.max) throw new SelectionError(`the members who stay already exceed the quota ${q.category}=${q.feature} (max ${q.max})`);
    return { category: q.category, feature: q.feature, min: Math.max(0, q.min - kept), max: q.max - kept };
  });
  const candidates = input.pool.filter((v) => !onPanel.has(v.id) && !excluded.has(v.id));
  if (candidates.length < declined.size)
    throw new SelectionError(`only ${candidates.length} volunteers are left for ${declined.size} seats`);
  const problem = buildProblem(
    { pool: candidates, quotas: residualQuotas, size: declined.size, poolFile: 'remaining pool' },
    options.reduceTypes ?? true,
  );
  const allocation = await computeLeximin(problem, options);
  const drawn = drawPanel(
    allocation,
    seed,
    candidates.map((v) => v.id),
  );
  const replacements = [...drawn];
  const order = input.declined.filter((id, i) => input.declined.indexOf(id) === i);
  const mapping = new Map(order.map((id, i) => [id, replacements[i]!]));
  const panel = input.panel.map((id) => mapping.get(id) ?? id);
  assertMeetsQuotas(panel, input.pool, input.quotas, size);
  const digest = sha256Hex(
    JSON.stringify([
      'shangliang/selection-replacement/v1',
      inputDigest(input.pool, input.quotas, size),
      input.panel,
      input.declined,
      input.excluded ?? [],
    ]),
  );
  return {
    panel,
    replacements: order.map((id) => mapping.get(id)!),
    probabilities: probabilitiesRecord(allocation, candidates),
    seed,
    replacementDigest: digest,
    engine: await engineVersion(),
  };
}

/** Check that a panel meets every quota and has the right size; throws SelectionError if not. */
export function assertMeetsQuotas(panel: readonly string[], pool: readonly Volunteer[], quotas: readonly Quota[], size: number): void {
  const violation = quotaViolation(panel, pool, quotas, size);
  if (violation) throw new SelectionError(violation);
}

/** Describe how a panel breaks the quotas or the size, or undefined when it meets them all. */
export function quotaViolation(
  panel: readonly string[],
  pool: readonly Volunteer[],
  quotas: readonly Quota[],
  size: number,
): string | undefined {
  if (panel.length !== size) return `the panel has ${panel.length} members, not ${size}`;
  if (new Set(panel).size !== panel.length) return 'the panel lists a volunteer twice';
  const byId = new Map(pool.map((v) => [v.id, v]));
  for (const q of quotas) {
    const n = panel.filter((id) => byId.get(id)?.features[q.category] === q.feature).length;
    if (n < q.min || n > q.max) return `the panel has ${n} with ${q.category}=${q.feature}, outside [${q.min}, ${q.max}]`;
  }
  return undefined;
}

function probabilitiesRecord(allocation: Allocation, pool: readonly Volunteer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of pool) out[v.id] = allocation.probabilities.get(v.id) ?? 0;
  return out;
}

function normaliseSeed(seed: string | number): string {
  const s = String(seed).trim();
  if (s === '') throw new SelectionError('the seed is empty');
  return s;
}

export type { Problem };
