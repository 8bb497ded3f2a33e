/**
 * Decomposition of the relaxed leximin optimum x* into panels by peeling (Carathéodory's
 * construction), the first step of the fast path's decomposition (leximin.ts).
 *
 * If x lies in the integer hull P_I, every panel P of a convex combination for x lies in the
 * minimal face of P_LP containing x (every constraint tight at x is tight at P). Given such a
 * panel, x = lambda P + (1 - lambda) x' with x' = x + mu (x - P) and mu as large as P_LP allows:
 * x' reaches one more constraint of P_LP, which is recorded and stays tight from then on (the
 * constraints are tracked, not re-detected with a tolerance, so that the weights can shrink to
 * 1e-11 without losing the face), and after at most dim(F) steps x' is a vertex, and an integral
 * one, a panel. The catch: x' may leave P_I (P_LP is not integral with three or more
 * categories), and then some later face has no panel. Choosing P near x (every fractional x_t
 * rounded to its floor or ceiling, favouring sum_t (frac_t - 1/2) b_t) kept x' inside P_I, or
 * stopped with less than 1e-7 of the weight left, on every benchmark pool; where it stops short
 * the panels found seed the cover phase and the column generation over the face (leximin.ts),
 * which is exact either way. The weights returned here are only a guide: the caller re-solves
 * them with the master LP, whose value 1 is the proof that x* is a mixture of the panels.
 *
 * A panel near x in its minimal face is found in two parts. (1) Rounding by null-space moves
 * (pipage rounding): with the tight rows' sums of the fractional parts b held, and the other
 * rows kept within their bounds (a row that reaches a bound is held from then on), b moves along
 * a null-space direction of the fractional columns, the way that raises sum (frac_t - 1/2) b_t,
 * until a coordinate reaches 0 or 1; when no direction is left, at most (held rows + 1)
 * coordinates are fractional. (2) A depth-first search with row propagation over all the
 * fractional coordinates, trying the values of (1) first, with a node limit and deterministic
 * restarts, brings the rest to integers and every row within its bounds. When it fails the
 * construction stops (an exact integer program here cost more than the column generation that
 * finishes instead: measured on obf_30, hd_30, sf_c_44).
 */
import type { Problem } from './model.ts';

/** Bounds of the face F of P_LP in which the decomposition is sought. */
export interface FaceBounds {
  readonly typeLower: ArrayLike<number>;
  readonly typeUpper: ArrayLike<number>;
  readonly quotaLower: ArrayLike<number>;
  readonly quotaUpper: ArrayLike<number>;
}

export interface PeelResult {
  /** The panels found, as compositions (integer counts per type). */
  readonly panels: Float64Array[];
  /** Their weights in the construction (a guide; they sum to 1 - remaining). */
  readonly weights: number[];
  /** The weight not yet peeled when the construction stopped (0 when x' became a panel). */
  readonly remaining: number;
  /** Why it stopped: a panel reached, the remaining weight below 1e-11 (dust), no panel in a face. */
  readonly stop: 'panel' | 'dust' | 'stuck' | 'steps';
  readonly steps: number;
  /** Steps whose panel the depth-first search found. */
  readonly dfsHits: number;
}

const INTEGRAL = 1e-9;
const DUST = 1e-11;
/** The rounding search's node limit per attempt, and its attempts (then peeling stops). */
const NODE_LIMIT = 2000;
const RESTARTS = 8;

/** Peel x (a composition vector in the face) into panels of the face. */
export function peel(
  problem: Problem,
  face: FaceBounds,
  target: ArrayLike<number>,
  deadline: () => void,
  maxSteps = 4 * problem.counts.length + 100,
): PeelResult {
  const { quotaTypes, typeQuotas, size } = problem;
  const T = problem.counts.length;
  const Q = quotaTypes.length;
  const lowT = Float64Array.from(face.typeLower);
  const highT = Float64Array.from(face.typeUpper);
  const lowQ = Float64Array.from(face.quotaLower);
  const highQ = Float64Array.from(face.quotaUpper);
  const x = Float64Array.from(target);
  // Constraints reached so far: a row at its min (-1) or max (+1), a coordinate at a bound.
  const tightRow = new Int8Array(Q);
  const fixed = new Uint8Array(T);
  for (let t = 0; t < T; t++) {
    x[t] = Math.min(highT[t]!, Math.max(lowT[t]!, x[t]!));
    if (lowT[t] === highT[t] || x[t]! - lowT[t]! <= INTEGRAL || highT[t]! - x[t]! <= INTEGRAL) {
      x[t] = x[t]! - lowT[t]! <= highT[t]! - x[t]! ? lowT[t]! : highT[t]!;
      fixed[t] = 1;
    }
  }
  for (let q = 0; q < Q; q++) {
    let s = 0;
    for (const t of quotaTypes[q]!) s += x[t]!;
    if (lowQ[q] === highQ[q] || s - lowQ[q]! <= INTEGRAL) tightRow[q] = -1;
    else if (highQ[q]! - s <= INTEGRAL) tightRow[q] = 1;
  }
  const panels: Float64Array[] = [];
  const weights: number[] = [];
  let weight = 1;
  let steps = 0;
  let dfsHits = 0;
  const search = new RoundingSearch(T, quotaTypes, typeQuotas, size);
  const rounding = new Rounding(T, quotaTypes, typeQuotas);
  const fracLower = new Float64Array(Q);
  const fracUpper = new Float64Array(Q);
  const lower = new Float64Array(T);
  const rowLower = new Float64Array(Q);
  const rowUpper = new Float64Array(Q);
  const cost = new Float64Array(T);
  const frac = new Float64Array(T);
  const panel = new Float64Array(T);
  const done = (stop: PeelResult['stop']): PeelResult => ({
    panels,
    weights,
    remaining: stop === 'panel' ? 0 : weight,
    stop,
    steps,
    dfsHits,
  });
  for (;;) {
    deadline();
    if (steps >= maxSteps) return done('steps');
    steps++;
    // Fractional coordinates and their parts.
    let fractional = 0;
    for (let t = 0; t < T; t++) {
      const r = Math.round(x[t]!);
      if (fixed[t] || Math.abs(x[t]! - r) <= INTEGRAL) {
        frac[t] = 0;
        panel[t] = fixed[t] ? x[t]! : r;
        cost[t] = 0;
      } else {
        fractional++;
        panel[t] = Math.floor(x[t]!);
        frac[t] = x[t]! - panel[t]!;
        cost[t] = frac[t]! - 0.5;
      }
    }
    if (fractional === 0) {
      panels.push(panel.slice());
      weights.push(weight);
      return done('panel');
    }
    if (weight < DUST) return done('dust');
    // The rows' bounds in this face: a tight row at its bound, the others within [min, max].
    for (let q = 0; q < Q; q++) {
      rowLower[q] = tightRow[q] === 1 ? highQ[q]! : lowQ[q]!;
      rowUpper[q] = tightRow[q] === -1 ? lowQ[q]! : highQ[q]!;
      let base = 0;
      for (const t of quotaTypes[q]!) base += panel[t]!;
      fracLower[q] = rowLower[q]! - base;
      fracUpper[q] = rowUpper[q]! - base;
    }
    // (1) Null-space moves on the fractional parts: tight rows held, the others within range.
    const b = rounding.round(frac, cost, tightRow, fracLower, fracUpper);
    // (2) The coordinates left fractional, and rows whose sums are not integers, by the search.
    // The rounding as it stands (the coordinates left fractional at their floor) is the panel
    // when nothing is left fractional and every row is within its bounds.
    let rest = 0;
    for (let t = 0; t < T; t++) {
      const integral = frac[t] === 0 || b[t]! <= INTEGRAL || b[t]! >= 1 - INTEGRAL;
      if (!integral) rest++;
      lower[t] = panel[t]! + (frac[t] !== 0 && integral ? Math.round(b[t]!) : 0);
    }
    let rowsWithin = rest === 0;
    for (let q = 0; q < Q && rowsWithin; q++) {
      let s = 0;
      for (const t of quotaTypes[q]!) s += lower[t]!;
      if (s < rowLower[q]! || s > rowUpper[q]!) rowsWithin = false;
    }
    let p: Float64Array | undefined;
    if (rowsWithin) p = lower.slice();
    else {
      // A depth-first search over the fractional coordinates, trying the rounded values first.
      p = search.run(frac, b, panel, rowLower, rowUpper, cost);
      if (!p) return done('stuck');
      dfsHits++;
    }
    // The step x' = x + mu (x - P), as far as P_LP allows; the constraint reached stays tight.
    let mu = Number.POSITIVE_INFINITY;
    let hitKind = 0;
    let hit = -1;
    for (let t = 0; t < T; t++) {
      if (fixed[t]) continue;
      const d = x[t]! - p[t]!;
      let m = Number.POSITIVE_INFINITY;
      if (d > 1e-12) m = (highT[t]! - x[t]!) / d;
      else if (d < -1e-12) m = (x[t]! - lowT[t]!) / -d;
      if (m < mu) {
        mu = m;
        hitKind = d > 0 ? 2 : 1;
        hit = t;
      }
    }
    for (let q = 0; q < Q; q++) {
      if (tightRow[q]) continue;
      let s = 0;
      let d = 0;
      for (const t of quotaTypes[q]!) {
        s += x[t]!;
        d += x[t]! - p[t]!;
      }
      let m = Number.POSITIVE_INFINITY;
      if (d > 1e-12) m = (highQ[q]! - s) / d;
      else if (d < -1e-12) m = (s - lowQ[q]!) / -d;
      if (m < mu) {
        mu = m;
        hitKind = d > 0 ? 4 : 3;
        hit = q;
      }
    }
    if (hit < 0 || !Number.isFinite(mu)) return done('stuck');
    mu = Math.max(0, mu);
    const lambda = mu / (1 + mu);
    panels.push(p);
    weights.push(weight * lambda);
    weight *= 1 - lambda;
    for (let t = 0; t < T; t++) if (!fixed[t]) x[t] = Math.min(highT[t]!, Math.max(lowT[t]!, x[t]! + mu * (x[t]! - p[t]!)));
    if (hitKind <= 2) {
      x[hit] = hitKind === 2 ? highT[hit]! : lowT[hit]!;
      fixed[hit] = 1;
    } else tightRow[hit] = hitKind === 4 ? 1 : -1;
  }
}

/**
 * Rounding of fractional parts by null-space moves. The rows are the Q quota rows and the size
 * row (a column t has ones in its C quota rows and in the size row), restricted to the held
 * rows. A basis S of linearly independent fractional columns is kept as a QR factorisation (Gram-
 * Schmidt; a basic coordinate that becomes integral leaves by Givens rotations, a row that joins
 * the held rows refactors it); a fractional column j that depends on S gives the null-space
 * direction e_j - sum_{i in S} alpha_i e_i.
 */
class Rounding {
  private readonly rows: number;
  private readonly typeQuotas: readonly (readonly number[])[];
  private readonly quotaTypes: readonly (readonly number[])[];
  private readonly basis: number[] = [];
  /** Row index of each quota row in the held system, or -1 (the size row is always held). */
  private readonly rowIndex: Int32Array;
  private held = 0;
  /** Orthonormal columns of the basis, column-major, rows x |S|. */
  private q: Float64Array;
  /** Upper triangular R, |S| x |S| (row-major, stride rows). */
  private r: Float64Array;
  private readonly work: Float64Array;
  private readonly coef: Float64Array;
  private readonly nz: Int32Array;
  private readonly b: Float64Array;
  private readonly rowSum: Float64Array;
  private readonly rowDelta: Float64Array;

  constructor(T: number, quotaTypes: readonly (readonly number[])[], typeQuotas: readonly (readonly number[])[]) {
    const rows = quotaTypes.length + 1;
    this.rows = rows;
    this.typeQuotas = typeQuotas;
    this.quotaTypes = quotaTypes;
    this.rowIndex = new Int32Array(quotaTypes.length);
    this.q = new Float64Array(rows * rows);
    this.r = new Float64Array(rows * rows);
    this.work = new Float64Array(rows);
    this.coef = new Float64Array(rows);
    this.nz = new Int32Array(rows + 1);
    this.b = new Float64Array(T);
    this.rowSum = new Float64Array(quotaTypes.length);
    this.rowDelta = new Float64Array(quotaTypes.length);
  }

  /** Column t of the held rows' matrix into `out` (dense, the size row last). */
  private column(t: number, out: Float64Array): void {
    out.fill(0, 0, this.held + 1);
    for (const q of this.typeQuotas[t]!) if (this.rowIndex[q]! >= 0) out[this.rowIndex[q]!] = 1;
    out[this.held] = 1;
  }

  /**
   * Try to append column t to the basis; returns false (with coef = its coordinates in the
   * basis) when it depends on the basis.
   */
  private tryAdd(t: number): boolean {
    const n = this.held + 1;
    const stride = this.rows;
    const k = this.basis.length;
    const c = this.coef;
    // The column's non-zeros (ones in its held quota rows and in the size row).
    const nz = this.nz;
    let nnz = 0;
    for (const q of this.typeQuotas[t]!) if (this.rowIndex[q]! >= 0) nz[nnz++] = this.rowIndex[q]!;
    nz[nnz++] = this.held;
    // c = Q^T a from the non-zeros; a = Q c + v with v orthogonal to Q, so |v|^2 = |a|^2 - |c|^2.
    let cc = 0;
    for (let i = 0; i < k; i++) {
      const off = i * stride;
      let dot = 0;
      for (let j = 0; j < nnz; j++) dot += this.q[off + nz[j]!]!;
      c[i] = dot;
      cc += dot * dot;
    }
    const residual = nnz - cc;
    if (residual < 1e-9 || k >= n) {
      this.backSolve(k);
      return false;
    }
    // Independent (or nearly: then the explicit residual decides): v = a - Q c, re-orthogonalised.
    const v = this.work;
    this.column(t, v);
    for (let i = 0; i < k; i++) {
      const off = i * stride;
      const d = c[i]!;
      for (let r = 0; r < n; r++) v[r] = v[r]! - d * this.q[off + r]!;
    }
    for (let i = 0; i < k; i++) {
      const off = i * stride;
      let dot = 0;
      for (let r = 0; r < n; r++) dot += this.q[off + r]! * v[r]!;
      c[i] = c[i]! + dot;
      for (let r = 0; r < n; r++) v[r] = v[r]! - dot * this.q[off + r]!;
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += v[r]! * v[r]!;
    norm = Math.sqrt(norm);
    if (norm > 1e-8) {
      const off = k * stride;
      for (let r = 0; r < n; r++) this.q[off + r] = v[r]! / norm;
      for (let i = 0; i < k; i++) this.r[i * stride + k] = c[i]!;
      this.r[k * stride + k] = norm;
      this.basis.push(t);
      return true;
    }
    this.backSolve(k);
    return false;
  }

  /** Dependent column: coef = its coordinates in the basis, R alpha = Q^T a by back substitution. */
  private backSolve(k: number): void {
    const c = this.coef;
    const stride = this.rows;
    for (let i = k - 1; i >= 0; i--) {
      let s = c[i]!;
      for (let j = i + 1; j < k; j++) s -= this.r[i * stride + j]! * c[j]!;
      c[i] = s / this.r[i * stride + i]!;
    }
  }

  private refactor(): void {
    const cols = this.basis.splice(0);
    for (const t of cols) this.tryAdd(t);
  }

  /**
   * Remove the basic column at position p: shift R's columns left and restore its triangle by
   * Givens rotations, applied to Q's columns too (O(k (k + n)) instead of a refactorisation).
   */
  private removeAt(p: number): void {
    const n = this.held + 1;
    const stride = this.rows;
    const k = this.basis.length;
    const R = this.r;
    const Qm = this.q;
    for (let i = 0; i < k; i++) for (let j = p; j < k - 1; j++) R[i * stride + j] = R[i * stride + j + 1]!;
    for (let j = p; j < k - 1; j++) {
      const a = R[j * stride + j]!;
      const b = R[(j + 1) * stride + j]!;
      // sqrt is correctly rounded (IEEE 754) on every engine, unlike hypot: the draw must replay.
      const h = Math.sqrt(a * a + b * b);
      if (h === 0) continue;
      const c = a / h;
      const s = b / h;
      for (let col = j; col < k - 1; col++) {
        const u = R[j * stride + col]!;
        const v = R[(j + 1) * stride + col]!;
        R[j * stride + col] = c * u + s * v;
        R[(j + 1) * stride + col] = -s * u + c * v;
      }
      const oj = j * stride;
      const oj1 = (j + 1) * stride;
      for (let r = 0; r < n; r++) {
        const u = Qm[oj + r]!;
        const v = Qm[oj1 + r]!;
        Qm[oj + r] = c * u + s * v;
        Qm[oj1 + r] = -s * u + c * v;
      }
    }
    this.basis.splice(p, 1);
  }

  private hold(q: number): void {
    this.rowIndex[q] = this.held++;
  }

  /**
   * Move the fractional parts (frac, 0 where integral) along null-space directions of the held
   * rows (the tight ones, the size row, and rows that reach a bound on the way), raising
   * sum cost_t b_t, with every other row kept within [rowLower - base, rowUpper - base], until
   * the fractional columns are linearly independent. Returns b.
   */
  round(frac: Float64Array, cost: Float64Array, heldRows: Int8Array, rowLower: Float64Array, rowUpper: Float64Array): Float64Array {
    const b = this.b;
    b.set(frac);
    this.basis.length = 0;
    this.held = 0;
    const Q = this.rowIndex.length;
    for (let q = 0; q < Q; q++) {
      this.rowIndex[q] = -1;
      if (heldRows[q]) this.hold(q);
      let s = 0;
      for (const t of this.quotaTypes[q]!) s += b[t]!;
      this.rowSum[q] = s;
    }
    const T = frac.length;
    const delta = this.rowDelta;
    for (let j = 0; j < T; j++) {
      if (!(b[j]! > INTEGRAL && b[j]! < 1 - INTEGRAL)) continue;
      for (let guard = 0; guard <= 2 * this.rows + 2; guard++) {
        if (this.tryAdd(j)) break;
        // d = e_j - sum alpha_i e_{S_i}: the step limits either way.
        const k = this.basis.length;
        const c = this.coef;
        let gain = cost[j]!;
        for (let i = 0; i < k; i++) gain -= c[i]! * cost[this.basis[i]!]!;
        let up = 1 - b[j]!; // largest step along +d
        let down = b[j]!; // largest step along -d
        for (let i = 0; i < k; i++) {
          const d = -c[i]!;
          if (Math.abs(d) < 1e-12) continue;
          const bi = b[this.basis[i]!]!;
          if (d > 0) {
            up = Math.min(up, (1 - bi) / d);
            down = Math.min(down, bi / d);
          } else {
            up = Math.min(up, bi / -d);
            down = Math.min(down, (1 - bi) / -d);
          }
        }
        // Rows not held: their sums move by delta_q per unit step and must stay in range.
        delta.fill(0);
        for (const q of this.typeQuotas[j]!) if (this.rowIndex[q]! < 0) delta[q] = delta[q]! + 1;
        for (let i = 0; i < k; i++)
          for (const q of this.typeQuotas[this.basis[i]!]!) if (this.rowIndex[q]! < 0) delta[q] = delta[q]! - c[i]!;
        let upRow = -1;
        let downRow = -1;
        for (let q = 0; q < Q; q++) {
          const dq = delta[q]!;
          if (this.rowIndex[q]! >= 0 || Math.abs(dq) < 1e-12) continue;
          const s = this.rowSum[q]!;
          const toUpper = (rowUpper[q]! - s) / Math.abs(dq);
          const toLower = (s - rowLower[q]!) / Math.abs(dq);
          const u = dq > 0 ? toUpper : toLower;
          const w = dq > 0 ? toLower : toUpper;
          if (u < up) {
            up = Math.max(0, u);
            upRow = q;
          }
          if (w < down) {
            down = Math.max(0, w);
            downRow = q;
          }
        }
        const forward = gain > 1e-12 ? true : gain < -1e-12 ? false : up <= down;
        const step = forward ? up : -down;
        const rowHit = forward ? upRow : downRow;
        b[j] = b[j]! + step;
        for (let i = 0; i < k; i++) b[this.basis[i]!] = b[this.basis[i]!]! - step * c[i]!;
        for (let q = 0; q < Q; q++) if (delta[q] !== 0) this.rowSum[q] = this.rowSum[q]! + step * delta[q]!;
        // Snap what reached an integer; drop basic columns that did (last first).
        for (let i = k - 1; i >= 0; i--) {
          const t = this.basis[i]!;
          if (b[t]! <= INTEGRAL || b[t]! >= 1 - INTEGRAL) {
            b[t] = Math.round(b[t]!);
            this.removeAt(i);
          }
        }
        // A row that reached a bound joins the held rows: the basis is refactored over them.
        if (rowHit >= 0) {
          this.hold(rowHit);
          this.refactor();
        }
        if (b[j]! <= INTEGRAL || b[j]! >= 1 - INTEGRAL) {
          b[j] = Math.round(b[j]!);
          break;
        }
      }
    }
    return b;
  }
}

/**
 * Binary rounding by depth-first search with propagation: each fractional coordinate t takes
 * floor or floor + 1, every quota row within [rowLower, rowUpper] and the size row exact. Rows
 * propagate (a row at its upper bound forces its free coordinates down, one that needs all its
 * free coordinates forces them up). Coordinates are tried most decided first, at the value the
 * null-space rounding gave. Gives up after a node limit per attempt and RESTARTS attempts (then
 * peeling stops).
 */
class RoundingSearch {
  private readonly vars: Int32Array;
  private readonly value: Int8Array; // -1 unassigned, 0 or 1
  private readonly rowOf: Int32Array[]; // rows of each type (quota rows, then the size row)
  private readonly members: Int32Array[]; // free-candidate types of each row
  private readonly cur: Float64Array;
  private readonly free: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly trail: Int32Array;
  private readonly prefer: Int8Array;
  private readonly rank: Float64Array;
  private trailLength = 0;
  private nodes = 0;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private queueLength = 0;

  constructor(
    T: number,
    private readonly quotaTypes: readonly (readonly number[])[],
    typeQuotas: readonly (readonly number[])[],
    private readonly size: number,
  ) {
    const R = quotaTypes.length + 1;
    this.vars = new Int32Array(T);
    this.value = new Int8Array(T);
    this.prefer = new Int8Array(T);
    this.rank = new Float64Array(T);
    this.rowOf = typeQuotas.map((qs) => Int32Array.from([...qs, quotaTypes.length]));
    this.members = [...quotaTypes.map((ts) => Int32Array.from(ts)), Int32Array.from({ length: T }, (_, t) => t)];
    this.cur = new Float64Array(R);
    this.free = new Int32Array(R);
    this.lo = new Float64Array(R);
    this.hi = new Float64Array(R);
    this.trail = new Int32Array(T);
    this.queue = new Int32Array(R); // a row is queued at most once
    this.queued = new Uint8Array(R);
  }

  run(
    frac: Float64Array,
    b: Float64Array,
    base: Float64Array,
    rowLower: Float64Array,
    rowUpper: Float64Array,
    cost: Float64Array,
  ): Float64Array | undefined {
    const T = frac.length;
    const Q = this.quotaTypes.length;
    this.trailLength = 0;
    let n = 0;
    for (let t = 0; t < T; t++) {
      if (frac[t] !== 0) {
        this.vars[n++] = t;
        this.value[t] = -1;
        this.prefer[t] = b[t]! >= 0.5 ? 1 : 0;
      } else this.value[t] = 2; // not a variable
    }
    for (let r = 0; r <= Q; r++) {
      this.cur[r] = 0;
      this.free[r] = 0;
      this.lo[r] = r < Q ? rowLower[r]! : this.size;
      this.hi[r] = r < Q ? rowUpper[r]! : this.size;
    }
    for (let t = 0; t < T; t++) for (const r of this.rowOf[t]!) this.cur[r] = this.cur[r]! + base[t]!;
    for (let i = 0; i < n; i++) for (const r of this.rowOf[this.vars[i]!]!) this.free[r] = this.free[r]! + 1;
    for (let r = 0; r <= Q; r++) if (this.cur[r]! > this.hi[r]! || this.cur[r]! + this.free[r]! < this.lo[r]!) return undefined;
    // Most decided first; then restarts with the order perturbed (a fixed generator, so the
    // result is deterministic): a bad early decision costs a chronological search dearly.
    const vars = Array.from(this.vars.subarray(0, n));
    const order = vars.slice().sort((s, t) => Math.abs(b[t]! - 0.5) - Math.abs(b[s]! - 0.5));
    const key = new Float64Array(T);
    let seed = 0x9e3779b9;
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 4294967296;
    };
    let found = false;
    for (let attempt = 0; attempt < RESTARTS && !found; attempt++) {
      if (attempt > 0) {
        for (const t of vars) key[t] = Math.abs(b[t]! - 0.5) + next() * 0.5;
        order.sort((s, t) => key[t]! - key[s]!);
      }
      for (let i = 0; i < order.length; i++) this.rank[order[i]!] = order.length - i;
      this.undo(0);
      this.queueLength = 0;
      this.queued.fill(0);
      this.nodes = 0;
      found = this.propagateAll() && this.dfs(order, 0);
    }
    if (!found) return undefined;
    this.improve(vars, cost);
    const p = new Float64Array(T);
    for (let t = 0; t < T; t++) p[t] = base[t]! + (this.value[t] === 1 ? 1 : 0);
    return p;
  }

  /**
   * Seat exchanges that bring the rounding nearer to x: a coordinate rounded up goes down and
   * one rounded down goes up when that raises sum cost_t b_t and keeps every row within bounds
   * (rows of a category the two share do not move). First improvement, cheapest first.
   */
  private improve(vars: number[], cost: Float64Array): void {
    const C = this.rowOf[0]!.length - 1;
    for (let pass = 0; pass < 20; pass++) {
      const ones = vars.filter((t) => this.value[t] === 1).sort((s, t) => cost[s]! - cost[t]!);
      const zeros = vars.filter((t) => this.value[t] === 0).sort((s, t) => cost[t]! - cost[s]!);
      let changed = false;
      for (const i of ones) {
        const ri = this.rowOf[i]!;
        for (const j of zeros) {
          if (!(cost[j]! > cost[i]! + 1e-12)) break;
          if (this.value[j] !== 0) continue;
          const rj = this.rowOf[j]!;
          let ok = true;
          for (let c = 0; c < C && ok; c++) {
            const a = ri[c]!;
            const e = rj[c]!;
            if (a !== e && (this.cur[a]! - 1 < this.lo[a]! || this.cur[e]! + 1 > this.hi[e]!)) ok = false;
          }
          if (!ok) continue;
          this.value[i] = 0;
          this.value[j] = 1;
          for (let c = 0; c < C; c++) {
            this.cur[ri[c]!] = this.cur[ri[c]!]! - 1;
            this.cur[rj[c]!] = this.cur[rj[c]!]! + 1;
          }
          changed = true;
          break;
        }
      }
      if (!changed) return;
    }
  }

  private assign(t: number, v: 0 | 1): boolean {
    this.value[t] = v;
    this.trail[this.trailLength++] = t;
    let ok = true;
    for (const r of this.rowOf[t]!) {
      this.free[r] = this.free[r]! - 1;
      this.cur[r] = this.cur[r]! + v;
      if (this.cur[r]! > this.hi[r]! || this.cur[r]! + this.free[r]! < this.lo[r]!) ok = false;
      else if (!this.queued[r] && this.free[r]! > 0) {
        this.queued[r] = 1;
        this.queue[this.queueLength++] = r;
      }
    }
    return ok;
  }

  private undo(to: number): void {
    while (this.trailLength > to) {
      const t = this.trail[--this.trailLength]!;
      const v = this.value[t]!;
      for (const r of this.rowOf[t]!) {
        this.free[r] = this.free[r]! + 1;
        this.cur[r] = this.cur[r]! - v;
      }
      this.value[t] = -1;
    }
  }

  /** Unit propagation over the rows queued by assignments, to a fixed point; false on a conflict. */
  private propagate(): boolean {
    let ok = true;
    while (this.queueLength > 0) {
      const r = this.queue[--this.queueLength]!;
      this.queued[r] = 0;
      if (!ok || this.free[r] === 0) continue;
      const down = this.cur[r] === this.hi[r];
      const up = this.cur[r]! + this.free[r]! === this.lo[r];
      if (!down && !up) continue;
      for (const t of this.members[r]!) {
        if (this.value[t] !== -1) continue;
        if (!this.assign(t, up ? 1 : 0)) {
          ok = false;
          break;
        }
      }
    }
    return ok;
  }

  private propagateAll(): boolean {
    for (let r = 0; r < this.members.length; r++)
      if (!this.queued[r]) {
        this.queued[r] = 1;
        this.queue[this.queueLength++] = r;
      }
    return this.propagate();
  }

  private dfs(order: number[], i: number): boolean {
    while (i < order.length && this.value[order[i]!] !== -1) i++;
    if (i === order.length) return true;
    if (++this.nodes > NODE_LIMIT) return false;
    let t = order[i]!;
    {
      // The free coordinate, of the most decided, in the row with the least room.
      let best = -1;
      let room = Number.POSITIVE_INFINITY;
      for (let r = 0; r < this.members.length; r++) {
        if (this.free[r] === 0) continue;
        const m = Math.min(this.hi[r]! - this.cur[r]!, this.cur[r]! + this.free[r]! - this.lo[r]!);
        if (m < room) {
          room = m;
          best = r;
        }
      }
      if (best >= 0 && room < this.free[best]!) {
        let rank = -1;
        for (const u of this.members[best]!)
          if (this.value[u] === -1 && this.rank[u]! > rank) {
            rank = this.rank[u]!;
            t = u;
          }
      }
    }
    const first = this.prefer[t]! as 0 | 1;
    for (let k = 0; k < 2; k++) {
      const v = (k === 0 ? first : 1 - first) as 0 | 1;
      const mark = this.trailLength;
      if (this.assign(t, v) && this.propagate() && this.dfs(order, i)) return true;
      this.undo(mark);
      while (this.queueLength > 0) this.queued[this.queue[--this.queueLength]!] = 0;
      if (this.nodes > NODE_LIMIT) return false;
    }
    return false;
  }
}
