/**
 * The consensus engine: votes in; positions, opinion groups, representative statements and
 * consensus out. The pipeline follows Pol.is math/src/polismath/math/conversation.clj
 * (`small-conv-update-graph`); each step cites the Pol.is function it reproduces. Pure: no node:
 * imports, so it runs in a browser or a worker thread.
 */
import { ConsensusInputError } from './errors.ts';
import { cleanStartClusters, initClusters, kmeans, silhouette, type Cluster, type KMeansBounds } from './kmeans.ts';
import { centredTable, patchRowDots, ritzFromRowDots, scaleProjection, sparsePca, type CentredSparse, type PcaResult } from './pca.ts';
import {
  cmpId,
  groupInformedConsensus,
  selectConsensus,
  selectRepresentative,
  type ConsensusStatement,
  type RepStatement,
  type VoteCounts,
} from './repness.ts';
import { votesToColumns, type Vote, type VoteColumns, type VoteDelta, VoteStore } from './votes.ts';

/** Tuning knobs; defaults are Pol.is's (conversation.clj `:opts'`). */
export interface ConsensusOptions {
  /** Seed of the PCA start vectors (Pol.is uses an unseeded random vector). */
  seed?: number;
  /** Number of base clusters (Pol.is `:base-k` 100). */
  baseK?: number;
  /** Largest number of groups (Pol.is `:max-k` 5). */
  maxK?: number;
  /** Updates a new k must win in a row before it is adopted (Pol.is `:group-k-buffer` 4). */
  groupKBuffer?: number;
  /** K-means iterations (Pol.is `:base-iters` / `:group-iters` 100). */
  kmeansIterations?: number;
  /** Base k-means iterations in an incremental {@link ConsensusEngine.update} (warm; default 5). */
  updateKmeansIterations?: number;
  /** Cap on PCA iterations; Pol.is stops at 100, we iterate to convergence (see README). */
  pcaMaxIterations?: number;
  pcaTolerance?: number;
  pcaBlock?: number;
  /** Votes needed to be clustered: min(minVotes, statements) (Pol.is 7). */
  minVotes?: number;
  /** Top voters added when fewer qualify (Pol.is `greedy-n` 15). */
  greedyN?: number;
  /** Force this number of groups instead of choosing by silhouette (diagnostics only). */
  forceK?: number;
}

/** What the engine remembers between runs, for warm starts and the k buffer. JSON-serialisable. */
export interface ConsensusState {
  version: 1;
  statementIds: string[];
  components: number[][];
  /** PCA block (components and helper vectors) to warm-start the next run. */
  block: number[][];
  inConv: string[];
  baseClusters: { id: number; center: [number, number]; members: string[] }[];
  /** Group clusterings per k; members are base-cluster ids. */
  groupClusterings: Record<string, { id: number; center: [number, number]; members: number[] }[]>;
  kSmoother: { lastK: number; lastKCount: number; smoothedK: number } | null;
}

/** Vote counts of one group (or of everyone) on one statement. */
export interface StatementVotes {
  agree: number;
  disagree: number;
  pass: number;
  seen: number;
}

/** One opinion group. */
export interface Group {
  group: number;
  members: string[];
  center: [number, number];
  /** Vote counts per statement id, among the group's members. */
  votes: Record<string, StatementVotes>;
}

/** A statement that splits the groups. */
export interface DivisiveStatement {
  statement: string;
  /** max − min over groups of the agree share (agrees + 1)/(votes + 2). */
  spread: number;
  agreeShareByGroup: number[];
}

/** A statement many people passed on. */
export interface PassedStatement {
  statement: string;
  pass: number;
  seen: number;
  /** (passes + 1)/(votes + 2), as Pol.is's importance metric smooths the pass share. */
  passShare: number;
}

/** Output of a run. */
export interface ConsensusResult {
  participants: number;
  statements: number;
  votes: number;
  pca: {
    statementIds: string[];
    center: number[];
    components: number[][];
    eigenvalues: number[];
    iterations: number;
    converged: boolean;
  };
  /** Position of every participant in the plane of the two components. */
  positions: Record<string, [number, number]>;
  /** Group index of every clustered participant. */
  groups: Record<string, number>;
  groupList: Group[];
  /** Number of groups chosen, the best by silhouette now, and the silhouette of each k. */
  k: { chosen: number; best: number; silhouettes: Record<string, number> };
  /** Representative statements per group index. */
  repness: Record<string, RepStatement[]>;
  /** Consensus statements: agreement first, then disagreement. */
  consensus: ConsensusStatement[];
  /** Group-informed consensus per statement id. */
  groupInformedConsensus: Record<string, number>;
  divisive: DivisiveStatement[];
  mostPassed: PassedStatement[];
  /** Votes of everyone per statement id. */
  totals: Record<string, StatementVotes>;
  /** Serialisable warm-start state (not enumerable: left out of JSON; pass it back as `previous`). */
  readonly state: ConsensusState;
  /** Participant ids in row order (not enumerable). */
  readonly participantIds: readonly string[];
  /** Positions in row order, x and y interleaved (not enumerable). */
  readonly xy: Float64Array;
  /** Group index per row, -1 when not clustered (not enumerable). */
  readonly groupOf: Int32Array;
}

/** Input of {@link computeConsensus}. */
export interface ConsensusInput {
  votes: readonly Vote[] | VoteColumns;
  /** Ids of statements moderated out: they count as 0 for everyone. */
  moderatedOut?: Iterable<string | number>;
  /** When given, every vote must be on one of these statements. */
  statements?: Iterable<string | number>;
  /** The previous result or its state, for warm starts and the k buffer. */
  previous?: ConsensusResult | ConsensusState;
  options?: ConsensusOptions;
}

/** Runs the whole pipeline once on a set of votes (optionally warm-started from a previous result). */
export function computeConsensus(input: ConsensusInput): ConsensusResult {
  const engine = new ConsensusEngine(input.options, input.previous);
  if (input.statements) engine.setKnownStatements(input.statements);
  if (input.moderatedOut) engine.setModeratedOut(input.moderatedOut);
  engine.addVotes(input.votes);
  return engine.run();
}

/**
 * A long-lived engine for incremental updates: add new votes, run again. The vote matrix is merged
 * in O(votes), and every step is warm-started from the previous run (PCA start vectors, base and
 * group clusters, k buffer), as Pol.is does between conversation updates.
 */
export class ConsensusEngine {
  readonly store = new VoteStore();
  readonly options: Required<Omit<ConsensusOptions, 'forceK'>> & { forceK?: number };
  private moderated = new Set<string>();
  private known?: Set<string>;
  private state?: ConsensusState;
  /** Wall-clock milliseconds of each stage of the last run. */
  timings: Record<string, number> = {};

  constructor(options: ConsensusOptions = {}, previous?: ConsensusResult | ConsensusState) {
    this.options = {
      seed: options.seed ?? 0,
      baseK: options.baseK ?? 100,
      maxK: options.maxK ?? 5,
      groupKBuffer: options.groupKBuffer ?? 4,
      kmeansIterations: options.kmeansIterations ?? 100,
      updateKmeansIterations: options.updateKmeansIterations ?? 5,
      pcaMaxIterations: options.pcaMaxIterations ?? 1000,
      pcaTolerance: options.pcaTolerance ?? 1e-10,
      pcaBlock: options.pcaBlock ?? 4,
      minVotes: options.minVotes ?? 7,
      greedyN: options.greedyN ?? 15,
      ...(options.forceK !== undefined ? { forceK: options.forceK } : {}),
    };
    if (previous) {
      const st = 'state' in previous ? previous.state : previous;
      if (st.version !== 1) throw new ConsensusInputError('previous: unknown state version');
      this.state = st;
    }
  }

  /** Restricts votes to these statement ids: a vote on any other is an error. */
  setKnownStatements(ids: Iterable<string | number>): void {
    this.known = new Set([...ids].map(String));
  }

  /** Sets the statements moderated out (replacing the previous set). */
  setModeratedOut(ids: Iterable<string | number>): void {
    this.moderated = new Set([...ids].map(String));
  }

  /** Adds votes (the latest vote per participant and statement wins). */
  addVotes(votes: readonly Vote[] | VoteColumns): void {
    const cols = Array.isArray(votes) ? votesToColumns(votes as readonly Vote[]) : (votes as VoteColumns);
    if (this.known) {
      const bad = new Uint8Array(cols.statementIds.length);
      cols.statementIds.forEach((id, i) => {
        if (!this.known!.has(id)) bad[i] = 1;
      });
      for (let i = 0; i < cols.statement.length; i++) {
        if (bad[cols.statement[i]!]) {
          throw new ConsensusInputError(`votes[${i}]: statement ${JSON.stringify(cols.statementIds[cols.statement[i]!])} does not exist`);
        }
      }
    }
    this.store.add(cols);
    if (this.store.lastDelta) this.pendingDeltas.push(this.store.lastDelta);
    else {
      this.deltasValid = false;
      this.pendingDeltas = [];
    }
  }

  /**
   * Runs the pipeline on all votes so far: PCA to convergence (warm-started from the previous run
   * when there is one), clusters warm-started, counts recomputed.
   */
  run(): ConsensusResult {
    return this.compute(false);
  }

  /**
   * Incremental update after new votes, far cheaper than {@link run}: the PCA keeps the block V and
   * the centring of the last run and patches the row dots S = Xc V of its last pass for the changed
   * cells, then takes the Rayleigh–Ritz step within span(V) (Vᵀ Xcᵀ Xc V = Sᵀ S), which gives the
   * components and every position in O(rows); k-means is warm-started (at most
   * `updateKmeansIterations` steps) and vote counts are patched from the changed cells. Cost is
   * proportional to the changed votes plus the number of participants, not to all votes. Approximate where run() is exact (new statements do not move the components until the
   * next run()); call run() periodically. Falls back to run() when there is nothing to patch.
   */
  update(): ConsensusResult {
    return this.compute(this.cache !== undefined);
  }

  /** Warm-start state with participants as row indices (no id lookups on the hot path). */
  private internal?: InternalState;

  /**
   * The block V (dV statements × B, interleaved) of the last full run's last pass, its row dots
   * S = Xc V (patched by each update; nR rows valid) and the centring table they use.
   */
  private pcaCache?: { B: number; V: Float64Array; dV: number; S: Float64Array; nR: number; table: Float64Array };

  private cache?: {
    nC: number;
    colSum: Float64Array;
    colCount: Int32Array;
    groupOfRow: Int32Array;
    /** Votes per row as Pol.is counts them (see rowVoteCounts), patched by an update. */
    votesOfRow: Int32Array;
    all: VoteCounts;
    byGroup: VoteCounts[];
    moderatedKey: string;
  };
  private pendingDeltas: VoteDelta[] = [];
  private deltasValid = true;
  /** Base k-means state of the last computation, for the next update (see {@link KeptBase}). */
  private baseKept?: KeptBase;

  private compute(incremental: boolean): ConsensusResult {
    const o = this.options;
    const t = { last: now() };
    const lap = (name: string): void => {
      const n = now();
      this.timings[name] = n - t.last;
      t.last = n;
    };
    this.timings = {};
    const s = this.store;
    const nR = s.nRows;
    const nC = s.nCols;
    if (nR === 0 || nC === 0) throw new ConsensusInputError('votes: no votes');
    const moderatedKey = [...this.moderated].sort().join('\u0000');
    const cache = this.cache;
    const canPatch = incremental && cache !== undefined && this.deltasValid && cache.moderatedKey === moderatedKey;
    if (incremental && !canPatch) incremental = false;

    // Moderated-out statements count as 0 for everyone (conversation.clj `:rating-mat`,
    // `zero-out-columns`).
    const active = new Uint8Array(nC);
    let nModOut = 0;
    for (let c = 0; c < nC; c++) {
      if (this.moderated.has(s.statementIds[c]!)) nModOut++;
      else active[c] = 1;
    }
    // Column statistics over all participants (Pol.is `:mat` column averages): patched from the
    // changed cells on an update, recounted otherwise.
    let colSum: Float64Array;
    let colCount: Int32Array;
    if (canPatch) {
      colSum = grow(cache.colSum, nC);
      colCount = growInt(cache.colCount, nC);
      for (const d of this.pendingDeltas) patchColumnStats(d, colSum, colCount);
    } else {
      colSum = new Float64Array(nC);
      colCount = new Int32Array(nC);
      const addCol = (cols: Int32Array, vals: Int8Array, n: number): void => {
        for (let k = 0; k < n; k++) {
          const c = cols[k]!;
          colSum[c]! += vals[k]!;
          colCount[c]!++;
        }
      };
      addCol(s.cols, s.vals, s.rowPtr[s.mainRows]!);
      addCol(s.xCols, s.xVals, s.xCols.length);
    }
    // An update keeps the centring of the last full run (so the kept pass stays consistent);
    // statements first voted since then get their mean now, and keep it until the next run.
    const pcaCache = this.pcaCache;
    const patchPca = canPatch && pcaCache !== undefined;
    let table: Float64Array;
    if (patchPca && pcaCache) {
      const keptC = pcaCache.table.length / 3;
      if (keptC >= nC) table = pcaCache.table;
      else {
        const fresh = centredTable(colSum, colCount, active);
        table = new Float64Array(3 * nC);
        table.set(pcaCache.table);
        table.set(fresh.subarray(3 * keptC), 3 * keptC);
      }
    } else table = centredTable(colSum, colCount, active);
    const m: CentredSparse = {
      nRows: nR,
      nCols: nC,
      rowPtr: s.rowPtr,
      cols: s.cols,
      vals: s.vals,
      mainRows: s.mainRows,
      xPtr: s.xPtr,
      xCols: s.xCols,
      xVals: s.xVals,
      centred: table,
    };
    lap('matrix');

    // PCA, warm-started from the previous block mapped onto the current statements (Pol.is passes
    // the previous components as `:start-vectors`).
    const prev = this.internal ?? (this.state ? fromSerialised(this.state, s) : undefined);
    let start: Float64Array[] | undefined;
    if (prev && prev.block.length > 0) {
      const idx = new Map(prev.statementIds.map((id, i) => [id, i]));
      start = prev.block.map((comp) => {
        const v = new Float64Array(nC);
        for (let c = 0; c < nC; c++) {
          const i = idx.get(s.statementIds[c]!);
          if (i !== undefined && active[c]) v[c] = comp[i] ?? 0;
        }
        return v;
      });
    }
    let pca: PcaResult;
    if (patchPca && pcaCache) {
      // Incremental: patch S = Xc V for the changed cells, keeping the block V and the centring of the
      // last full run, then Rayleigh–Ritz within span(V): O(changed cells · B + rows · B²).
      if (pcaCache.S.length < nR * pcaCache.B) {
        const S = new Float64Array(Math.ceil(nR * 1.25) * pcaCache.B);
        S.set(pcaCache.S.subarray(0, pcaCache.nR * pcaCache.B));
        pcaCache.S = S;
      }
      pcaCache.nR = nR;
      pcaCache.table = table;
      for (const d of this.pendingDeltas) patchRowDots(pcaCache.S, pcaCache.V, pcaCache.dV, pcaCache.B, table, d);
      pca = ritzFromRowDots(pcaCache.V, pcaCache.dV, pcaCache.B, pcaCache.S, nR, nC);
    } else {
      pca = sparsePca(m, {
        nComps: 2,
        block: o.pcaBlock,
        maxIterations: o.pcaMaxIterations,
        tolerance: o.pcaTolerance,
        seed: o.seed,
        ...(start ? { start } : {}),
      });
      this.pcaCache = pca.pass ? { B: pca.pass.B, V: pca.pass.V, dV: nC, S: pca.pass.S, nR, table } : undefined;
    }
    // Signs are arbitrary: keep the previous run's orientation, else make the largest entry positive.
    const flip = pca.components.map((v, q) => {
      const sv = start?.[q];
      let dot = 0;
      if (sv) for (let c = 0; c < nC; c++) dot += v[c]! * sv[c]!;
      let neg: boolean;
      if (sv && dot !== 0) neg = dot < 0;
      else {
        let bi = 0;
        for (let c = 1; c < nC; c++) if (Math.abs(v[c]!) > Math.abs(v[bi]!) + 1e-12) bi = c;
        neg = v[bi]! < 0;
      }
      if (neg) {
        for (let c = 0; c < nC; c++) v[c] = -v[c]!;
        // The kept block is the next run's orientation reference: flip it with the component.
        const nb = pca.nextBlock[q];
        if (nb) for (let c = 0; c < nb.length; c++) nb[c] = -nb[c]!;
      }
      return neg ? -1 : 1;
    });
    lap('pca');

    // Participant positions (pca.clj `sparsity-aware-project-ptpt`); a participant's vote count
    // includes every moderated-out statement, which Pol.is sets to 0 (not missing) for everyone.
    const votesOfRow = canPatch
      ? patchVoteCounts(cache.votesOfRow, nR, nModOut, active, this.pendingDeltas)
      : rowVoteCounts(s, nModOut, active);
    const proj = scaleProjection(pca.rowProjection, 2, votesOfRow, nC, flip);
    lap('projection');

    // Who is clustered (conversation.clj `:in-conv`): once in, always in; at least min(7, statements)
    // votes (raw, counting votes on moderated statements); topped up to 15 with the top voters.
    // Base clusters (`:base-clusters`): k-means with k = 100 on the clustered participants,
    // warm-started from the previous base clusters (`clean-start-clusters`). An update starts from
    // the kept state of the last computation instead (see keptBaseStart), whose Hamerly bounds let
    // the k-means skip every participant that cannot change cluster.
    const need = Math.min(o.minVotes, nC);
    const kept = incremental ? this.baseKept : undefined;
    this.baseKept = undefined;
    const fast = kept ? keptBaseStart(kept, s, this.pendingDeltas, proj, need, o.greedyN, o.baseK) : undefined;
    let rowsIn: Int32Array;
    let inConv: Uint8Array;
    let points: Float64Array;
    let baseStart: Cluster[];
    let bounds: KMeansBounds;
    if (fast) {
      ({ rowsIn, inConv, points, start: baseStart, bounds } = fast);
    } else {
      rowsIn = Int32Array.from(clusteredRows(s, prev?.inConvRows, need, o.greedyN));
      inConv = new Uint8Array(nR);
      for (const r of rowsIn) inConv[r] = 1;
      points = gatherPoints(proj, rowsIn);
      const nIn = rowsIn.length;
      if (prev && prev.baseClusters.length > 0) {
        const pointOfRow = new Int32Array(nR).fill(-1);
        rowsIn.forEach((r, i) => (pointOfRow[r] = i));
        const prevBase: Cluster[] = prev.baseClusters.map((b) => {
          const members: number[] = [];
          for (const r of b.rows) {
            const i = r < nR ? pointOfRow[r]! : -1;
            if (i >= 0) members.push(i);
          }
          return { id: b.id, cx: b.center[0], cy: b.center[1], members };
        });
        baseStart = cleanStartClusters(points, nIn, prevBase, o.baseK);
      } else baseStart = initClusters(points, nIn, o.baseK);
      bounds = { assign: new Int32Array(nIn), upper: new Float64Array(nIn), lower: new Float64Array(nIn), valid: false };
    }
    const nP = rowsIn.length;
    lap('base start');
    const kmStats = { iterations: 0 };
    const base = kmeans(points, nP, o.baseK, {
      start: baseStart,
      maxIterations: incremental ? o.updateKmeansIterations : o.kmeansIterations,
      stats: kmStats,
      bounds,
    });
    this.baseKept = {
      rows: rowsIn,
      inConv,
      points,
      bounds,
      ids: Int32Array.from(base, (b) => b.id),
      cx: Float64Array.from(base, (b) => b.cx),
      cy: Float64Array.from(base, (b) => b.cy),
    };
    this.timings['base iterations'] = kmStats.iterations;
    lap('base clusters');

    // Group clusters (`:group-clusterings`): weighted k-means over the base centres for
    // k = 2 .. min(5, 2 + floor(base clusters / 12)) (`max-k-fn`), chosen by silhouette.
    const nB = base.length;
    const bPoints = new Float64Array(2 * nB);
    const bWeights = new Float64Array(nB);
    const bIndex = new Map<number, number>();
    base.forEach((b, i) => {
      bPoints[2 * i] = b.cx;
      bPoints[2 * i + 1] = b.cy;
      bWeights[i] = b.members.length;
      bIndex.set(b.id, i);
    });
    const maxK = Math.min(o.maxK, 2 + Math.floor(nB / 12));
    const clusterings = new Map<number, Cluster[]>();
    const silhouettes: Record<string, number> = {};
    for (let k = 2; k <= maxK; k++) {
      const last = prev?.groupClusterings[String(k)];
      let gStart: Cluster[];
      if (last && last.length > 0) {
        const prevG: Cluster[] = last.map((g) => ({
          id: g.id,
          cx: g.center[0],
          cy: g.center[1],
          members: g.members.map((bid) => bIndex.get(bid) ?? -1).filter((i) => i >= 0),
        }));
        gStart = cleanStartClusters(bPoints, nB, prevG, k, bWeights);
      } else gStart = initClusters(bPoints, nB, k);
      const cl = kmeans(bPoints, nB, k, { start: gStart, weights: bWeights, maxIterations: o.kmeansIterations });
      clusterings.set(k, cl);
      silhouettes[String(k)] = silhouette(bPoints, nB, cl);
    }
    // `:group-k-smoother`: the best k by silhouette must win `group-k-buffer` updates in a row.
    let bestK = 2;
    for (let k = 2; k <= maxK; k++) if ((silhouettes[String(k)] ?? -Infinity) > (silhouettes[String(bestK)] ?? -Infinity)) bestK = k;
    const ks = prev?.kSmoother;
    const lastKCount = ks && ks.lastK === bestK ? ks.lastKCount + 1 : 1;
    let smoothedK = lastKCount >= o.groupKBuffer ? bestK : (ks?.smoothedK ?? bestK);
    if (!clusterings.has(smoothedK)) smoothedK = bestK;
    const chosenK = o.forceK !== undefined && clusterings.has(o.forceK) ? o.forceK : smoothedK;
    const groupClusters = clusterings.get(chosenK) ?? [];
    lap('group clusters');

    // Membership: group index of each row (groups ordered by cluster id, as Pol.is sorts by :id).
    const groupOfRow = membership(nR, rowsIn, base, groupClusters);
    const G = groupClusters.length;

    // Vote counts per group and overall (conversation.clj `:votes-base`, `:group-votes`): on an
    // update, patched by the changed cells and by the participants whose group changed.
    const mk = (): VoteCounts => ({ agree: new Int32Array(nC), disagree: new Int32Array(nC), seen: new Int32Array(nC) });
    let all: VoteCounts;
    let byGroup: VoteCounts[];
    if (canPatch && cache.byGroup.length === G) {
      all = growCounts(cache.all, nC);
      byGroup = cache.byGroup.map((g) => growCounts(g, nC));
      for (const d of this.pendingDeltas) patchCounts(d, cache.groupOfRow, all, byGroup);
      moveRows(s, cache.groupOfRow, groupOfRow, byGroup);
    } else {
      // One pass: counts[3 · (G · c + g) + vote + 1], g = G for everyone, then unpacked.
      const G1 = G + 1;
      const packed = new Int32Array(3 * G1 * nC);
      const countRows = (ptr: Int32Array, cols: Int32Array, vals: Int8Array, rows: number): void => {
        for (let r = 0; r < rows; r++) {
          const g = groupOfRow[r]!;
          const end = ptr[r + 1]!;
          for (let k = ptr[r]!; k < end; k++) {
            const base = 3 * G1 * cols[k]! + vals[k]! + 1;
            packed[base + 3 * G]!++;
            if (g >= 0) packed[base + 3 * g]!++;
          }
        }
      };
      countRows(s.rowPtr, s.cols, s.vals, s.mainRows);
      countRows(s.xPtr, s.xCols, s.xVals, s.xPtr.length - 1);
      const unpack = (g: number): VoteCounts => {
        const vc = mk();
        for (let c = 0; c < nC; c++) {
          const o = 3 * (G1 * c + g);
          vc.disagree[c] = packed[o]!;
          vc.agree[c] = packed[o + 2]!;
          vc.seen[c] = packed[o]! + packed[o + 1]! + packed[o + 2]!;
        }
        return vc;
      };
      all = unpack(G);
      byGroup = Array.from({ length: G }, (_, g) => unpack(g));
    }
    this.cache = { nC, colSum, colCount, groupOfRow, votesOfRow, all, byGroup, moderatedKey };
    this.pendingDeltas = [];
    this.deltasValid = true;
    const excluded = new Uint8Array(nC);
    for (let c = 0; c < nC; c++) excluded[c] = active[c] ? 0 : 1;
    const ids = s.statementIds;
    const rep = selectRepresentative(byGroup, ids, excluded);
    const cons = selectConsensus(all, ids, excluded);
    const gic = groupInformedConsensus(byGroup, nC);
    lap('repness');

    // Divisive statements (our addition): the widest spread of group agree shares.
    const divisive: DivisiveStatement[] = [];
    if (G >= 2) {
      for (let c = 0; c < nC; c++) {
        if (excluded[c]) continue;
        const shares = byGroup.map((g) => (g.agree[c]! + 1) / (g.seen[c]! + 2));
        divisive.push({ statement: ids[c]!, spread: Math.max(...shares) - Math.min(...shares), agreeShareByGroup: shares });
      }
      divisive.sort((a, b) => b.spread - a.spread || cmpId(a.statement, b.statement));
      divisive.length = Math.min(divisive.length, 5);
    }
    const mostPassed: PassedStatement[] = [];
    for (let c = 0; c < nC; c++) {
      if (excluded[c]) continue;
      const pass = all.seen[c]! - all.agree[c]! - all.disagree[c]!;
      mostPassed.push({ statement: ids[c]!, pass, seen: all.seen[c]!, passShare: (pass + 1) / (all.seen[c]! + 2) });
    }
    mostPassed.sort((a, b) => b.passShare - a.passShare || cmpId(a.statement, b.statement));
    mostPassed.length = Math.min(mostPassed.length, 5);

    // Assemble the result. Per-participant records (positions, groups, members) and per-statement
    // count records are built on first access: the numbers are computed above, but turning 100,000
    // participants into JS objects costs as much as an incremental update. Counts are snapshotted,
    // since the engine patches its own arrays on the next update.
    const pids = s.participantIds.slice(0, nR);
    const snap = (vc: VoteCounts): VoteCounts => ({
      agree: vc.agree.slice(0, nC),
      disagree: vc.disagree.slice(0, nC),
      seen: vc.seen.slice(0, nC),
    });
    const allSnap = snap(all);
    const groupSnap = byGroup.map(snap);
    const countsOf = (vc: VoteCounts): Record<string, StatementVotes> => {
      const out: Record<string, StatementVotes> = {};
      for (let c = 0; c < nC; c++) {
        const a = vc.agree[c]!;
        const d = vc.disagree[c]!;
        const n = vc.seen[c]!;
        out[ids[c]!] = { agree: a, disagree: d, pass: n - a - d, seen: n };
      }
      return out;
    };
    const repness: Record<string, RepStatement[]> = {};
    rep.forEach((r, gi) => (repness[String(gi)] = r));
    const gicOut: Record<string, number> = {};
    for (let c = 0; c < nC; c++) if (!excluded[c]) gicOut[ids[c]!] = gic[c]!;
    const center: number[] = [];
    for (let c = 0; c < nC; c++) center.push(active[c] && colCount[c]! > 0 ? -table[3 * c + 1]! : 0);

    let baseRows: InternalState['baseClusters'] | undefined;
    const internal: InternalState = {
      statementIds: [...ids],
      components: pca.components,
      block: pca.nextBlock,
      inConvRows: rowsIn,
      // Built when read (the next full run's warm start, or the serialised state): an update starts
      // from the kept k-means state instead.
      get baseClusters() {
        return (baseRows ??= base.map((b) => ({ id: b.id, center: [b.cx, b.cy], rows: Int32Array.from(b.members, (p) => rowsIn[p]!) })));
      },
      groupClusterings: Object.fromEntries(
        [...clusterings].map(([k, cl]) => [
          String(k),
          cl.map((g) => ({ id: g.id, center: [g.cx, g.cy] as [number, number], members: g.members.map((bi) => base[bi]!.id) })),
        ]),
      ),
      kSmoother: { lastK: bestK, lastKCount, smoothedK },
    };
    this.internal = internal;
    this.state = undefined;
    let serialised: ConsensusState | undefined;
    const result = {
      participants: nR,
      statements: nC,
      votes: s.nnz,
      pca: {
        statementIds: [...ids],
        center,
        components: pca.components.map((v) => Array.from(v)),
        eigenvalues: pca.eigenvalues,
        iterations: pca.iterations,
        converged: pca.converged,
      },
      k: { chosen: chosenK, best: bestK, silhouettes },
      repness,
      consensus: [...cons.agree, ...cons.disagree],
      groupInformedConsensus: gicOut,
      divisive,
      mostPassed,
    } as unknown as ConsensusResult;
    lazy(result, 'positions', () => {
      const positions: Record<string, [number, number]> = {};
      for (let r = 0; r < nR; r++) positions[pids[r]!] = [proj[2 * r]!, proj[2 * r + 1]!];
      return positions;
    });
    lazy(result, 'groups', () => {
      const groups: Record<string, number> = {};
      for (const r of rowsIn) if (groupOfRow[r]! >= 0) groups[pids[r]!] = groupOfRow[r]!;
      return groups;
    });
    lazy(result, 'groupList', () =>
      groupClusters.map((g, gi): Group => ({
        group: gi,
        members: g.members.flatMap((bi) => base[bi]!.members.map((p) => pids[rowsIn[p]!]!)),
        center: [g.cx, g.cy],
        votes: countsOf(groupSnap[gi]!),
      })),
    );
    lazy(result, 'totals', () => countsOf(allSnap));
    // Fast access without building objects (not enumerable: left out of JSON).
    Object.defineProperty(result, 'participantIds', { value: pids, enumerable: false });
    Object.defineProperty(result, 'xy', { value: proj, enumerable: false });
    Object.defineProperty(result, 'groupOf', { value: groupOfRow, enumerable: false });
    // The serialisable state is built on first access (it maps every row back to its id), and is
    // not enumerable, so JSON output of a result leaves it out.
    Object.defineProperty(result, 'state', {
      enumerable: false,
      get: () => (serialised ??= toSerialised(internal, pids)),
    });
    lap('result');
    return result;
  }
}

/**
 * The base clustering of the last computation as the next update needs it: the clustered rows (in
 * row order; point i is row rows[i]), in-conv flags per row, the positions the points had, the
 * base centres (sorted by id) and Hamerly bounds of every point, valid for those positions and
 * centres.
 */
interface KeptBase {
  rows: Int32Array;
  inConv: Uint8Array;
  points: Float64Array;
  bounds: KMeansBounds;
  ids: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
}

/**
 * The start of an update's base k-means from the kept state, equal to Pol.is's
 * `clean-start-clusters` on the previous base clusters: only participants with changed cells can
 * newly qualify for in-conv (vote counts only grow; once in, always in); every previous cluster is
 * recentred on its members' current positions. The kept bounds are carried to the new positions
 * and centres by the triangle inequality: a point that moved δ, whose centre moved μ_own and the
 * others at most μ_other, keeps upper + δ + μ_own ≥ its distance to its centre and
 * lower − δ − μ_other ≤ its distance to any other. Undefined (the caller takes the general path)
 * when the kept clustering has fewer than k clusters (clean-start would split), a cluster lost
 * every member, two recentred centres coincide (clean-start would merge them), or the in-conv
 * rule needs topping up.
 */
function keptBaseStart(
  kept: KeptBase,
  s: VoteStore,
  deltas: readonly VoteDelta[],
  proj: Float64Array,
  need: number,
  greedyN: number,
  k: number,
): { rowsIn: Int32Array; inConv: Uint8Array; points: Float64Array; start: Cluster[]; bounds: KMeansBounds } | undefined {
  const m = kept.ids.length;
  if (m !== k || !kept.bounds.valid) return undefined;
  const nR = s.nRows;
  let inConv = kept.inConv;
  if (inConv.length < nR) {
    inConv = new Uint8Array(Math.ceil(nR * 1.25));
    inConv.set(kept.inConv);
  }
  const added = newlyInConv(s, deltas, inConv, need);
  const n0 = kept.rows.length;
  const n = n0 + added.length;
  if (n < greedyN) return undefined;
  // New rows merged in row order (as a full run orders them); oldAt maps a point to its kept index.
  let rowsIn = kept.rows;
  let oldAt: Int32Array | null = null;
  if (added.length > 0) {
    added.sort((x, y) => x - y);
    rowsIn = new Int32Array(n);
    oldAt = new Int32Array(n);
    mergeRows(kept.rows, added, rowsIn, oldAt);
  }
  const points = gatherPoints(proj, rowsIn);
  const kb = kept.bounds;
  const assign = oldAt ? new Int32Array(n) : kb.assign;
  const upper = oldAt ? new Float64Array(n) : kb.upper;
  const lower = oldAt ? new Float64Array(n) : kb.lower;
  const sx = new Float64Array(m);
  const sy = new Float64Array(m);
  const count = new Int32Array(m);
  carryToPositions(n, oldAt, kb, kept.points, points, assign, upper, lower, sx, sy, count);
  // Recentre every cluster on its members (`clean-start-clusters` → `safe-recenter-clusters`).
  const start: Cluster[] = [];
  const move = new Float64Array(m);
  let maxMove = 0;
  let maxAt = -1;
  let secondMove = 0;
  for (let j = 0; j < m; j++) {
    if (count[j] === 0) return undefined;
    const cx = sx[j]! / count[j]!;
    const cy = sy[j]! / count[j]!;
    const dx = cx - kept.cx[j]!;
    const dy = cy - kept.cy[j]!;
    move[j] = Math.sqrt(dx * dx + dy * dy);
    if (move[j]! > maxMove) {
      secondMove = maxMove;
      maxMove = move[j]!;
      maxAt = j;
    } else if (move[j]! > secondMove) secondMove = move[j]!;
    start.push({ id: kept.ids[j]!, cx, cy, members: [] });
  }
  // `uniqify-clusters` would merge coinciding centres: leave that case to the general path.
  const seen = new Set<string>();
  for (const c of start) {
    const key = `${c.cx},${c.cy}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
  }
  carryToCentres(n, assign, upper, lower, move, maxAt, maxMove, secondMove);
  return { rowsIn, inConv, points, start, bounds: { assign, upper, lower, valid: true } };
}

// The loops of keptBaseStart, each a small function of its own (compiled on its own, so a first
// run of one does not hold up the others).

/** Rows with changed cells that now qualify for in-conv (flagged in inConv). */
function newlyInConv(s: VoteStore, deltas: readonly VoteDelta[], inConv: Uint8Array, need: number): number[] {
  const added: number[] = [];
  for (const d of deltas) {
    const row = d.row;
    let last = -1; // a batch's changes come row by row: look at each row once
    for (let i = 0; i < d.length; i++) {
      const r = row[i]!;
      if (r === last) continue;
      last = r;
      if (!inConv[r] && s.rowLength(r) >= need) {
        inConv[r] = 1;
        added.push(r);
      }
    }
  }
  return added;
}

/** Merges sorted kept rows and sorted added rows; oldAt[q] is the kept index of point q, or -1. */
function mergeRows(rows: Int32Array, added: readonly number[], out: Int32Array, oldAt: Int32Array): void {
  const n0 = rows.length;
  let a = 0;
  let b = 0;
  for (let q = 0; q < out.length; q++) {
    if (b >= added.length || (a < n0 && rows[a]! < added[b]!)) {
      out[q] = rows[a]!;
      oldAt[q] = a++;
    } else {
      out[q] = added[b++]!;
      oldAt[q] = -1;
    }
  }
}

/**
 * Kept bounds carried to the new positions (a point that moved δ: upper + δ, lower − δ), with the
 * members' coordinate sums per cluster for the recentring; new points get cluster -1.
 */
function carryToPositions(
  n: number,
  oldAt: Int32Array | null,
  kb: KMeansBounds,
  old: Float64Array,
  points: Float64Array,
  assign: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  sx: Float64Array,
  sy: Float64Array,
  count: Int32Array,
): void {
  const ka = kb.assign;
  const ku = kb.upper;
  const kl = kb.lower;
  for (let i = 0; i < n; i++) {
    const io = oldAt ? oldAt[i]! : i;
    if (io < 0) {
      assign[i] = -1;
      continue;
    }
    const j = ka[io]!;
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    const dx = x - old[2 * io]!;
    const dy = y - old[2 * io + 1]!;
    const moved = Math.sqrt(dx * dx + dy * dy);
    assign[i] = j;
    upper[i] = ku[io]! + moved;
    lower[i] = kl[io]! - moved;
    sx[j]! += x;
    sy[j]! += y;
    count[j]!++;
  }
}

/** Kept bounds carried to the recentred centres (Hamerly's rule; points of cluster -1 skipped). */
function carryToCentres(
  n: number,
  assign: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  move: Float64Array,
  maxAt: number,
  maxMove: number,
  secondMove: number,
): void {
  for (let i = 0; i < n; i++) {
    const a = assign[i]!;
    if (a < 0) continue;
    upper[i]! += move[a]!;
    lower[i]! -= a === maxAt ? secondMove : maxMove;
  }
}

interface InternalState {
  statementIds: string[];
  components: Float64Array[];
  block: Float64Array[];
  inConvRows: Int32Array;
  readonly baseClusters: { id: number; center: [number, number]; rows: Int32Array }[];
  groupClusterings: ConsensusState['groupClusterings'];
  kSmoother: ConsensusState['kSmoother'];
}

function toSerialised(st: InternalState, participantIds: readonly string[]): ConsensusState {
  return {
    version: 1,
    statementIds: st.statementIds,
    components: st.components.map((v) => Array.from(v)),
    block: st.block.map((v) => Array.from(v)),
    inConv: Array.from(st.inConvRows, (r) => participantIds[r]!),
    baseClusters: st.baseClusters.map((b) => ({ id: b.id, center: b.center, members: Array.from(b.rows, (r) => participantIds[r]!) })),
    groupClusterings: st.groupClusterings,
    kSmoother: st.kSmoother,
  };
}

function fromSerialised(st: ConsensusState, s: VoteStore): InternalState {
  const rowsOf = (ids: readonly string[]): Int32Array => {
    const out: number[] = [];
    for (const id of ids) {
      const r = s.participantIndex.get(id);
      if (r !== undefined) out.push(r);
    }
    return Int32Array.from(out);
  };
  return {
    statementIds: st.statementIds,
    components: st.components.map((v) => Float64Array.from(v)),
    block: (st.block ?? st.components).map((v) => Float64Array.from(v)),
    inConvRows: rowsOf(st.inConv),
    baseClusters: st.baseClusters.map((b) => ({ id: b.id, center: b.center, rows: rowsOf(b.members) })),
    groupClusterings: st.groupClusterings,
    kSmoother: st.kSmoother,
  };
}

/** Defines an enumerable property computed on first read (JSON.stringify and structured clone read it). */
function lazy(obj: object, key: string, make: () => unknown): void {
  let value: unknown;
  let done = false;
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) {
        value = make();
        done = true;
      }
      return value;
    },
  });
}

/** Column sums and counts patched by one batch of changed cells. */
function patchColumnStats(d: VoteDelta, colSum: Float64Array, colCount: Int32Array): void {
  for (let i = 0; i < d.length; i++) {
    const c = d.col[i]!;
    const old = d.old[i]!;
    if (old === -2) colCount[c]!++;
    else colSum[c]! -= old;
    colSum[c]! += d.value[i]!;
  }
}

/** Group index of every row (-1: not clustered) from the groups' base clusters. */
function membership(nR: number, rowsIn: Int32Array, base: readonly Cluster[], groups: readonly Cluster[]): Int32Array {
  const groupOfRow = new Int32Array(nR).fill(-1);
  for (let gi = 0; gi < groups.length; gi++) {
    for (const bi of groups[gi]!.members) {
      const members = base[bi]!.members;
      for (let q = 0; q < members.length; q++) groupOfRow[rowsIn[members[q]!]!] = gi;
    }
  }
  return groupOfRow;
}

/**
 * {@link rowVoteCounts} patched by changed cells: a cell first voted adds one vote to its row
 * unless its statement is moderated out (those count for everyone already). New rows start with
 * the moderated-out statements.
 */
function patchVoteCounts(kept: Int32Array, nR: number, nModOut: number, active: Uint8Array, deltas: readonly VoteDelta[]): Int32Array {
  let out = kept;
  if (kept.length < nR) {
    out = new Int32Array(nR);
    out.set(kept);
    out.fill(nModOut, kept.length);
  }
  for (const d of deltas) for (let i = 0; i < d.length; i++) if (d.old[i] === -2 && active[d.col[i]!]) out[d.row[i]!]!++;
  return out;
}

/** Votes per row as Pol.is counts them: moderated-out statements count for everyone. */
function rowVoteCounts(s: VoteStore, nModOut: number, active: Uint8Array): Int32Array {
  const nR = s.nRows;
  const out = new Int32Array(nR);
  for (let r = 0; r < nR; r++) out[r] = s.rowLength(r) + nModOut;
  if (nModOut > 0) forEachVote(s, (r, c) => (out[r]! -= 1 - active[c]!));
  return out;
}

/**
 * Rows to cluster (conversation.clj `:in-conv`): once in, always in; at least `need` votes (raw,
 * counting votes on moderated statements); topped up to `greedyN` with the top voters.
 */
function clusteredRows(s: VoteStore, previous: Int32Array | undefined, need: number, greedyN: number): number[] {
  const nR = s.nRows;
  const inConv = new Uint8Array(nR);
  if (previous) for (const r of previous) if (r < nR) inConv[r] = 1;
  let nIn = 0;
  for (let r = 0; r < nR; r++) {
    if (s.rowLength(r) >= need) inConv[r] = 1;
    nIn += inConv[r]!;
  }
  if (nIn < greedyN) {
    const rest = [...Array(nR).keys()].filter((r) => !inConv[r]).sort((a, b) => s.rowLength(b) - s.rowLength(a) || a - b);
    for (const r of rest.slice(0, greedyN - nIn)) inConv[r] = 1;
  }
  const rows: number[] = [];
  for (let r = 0; r < nR; r++) if (inConv[r]) rows.push(r);
  return rows;
}

function gatherPoints(proj: Float64Array, rows: ArrayLike<number>): Float64Array {
  const points = new Float64Array(2 * rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    points[2 * i] = proj[2 * r]!;
    points[2 * i + 1] = proj[2 * r + 1]!;
  }
  return points;
}

/** Vote counts patched by one batch of changed cells, with the group membership of the last run. */
function patchCounts(d: VoteDelta, oldGroup: Int32Array, all: VoteCounts, byGroup: readonly VoteCounts[]): void {
  for (let i = 0; i < d.length; i++) {
    const r = d.row[i]!;
    const c = d.col[i]!;
    const g = r < oldGroup.length ? oldGroup[r]! : -1;
    const old = d.old[i]!;
    if (old !== -2) {
      tally(all, c, old, -1);
      if (g >= 0) tally(byGroup[g]!, c, old, -1);
    }
    tally(all, c, d.value[i]!, 1);
    if (g >= 0) tally(byGroup[g]!, c, d.value[i]!, 1);
  }
}

/** Moves the votes of every participant whose group changed from the old group's counts to the new. */
function moveRows(s: VoteStore, oldGroup: Int32Array, groupOfRow: Int32Array, byGroup: readonly VoteCounts[]): void {
  for (let r = 0; r < groupOfRow.length; r++) {
    const was = r < oldGroup.length ? oldGroup[r]! : -1;
    const now = groupOfRow[r]!;
    if (was === now) continue;
    const from = was >= 0 ? byGroup[was]! : undefined;
    const to = now >= 0 ? byGroup[now]! : undefined;
    if (r < s.mainRows) {
      for (let k = s.rowPtr[r]!; k < s.rowPtr[r + 1]!; k++) {
        if (from) tally(from, s.cols[k]!, s.vals[k]!, -1);
        if (to) tally(to, s.cols[k]!, s.vals[k]!, 1);
      }
    }
    for (let k = s.xPtr[r]!; k < s.xPtr[r + 1]!; k++) {
      if (from) tally(from, s.xCols[k]!, s.xVals[k]!, -1);
      if (to) tally(to, s.xCols[k]!, s.xVals[k]!, 1);
    }
  }
}

function tally(vc: VoteCounts, c: number, v: number, by: number): void {
  vc.seen[c]! += by;
  if (v > 0) vc.agree[c]! += by;
  else if (v < 0) vc.disagree[c]! += by;
}

function forEachVote(s: VoteStore, f: (r: number, c: number, v: number) => void): void {
  for (let r = 0; r < s.mainRows; r++) for (let k = s.rowPtr[r]!; k < s.rowPtr[r + 1]!; k++) f(r, s.cols[k]!, s.vals[k]!);
  for (let r = 0; r + 1 < s.xPtr.length; r++) for (let k = s.xPtr[r]!; k < s.xPtr[r + 1]!; k++) f(r, s.xCols[k]!, s.xVals[k]!);
}

function grow(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

function growInt(a: Int32Array, n: number): Int32Array {
  if (a.length >= n) return a;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growCounts(vc: VoteCounts, n: number): VoteCounts {
  return { agree: growInt(vc.agree, n), disagree: growInt(vc.disagree, n), seen: growInt(vc.seen, n) };
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
