/**
 * K-means in the plane, as Pol.is math/src/polismath/math/clusters.clj: first-k-distinct cold start
 * (`init-clusters`), warm start from the previous clusters (`clean-start-clusters`), Lloyd steps that
 * drop empty clusters (`cluster-step`), convergence when every centre moves less than 0.01
 * (`same-clustering?`), weighted means for the group level (`weighted-mean`), and the silhouette
 * used to choose the number of groups (`silhouette`).
 */

/** Euclidean length of (dx, dy); Math.hypot is much slower in V8. */
function dist(dx: number, dy: number): number {
  return Math.sqrt(dx * dx + dy * dy);
}

/** A cluster: `members` index the points it was run on. */
export interface Cluster {
  id: number;
  cx: number;
  cy: number;
  members: number[];
}

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Starting clusters (from {@link initClusters} or {@link cleanStartClusters}). */
  start?: Cluster[];
  /** Per-point weights (Pol.is weighs base clusters by member count when grouping them). */
  weights?: Float64Array;
  maxIterations?: number;
  threshold?: number;
  /** Filled with the number of Lloyd steps run. */
  stats?: { iterations: number };
  /**
   * Hamerly bounds kept between calls (arrays of at least n). In: when `valid`, `assign[i]` is point
   * i's cluster (an index into `start`, -1 when it has none) and `upper[i]`, `lower[i]` bound its
   * distance to that centre from above and to every other start centre from below; they replace the
   * warm start from `start`'s members. Out: the final assignment (an index into the returned, id-sorted
   * clusters) and bounds valid for the returned centres, and `valid` set.
   */
  bounds?: KMeansBounds;
}

/** Hamerly bounds of every point; see {@link KMeansOptions.bounds}. */
export interface KMeansBounds {
  assign: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  valid: boolean;
}

/** Pol.is `init-clusters`: the first k distinct points, in order, as centres. */
export function initClusters(points: Float64Array, n: number, k: number): Cluster[] {
  const seen = new Set<string>();
  const out: Cluster[] = [];
  for (let i = 0; i < n && out.length < k; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    const key = `${x},${y}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ id: out.length, cx: x, cy: y, members: [] });
  }
  return out;
}

function weightedCentre(points: Float64Array, members: readonly number[], weights?: Float64Array): [number, number] {
  let sx = 0;
  let sy = 0;
  let sw = 0;
  for (const i of members) {
    const w = weights ? weights[i]! : 1;
    sx += w * points[2 * i]!;
    sy += w * points[2 * i + 1]!;
    sw += w;
  }
  return sw > 0 ? [sx / sw, sy / sw] : [Number.NaN, Number.NaN];
}

/**
 * Pol.is `clean-start-clusters`: recentre the previous clusters on the members still present, merge
 * clusters whose centres coincide, then, while fewer than min(k, distinct points) clusters, split off
 * the point farthest from every centre as a new cluster. Falls back to {@link initClusters} when
 * there is no previous clustering.
 */
export function cleanStartClusters(
  points: Float64Array,
  n: number,
  previous: readonly Cluster[],
  k: number,
  weights?: Float64Array,
): Cluster[] {
  let clusters: Cluster[] = [];
  for (const c of previous) {
    const members = c.members.filter((i) => i >= 0 && i < n);
    if (members.length === 0) continue; // safe-recenter-clusters drops clusters with no members left
    const [cx, cy] = weightedCentre(points, members, weights);
    clusters.push({ id: c.id, cx, cy, members });
  }
  if (clusters.length === 0) return initClusters(points, n, k);
  // uniqify-clusters: merge clusters with identical centres (the larger one's id is kept).
  const uniq: Cluster[] = [];
  for (const c of clusters) {
    const same = uniq.find((u) => u.cx === c.cx && u.cy === c.cy);
    if (!same) uniq.push(c);
    else {
      if (c.members.length > same.members.length) same.id = c.id;
      same.members = same.members.concat(c.members);
    }
  }
  clusters = uniq;
  const distinct = new Set<string>();
  for (let i = 0; i < n && distinct.size < k; i++) distinct.add(`${points[2 * i]},${points[2 * i + 1]}`);
  const possible = Math.min(k, distinct.size);
  // Nearest centre of every point, maintained across splits: a split adds one centre (check it
  // against every point) and moves the centre the point left (recheck that cluster's points only),
  // so each split costs O(n) instead of Pol.is's O(n · k) rescan.
  if (clusters.length < possible) {
    const near = new Int32Array(n);
    const nearD = new Float64Array(n);
    const scan = (i: number): void => {
      const x = points[2 * i]!;
      const y = points[2 * i + 1]!;
      let dmin = Infinity;
      let cmin = -1;
      for (let j = 0; j < clusters.length; j++) {
        const c = clusters[j]!;
        const d = (x - c.cx) ** 2 + (y - c.cy) ** 2;
        if (d < dmin) {
          dmin = d;
          cmin = j;
        }
      }
      near[i] = cmin;
      nearD[i] = dmin;
    };
    for (let i = 0; i < n; i++) scan(i);
    while (clusters.length < possible) {
      // most-distal: the point whose nearest centre is farthest.
      let best = -1;
      let bestD = 0;
      for (let i = 0; i < n; i++) {
        if (nearD[i]! > bestD) {
          bestD = nearD[i]!;
          best = i;
        }
      }
      if (best < 0) break;
      const fromIndex = near[best]!;
      const from = clusters[fromIndex]!;
      const idx = from.members.indexOf(best);
      if (idx >= 0) {
        from.members.splice(idx, 1);
        if (from.members.length > 0) [from.cx, from.cy] = weightedCentre(points, from.members, weights);
      }
      const nextId = Math.max(...clusters.map((c) => c.id)) + 1;
      const added = clusters.length;
      clusters.push({ id: nextId, cx: points[2 * best]!, cy: points[2 * best + 1]!, members: [best] });
      for (let i = 0; i < n; i++) {
        if (near[i] === fromIndex) scan(i);
        else {
          const d = (points[2 * i]! - points[2 * best]!) ** 2 + (points[2 * i + 1]! - points[2 * best + 1]!) ** 2;
          if (d < nearD[i]!) {
            nearD[i] = d;
            near[i] = added;
          }
        }
      }
    }
  }
  return clusters;
}

/**
 * One assignment step with Hamerly's bounds. `known` undefined: every point has valid bounds;
 * null: none has (scan every centre); an array: only points flagged in it have (the warm start).
 * A point skips the scan when its upper bound is within max(half the distance from its centre to
 * the nearest other, its lower bound).
 */
function assignStep(
  points: Float64Array,
  n: number,
  m: number,
  cx: Float64Array,
  cy: Float64Array,
  half: Float64Array,
  assign: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  known: Uint8Array | null | undefined,
): void {
  for (let i = 0; i < n; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    if (known === undefined || (known !== null && known[i])) {
      const a = assign[i]!;
      const bound = Math.max(half[a]!, lower[i]!);
      if (upper[i]! <= bound) continue;
      upper[i] = dist(x - cx[a]!, y - cy[a]!);
      if (upper[i]! <= bound) continue;
    }
    let b1 = Infinity;
    let b2 = Infinity;
    let best = 0;
    for (let j = 0; j < m; j++) {
      const dx = x - cx[j]!;
      const dy = y - cy[j]!;
      const d = dx * dx + dy * dy;
      if (d < b1) {
        b2 = b1;
        b1 = d;
        best = j;
      } else if (d < b2) b2 = d;
    }
    assign[i] = best;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  }
}

/** Weighted sums and counts of each cluster's members. */
function sumStep(
  points: Float64Array,
  n: number,
  assign: Int32Array,
  weights: Float64Array | undefined,
  sx: Float64Array,
  sy: Float64Array,
  sw: Float64Array,
  count: Int32Array,
): void {
  for (let i = 0; i < n; i++) {
    const a = assign[i]!;
    const w = weights ? weights[i]! : 1;
    sx[a]! += w * points[2 * i]!;
    sy[a]! += w * points[2 * i + 1]!;
    sw[a]! += w;
    count[a]!++;
  }
}

/**
 * Hamerly's bounds after the centres moved: a point's own centre moved move[a]; every other one at
 * most the largest move among the others (the second largest when its own moved most).
 */
function carryBounds(
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
    upper[i]! += move[a]!;
    lower[i]! -= a === maxAt ? secondMove : maxMove;
  }
}

/** Kept bounds: every point with a cluster skips the scan unless its bounds say it may move. */
function knownFromBounds(n: number, m: number, assign: Int32Array, upper: Float64Array, lower: Float64Array, known: Uint8Array): number {
  for (let i = 0; i < n; i++) {
    const a = assign[i]!;
    if (a >= 0 && a < m) known[i] = 1;
    else {
      assign[i] = 0;
      upper[i] = Infinity;
      lower[i] = 0;
    }
  }
  return n;
}

/** Warm start from the start clusters' members: exact upper bound, zero lower bound. */
function knownFromMembers(
  points: Float64Array,
  n: number,
  start: readonly Cluster[],
  assign: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  known: Uint8Array,
): number {
  let nKnown = 0;
  start.forEach((c, j) => {
    for (const i of c.members) {
      if (i < 0 || i >= n || known[i]) continue;
      known[i] = 1;
      nKnown++;
      assign[i] = j;
      upper[i] = dist(points[2 * i]! - c.cx, points[2 * i + 1]! - c.cy);
      lower[i] = 0;
    }
  });
  return nKnown;
}

/**
 * Lloyd's k-means (Pol.is `kmeans`): assign every point to its nearest centre, drop empty clusters,
 * move centres to the (weighted) mean; stop when no centre moved 0.01 or more, or after
 * `maxIterations` (100, Pol.is `:base-iters` / `:group-iters`). Returned clusters are sorted by id.
 * The assignment step uses Hamerly's bounds (an upper bound to the own centre, a lower bound to the
 * others) to skip points that cannot change cluster; the result is that of plain Lloyd steps.
 */
export function kmeans(points: Float64Array, n: number, k: number, opts: KMeansOptions = {}): Cluster[] {
  const maxIterations = opts.maxIterations ?? 100;
  const threshold = opts.threshold ?? 0.01;
  const weights = opts.weights;
  const startClusters = opts.start && opts.start.length > 0 ? opts.start : initClusters(points, n, k);
  if (startClusters.length === 0 || n === 0) return [];
  let m = startClusters.length;
  let ids = startClusters.map((c) => c.id);
  let cx = Float64Array.from(startClusters, (c) => c.cx);
  let cy = Float64Array.from(startClusters, (c) => c.cy);
  const kept = opts.bounds;
  const keptValid = kept !== undefined && kept.valid && kept.assign.length >= n;
  const assign = kept && kept.assign.length >= n ? kept.assign : new Int32Array(n);
  const upper = kept && kept.upper.length >= n ? kept.upper : new Float64Array(n);
  const lower = kept && kept.lower.length >= n ? kept.lower : new Float64Array(n);
  if (kept) kept.valid = false;
  let exact = true; // next assignment must scan every centre (first step, or clusters were dropped)
  const half = new Float64Array(m);
  // Warm start: points keep the cluster they were in, with an exact upper bound and a zero lower
  // bound, so only points near a boundary are rescanned in the first step.
  const known = new Uint8Array(n);
  let nKnown = 0;
  if (keptValid) nKnown = knownFromBounds(n, m, assign, upper, lower, known);
  else nKnown = knownFromMembers(points, n, startClusters, assign, upper, lower, known);
  const warm = nKnown > 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    const partial = iter === 0 && warm;
    if (!exact || partial) {
      // s_j: half the distance from centre j to its nearest other centre.
      for (let j = 0; j < m; j++) {
        let best = Infinity;
        for (let l = 0; l < m; l++) if (l !== j) best = Math.min(best, dist(cx[j]! - cx[l]!, cy[j]! - cy[l]!));
        half[j] = best / 2;
      }
    }
    assignStep(points, n, m, cx, cy, half, assign, upper, lower, exact ? (partial ? known : null) : undefined);
    // New centres: weighted means of the members (Pol.is `weighted-mean`).
    const sx = new Float64Array(m);
    const sy = new Float64Array(m);
    const sw = new Float64Array(m);
    const count = new Int32Array(m);
    sumStep(points, n, assign, weights, sx, sy, sw, count);
    let same = true;
    let maxMove = 0;
    let maxAt = -1;
    let secondMove = 0;
    const move = new Float64Array(m);
    const keep: number[] = [];
    for (let j = 0; j < m; j++) {
      if (count[j] === 0) {
        same = false; // a cluster vanished (cluster-step drops it): not the same clustering
        continue;
      }
      keep.push(j);
      const nx = sw[j]! > 0 ? sx[j]! / sw[j]! : cx[j]!;
      const ny = sw[j]! > 0 ? sy[j]! / sw[j]! : cy[j]!;
      move[j] = dist(nx - cx[j]!, ny - cy[j]!);
      if (move[j]! >= threshold) same = false;
      if (move[j]! > maxMove) {
        secondMove = maxMove;
        maxMove = move[j]!;
        maxAt = j;
      } else if (move[j]! > secondMove) secondMove = move[j]!;
      cx[j] = nx;
      cy[j] = ny;
    }
    if (keep.length < m) {
      const remap = new Int32Array(m).fill(-1);
      keep.forEach((j, q) => (remap[j] = q));
      for (let i = 0; i < n; i++) assign[i] = remap[assign[i]!]!;
      ids = keep.map((j) => ids[j]!);
      cx = Float64Array.from(keep, (j) => cx[j]!);
      cy = Float64Array.from(keep, (j) => cy[j]!);
      m = keep.length;
      exact = true;
    } else {
      carryBounds(n, assign, upper, lower, move, maxAt, maxMove, secondMove);
      exact = false;
    }
    if (opts.stats) opts.stats.iterations = iter + 1;
    if (same) break;
  }
  const members: number[][] = Array.from({ length: m }, () => []);
  for (let i = 0; i < n; i++) members[assign[i]!]!.push(i);
  const out: Cluster[] = [];
  for (let j = 0; j < m; j++) out.push({ id: ids[j]!, cx: cx[j]!, cy: cy[j]!, members: members[j]! });
  const order = out.map((_, j) => j).sort((a, b) => ids[a]! - ids[b]!);
  if (kept) {
    // Hand the bounds back, indexed by the sorted clusters. After a step that dropped clusters the
    // bounds were not carried forward (the next step would rescan): make them trivially valid.
    const rank = new Int32Array(m);
    order.forEach((j, q) => (rank[j] = q));
    for (let i = 0; i < n; i++) {
      assign[i] = rank[assign[i]!]!;
      if (exact) {
        upper[i] = Infinity;
        lower[i] = 0;
      }
    }
    kept.assign = assign;
    kept.upper = upper;
    kept.lower = lower;
    kept.valid = true;
  }
  return order.map((j) => out[j]!);
}

/**
 * Mean silhouette of a clustering of points (Pol.is `silhouette`, over the base-cluster centres):
 * s = (b − a) / max(a, b) with a the mean distance to the rest of its own cluster and b the
 * smallest mean distance to another cluster; a point alone in its cluster scores 0.
 */
export function silhouette(points: Float64Array, n: number, clusters: readonly Cluster[]): number {
  const label = new Int32Array(n).fill(-1);
  clusters.forEach((c, j) => {
    for (const i of c.members) label[i] = j;
  });
  const sizes = clusters.map((c) => c.members.length);
  let total = 0;
  let counted = 0;
  const sums = new Float64Array(clusters.length);
  for (let i = 0; i < n; i++) {
    const li = label[i]!;
    if (li < 0) continue;
    counted++;
    if (sizes[li] === 1) continue; // Pol.is: singleton → 0
    sums.fill(0);
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    for (let j = 0; j < n; j++) {
      const lj = label[j]!;
      if (lj < 0 || j === i) continue;
      sums[lj]! += dist(x - points[2 * j]!, y - points[2 * j + 1]!);
    }
    const a = sums[li]! / (sizes[li]! - 1);
    let b = Infinity;
    for (let g = 0; g < clusters.length; g++) if (g !== li && sizes[g]! > 0) b = Math.min(b, sums[g]! / sizes[g]!);
    if (!Number.isFinite(b)) continue;
    const denom = Math.max(a, b);
    if (denom > 0) total += (b - a) / denom;
  }
  return counted > 0 ? total / counted : 0;
}
