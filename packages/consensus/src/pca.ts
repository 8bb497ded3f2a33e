/**
 * Principal components of the vote matrix, computed sparsely.
 *
 * Pol.is (math/src/polismath/math/pca.clj, conversation.clj `:mat` and `:pca`) replaces every
 * missing vote by its statement's mean, centres each column on that mean and finds two components
 * by power iteration (`power-iteration`, 100 iterations, warm start from the previous components)
 * with deflation (`factor-matrix`). After mean imputation and centring a missing vote is exactly
 * zero, so the centred matrix Xc has exactly the sparsity of the votes and
 * Xcᵀ Xc v = Σ_rows x_i (x_i · v) costs O(votes). Centred values are never materialised:
 * x_ij − mean_j is read from a per-statement lookup table.
 */
import { mulberry32 } from './prng.ts';

/** The sparse matrix and column centring the PCA works on. */
export interface CentredSparse {
  nRows: number;
  nCols: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Int8Array;
  /** Rows present in the main part (later rows only have extra cells). */
  mainRows: number;
  /** Extra part (cells first voted since the last compaction), CSR over all rows. */
  xPtr: Int32Array;
  xCols: Int32Array;
  xVals: Int8Array;
  /**
   * Centred value table: centred[3 * c + vote + 1] = vote − mean_c, or 0 for a statement moderated
   * out (Pol.is `zero-out-columns` sets such a column to 0 for everyone, so it carries no variance).
   */
  centred: Float64Array;
}

/** Options of {@link sparsePca}. */
export interface PcaOptions {
  nComps?: number;
  /** Block size of the orthogonal iteration; extra vectors speed up convergence of the first two. */
  block?: number;
  maxIterations?: number;
  /** Stop when every component moves less than this (Euclidean norm, unit vectors). */
  tolerance?: number;
  /** Previous components (length nCols) for a warm start, as Pol.is `:start-vectors`. */
  start?: readonly Float64Array[];
  seed?: number;
}

/** Result of {@link sparsePca}: unit components (zero vectors when the data has fewer dimensions). */
export interface PcaResult {
  components: Float64Array[];
  eigenvalues: number[];
  iterations: number;
  converged: boolean;
  /** Unscaled projections of each row on the components (row-major, nComps per row). */
  rowProjection: Float64Array;
  /** The improved block (B vectors of length nCols) to start the next run from. */
  nextBlock: Float64Array[];
  /** The last pass: block V (interleaved d × B), W = Xcᵀ Xc V and row dots S = Xc V (n × B). */
  pass?: PcaPass;
}

/** A pass of the block iteration, kept so that an incremental update can patch it. */
export interface PcaPass {
  B: number;
  V: Float64Array;
  W: Float64Array;
  S: Float64Array;
}

/** Builds the centred value lookup table from column sums and counts (mean over cast votes). */
export function centredTable(colSum: Float64Array, colCount: Int32Array, active: Uint8Array): Float64Array {
  const n = colSum.length;
  const t = new Float64Array(3 * n);
  for (let c = 0; c < n; c++) {
    if (!active[c] || colCount[c] === 0) continue;
    // Pol.is conversation.clj `:mat`: column average over the non-missing entries (passes count as 0).
    const mean = colSum[c]! / colCount[c]!;
    t[3 * c] = -1 - mean;
    t[3 * c + 1] = -mean;
    t[3 * c + 2] = 1 - mean;
  }
  return t;
}

/**
 * W = Xcᵀ Xc V for a block of B vectors stored interleaved (V[c * B + b]), in one pass over the
 * votes: per row, s = x_i · V, then W += x_i sᵀ. This is Pol.is `xtxr` for B vectors at once. The
 * row dot products s are kept in S (row-major, B per row): they give the participants' positions
 * without another pass.
 */
export function gramTimes(m: CentredSparse, V: Float64Array, B: number, W: Float64Array, S: Float64Array): void {
  if (B === 4) return gramTimes4(m, V, W, S);
  W.fill(0);
  const { rowPtr, cols, vals, centred, xPtr, xCols, xVals } = m;
  const s = new Float64Array(B);
  for (let r = 0; r < m.nRows; r++) {
    const start = r < m.mainRows ? rowPtr[r]! : 0;
    const end = r < m.mainRows ? rowPtr[r + 1]! : 0;
    const xs = xPtr[r]!;
    const xe = xPtr[r + 1]!;
    s.fill(0);
    for (let k = start; k < end; k++) {
      const c = cols[k]!;
      const x = centred[3 * c + vals[k]! + 1]!;
      const o = c * B;
      for (let b = 0; b < B; b++) s[b]! += x * V[o + b]!;
    }
    for (let k = xs; k < xe; k++) {
      const c = xCols[k]!;
      const x = centred[3 * c + xVals[k]! + 1]!;
      const o = c * B;
      for (let b = 0; b < B; b++) s[b]! += x * V[o + b]!;
    }
    for (let b = 0; b < B; b++) S[r * B + b] = s[b]!;
    for (let k = start; k < end; k++) {
      const c = cols[k]!;
      const x = centred[3 * c + vals[k]! + 1]!;
      const o = c * B;
      for (let b = 0; b < B; b++) W[o + b]! += x * s[b]!;
    }
    for (let k = xs; k < xe; k++) {
      const c = xCols[k]!;
      const x = centred[3 * c + xVals[k]! + 1]!;
      const o = c * B;
      for (let b = 0; b < B; b++) W[o + b]! += x * s[b]!;
    }
  }
}

/** Specialised B = 4 version of {@link gramTimes}: the hot loop of a run. */
function gramTimes4(m: CentredSparse, V: Float64Array, W: Float64Array, S: Float64Array): void {
  W.fill(0);
  const { rowPtr, cols, vals, centred, xPtr, xCols, xVals } = m;
  for (let r = 0; r < m.nRows; r++) {
    const start = r < m.mainRows ? rowPtr[r]! : 0;
    const end = r < m.mainRows ? rowPtr[r + 1]! : 0;
    const xs = xPtr[r]!;
    const xe = xPtr[r + 1]!;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = start; k < end; k++) {
      const c = cols[k]!;
      const x = centred[3 * c + vals[k]! + 1]!;
      const o = c << 2;
      s0 += x * V[o]!;
      s1 += x * V[o + 1]!;
      s2 += x * V[o + 2]!;
      s3 += x * V[o + 3]!;
    }
    for (let k = xs; k < xe; k++) {
      const c = xCols[k]!;
      const x = centred[3 * c + xVals[k]! + 1]!;
      const o = c << 2;
      s0 += x * V[o]!;
      s1 += x * V[o + 1]!;
      s2 += x * V[o + 2]!;
      s3 += x * V[o + 3]!;
    }
    const q = r << 2;
    S[q] = s0;
    S[q + 1] = s1;
    S[q + 2] = s2;
    S[q + 3] = s3;
    for (let k = start; k < end; k++) {
      const c = cols[k]!;
      const x = centred[3 * c + vals[k]! + 1]!;
      const o = c << 2;
      W[o]! += x * s0;
      W[o + 1]! += x * s1;
      W[o + 2]! += x * s2;
      W[o + 3]! += x * s3;
    }
    for (let k = xs; k < xe; k++) {
      const c = xCols[k]!;
      const x = centred[3 * c + xVals[k]! + 1]!;
      const o = c << 2;
      W[o]! += x * s0;
      W[o + 1]! += x * s1;
      W[o + 2]! += x * s2;
      W[o + 3]! += x * s3;
    }
  }
}

/**
 * Top principal components of the centred sparse matrix.
 *
 * Pol.is runs power iteration on Xcᵀ Xc for the first component, deflates the matrix
 * (`factor-matrix`: x ← x − (x·pc) pc) and repeats for the second. We run the same iteration on a
 * block of vectors at once (orthogonal iteration: the first column of the block is exactly Pol.is's
 * power iteration, the Gram–Schmidt step is its deflation) with a Rayleigh–Ritz step, and stop on
 * convergence instead of after a fixed 100 iterations, so the components equal the exact ones
 * (checked against scikit-learn). With `maxIterations: 1` and the previous block as start, this is a
 * single warm power step: the incremental update.
 */
export function sparsePca(m: CentredSparse, opts: PcaOptions = {}): PcaResult {
  const d = m.nCols;
  const want = opts.nComps ?? 2;
  const nComps = Math.max(0, Math.min(want, d, m.nRows));
  const B = Math.max(nComps, Math.min(opts.block ?? 4, d));
  const maxIterations = Math.max(1, opts.maxIterations ?? 1000);
  const tol = opts.tolerance ?? 1e-10;
  const rng = mulberry32(opts.seed ?? 0);
  if (nComps === 0) {
    return {
      components: Array.from({ length: want }, () => new Float64Array(d)),
      eigenvalues: new Array<number>(want).fill(0),
      iterations: 0,
      converged: true,
      rowProjection: new Float64Array(m.nRows * want),
      nextBlock: [],
    };
  }

  // Start block: previous components first (Pol.is warm start), then seeded random vectors
  // (Pol.is `rand-starting-vec`, unseeded there).
  let V: Float64Array = new Float64Array(d * B);
  let filled = 0;
  for (const sv of opts.start ?? []) {
    if (filled >= B) break;
    if (sv.length !== d || !sv.some((x) => x !== 0)) continue;
    for (let c = 0; c < d; c++) V[c * B + filled] = sv[c]!;
    filled++;
  }
  for (let b = filled; b < B; b++) for (let c = 0; c < d; c++) V[c * B + b] = rng() - 0.5;
  orthonormalise(V, d, B, rng);

  const W = new Float64Array(d * B);
  const S = new Float64Array(m.nRows * B);
  const prev = Array.from({ length: nComps }, () => new Float64Array(d));
  const ritz = Array.from({ length: nComps }, () => new Float64Array(d));
  let eig: number[] = [];
  let order: number[] = [];
  let U: Float64Array = new Float64Array(B * B);
  let iterations = 0;
  let converged = false;
  let next: Float64Array = new Float64Array(d * B);
  for (;;) {
    gramTimes(m, V, B, W, S);
    iterations++;
    // Rayleigh–Ritz: H = Vᵀ A V, H = U Λ Uᵀ; Ritz vectors V U, and A (V U) = W U.
    const H = new Float64Array(B * B);
    for (let c = 0; c < d; c++) {
      const o = c * B;
      for (let a = 0; a < B; a++) {
        const va = V[o + a]!;
        for (let b = a; b < B; b++) H[a * B + b]! += va * W[o + b]!;
      }
    }
    for (let a = 0; a < B; a++) for (let b = 0; b < a; b++) H[a * B + b] = H[b * B + a]!;
    const e = jacobiEigen(H, B);
    U = e.vectors;
    const values = e.values;
    order = [...values.keys()].sort((a, b) => values[b]! - values[a]! || a - b);
    eig = order.map((i) => values[i]!);
    let moved = 0;
    for (let q = 0; q < nComps; q++) {
      const col = order[q]!;
      const v = ritz[q]!;
      for (let c = 0; c < d; c++) {
        let acc = 0;
        const o = c * B;
        for (let a = 0; a < B; a++) acc += V[o + a]! * U[a * B + col]!;
        v[c] = acc;
      }
      let dot = 0;
      for (let c = 0; c < d; c++) dot += v[c]! * prev[q]![c]!;
      const sign = dot < 0 ? -1 : 1;
      let diff = 0;
      for (let c = 0; c < d; c++) {
        const err = v[c]! - sign * prev[q]![c]!;
        diff += err * err;
      }
      // A null direction (eigenvalue ~ 0) has no stable vector; it does not hold up convergence.
      if (Math.abs(eig[q]!) > 1e-12 * Math.max(1e-300, Math.abs(eig[0]!))) moved = Math.max(moved, Math.sqrt(diff));
      prev[q]!.set(v);
    }
    // Next block: orthonormalised W U, ordered by Ritz value.
    next = new Float64Array(d * B);
    for (let c = 0; c < d; c++) {
      const o = c * B;
      for (let q = 0; q < B; q++) {
        const col = order[q]!;
        let acc = 0;
        for (let a = 0; a < B; a++) acc += W[o + a]! * U[a * B + col]!;
        next[o + q] = acc;
      }
    }
    orthonormalise(next, d, B, rng);
    if (moved < tol && iterations > 1) converged = true;
    if (converged || iterations >= maxIterations) break;
    V = next;
  }
  // Components are the Ritz vectors of the last pass; the rows' projections on them are S U, with S
  // the row dot products of that same pass, so no extra pass over the votes is needed.
  const scale0 = Math.max(1e-300, Math.abs(eig[0] ?? 0));
  const live = (q: number): boolean => Math.abs(eig[q] ?? 0) > 1e-12 * scale0;
  const components = ritz.map((v, q) => (live(q) ? v : new Float64Array(d)));
  while (components.length < want) components.push(new Float64Array(d));
  const rowProjection = new Float64Array(m.nRows * want);
  for (let q = 0; q < nComps; q++) {
    if (!live(q)) continue;
    const col = order[q]!;
    for (let r = 0; r < m.nRows; r++) {
      let acc = 0;
      for (let a = 0; a < B; a++) acc += S[r * B + a]! * U[a * B + col]!;
      rowProjection[r * want + q] = acc;
    }
  }
  const eigenvalues = components.map((_, q) => Math.max(0, eig[q] ?? 0));
  const nextBlock = Array.from({ length: B }, (_, b) => {
    const v = new Float64Array(d);
    for (let c = 0; c < d; c++) v[c] = next[c * B + b]!;
    return v;
  });
  return { components, eigenvalues, iterations, converged, rowProjection, nextBlock, pass: { B, V, W, S } };
}

/**
 * Rayleigh–Ritz within span(V) from the row dots alone: with S = Xc V, Vᵀ (Xcᵀ Xc) V = Sᵀ S, so the
 * best two components within span(V) (V U, U the eigenvectors of Sᵀ S) and every row's projection on
 * them (S U) need neither W nor a pass over the votes: O(rows · B² + statements · B). Used by the
 * incremental update, which keeps V (the block of the last full run, `dV` statements, B columns,
 * interleaved) and patches S for the changed cells. The result has `d` ≥ `dV` statements (later
 * statements are 0 in every component); its `nextBlock` is the full Ritz basis V U, ordered by Ritz
 * value (no power step: the next full run iterates from it).
 */
export function ritzFromRowDots(V: Float64Array, dV: number, B: number, S: Float64Array, nRows: number, d: number, want = 2): PcaResult {
  const H = new Float64Array(B * B);
  if (B === 4) {
    let h00 = 0;
    let h01 = 0;
    let h02 = 0;
    let h03 = 0;
    let h11 = 0;
    let h12 = 0;
    let h13 = 0;
    let h22 = 0;
    let h23 = 0;
    let h33 = 0;
    for (let r = 0; r < nRows; r++) {
      const o = r << 2;
      const s0 = S[o]!;
      const s1 = S[o + 1]!;
      const s2 = S[o + 2]!;
      const s3 = S[o + 3]!;
      h00 += s0 * s0;
      h01 += s0 * s1;
      h02 += s0 * s2;
      h03 += s0 * s3;
      h11 += s1 * s1;
      h12 += s1 * s2;
      h13 += s1 * s3;
      h22 += s2 * s2;
      h23 += s2 * s3;
      h33 += s3 * s3;
    }
    H.set([h00, h01, h02, h03, h01, h11, h12, h13, h02, h12, h22, h23, h03, h13, h23, h33]);
  } else {
    for (let r = 0; r < nRows; r++) {
      const o = r * B;
      for (let a = 0; a < B; a++) for (let b = a; b < B; b++) H[a * B + b]! += S[o + a]! * S[o + b]!;
    }
    for (let a = 0; a < B; a++) for (let b = 0; b < a; b++) H[a * B + b] = H[b * B + a]!;
  }
  const { values, vectors: U } = jacobiEigen(H, B);
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]! || a - b);
  const eig = order.map((i) => values[i]!);
  const nComps = Math.min(want, B);
  const scale0 = Math.max(1e-300, Math.abs(eig[0] ?? 0));
  const live = (q: number): boolean => Math.abs(eig[q] ?? 0) > 1e-12 * scale0;
  const ritzVector = (q: number): Float64Array => {
    const v = new Float64Array(d);
    const col = order[q]!;
    for (let c = 0; c < dV; c++) {
      let acc = 0;
      for (let a = 0; a < B; a++) acc += V[c * B + a]! * U[a * B + col]!;
      v[c] = acc;
    }
    return v;
  };
  const components = Array.from({ length: want }, (_, q) => (q < nComps && live(q) ? ritzVector(q) : new Float64Array(d)));
  const rowProjection = new Float64Array(nRows * want);
  for (let q = 0; q < nComps; q++) {
    if (!live(q)) continue;
    const col = order[q]!;
    const u0 = U[col]!;
    const u1 = B > 1 ? U[B + col]! : 0;
    const u2 = B > 2 ? U[2 * B + col]! : 0;
    const u3 = B > 3 ? U[3 * B + col]! : 0;
    if (B === 4) {
      for (let r = 0; r < nRows; r++) {
        const o = r << 2;
        rowProjection[r * want + q] = S[o]! * u0 + S[o + 1]! * u1 + S[o + 2]! * u2 + S[o + 3]! * u3;
      }
    } else {
      for (let r = 0; r < nRows; r++) {
        let acc = 0;
        for (let a = 0; a < B; a++) acc += S[r * B + a]! * U[a * B + col]!;
        rowProjection[r * want + q] = acc;
      }
    }
  }
  return {
    components,
    eigenvalues: components.map((_, q) => Math.max(0, eig[q] ?? 0)),
    iterations: 0,
    converged: false,
    rowProjection,
    nextBlock: Array.from({ length: B }, (_, q) => ritzVector(q)),
  };
}

/**
 * Patches the row dots S = Xc V of a kept pass for changed cells: cell (r, c) going from `old` (-2:
 * empty) to `value` adds (x_new − x_old) · V_c to S_r, x read from the centred table the pass used.
 * Statements c ≥ dV (not in V) add nothing. Cells changed more than once telescope.
 */
export function patchRowDots(
  S: Float64Array,
  V: Float64Array,
  dV: number,
  B: number,
  table: Float64Array,
  delta: { row: Int32Array; col: Int32Array; old: Int8Array; value: Int8Array; length: number },
): void {
  const { row, col, old, value } = delta;
  for (let i = 0; i < delta.length; i++) {
    const c = col[i]!;
    if (c >= dV) continue;
    const was = old[i]!;
    const x = table[3 * c + value[i]! + 1]! - (was === -2 ? 0 : table[3 * c + was + 1]!);
    if (x === 0) continue;
    const o = row[i]! * B;
    const v = c * B;
    for (let b = 0; b < B; b++) S[o + b]! += x * V[v + b]!;
  }
}

/**
 * Modified Gram–Schmidt on the B interleaved columns of V (d × B), twice for stability. A column
 * that collapses (rank deficiency) is replaced by a random vector orthogonal to the others.
 */
function orthonormalise(V: Float64Array, d: number, B: number, rng: () => number): void {
  for (let b = 0; b < B; b++) {
    let norm0 = 0;
    for (let c = 0; c < d; c++) norm0 += V[c * B + b]! ** 2;
    norm0 = Math.sqrt(norm0);
    let ok = false;
    for (let attempt = 0; attempt < 3 && !ok; attempt++) {
      for (let pass = 0; pass < 2; pass++) {
        for (let a = 0; a < b; a++) {
          let dot = 0;
          for (let c = 0; c < d; c++) dot += V[c * B + a]! * V[c * B + b]!;
          for (let c = 0; c < d; c++) V[c * B + b]! -= dot * V[c * B + a]!;
        }
      }
      let norm = 0;
      for (let c = 0; c < d; c++) norm += V[c * B + b]! ** 2;
      norm = Math.sqrt(norm);
      if (norm > 1e-10 * Math.max(norm0, 1e-300) && norm > 1e-300) {
        for (let c = 0; c < d; c++) V[c * B + b]! /= norm;
        ok = true;
      } else {
        for (let c = 0; c < d; c++) V[c * B + b] = rng() - 0.5;
        norm0 = 1;
      }
    }
    if (!ok) for (let c = 0; c < d; c++) V[c * B + b] = 0;
  }
}

/** Cyclic Jacobi eigen-decomposition of a small symmetric n × n matrix (row-major). */
export function jacobiEigen(A0: Float64Array, n: number): { values: number[]; vectors: Float64Array } {
  const A = Float64Array.from(A0);
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) U[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += A[i * n + j]! ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        const theta = (A[q * n + q]! - A[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!;
          const akq = A[k * n + q]!;
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!;
          const aqk = A[q * n + k]!;
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const ukp = U[k * n + p]!;
          const ukq = U[k * n + q]!;
          U[k * n + p] = c * ukp - s * ukq;
          U[k * n + q] = s * ukp + c * ukq;
        }
      }
    }
  }
  return { values: Array.from({ length: n }, (_, i) => A[i * n + i]!), vectors: U };
}

/**
 * Participant positions, Pol.is pca.clj `sparsity-aware-project-ptpt`: the sum over the statements
 * a participant voted of (vote − mean) × component (`raw`, from {@link sparsePca}), scaled by
 * sqrt(statements / max(votes, 1)), which pushes sparse voters out from the centre. `votes[r]` counts
 * the votes of row r the way Pol.is does (moderated-out columns are zero, not missing, for everyone).
 */
export function scaleProjection(
  raw: Float64Array,
  nComps: number,
  votes: Int32Array,
  nStatements: number,
  flip: readonly number[],
): Float64Array {
  const n = votes.length;
  const out = new Float64Array(2 * n);
  for (let r = 0; r < n; r++) {
    const scale = Math.sqrt(nStatements / Math.max(votes[r]!, 1));
    out[2 * r] = nComps > 0 ? flip[0]! * raw[r * nComps]! * scale : 0;
    out[2 * r + 1] = nComps > 1 ? flip[1]! * raw[r * nComps + 1]! * scale : 0;
  }
  return out;
}
