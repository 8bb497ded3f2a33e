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
export const METHOD_VERSION = '@shangliang/selection@0.1.0 leximin-types/v4';

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

/**
 * The public seed of a lottery's `ordinal`-th replacement draw (1, 2, … in the order they were
 * drawn): the lottery's seed, `/replacement/`, the ordinal in decimal, e.g. `42/replacement/1`.
 * Anyone with the lottery's seed derives every replacement's seed; nobody picks it afterwards.
 */
export function replacementSeed(lotterySeed: string | number, ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 1) throw new SelectionError(`replacement ordinal ${ordinal} is not a whole number from 1`);
  return `${normaliseSeed(lotterySeed)}/replacement/${ordinal}`;
}

/** A declined member who is not on the panel at their turn (never drawn, or replaced already). */
export class NotOnPanelError extends SelectionError {
  override readonly name = 'NotOnPanelError';
  constructor(
    readonly ordinal: number,
    readonly id: string,
  ) {
    super(`replacement ${ordinal}: "${id}" is not on the panel after ${ordinal - 1} replacement(s)`);
  }
}

/** Input of a series of replacements: the lottery as drawn and who declined, in order. */
export interface ReplacementSeriesInput {
  readonly pool: readonly Volunteer[];
  readonly quotas: readonly Quota[];
  /** The panel as the lottery drew it. */
  readonly panel: readonly string[];
  /** The lottery's public seed; replacement n uses replacementSeed(seed, n). */
  readonly seed: string | number;
  /** Who declined, in the order their replacements were drawn (a replacement may decline too). */
  readonly declined: readonly string[];
}

/** One replacement of a series. */
export interface ReplacementStep {
  readonly ordinal: number;
  readonly declined: string;
  readonly replacement: string;
  readonly seed: string;
  readonly replacementDigest: string;
}

/**
 * Replay the replacements of a lottery one at a time, as a server draws them when members decline:
 * replacement n replaces declined[n-1] on the panel left by replacements 1 … n-1, with everyone
 * who declined before excluded, and the seed replacementSeed(seed, n). Each step is `replace`, so
 * the result is the one recorded. Throws NotOnPanelError when a declined id is not on the panel
 * at its turn, and what `replace` throws.
 */
export async function replaceInTurn(
  input: ReplacementSeriesInput,
  options: LeximinOptions = {},
): Promise<{ panel: string[]; replacements: ReplacementStep[] }> {
  let panel = [...input.panel];
  const replacements: ReplacementStep[] = [];
  for (const [i, declined] of input.declined.entries()) {
    const ordinal = i + 1;
    if (!panel.includes(declined)) throw new NotOnPanelError(ordinal, declined);
    const r = await replace(
      {
        pool: input.pool,
        quotas: input.quotas,
        panel,
        declined: [declined],
        excluded: input.declined.slice(0, i),
        seed: replacementSeed(input.seed, ordinal),
      },
      options,
    );
    replacements.push({ ordinal, declined, replacement: r.replacements[0]!, seed: r.seed, replacementDigest: r.replacementDigest });
    panel = r.panel;
  }
  return { panel, replacements };
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
