/**
 * Leximin-fair selection probabilities by column generation, after Flanigan, Gölz, Gupta,
 * Hennig, Procaccia, "Fair algorithms for selecting citizens' assemblies", Nature 596 (2021),
 * Methods, and the Sortition Foundation's implementation (stratification.py, find_distribution_leximin).
 *
 * Speed-up over the published method: the problem is solved over TYPES (distinct feature
 * vectors) instead of individuals. Volunteers with the same features are interchangeable: any
 * permutation of them maps feasible panels to feasible panels, and the leximin probability vector
 * is unique, so it gives them equal probability. A distribution over panel COMPOSITIONS
 * (x_t = how many of type t, 0 <= x_t <= m_t) followed by a uniform choice of x_t of the m_t
 * members gives each member of type t probability E[x_t] / m_t, and every distribution over
 * individual panels induces a composition distribution with the same per-type averages. So the
 * leximin over individuals equals the leximin over the type probabilities p_t = E[x_t] / m_t,
 * and the pricing ILP has one small integer variable per type instead of one binary per person.
 *
 * Each round r solves the maximin program with the probabilities fixed in earlier rounds:
 *   primal  max z  s.t.  sum_P lambda_P x_{P,t}/m_t >= z (t unfixed), >= f_t (t fixed),
 *                        sum_P lambda_P = 1, lambda >= 0
 *   dual    min yhat - sum_{t fixed} f_t y_t  s.t.  sum_t y_t x_{P,t}/m_t <= yhat  for all P,
 *                        sum_{t unfixed} y_t = 1, y >= 0
 * over the panels P found so far (the dual is a persistent HiGHS LP, each new panel one more
 * row, re-solved from the previous basis). Pricing finds the panel maximising
 * sum_t (y_t/m_t) x_t (a cheap local search first, then the exact ILP). When the ILP's upper
 * bound is within epsilon of yhat, the restricted dual is optimal for all panels (the
 * certificate) and every unfixed type with y_t > 0 is fixed at the round's value (complementary
 * slackness: its constraint binds in every optimal primal solution).
 */
import type { Model } from 'highs';
import { explainInfeasibility } from './infeasibility.ts';
import type { Problem } from './model.ts';
import {
  compositionModelData,
  createModel,
  cscFromColumns,
  DUAL_LP_OPTIONS,
  FINAL_LP_OPTIONS,
  getHighs,
  LP_OPTIONS,
  MIP_OPTIONS,
} from './solver.ts';
import { SelectionError, TimeLimitError } from './errors.ts';
import { peel } from './peel.ts';
import { relaxedLeximin } from './relaxation.ts';
import type { Allocation, CompositionWeight, LeximinOptions, LeximinStats } from './types.ts';

/** A panel composition stored sparsely: the types present and how many of each. */
export interface Column {
  readonly support: Int32Array;
  readonly amount: Int32Array;
}

const FIX_TOLERANCE = 1e-6;
const HEURISTIC_STARTS = 8;
/** Local searches per decomposition iteration (more than in the rounds: the face is narrow). */
const FACE_STARTS = 32;
/** In a dive, fractional values this close to an integer are all fixed at once. */
const DIVE_BATCH = 0.1;
/** Moves per local search: 30 was faster than 10 (too many weak columns) and 100 (JS time) on our runs. */
const LOCAL_SEARCH_MOVES = 30;
/** 2-exchanges: the addable types of largest weight considered, and the single exchanges paired. */
const PAIR_ADDABLE = 40;
const PAIR_MOVES = 300;
/** Local searches with 2-exchanges per decomposition iteration where the 1-exchanges found nothing. */
const PAIR_STARTS = 1;

/** Compute the leximin allocation of a validated problem (throws InfeasibleQuotasError if none). */
export async function computeLeximin(problem: Problem, options: LeximinOptions = {}): Promise<Allocation> {
  const started = performance.now();
  const highs = await getHighs();
  const epsilon = options.epsilon ?? 1e-8;
  const heuristic = options.heuristicPricing ?? true;
  const log = options.log;
  const { counts, quotas, quotaTypes, size } = problem;
  const T = counts.length;
  const qMin = quotas.map((q) => q.min);
  const qMax = quotas.map((q) => q.max);
  const optimal = highs.constants.modelStatus.optimal;

  const pricing = createModel(highs, compositionModelData(highs, counts, quotaTypes, qMin, qMax, size), MIP_OPTIONS);
  let lp: MasterLp | undefined;
  let lpSolves = 0;
  let ilpSolves = 0;
  let heuristicColumns = 0;
  let lpSeconds = 0;
  let ilpSeconds = 0;
  try {
    // Every panel found (for the final distribution) and the subset currently in the master LP:
    // master[j] is the panel of LP column j + 1 (column 0 is z). Non-basic panels are purged
    // from the master when it grows large (column management), because each re-solve costs
    // time proportional to its size; a purged panel the pricing finds again is re-added.
    const columns: Column[] = [];
    const known = new Map<string, number>();
    const master: number[] = [];
    const inMaster: boolean[] = [];
    const toMaster = (j: number): void => {
      const c = columns[j]!;
      master.push(j);
      inMaster[j] = true;
      lp?.addPanel(c);
    };
    const purgeLimit = Math.max(200, 2 * (T + 1));
    const purge = (): void => {
      if (!lp || master.length <= purgeLimit) return;
      const drop = lp.purge();
      const kept: number[] = [];
      master.forEach((j, i) => {
        if (drop[i]) inMaster[j] = false;
        else kept.push(j);
      });
      master.length = 0;
      master.push(...kept);
    };
    const addColumn = (x: ArrayLike<number>): boolean => {
      const support: number[] = [];
      const amount: number[] = [];
      for (let t = 0; t < T; t++) {
        const v = Math.round(x[t]!);
        if (v > 0) {
          support.push(t);
          amount.push(v);
        }
      }
      const key = support.map((t, i) => `${t}:${amount[i]}`).join(',');
      const existing = known.get(key);
      if (existing !== undefined) {
        if (inMaster[existing]) return false;
        toMaster(existing);
        return true;
      }
      known.set(key, columns.length);
      columns.push({ support: Int32Array.from(support), amount: Int32Array.from(amount) });
      toMaster(columns.length - 1);
      return true;
    };

    const w = new Float64Array(T);
    const price = (): { x: Int32Array; value: number; bound: number } => {
      pricing.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, w);
      if (options.timeLimitSeconds !== undefined)
        pricing.options.set('time_limit', Math.max(1, options.timeLimitSeconds - (performance.now() - started) / 1000));
      const t0 = performance.now();
      pricing.run();
      if (pricing.getModelStatus() === highs.constants.modelStatus.timeLimit) throw new TimeLimitError(options.timeLimitSeconds!);
      ilpSeconds += (performance.now() - t0) / 1000;
      ilpSolves++;
      if (log && ilpSolves % 10 === 0)
        log(`  ${ilpSolves} ILP solves (${ilpSeconds.toFixed(1)} s), last ${(performance.now() - t0).toFixed(0)} ms`);
      const status = pricing.getModelStatus();
      if (status !== optimal) throw new SelectionError(`pricing ILP ended with HiGHS model status ${status}`);
      const col = pricing.getSolution().colValue;
      const x = new Int32Array(T);
      let value = 0;
      for (let t = 0; t < T; t++) {
        x[t] = Math.round(col[t]!);
        value += w[t]! * x[t]!;
      }
      const bound = Number(pricing.info.get('mip_dual_bound'));
      return { x, value, bound: Number.isFinite(bound) ? Math.max(bound, value) : value };
    };

    // A first feasible panel; if there is none, explain why.
    pricing.run();
    ilpSolves++;
    if (pricing.getModelStatus() !== optimal) {
      pricing.dispose();
      throw await explainInfeasibility(problem);
    }
    addColumn(pricing.getSolution().colValue);

    if (options.relaxation ?? true) {
      const counters: Counters = { lpSolves, ilpSolves, heuristicColumns, lpSeconds, ilpSeconds };
      const deadline = (): void => {
        if (options.timeLimitSeconds !== undefined && performance.now() - started > options.timeLimitSeconds * 1000)
          throw new TimeLimitError(options.timeLimitSeconds);
      };
      const outcome = solveByRelaxation(highs, problem, pricing, epsilon, heuristic, deadline, counters, log, {
        cover: options.coverPhase ?? true,
        peel: options.peeling ?? true,
      });
      ({ lpSolves, ilpSolves, heuristicColumns, lpSeconds, ilpSeconds } = counters);
      if (outcome.ok)
        return assemble(problem, outcome.columns, outcome.lambda, outcome.fixed, true, epsilon, outcome.worstGap, {
          rounds: outcome.rounds,
          columns: outcome.found,
          ...counters,
          relaxationPath: true,
          seconds: (performance.now() - started) / 1000,
        });
      log?.(`relaxation path not certified; column generation over ${outcome.columns.length} known panels`);
      for (const c of outcome.columns) {
        const x = new Float64Array(T);
        c.support.forEach((t, i) => (x[t] = c.amount[i]!));
        addColumn(x);
      }
    }

    lp = options.master === 'dual' ? new DualMaster(highs, counts, columns[0]!) : new PrimalMaster(highs, counts, columns[0]!);
    for (const j of master.slice(1)) lp.addPanel(columns[j]!);

    const fixed = new Float64Array(T).fill(Number.NaN);
    const applied = new Uint8Array(T);
    let unfixed = T;
    let rounds = 0;
    let worstGap = Number.NEGATIVE_INFINITY;
    let certified = true;
    const search = heuristic ? new LocalSearch(problem) : undefined;

    while (unfixed > 0) {
      rounds++;
      let y: Float64Array = new Float64Array(0);
      let yhat = 0;
      let objective = 0;
      let relaxations = 0;
      for (;;) {
        if (options.timeLimitSeconds !== undefined && performance.now() - started > options.timeLimitSeconds * 1000)
          throw new TimeLimitError(options.timeLimitSeconds);
        const t0 = performance.now();
        const solved = lp.solve(fixed);
        lpSeconds += (performance.now() - t0) / 1000;
        lpSolves++;
        if (log && lpSolves % 100 === 0)
          log(
            `  ${lpSolves} LP solves (${lpSeconds.toFixed(1)} s), ${ilpSolves} ILP solves (${ilpSeconds.toFixed(1)} s), master ${master.length}, panels ${columns.length}`,
          );
        if (!solved) {
          // Fixed probabilities a hair too high for the known panels (floating point): relax them
          // slightly, as the reference implementation does, and re-solve.
          if (++relaxations > 20) throw new SelectionError('the master LP stays infeasible after relaxing the fixed probabilities');
          for (let t = 0; t < T; t++)
            if (!Number.isNaN(fixed[t]!)) {
              fixed[t] = Math.max(0, fixed[t]! - 1e-9);
              lp.fix(t, fixed[t]!);
            }
          continue;
        }
        ({ y, yhat, objective } = solved);
        for (let t = 0; t < T; t++) w[t] = Math.max(0, y[t]!) / counts[t]!;
        purge();
        if (search) {
          // Several local searches from the tightest known panels; every improving panel found
          // becomes a column before the next LP solve (fewer LP solves).
          let added = 0;
          for (const x of search.improveMany(
            w,
            master.map((j) => columns[j]!),
            yhat + epsilon,
            HEURISTIC_STARTS,
          ))
            if (addColumn(x)) added++;
          if (added > 0) {
            heuristicColumns += added;
            continue;
          }
        }
        const priced = price();

        const gap = priced.bound - yhat;
        if (gap <= epsilon) {
          worstGap = Math.max(worstGap, gap);
          break;
        }
        if (!addColumn(priced.x)) {
          // The best panel is already known although the bound says otherwise: numerical stall.
          worstGap = Math.max(worstGap, gap);
          certified = false;
          break;
        }
      }
      const z = Math.max(0, objective);
      let best = -1;
      let fixedNow = 0;
      for (let t = 0; t < T; t++) {
        if (!Number.isNaN(fixed[t]!)) continue;
        if (best < 0 || y[t]! > y[best]!) best = t;
        if (y[t]! > FIX_TOLERANCE) {
          fixed[t] = z;
          fixedNow++;
        }
      }
      if (fixedNow === 0) {
        fixed[best] = z;
        fixedNow = 1;
      }
      unfixed -= fixedNow;
      for (let t = 0; t < T; t++)
        if (!Number.isNaN(fixed[t]!) && !applied[t]) {
          applied[t] = 1;
          lp.fix(t, fixed[t]!);
        }
      log?.(`round ${rounds}: z=${z.toFixed(9)} fixed ${fixedNow} (${T - unfixed}/${T}), panels ${columns.length}`);
    }

    // Final primal over the panels of the last master (it already holds a solution meeting every
    // fixed probability, and it is small, unlike the list of every panel ever found): a
    // distribution meeting every fixed probability, formally minimising the largest shortfall as
    // the reference implementation does.
    const finalColumns = master.map((j) => columns[j]!);
    const lambda = solveFinalPrimal(highs, finalColumns, counts, fixed);
    return assemble(problem, finalColumns, lambda.values, fixed, certified && worstGap <= epsilon, epsilon, worstGap, {
      rounds,
      columns: columns.length,
      lpSolves,
      ilpSolves,
      heuristicColumns,
      relaxationPath: false,
      lpSeconds,
      ilpSeconds,
      seconds: (performance.now() - started) / 1000,
    });
  } finally {
    if (!pricing.disposed) pricing.dispose();
    lp?.dispose();
  }
}

/** The allocation from a distribution over compositions and the fixed leximin values. */
function assemble(
  problem: Problem,
  finalColumns: readonly Column[],
  lambdaValues: Float64Array,
  fixed: Float64Array,
  met: boolean,
  epsilon: number,
  worstGap: number,
  stats: Omit<LeximinStats, 'poolSize' | 'types'>,
): Allocation {
  const { counts } = problem;
  const T = counts.length;
  const compositions: CompositionWeight[] = [];
  const p = new Float64Array(T);
  let total = 0;
  finalColumns.forEach((c, j) => {
    const l = lambdaValues[j]!;
    if (l > 1e-12) total += l;
  });
  finalColumns.forEach((c, j) => {
    let l = lambdaValues[j]!;
    if (!(l > 1e-12)) return;
    l /= total;
    const dense = new Array<number>(T).fill(0);
    c.support.forEach((t, i) => {
      dense[t] = c.amount[i]!;
      p[t] = p[t]! + (l * c.amount[i]!) / counts[t]!;
    });
    compositions.push({ counts: dense, probability: l });
  });
  let maxShortfall = 0;
  for (let t = 0; t < T; t++) maxShortfall = Math.max(maxShortfall, fixed[t]! - p[t]!);
  const probabilities = new Map<string, number>();
  problem.types.forEach((type, t) => type.members.forEach((id) => probabilities.set(id, p[t]!)));
  let minProbability = Number.POSITIVE_INFINITY;
  for (let t = 0; t < T; t++) minProbability = Math.min(minProbability, p[t]!);
  return {
    types: problem.types,
    compositions,
    probabilities,
    minProbability,
    certificate: { met, epsilon, worstGap, maxShortfall },
    stats: { poolSize: problem.pool.length, types: T, ...stats },
  };
}

/** The restricted master LP of one leximin round, over the panels in the master. */
interface MasterLp {
  addPanel(c: Column): void;
  /** Solve; the dual solution (y, yhat) and the round's objective z, or undefined if not optimal. */
  solve(fixed: Float64Array): { y: Float64Array; yhat: number; objective: number } | undefined;
  /** Fix (or re-fix, when relaxing) type t's probability at f. */
  fix(t: number, f: number): void;
  /** Remove the panels that are not in the current basis; returns, per master position, whether it went. */
  purge(): Uint8Array;
  dispose(): void;
}

type HighsRuntime = Awaited<ReturnType<typeof getHighs>>;

/**
 * The paper's dual LP as the master: columns y_0..y_{T-1}, yhat; row 0 is the normalisation
 * sum_{unfixed} y_t = 1, then one row per panel, sum_t y_t x_{P,t}/m_t - yhat <= 0. A new
 * panel is a new row, which the dual simplex handles from the previous (still dual-feasible)
 * basis; panels whose row is slack are purged.
 */
class DualMaster implements MasterLp {
  private readonly model: Model;
  private readonly T: number;
  constructor(
    private readonly highs: HighsRuntime,
    private readonly counts: readonly number[],
    first: Column,
  ) {
    const T = (this.T = counts.length);
    const cols = counts.map(() => ({ indices: [0] as number[], values: [1] as number[] }));
    first.support.forEach((t, i) => {
      cols[t]!.indices.push(1);
      cols[t]!.values.push(first.amount[i]! / counts[t]!);
    });
    cols.push({ indices: [1], values: [-1] });
    const colCost = new Float64Array(T + 1);
    colCost[T] = 1;
    const colLower = new Float64Array(T + 1);
    colLower[T] = -highs.infinity;
    this.model = createModel(
      highs,
      {
        numCols: T + 1,
        numRows: 2,
        colCost,
        colLower,
        colUpper: new Float64Array(T + 1).fill(highs.infinity),
        rowLower: Float64Array.from([1, -highs.infinity]),
        rowUpper: Float64Array.from([1, 0]),
        matrix: cscFromColumns(2, cols),
      },
      DUAL_LP_OPTIONS,
    );
  }
  addPanel(c: Column): void {
    const indices = [...c.support, this.T];
    const values = [...Array.from(c.support, (t, i) => c.amount[i]! / this.counts[t]!), -1];
    this.model.addRow(-this.highs.infinity, 0, { indices, values });
  }
  solve(): { y: Float64Array; yhat: number; objective: number } | undefined {
    this.model.run();
    if (this.model.getModelStatus() !== this.highs.constants.modelStatus.optimal) return undefined;
    const x = this.model.getSolution().colValue;
    return { y: x.slice(0, this.T), yhat: x[this.T]!, objective: this.model.getObjectiveValue() };
  }
  fix(t: number, f: number): void {
    this.model.changeCoefficient(0, t, 0);
    this.model.changeColCost(t, -f);
  }
  purge(): Uint8Array {
    const status = this.model.getBasis().rowStatus;
    const drop = new Uint8Array(status.length - 1);
    const mask = new Uint8Array(status.length);
    for (let i = 1; i < status.length; i++) if (status[i] === this.highs.constants.basisStatus.basic) drop[i - 1] = mask[i] = 1;
    this.model.deleteRows({ kind: 'mask', mask });
    return drop;
  }
  dispose(): void {
    this.model.dispose();
  }
}

/**
 * The primal maximin LP as the master: rows 0..T-1 are the type rows, row T is sum lambda = 1;
 * column 0 is z, then one column per panel. Its row duals are (y, yhat). A new panel is a new
 * column, re-priced by the primal simplex from the previous basis; non-basic panels are purged.
 */
class PrimalMaster implements MasterLp {
  private readonly model: Model;
  private readonly T: number;
  constructor(
    private readonly highs: HighsRuntime,
    private readonly counts: readonly number[],
    first: Column,
  ) {
    const T = (this.T = counts.length);
    const cols = [
      { indices: counts.map((_, t) => t), values: counts.map(() => -1) },
      {
        indices: [...Array.from(first.support), T],
        values: [...Array.from(first.support, (t, i) => first.amount[i]! / counts[t]!), 1],
      },
    ];
    this.model = createModel(
      highs,
      {
        numCols: 2,
        numRows: T + 1,
        sense: highs.constants.objectiveSense.maximize,
        colCost: Float64Array.from([1, 0]),
        colLower: Float64Array.from([-highs.infinity, 0]),
        colUpper: Float64Array.from([highs.infinity, highs.infinity]),
        rowLower: Float64Array.from([...counts.map(() => 0), 1]),
        rowUpper: Float64Array.from([...counts.map(() => highs.infinity), 1]),
        matrix: cscFromColumns(T + 1, cols),
      },
      LP_OPTIONS,
    );
  }
  addPanel(c: Column): void {
    const indices = [...c.support, this.T];
    const values = [...Array.from(c.support, (t, i) => c.amount[i]! / this.counts[t]!), 1];
    this.model.addCol(0, 0, this.highs.infinity, { indices, values });
  }
  solve(fixed: Float64Array): { y: Float64Array; yhat: number; objective: number } | undefined {
    this.model.run();
    if (this.model.getModelStatus() !== this.highs.constants.modelStatus.optimal) return undefined;
    // HiGHS reports duals as the objective's sensitivity to the row bounds, so y_t = -rowDual_t;
    // the sign is taken from the normalisation sum_{unfixed} y_t = 1 (z's reduced cost is zero)
    // so as not to depend on the convention, and yhat from strong duality.
    const T = this.T;
    const rowDual = this.model.getSolution().rowDual;
    let norm = 0;
    for (let t = 0; t < T; t++) if (Number.isNaN(fixed[t]!)) norm += rowDual[t]!;
    const sign = norm < 0 ? -1 : 1;
    const objective = this.model.getObjectiveValue();
    const y = new Float64Array(T);
    let yhat = objective;
    for (let t = 0; t < T; t++) {
      y[t] = sign * rowDual[t]!;
      if (!Number.isNaN(fixed[t]!)) yhat += fixed[t]! * y[t]!;
    }
    return { y, yhat, objective };
  }
  fix(t: number, f: number): void {
    this.model.changeCoefficient(t, 0, 0);
    this.model.changeRowBounds(t, f, this.highs.infinity);
  }
  purge(): Uint8Array {
    const status = this.model.getBasis().colStatus;
    const drop = new Uint8Array(status.length - 1);
    const mask = new Uint8Array(status.length);
    for (let i = 1; i < status.length; i++) if (status[i] !== this.highs.constants.basisStatus.basic) drop[i - 1] = mask[i] = 1;
    this.model.deleteCols({ kind: 'mask', mask });
    return drop;
  }
  dispose(): void {
    this.model.dispose();
  }
}

function solveFinalPrimal(
  highs: Awaited<ReturnType<typeof getHighs>>,
  columns: readonly Column[],
  counts: readonly number[],
  fixed: Float64Array,
): { values: Float64Array } {
  const T = counts.length;
  const N = columns.length;
  const matrixColumns = columns.map((c) => ({
    indices: [0, ...Array.from(c.support, (t) => t + 1)],
    values: [1, ...Array.from(c.support, (t, i) => c.amount[i]! / counts[t]!)],
  }));
  matrixColumns.push({ indices: counts.map((_, t) => t + 1), values: counts.map(() => 1) });
  const colCost = new Float64Array(N + 1);
  colCost[N] = 1;
  const model = createModel(
    highs,
    {
      numCols: N + 1,
      numRows: T + 1,
      colCost,
      colLower: new Float64Array(N + 1),
      colUpper: new Float64Array(N + 1).fill(highs.infinity),
      rowLower: Float64Array.from([1, ...fixed]),
      rowUpper: Float64Array.from([1, ...counts.map(() => highs.infinity)]),
      matrix: cscFromColumns(T + 1, matrixColumns),
    },
    FINAL_LP_OPTIONS,
  );
  try {
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal)
      throw new SelectionError(`final primal LP ended with HiGHS model status ${model.getModelStatus()}`);
    const values = model.getSolution().colValue.slice(0, N);
    for (let j = 0; j < N; j++) values[j] = Math.max(0, values[j]!);
    return { values };
  } finally {
    model.dispose();
  }
}

/**
 * Cheap pricing: best-improvement 1-exchange local search (move one seat from type a to type b
 * when every quota stays met) from the known panel with the largest dual weight. It only ever
 * proposes columns; optimality is always certified by the exact ILP.
 */
export class LocalSearch {
  private readonly min: ArrayLike<number>;
  private readonly max: ArrayLike<number>;
  private readonly lower: ArrayLike<number>;
  private readonly upper: ArrayLike<number>;
  private readonly count: Int32Array;
  private readonly x: Int32Array;
  private order: Int32Array;
  private readonly delta: Int32Array;
  /** Words per quota bit set; type t's quotas are typeMask[t*W .. t*W+W-1]. */
  private readonly W: number;
  private readonly typeMask: Int32Array;
  /** Quotas at their minimum (no seat can leave) and at their maximum (no seat can join). */
  private readonly atMin: Int32Array;
  private readonly atMax: Int32Array;
  /** Types of the current panel that can give a seat, sorted by increasing weight. */
  private readonly members: Int32Array;
  private readonly moveA: Int32Array;
  private readonly moveB: Int32Array;
  private readonly moveG: Float64Array;
  private readonly moveIndex: Int32Array;

  /**
   * Optional bounds restrict the search to a face (quota rows and type counts within them);
   * `pairMoves` adds 2-exchange moves where no 1-exchange improves (on a face with tight quota
   * rows most 1-exchanges are infeasible, while two exchanges can compensate each other).
   */
  constructor(
    private readonly problem: Problem,
    bounds?: { quotaLower: ArrayLike<number>; quotaUpper: ArrayLike<number>; typeLower: ArrayLike<number>; typeUpper: ArrayLike<number> },
    private pairMoves = false,
  ) {
    const Q = problem.quotas.length;
    const T = problem.counts.length;
    this.delta = new Int32Array(Q);
    this.min = bounds?.quotaLower ?? problem.quotas.map((q) => q.min);
    this.max = bounds?.quotaUpper ?? problem.quotas.map((q) => q.max);
    this.lower = bounds?.typeLower ?? new Int32Array(T);
    this.upper = bounds?.typeUpper ?? problem.counts;
    this.count = new Int32Array(Q);
    this.x = new Int32Array(T);
    this.order = new Int32Array(T);
    const W = (this.W = Math.max(1, Math.ceil(Q / 32)));
    this.typeMask = new Int32Array(T * W);
    problem.typeQuotas.forEach((qs, t) => {
      for (const q of qs) this.typeMask[t * W + (q >>> 5)]! |= 1 << (q & 31);
    });
    this.atMin = new Int32Array(W);
    this.atMax = new Int32Array(W);
    this.members = new Int32Array(problem.size);
    this.moveA = new Int32Array(problem.size * PAIR_ADDABLE);
    this.moveB = new Int32Array(problem.size * PAIR_ADDABLE);
    this.moveG = new Float64Array(problem.size * PAIR_ADDABLE);
    this.moveIndex = new Int32Array(problem.size * PAIR_ADDABLE);
  }

  /** Local search from each of the `starts` known panels with the most weight; returns the improving panels. */
  improveMany(w: Float64Array, columns: readonly Column[], target: number, starts: number, pairs = this.pairMoves): Int32Array[] {
    const saved = this.pairMoves;
    this.pairMoves = pairs;
    try {
      return this.improveFrom(w, columns, target, starts);
    } finally {
      this.pairMoves = saved;
    }
  }

  private improveFrom(w: Float64Array, columns: readonly Column[], target: number, starts: number): Int32Array[] {
    const values = columns.map((c) => {
      let v = 0;
      for (let i = 0; i < c.support.length; i++) v += w[c.support[i]!]! * c.amount[i]!;
      return v;
    });
    const best = values
      .map((_, j) => j)
      .sort((a, b) => values[b]! - values[a]! || a - b)
      .slice(0, starts);
    const order = this.order;
    for (let t = 0; t < order.length; t++) order[t] = t;
    order.sort((a, b) => w[b]! - w[a]! || a - b);
    const found: Int32Array[] = [];
    const keys = new Set<string>();
    for (const j of best) {
      const x = this.improve(w, columns[j]!, values[j]!, target);
      if (!x) continue;
      const key = x.join(',');
      if (!keys.has(key)) {
        keys.add(key);
        found.push(x);
      }
    }
    return found;
  }

  /** Recompute the at-min / at-max bits of quota q. */
  private mark(q: number): void {
    const word = q >>> 5;
    const bit = 1 << (q & 31);
    if (this.count[q]! <= this.min[q]!) this.atMin[word]! |= bit;
    else this.atMin[word]! &= ~bit;
    if (this.count[q]! >= this.max[q]!) this.atMax[word]! |= bit;
    else this.atMax[word]! &= ~bit;
  }

  /** Can one seat move from type a to type b with every quota staying within its bounds? */
  private canMove(a: number, b: number): boolean {
    const { W, typeMask, atMin, atMax } = this;
    for (let k = 0; k < W; k++) {
      const ma = typeMask[a * W + k]!;
      const mb = typeMask[b * W + k]!;
      // Quotas of a that b lacks lose a seat; quotas of b that a lacks gain one.
      if ((ma & ~mb & atMin[k]!) !== 0 || (mb & ~ma & atMax[k]!) !== 0) return false;
    }
    return true;
  }

  private shift(t: number, d: number): void {
    this.x[t] = this.x[t]! + d;
    for (const q of this.problem.typeQuotas[t]!) {
      this.count[q] = this.count[q]! + d;
      this.mark(q);
    }
  }

  /**
   * First improving 2-exchange (remove a1, a2; add b1, b2; all distinct) among the most
   * promising single exchanges, in order of their gains; undefined if none.
   */
  private pairMove(w: Float64Array): [number, number, number, number] | undefined {
    const { counts, typeQuotas } = this.problem;
    const T = counts.length;
    const { x, lower, upper, order, count, min, max, delta, moveA, moveB, moveG, moveIndex } = this;
    const addable: number[] = [];
    for (let j = 0; j < T && addable.length < PAIR_ADDABLE; j++) {
      const b = order[j]!;
      if (x[b]! < upper[b]!) addable.push(b);
    }
    let n = 0;
    for (let a = 0; a < T; a++) {
      if (x[a]! <= lower[a]!) continue;
      for (const b of addable)
        if (b !== a) {
          moveA[n] = a;
          moveB[n] = b;
          moveG[n] = w[b]! - w[a]!;
          moveIndex[n] = n;
          n++;
        }
    }
    const index = moveIndex.subarray(0, n).sort((p, q) => moveG[q]! - moveG[p]! || moveA[p]! - moveA[q]! || moveB[p]! - moveB[q]!);
    if (n > PAIR_MOVES) n = PAIR_MOVES;
    const C = typeQuotas[0]!.length;
    const ok4 = (q: number): boolean => {
      const v = count[q]! + delta[q]!;
      return v >= min[q]! && v <= max[q]!;
    };
    for (let i = 0; i < n; i++) {
      const i1 = index[i]!;
      const a1 = moveA[i1]!;
      const b1 = moveB[i1]!;
      const g1 = moveG[i1]!;
      for (let j = i + 1; j < n; j++) {
        const i2 = index[j]!;
        if (g1 + moveG[i2]! <= 1e-12) break;
        const a2 = moveA[i2]!;
        const b2 = moveB[i2]!;
        if (a1 === a2 || b1 === b2 || a1 === b2 || b1 === a2) continue;
        let ok = true;
        const qa1 = typeQuotas[a1]!;
        const qb1 = typeQuotas[b1]!;
        const qa2 = typeQuotas[a2]!;
        const qb2 = typeQuotas[b2]!;
        for (let c = 0; c < C && ok; c++) {
          const p1 = qa1[c]!;
          const p2 = qb1[c]!;
          const p3 = qa2[c]!;
          const p4 = qb2[c]!;
          delta[p1] = delta[p1]! - 1;
          delta[p2] = delta[p2]! + 1;
          delta[p3] = delta[p3]! - 1;
          delta[p4] = delta[p4]! + 1;
          ok = ok4(p1) && ok4(p2) && ok4(p3) && ok4(p4);
          delta[p1] = delta[p2] = delta[p3] = delta[p4] = 0;
        }
        if (ok) return [a1, a2, b1, b2];
      }
    }
    return undefined;
  }

  /**
   * Best-improvement 1-exchange search. The panel's types that can give a seat are scanned by
   * increasing weight against the others by decreasing weight, so that the scan stops as soon as
   * no pair can beat the best gain found; feasibility is two bit-set tests per pair.
   */
  private improve(w: Float64Array, start: Column, startValue: number, target: number): Int32Array | undefined {
    const { counts, typeQuotas } = this.problem;
    const T = counts.length;
    const Q = this.count.length;
    const { lower, upper, x, members, order } = this;
    x.fill(0);
    this.count.fill(0);
    for (let i = 0; i < start.support.length; i++) {
      const t = start.support[i]!;
      x[t] = start.amount[i]!;
      for (const q of typeQuotas[t]!) this.count[q] = this.count[q]! + x[t]!;
    }
    this.atMin.fill(0);
    this.atMax.fill(0);
    for (let q = 0; q < Q; q++) this.mark(q);
    const topW = w[order[0]!]!;
    let value = startValue;
    for (let iter = 0; iter < LOCAL_SEARCH_MOVES; iter++) {
      let k = 0;
      for (let a = 0; a < T; a++) if (x[a]! > lower[a]!) members[k++] = a;
      const list = members.subarray(0, k).sort((p, q) => w[p]! - w[q]! || p - q);
      let bestGain = 1e-12;
      let bestA = -1;
      let bestB = -1;
      for (let i = 0; i < list.length; i++) {
        const a = list[i]!;
        const wa = w[a]!;
        if (topW - wa <= bestGain) break;
        for (let j = 0; j < T; j++) {
          const b = order[j]!;
          const gain = w[b]! - wa;
          if (gain <= bestGain) break;
          if (x[b]! >= upper[b]! || !this.canMove(a, b)) continue;
          bestGain = gain;
          bestA = a;
          bestB = b;
          break;
        }
      }
      if (bestA < 0) {
        const pair = this.pairMoves ? this.pairMove(w) : undefined;
        if (!pair) break;
        this.shift(pair[0], -1);
        this.shift(pair[1], -1);
        this.shift(pair[2], 1);
        this.shift(pair[3], 1);
        value += w[pair[2]]! + w[pair[3]]! - w[pair[0]]! - w[pair[1]]!;
        continue;
      }
      this.shift(bestA, -1);
      this.shift(bestB, 1);
      value += bestGain;
    }
    return value > target ? Int32Array.from(x) : undefined;
  }
}

/** Counters shared by the fast path and the column generation. */
interface Counters {
  lpSolves: number;
  ilpSolves: number;
  heuristicColumns: number;
  lpSeconds: number;
  ilpSeconds: number;
}

/** What the relaxation path returns: a certified allocation's parts, or the panels it found. */
type RelaxationOutcome =
  | {
      readonly ok: true;
      readonly columns: readonly Column[];
      readonly lambda: Float64Array;
      readonly fixed: Float64Array;
      readonly rounds: number;
      readonly worstGap: number;
      readonly found: number;
    }
  | { readonly ok: false; readonly columns: readonly Column[] };

/** Sparse column of a dense composition. */
function columnOf(x: ArrayLike<number>): Column {
  const support: number[] = [];
  const amount: number[] = [];
  for (let t = 0; t < x.length; t++) {
    const v = Math.round(x[t]!);
    if (v > 0) {
      support.push(t);
      amount.push(v);
    }
  }
  return { support: Int32Array.from(support), amount: Int32Array.from(amount) };
}

function keyOf(c: Column): string {
  return Array.from(c.support, (t, i) => `${t}:${c.amount[i]}`).join(',');
}

/**
 * The fast path: the leximin over the LP relaxation (relaxation.ts), the decomposition of its
 * optimum into integer panels of the face F by column generation (the master is the maximin
 * `sum_P lambda_P x_P/m >= z p*`, which reaches z = 1 exactly when p* is a convex combination of
 * panels), then one exact pricing ILP per round with the relaxation's duals: the certificate.
 * Returns ok: false (with the panels found) when p* is not in the integer hull or a round is
 * not certified, and the caller falls back to the column generation over P_I.
 */
function solveByRelaxation(
  highs: HighsRuntime,
  problem: Problem,
  pricing: Model,
  epsilon: number,
  heuristic: boolean,
  deadline: () => void,
  counters: Counters,
  log: ((line: string) => void) | undefined,
  options: { readonly cover: boolean; readonly peel: boolean },
): RelaxationOutcome {
  const { counts, quotaTypes } = problem;
  const T = counts.length;
  const optimal = highs.constants.modelStatus.optimal;
  const t0 = performance.now();
  const relaxation = relaxedLeximin(highs, problem);
  counters.lpSeconds += (performance.now() - t0) / 1000;
  counters.lpSolves += relaxation.rounds.length;
  if (log) {
    let tight = 0;
    let fixedTypes = 0;
    for (let q = 0; q < relaxation.quotaLower.length; q++) if (relaxation.quotaLower[q] === relaxation.quotaUpper[q]) tight++;
    for (let t = 0; t < T; t++) if (relaxation.typeLower[t] === relaxation.typeUpper[t]) fixedTypes++;
    log(
      `relaxation: ${relaxation.rounds.length} rounds in ${(performance.now() - t0).toFixed(0)} ms; face: ${tight} of ${relaxation.quotaLower.length} quota rows tight, ${fixedTypes} of ${T} types fixed`,
    );
  }
  const target = relaxation.fixed;
  const typeUpper = Int32Array.from(relaxation.typeUpper);
  const scaled = new Float64Array(T);
  const zero = new Float64Array(T).fill(Number.NaN);
  for (let t = 0; t < T; t++) {
    if (target[t]! <= 1e-12) {
      typeUpper[t] = 0;
      zero[t] = 0;
      scaled[t] = 1;
    } else scaled[t] = counts[t]! * target[t]!;
  }
  const face = { quotaLower: relaxation.quotaLower, quotaUpper: relaxation.quotaUpper, typeLower: relaxation.typeLower, typeUpper };
  for (let t = 0; t < T; t++) if (face.typeLower[t]! > typeUpper[t]!) return { ok: false, columns: [] };

  // The pricing ILP over the face F.
  const data = compositionModelData(highs, counts, quotaTypes, Array.from(face.quotaLower), Array.from(face.quotaUpper), problem.size);
  const faceModel = createModel(
    highs,
    { ...data, colLower: Float64Array.from(face.typeLower), colUpper: Float64Array.from(typeUpper) },
    MIP_OPTIONS,
  );
  const columns: Column[] = [];
  const known = new Map<string, number>();
  const master: number[] = [];
  let lp: MasterLp | undefined;
  let boundLp: Model | undefined;
  const add = (x: ArrayLike<number>): boolean => {
    const c = columnOf(x);
    const key = keyOf(c);
    if (known.has(key)) {
      const j = known.get(key)!;
      if (master.includes(j)) return false;
      master.push(j);
      lp?.addPanel(c);
      return true;
    }
    known.set(key, columns.length);
    master.push(columns.length);
    columns.push(c);
    lp?.addPanel(c);
    return true;
  };
  const w = new Float64Array(T);
  const faceLp = createModel(
    highs,
    { ...data, integrality: undefined, colLower: Float64Array.from(face.typeLower), colUpper: Float64Array.from(typeUpper) },
    LP_OPTIONS,
  );
  const faceLower = Float64Array.from(face.typeLower);
  const faceUpper = Float64Array.from(typeUpper);
  const fixLower = new Float64Array(T);
  const fixUpper = new Float64Array(T);
  const all = { kind: 'range', from: 0, to: T - 1 } as const;
  const pstat = { lpBound: 0, lpIntegral: 0, fixHit: 0, fixMiss: 0, diveHit: 0, fullIlp: 0 };
  const valueOf = (x: ArrayLike<number>): number => {
    let v = 0;
    for (let t = 0; t < T; t++) v += w[t]! * Math.round(x[t]!);
    return v;
  };
  /**
   * Pricing over F for weights w: the LP relaxation first (its value bounds every panel of F;
   * its vertex is sometimes integral); else the ILP with the LP's integral values fixed (small
   * and fast); else the full ILP over F. Returns a panel when one beats `target`, and a bound.
   */
  const priceFace = (target: number): { x?: Float64Array; bound: number } | undefined => {
    const s0 = performance.now();
    faceLp.changeColsCost(all, w);
    faceLp.run();
    counters.lpSolves++;
    if (faceLp.getModelStatus() !== optimal) return undefined;
    const lpBound = faceLp.getObjectiveValue();
    counters.lpSeconds += (performance.now() - s0) / 1000;
    if (lpBound <= target) {
      pstat.lpBound++;
      return { bound: lpBound };
    }
    const xl = faceLp.getSolution().colValue;
    let fractional = 0;
    for (let t = 0; t < T; t++) {
      const r = Math.round(xl[t]!);
      if (Math.abs(xl[t]! - r) > 1e-7) {
        fractional++;
        fixLower[t] = faceLower[t]!;
        fixUpper[t] = faceUpper[t]!;
      } else fixLower[t] = fixUpper[t] = r;
    }
    if (fractional === 0) {
      pstat.lpIntegral++;
      return { x: fixLower.slice(), bound: lpBound };
    }
    faceModel.changeColsCost(all, w);
    const s1 = performance.now();
    faceModel.changeColsBounds(all, fixLower, fixUpper);
    faceModel.run();
    counters.ilpSolves++;
    const fixedOk = faceModel.getModelStatus() === optimal;
    const fx = fixedOk ? faceModel.getSolution().colValue.slice(0, T) : undefined;
    faceModel.changeColsBounds(all, faceLower, faceUpper);
    counters.ilpSeconds += (performance.now() - s1) / 1000;
    if (fx && valueOf(fx) > target) {
      pstat.fixHit++;
      return { x: fx, bound: lpBound };
    }
    pstat.fixMiss++;
    // Diving: fix the fractional variable nearest to an integer, re-solve the LP, repeat.
    {
      const s3 = performance.now();
      const lo = faceLower.slice();
      const hi = faceUpper.slice();
      let xd = xl.slice(0, T);
      let found: Float64Array | undefined;
      for (let step = 0; step < 4 * T; step++) {
        // Fix every fractional variable within DIVE_BATCH of an integer, or else the nearest one.
        let pick = -1;
        let dist = 2;
        let batch = 0;
        for (let t = 0; t < T; t++) {
          const f = Math.abs(xd[t]! - Math.round(xd[t]!));
          if (f <= 1e-7) continue;
          if (f < DIVE_BATCH) {
            const r = Math.round(xd[t]!);
            lo[t] = hi[t] = r;
            batch++;
          }
          if (f < dist) {
            dist = f;
            pick = t;
          }
        }
        if (pick < 0) {
          found = xd;
          break;
        }
        if (batch === 0) {
          const r = Math.round(xd[pick]!);
          lo[pick] = hi[pick] = r;
        }
        faceLp.changeColsBounds(all, lo, hi);
        faceLp.run();
        counters.lpSolves++;
        if (faceLp.getModelStatus() !== optimal) break;
        if (faceLp.getObjectiveValue() <= target) break;
        xd = faceLp.getSolution().colValue.slice(0, T);
      }
      faceLp.changeColsBounds(all, faceLower, faceUpper);
      counters.lpSeconds += (performance.now() - s3) / 1000;
      if (found && valueOf(found) > target) {
        pstat.diveHit++;
        return { x: found, bound: lpBound };
      }
    }
    pstat.fullIlp++;
    const s2 = performance.now();
    faceModel.run();
    counters.ilpSeconds += (performance.now() - s2) / 1000;
    counters.ilpSolves++;
    if (faceModel.getModelStatus() !== optimal) return undefined;
    const x = faceModel.getSolution().colValue.slice(0, T);
    const value = valueOf(x);
    const bound = Number(faceModel.info.get('mip_dual_bound'));
    return { x, bound: Math.min(lpBound, Number.isFinite(bound) ? Math.max(bound, value) : value) };
  };
  try {
    for (let t = 0; t < T; t++) w[t] = 1 / scaled[t]!;
    const first = priceFace(Number.NEGATIVE_INFINITY);
    if (!first?.x) return { ok: false, columns };
    add(first.x);
    // The restricted master is built when first needed, from the known panels in the order found
    // (not at all when the final LP over the peeled panels already meets every value).
    const masterLp = (): MasterLp => {
      if (!lp) {
        lp = new PrimalMaster(highs, Array.from(scaled), columns[master[0]!]!);
        for (let t = 0; t < T; t++) if (!Number.isNaN(zero[t]!)) lp.fix(t, 0);
        for (let i = 1; i < master.length; i++) lp.addPanel(columns[master[i]!]!);
      }
      return lp;
    };
    const search = heuristic ? new LocalSearch(problem, face) : undefined;
    // Peeling (peel.ts): Carathéodory's construction from x*, one panel of the minimal face per
    // step. When it runs to the end, the final LP over its panels (else the master) proves the mixture.
    let peeled = false;
    if (options.peel) {
      const s0 = performance.now();
      const result = peel(
        problem,
        face,
        scaled.map((v, t) => (Number.isNaN(zero[t]!) ? v : 0)),
        deadline,
      );
      for (const x of result.panels) add(x);
      peeled = result.stop === 'panel' || result.stop === 'dust';
      log?.(
        `peeling: ${result.panels.length} panels in ${result.steps} steps, ${(performance.now() - s0).toFixed(0)} ms, stop ${result.stop}, weight left ${result.remaining.toExponential(2)}, ${result.dfsHits} by search`,
      );
    }
    if (options.cover && !peeled) {
      // Cover phase: while some type of positive target is in no known panel, the master's value
      // is 0 and its duals are degenerate (hundreds of solves on large pools). Instead, add panels
      // maximising the number of uncovered types (local search, else the face pricing) until
      // every such type is covered. A type no panel of F covers proves that p* is not a mixture.
      const s0 = performance.now();
      const covered = new Uint8Array(T);
      const cover = (c: Column): void => c.support.forEach((t) => (covered[t] = 1));
      columns.forEach(cover);
      let added = 0;
      for (;;) {
        deadline();
        let uncovered = 0;
        for (let t = 0; t < T; t++) {
          w[t] = Number.isNaN(zero[t]!) && !covered[t] ? 1 : 0;
          uncovered += w[t]!;
        }
        if (uncovered === 0) break;
        let x: ArrayLike<number> | undefined = search?.improveMany(
          w,
          master.map((j) => columns[j]!),
          0.5,
          1,
          true,
        )[0];
        if (!x) {
          const priced = priceFace(0.5);
          if (!priced?.x || !(valueOf(priced.x) > 0.5)) {
            log?.('cover phase: a type of positive target is in no panel of the face; p* is not a mixture of panels');
            return { ok: false, columns: master.map((j) => columns[j]!) };
          }
          x = priced.x;
        }
        add(x);
        cover(columns[known.get(keyOf(columnOf(x)))!]!);
        added++;
      }
      log?.(`cover phase: ${added} panels in ${(performance.now() - s0).toFixed(0)} ms`);
    }
    const purgeLimit = Math.max(200, 2 * (T + 1));
    let done = false;
    let decompositionSolves = 0;
    // When peeling ran to the end, the final LP over its panels alone may already meet every
    // leximin value (shortfall <= 1e-10, what z >= 1 - 1e-10 of the master guarantees): then the
    // master is not solved.
    let early: Float64Array | undefined;
    if (peeled) {
      const s0 = performance.now();
      const cols = master.map((j) => columns[j]!);
      const values = solveFinalPrimal(highs, cols, counts, target).values;
      counters.lpSolves++;
      counters.lpSeconds += (performance.now() - s0) / 1000;
      const p = new Float64Array(T);
      cols.forEach((c, j) => {
        for (let i = 0; i < c.support.length; i++)
          p[c.support[i]!] = p[c.support[i]!]! + (values[j]! * c.amount[i]!) / counts[c.support[i]!]!;
      });
      let shortfall = 0;
      for (let t = 0; t < T; t++) shortfall = Math.max(shortfall, target[t]! - p[t]!);
      if (shortfall <= 1e-10) {
        done = true;
        early = values;
      }
    }
    while (!done) {
      deadline();
      const s0 = performance.now();
      const solved = masterLp().solve(zero);
      counters.lpSeconds += (performance.now() - s0) / 1000;
      counters.lpSolves++;
      if (!solved) break;
      if (log && ++decompositionSolves % 50 === 0)
        log(
          `  decomposition: ${decompositionSolves} master solves, z=${solved.objective.toFixed(9)}, master ${master.length}, panels ${columns.length}, lp ${counters.lpSeconds.toFixed(1)} s, ilp ${counters.ilpSeconds.toFixed(1)} s`,
        );
      if (solved.objective >= 1 - 1e-10) {
        done = true;
        break;
      }
      for (let t = 0; t < T; t++) w[t] = Number.isNaN(zero[t]!) ? Math.max(0, solved.y[t]!) / scaled[t]! : 0;
      if (master.length > purgeLimit) {
        const drop = masterLp().purge();
        const kept = master.filter((_, i) => !drop[i]);
        master.length = 0;
        master.push(...kept);
      }
      if (search) {
        let added = 0;
        const known = master.map((j) => columns[j]!);
        for (const x of search.improveMany(w, known, solved.yhat + epsilon, FACE_STARTS, false)) if (add(x)) added++;
        // Where no single exchange improves, 2-exchanges from fewer starts before the LP/ILP.
        if (added === 0 && PAIR_STARTS > 0)
          for (const x of search.improveMany(w, known, solved.yhat + epsilon, PAIR_STARTS, true)) if (add(x)) added++;
        if (added > 0) {
          counters.heuristicColumns += added;
          continue;
        }
      }
      const priced = priceFace(solved.yhat + epsilon);
      if (!priced?.x || !add(priced.x)) break;
    }
    log?.(
      `decomposition ${done ? 'found' : 'NOT found'} after ${(performance.now() - t0).toFixed(0)} ms: ${columns.length} panels; pricing ${JSON.stringify(pstat)}`,
    );
    if (!done) return { ok: false, columns: master.map((j) => columns[j]!) };

    // A distribution over the master's panels meeting every leximin value.
    const finalColumns = master.map((j) => columns[j]!);
    const lambda = early ?? solveFinalPrimal(highs, finalColumns, counts, target).values;

    // The certificate: per round, an upper bound on every panel's value under the round's duals
    // that is at most yhat + epsilon. First the LP relaxation of the pricing problem over all of
    // P_LP (a bound on every panel; by LP duality it equals yhat here up to tolerances), else the
    // exact pricing ILP over all panels.
    let worstGap = Number.NEGATIVE_INFINITY;
    const incumbent = new Float64Array(T);
    boundLp = createModel(
      highs,
      {
        ...compositionModelData(
          highs,
          counts,
          quotaTypes,
          problem.quotas.map((q) => q.min),
          problem.quotas.map((q) => q.max),
          problem.size,
        ),
        integrality: undefined,
      },
      LP_OPTIONS,
    );
    for (const round of relaxation.rounds) {
      deadline();
      for (let t = 0; t < T; t++) w[t] = round.y[t]! / counts[t]!;
      {
        const s0 = performance.now();
        boundLp.changeColsCost(all, w);
        boundLp.run();
        counters.lpSolves++;
        counters.lpSeconds += (performance.now() - s0) / 1000;
        if (boundLp.getModelStatus() === optimal) {
          const gap = boundLp.getObjectiveValue() - round.yhat;
          if (gap <= epsilon) {
            worstGap = Math.max(worstGap, gap);
            continue;
          }
        }
      }
      // Start HiGHS from the support panel of largest value (it attains yhat when p* is in P_I).
      let bestJ = -1;
      let bestValue = Number.NEGATIVE_INFINITY;
      finalColumns.forEach((c, j) => {
        if (!(lambda[j]! > 1e-12)) return;
        let v = 0;
        for (let i = 0; i < c.support.length; i++) v += w[c.support[i]!]! * c.amount[i]!;
        if (v > bestValue) {
          bestValue = v;
          bestJ = j;
        }
      });
      pricing.changeColsCost({ kind: 'range', from: 0, to: T - 1 }, w);
      if (bestJ >= 0) {
        incumbent.fill(0);
        const c = finalColumns[bestJ]!;
        for (let i = 0; i < c.support.length; i++) incumbent[c.support[i]!] = c.amount[i]!;
        pricing.setSolution({ colValue: incumbent });
      }
      const s0 = performance.now();
      pricing.run();
      counters.ilpSeconds += (performance.now() - s0) / 1000;
      counters.ilpSolves++;
      if (pricing.getModelStatus() !== optimal) return { ok: false, columns: finalColumns };
      const col = pricing.getSolution().colValue;
      let value = 0;
      for (let t = 0; t < T; t++) value += w[t]! * Math.round(col[t]!);
      const b = Number(pricing.info.get('mip_dual_bound'));
      const bound = Number.isFinite(b) ? Math.max(b, value) : value;
      const gap = bound - round.yhat;
      if (gap > epsilon) return { ok: false, columns: finalColumns };
      worstGap = Math.max(worstGap, gap);
    }
    log?.(`certified ${relaxation.rounds.length} rounds after ${(performance.now() - t0).toFixed(0)} ms`);
    return { ok: true, columns: finalColumns, lambda, fixed: target, rounds: relaxation.rounds.length, worstGap, found: columns.length };
  } finally {
    faceModel.dispose();
    faceLp.dispose();
    lp?.dispose();
    boundLp?.dispose();
  }
}
