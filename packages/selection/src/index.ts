/**
 * @shangliang/selection: fair participant selection (leximin sortition with quotas), a public
 * seeded lottery, replacements, infeasibility explanations, and the greedy baseline.
 */
export {
  selectPanel,
  leximinAllocation,
  replace,
  replaceInTurn,
  replacementSeed,
  NotOnPanelError,
  engineVersion,
  assertMeetsQuotas,
  quotaViolation,
  METHOD_VERSION,
} from './select.ts';
export type { LotteryInput, ReplacementInput, ReplacementResult, ReplacementSeriesInput, ReplacementStep } from './select.ts';
export { computeLeximin } from './leximin.ts';
export { buildProblem, type Problem } from './model.ts';
export { drawPanel } from './draw.ts';
export { greedyDraw, estimateGreedyProbabilities } from './greedy.ts';
export { explainInfeasibility, isFeasible } from './infeasibility.ts';
export { inputDigest, canonicalInput } from './digest.ts';
export { SeededRandom } from './rng.ts';
export { sha256, sha256Hex } from './sha256.ts';
export { parsePoolCsv, parseQuotasCsv, type ParsedPool, type ParsedQuotas } from './files.ts';
export { parseCsv } from './csv.ts';
export {
  SelectionError,
  MalformedInputError,
  InfeasibleQuotasError,
  TimeLimitError,
  type QuotaBound,
  type QuotaRelaxation,
} from './errors.ts';
export type * from './types.ts';
