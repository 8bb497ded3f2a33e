/**
 * The leximin over the LP relaxation of the composition polytope (the fast path of the engine).
 *
 * P_LP = { x : 0 <= x_t <= m_t, quota rows within [min, max], sum x = size } contains the
 * integer hull P_I = conv{ integer panels }. The leximin of p = x/m over the explicit polytope
 * P_LP is a short sequence of LPs with T + 1 columns (no column generation). If its optimum x*
 * lies in P_I (it can be written as a convex combination of integer panels), it is also the
 * leximin over P_I: a leximin optimum over a superset that belongs to the subset is optimal there.
 * Moreover each round's duals y_r of the relaxation are then an optimal dual of that round's
 * restricted master over those panels, so the exact pricing ILP with weights y_r/m certifies the
 * round exactly as in the column generation (see leximin.ts).
 *
 * Every panel in such a decomposition maximises y_r . x/m for every round r (complementary
 * slackness), so it lies in the face F of P_LP where the quota rows and bounds with a non-zero
 * dual in some round are tight: the decomposition only searches F.
 */
import type { Problem } from './model.ts';
import { createModel, cscFromColumns, type getHighs } from './solver.ts';
import { SelectionError } from './errors.ts';

type HighsRuntime = Awaited<ReturnType<typeof getHighs>>;

/** One leximin round of the relaxation: its duals on the type rows and its value. */
export interface RelaxedRound {
  /** y_t >= 0, sum over the types unfixed at that round = 1. */
  readonly y: Float64Array;
  /** max over P_LP of sum_t y_t x_t / m_t (strong duality: z + sum_{fixed} y_t f_t). */
  readonly yhat: number;
  readonly z: number;
}

export interface Relaxation {
  /** The leximin probability of every type over P_LP. */
  readonly fixed: Float64Array;
  readonly rounds: readonly RelaxedRound[];
  /** The face F: bounds on x_t and on the quota rows (tight where some round's dual is non-zero). */
  readonly typeLower: Int32Array;
  readonly typeUpper: Int32Array;
  readonly quotaLower: Int32Array;
  readonly quotaUpper: Int32Array;
}

/** Simplex options for the relaxation rounds: dual simplex, re-solved from the previous basis. */
const RELAXATION_OPTIONS = {
  output_flag: false,
  presolve: 'off',
  solver: 'simplex',
  simplex_strategy: 1,
  primal_feasibility_tolerance: 1e-10,
  dual_feasibility_tolerance: 1e-10,
} as const;

/** Duals (and reduced costs) above this magnitude mark a tight row or bound of the face F. */
const FACE_TOLERANCE = 1e-9;
const FIX_TOLERANCE = 1e-6;

/**
 * The leximin over P_LP, with the same fixing rule as the column generation (every unfixed type
 * with y_t > 1e-6 is fixed at the round's value; if none, the one with the largest y_t).
 */
export function relaxedLeximin(highs: HighsRuntime, problem: Problem): Relaxation {
  const { counts, typeQuotas, quotas, size } = problem;
  const T = counts.length;
  const Q = quotas.length;
  const inf = highs.infinity;
  // Columns x_0..x_{T-1}, z; rows: Q quota rows, the size row, T type rows x_t/m_t - z >= 0.
  const cols = counts.map((m, t) => ({
    indices: [...typeQuotas[t]!, Q, Q + 1 + t],
    values: [...typeQuotas[t]!.map(() => 1), 1, 1 / m],
  }));
  cols.push({ indices: counts.map((_, t) => Q + 1 + t), values: counts.map(() => -1) });
  const colCost = new Float64Array(T + 1);
  colCost[T] = 1;
  const model = createModel(
    highs,
    {
      numCols: T + 1,
      numRows: Q + 1 + T,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: Float64Array.from([...counts.map(() => 0), -inf]),
      colUpper: Float64Array.from([...counts, inf]),
      rowLower: Float64Array.from([...quotas.map((q) => q.min), size, ...counts.map(() => 0)]),
      rowUpper: Float64Array.from([...quotas.map((q) => q.max), size, ...counts.map(() => inf)]),
      matrix: cscFromColumns(Q + 1 + T, cols),
    },
    RELAXATION_OPTIONS,
  );
  const typeLower = new Int32Array(T);
  const typeUpper = Int32Array.from(counts);
  const quotaLower = Int32Array.from(quotas, (q) => q.min);
  const quotaUpper = Int32Array.from(quotas, (q) => q.max);
  const fixed = new Float64Array(T).fill(Number.NaN);
  const applied = new Uint8Array(T);
  const rounds: RelaxedRound[] = [];
  try {
    let unfixed = T;
    let relaxations = 0;
    while (unfixed > 0) {
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) {
        // Fixed values a hair too high (floating point): relax them slightly and re-solve.
        if (++relaxations > 20) throw new SelectionError('the relaxed leximin LP stays infeasible');
        for (let t = 0; t < T; t++)
          if (!Number.isNaN(fixed[t]!)) {
            fixed[t] = Math.max(0, fixed[t]! - 1e-12);
            model.changeRowBounds(Q + 1 + t, fixed[t]!, inf);
          }
        continue;
      }
      const z = model.getObjectiveValue();
      const solution = model.getSolution();
      const { rowDual, colDual, rowValue, colValue } = solution;
      // Sign of the duals from the normalisation sum_{unfixed} y_t = 1 (convention-free).
      let norm = 0;
      for (let t = 0; t < T; t++) if (Number.isNaN(fixed[t]!)) norm += rowDual[Q + 1 + t]!;
      const sign = norm < 0 ? -1 : 1;
      const y = new Float64Array(T);
      let yhat = z;
      for (let t = 0; t < T; t++) {
        y[t] = Math.max(0, sign * rowDual[Q + 1 + t]!);
        if (!Number.isNaN(fixed[t]!)) yhat += fixed[t]! * y[t]!;
      }
      rounds.push({ y, yhat, z });
      // The face: rows and bounds with a non-zero dual are tight in every optimal panel.
      for (let q = 0; q < Q; q++)
        if (Math.abs(rowDual[q]!) > FACE_TOLERANCE) {
          const bound =
            Math.abs(rowValue[q]! - quotas[q]!.min) <= Math.abs(rowValue[q]! - quotas[q]!.max) ? quotas[q]!.min : quotas[q]!.max;
          quotaLower[q] = Math.max(quotaLower[q]!, bound);
          quotaUpper[q] = Math.min(quotaUpper[q]!, bound);
        }
      for (let t = 0; t < T; t++)
        if (Math.abs(colDual[t]!) > FACE_TOLERANCE) {
          if (colValue[t]! <= counts[t]! / 2) typeUpper[t] = Math.min(typeUpper[t]!, 0);
          else typeLower[t] = Math.max(typeLower[t]!, counts[t]!);
        }
      let best = -1;
      let fixedNow = 0;
      const value = Math.max(0, z);
      for (let t = 0; t < T; t++) {
        if (!Number.isNaN(fixed[t]!)) continue;
        if (best < 0 || y[t]! > y[best]!) best = t;
        if (y[t]! > FIX_TOLERANCE) {
          fixed[t] = value;
          fixedNow++;
        }
      }
      if (fixedNow === 0) {
        fixed[best] = value;
        fixedNow = 1;
      }
      unfixed -= fixedNow;
      for (let t = 0; t < T; t++)
        if (!Number.isNaN(fixed[t]!) && !applied[t]) {
          applied[t] = 1;
          model.changeCoefficient(Q + 1 + t, T, 0);
          model.changeRowBounds(Q + 1 + t, fixed[t]!, inf);
        }
    }
  } finally {
    model.dispose();
  }
  return { fixed, rounds, typeLower, typeUpper, quotaLower, quotaUpper };
}
