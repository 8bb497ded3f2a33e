/**
 * The vote store: the participant × statement matrix of latest votes, kept as compressed sparse
 * rows (CSR) in typed arrays. Pol.is keeps a dense named matrix with nils for missing votes
 * (named_matrix.clj); here only cast votes are stored, so memory and every pass over the matrix
 * are proportional to the number of votes, not participants × statements.
 */
import { ConsensusInputError } from './errors.ts';

/** A vote value: 1 agree, -1 disagree, 0 pass (Pol.is export convention). */
export type VoteValue = -1 | 0 | 1;

/** One vote as the library API takes it. `time` orders votes; when absent, arrival order is used. */
export interface Vote {
  participant: string | number;
  statement: string | number;
  vote: VoteValue;
  time?: number;
}

/**
 * Votes in columnar form, for large inputs: `participant[i]` and `statement[i]` index into
 * `participantIds` and `statementIds`.
 */
export interface VoteColumns {
  participantIds: readonly string[];
  statementIds: readonly string[];
  participant: Int32Array;
  statement: Int32Array;
  vote: Int8Array;
  time?: Float64Array;
}

/** Converts an array of vote objects to columns, validating each vote. */
export function votesToColumns(votes: readonly Vote[]): VoteColumns {
  const participantIds: string[] = [];
  const statementIds: string[] = [];
  const pIndex = new Map<string, number>();
  const sIndex = new Map<string, number>();
  const n = votes.length;
  const participant = new Int32Array(n);
  const statement = new Int32Array(n);
  const vote = new Int8Array(n);
  let anyTime = false;
  let allTime = true;
  for (const v of votes) {
    if (v.time === undefined) allTime = false;
    else anyTime = true;
  }
  if (anyTime && !allTime) throw new ConsensusInputError('votes: either every vote has a time or none has');
  const time = anyTime ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const v = votes[i]!;
    if (v.vote !== 1 && v.vote !== -1 && v.vote !== 0) {
      throw new ConsensusInputError(`votes[${i}]: unknown vote value ${JSON.stringify(v.vote)} (expected 1, -1 or 0)`);
    }
    const p = idString(v.participant, `votes[${i}].participant`);
    const s = idString(v.statement, `votes[${i}].statement`);
    let pi = pIndex.get(p);
    if (pi === undefined) {
      pi = participantIds.length;
      pIndex.set(p, pi);
      participantIds.push(p);
    }
    let si = sIndex.get(s);
    if (si === undefined) {
      si = statementIds.length;
      sIndex.set(s, si);
      statementIds.push(s);
    }
    participant[i] = pi;
    statement[i] = si;
    vote[i] = v.vote;
    if (time) {
      if (typeof v.time !== 'number' || !Number.isFinite(v.time)) {
        throw new ConsensusInputError(`votes[${i}]: time must be a finite number`);
      }
      time[i] = v.time;
    }
  }
  return time
    ? { participantIds, statementIds, participant, statement, vote, time }
    : { participantIds, statementIds, participant, statement, vote };
}

function idString(id: unknown, where: string): string {
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  throw new ConsensusInputError(`${where}: id must be a non-empty string or a finite number`);
}

/** A change to the matrix made by {@link VoteStore.add}: `old` is -2 when the cell was empty. */
export interface VoteDelta {
  row: Int32Array;
  col: Int32Array;
  old: Int8Array;
  value: Int8Array;
  length: number;
}

/**
 * Latest votes as CSR, in two parts: the main part and a small "extra" part holding cells first
 * voted since the last compaction. An incremental batch updates main cells in place (found by a
 * scan of the participant's row) and rebuilds only the extra part, so it costs
 * O(batch · row length + rows), not O(votes); when the extra part outgrows a fifth of the
 * main part, everything is compacted into a new main part in O(votes).
 */
export class VoteStore {
  readonly participantIds: string[] = [];
  readonly statementIds: string[] = [];
  readonly participantIndex = new Map<string, number>();
  readonly statementIndex = new Map<string, number>();
  /** Main part: rows 0 .. mainRows − 1. */
  rowPtr = new Int32Array(1);
  cols = new Int32Array(0);
  vals = new Int8Array(0);
  times = new Float64Array(0);
  /** Extra part, CSR over all rows (rebuilt on each add). */
  xPtr = new Int32Array(1);
  xCols = new Int32Array(0);
  xVals = new Int8Array(0);
  xTimes = new Float64Array(0);
  /** Changes made by the last add, or null when it rebuilt everything. */
  lastDelta: VoteDelta | null = null;
  /** Arrival counter, used as the time of votes given without one. */
  private clock = 0;

  get nRows(): number {
    return this.participantIds.length;
  }
  get nCols(): number {
    return this.statementIds.length;
  }
  get mainRows(): number {
    return this.rowPtr.length - 1;
  }
  /** Number of stored votes (main and extra). */
  get nnz(): number {
    return this.rowPtr[this.mainRows]! + this.xCols.length;
  }

  /** Number of stored votes of row r. */
  rowLength(r: number): number {
    const main = r < this.mainRows ? this.rowPtr[r + 1]! - this.rowPtr[r]! : 0;
    const ex = r + 1 < this.xPtr.length ? this.xPtr[r + 1]! - this.xPtr[r]! : 0;
    return main + ex;
  }

  /**
   * Merges a batch of votes: a vote replaces the stored one for the same participant and statement
   * when its time is later or equal (equal: the later arrival wins).
   */
  add(batch: VoteColumns): void {
    const n = batch.vote.length;
    if (batch.participant.length !== n || batch.statement.length !== n || (batch.time && batch.time.length !== n)) {
      throw new ConsensusInputError('votes: columns have different lengths');
    }
    for (let i = 0; i < n; i++) {
      const v = batch.vote[i]!;
      if (v !== 1 && v !== -1 && v !== 0) throw new ConsensusInputError(`votes[${i}]: unknown vote value ${v}`);
      const lp = batch.participant[i]!;
      if (lp < 0 || lp >= batch.participantIds.length) throw new ConsensusInputError(`votes[${i}]: participant index out of range`);
      const ls = batch.statement[i]!;
      if (ls < 0 || ls >= batch.statementIds.length) throw new ConsensusInputError(`votes[${i}]: statement index out of range`);
    }
    // Map the batch's local ids to store indices, registering only ids that carry a vote, in order
    // of first vote (Pol.is adds rating-matrix rows and columns as votes arrive).
    const pMap = new Int32Array(batch.participantIds.length).fill(-1);
    const sMap = new Int32Array(batch.statementIds.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const lp = batch.participant[i]!;
      if (pMap[lp] === -1) {
        const id = batch.participantIds[lp]!;
        let r = this.participantIndex.get(id);
        if (r === undefined) {
          r = this.participantIds.length;
          this.participantIndex.set(id, r);
          this.participantIds.push(id);
        }
        pMap[lp] = r;
      }
      const ls = batch.statement[i]!;
      if (sMap[ls] === -1) {
        const id = batch.statementIds[ls]!;
        let c = this.statementIndex.get(id);
        if (c === undefined) {
          c = this.statementIds.length;
          this.statementIndex.set(id, c);
          this.statementIds.push(id);
        }
        sMap[ls] = c;
      }
    }
    const clock0 = this.clock;
    if (!batch.time) this.clock += n;
    const timeOf = (i: number): number => (batch.time ? batch.time[i]! : clock0 + i);
    const mainNnz = this.rowPtr[this.mainRows]!;
    if (mainNnz === 0 || this.xCols.length + n > mainNnz / 5) {
      this.compact(batch, pMap, sMap, timeOf);
      this.lastDelta = null;
      return;
    }
    this.lastDelta = this.addIncremental(batch, pMap, sMap, timeOf);
  }

  /**
   * The incremental path of {@link add}: main cells updated in place, the extra part rebuilt with the
   * new cells; returns the changes. (A method of its own, so that its compiled code does not depend
   * on the compaction path's, which the first batch takes.)
   */
  private addIncremental(batch: VoteColumns, pMap: Int32Array, sMap: Int32Array, timeOf: (i: number) => number): VoteDelta {
    const n = batch.vote.length;
    const nR = this.nRows;
    const nC = this.nCols;
    const bRow = new Int32Array(n);
    for (let i = 0; i < n; i++) bRow[i] = pMap[batch.participant[i]!]!;
    const order = countingOrder(bRow, nR, null);
    const bPtr = new Int32Array(nR + 1);
    for (let i = 0; i < n; i++) bPtr[bRow[i]! + 1]!++;
    for (let r = 0; r < nR; r++) bPtr[r + 1]! += bPtr[r]!;
    const dRow = new Int32Array(n);
    const dCol = new Int32Array(n);
    const dOld = new Int8Array(n);
    const dVal = new Int8Array(n);
    let nd = 0;
    const oldX = this.xCols.length;
    const xPtr = new Int32Array(nR + 1);
    const xCols = new Int32Array(oldX + n);
    const xVals = new Int8Array(oldX + n);
    const xTimes = new Float64Array(oldX + n);
    const stamp = new Int32Array(nC);
    const pos = new Int32Array(nC);
    // Main cells of the row the batch touches: wanted[c] === mark when the batch votes on c,
    // inMain[c] === mark (at mainPos[c]) when the row's main part has c. One scan of the row.
    const wanted = new Int32Array(nC);
    const inMain = new Int32Array(nC);
    const mainPos = new Int32Array(nC);
    const mainRows = this.mainRows;
    const mainPtr = this.rowPtr;
    const mainCols = this.cols;
    const oldRowsX = this.xPtr.length - 1;
    let p = 0;
    for (let r = 0; r < nR; r++) {
      const mark = r + 1;
      if (r < mainRows && bPtr[r]! < bPtr[r + 1]!) {
        let nWanted = 0;
        for (let q = bPtr[r]!; q < bPtr[r + 1]!; q++) {
          const c = sMap[batch.statement[order[q]!]!]!;
          if (wanted[c] !== mark) {
            wanted[c] = mark;
            nWanted++;
          }
        }
        const end = mainPtr[r + 1]!;
        for (let j = mainPtr[r]!; j < end && nWanted > 0; j++) {
          const c = mainCols[j]!;
          if (wanted[c] === mark) {
            inMain[c] = mark;
            mainPos[c] = j;
            nWanted--;
          }
        }
      }
      if (r < oldRowsX) {
        for (let k = this.xPtr[r]!; k < this.xPtr[r + 1]!; k++) {
          const c = this.xCols[k]!;
          xCols[p] = c;
          xVals[p] = this.xVals[k]!;
          xTimes[p] = this.xTimes[k]!;
          stamp[c] = mark;
          pos[c] = p++;
        }
      }
      for (let q = bPtr[r]!; q < bPtr[r + 1]!; q++) {
        const i = order[q]!;
        const c = sMap[batch.statement[i]!]!;
        const v = batch.vote[i]!;
        const t = timeOf(i);
        if (stamp[c] === mark) {
          const k = pos[c]!;
          if (t >= xTimes[k]!) {
            dRow[nd] = r;
            dCol[nd] = c;
            dOld[nd] = xVals[k]!;
            dVal[nd++] = v;
            xVals[k] = v;
            xTimes[k] = t;
          }
          continue;
        }
        if (inMain[c] === mark) {
          const k = mainPos[c]!;
          if (t >= this.times[k]!) {
            dRow[nd] = r;
            dCol[nd] = c;
            dOld[nd] = this.vals[k]!;
            dVal[nd++] = v;
            this.vals[k] = v;
            this.times[k] = t;
          }
          continue;
        }
        xCols[p] = c;
        xVals[p] = v;
        xTimes[p] = t;
        stamp[c] = mark;
        pos[c] = p++;
        dRow[nd] = r;
        dCol[nd] = c;
        dOld[nd] = -2;
        dVal[nd++] = v;
      }
      xPtr[r + 1] = p;
    }
    this.xPtr = xPtr;
    this.xCols = xCols.subarray(0, p);
    this.xVals = xVals.subarray(0, p);
    this.xTimes = xTimes.subarray(0, p);
    return { row: dRow, col: dCol, old: dOld, value: dVal, length: nd };
  }

  /** An empty extra part over all rows. */
  private clearExtra(): void {
    this.xPtr = new Int32Array(this.nRows + 1);
    this.xCols = new Int32Array(0);
    this.xVals = new Int8Array(0);
    this.xTimes = new Float64Array(0);
  }

  /** Rebuilds the main part from main + extra + batch, deduplicating per row; O(votes). */
  private compact(batch: VoteColumns, pMap: Int32Array, sMap: Int32Array, timeOf: (i: number) => number): void {
    const nR = this.nRows;
    const nC = this.nCols;
    const oldRows = this.mainRows;
    const n = batch.vote.length;
    // Stable counting sort of the batch by row: arrival order is kept within a row.
    const bRow = new Int32Array(n);
    for (let i = 0; i < n; i++) bRow[i] = pMap[batch.participant[i]!]!;
    const order = countingOrder(bRow, nR, null);
    const bPtr = new Int32Array(nR + 1);
    for (let i = 0; i < n; i++) bPtr[bRow[i]! + 1]!++;
    for (let r = 0; r < nR; r++) bPtr[r + 1]! += bPtr[r]!;
    const cap = this.rowPtr[oldRows]! + this.xCols.length + n;
    const cols = new Int32Array(cap);
    const vals = new Int8Array(cap);
    const times = new Float64Array(cap);
    const rowPtr = new Int32Array(nR + 1);
    // stamp[c] === r + 1 means statement c already has a cell in row r, at pos[c].
    const stamp = new Int32Array(nC);
    const pos = new Int32Array(nC);
    const { xPtr, xCols, xVals } = this;
    const exTimeByCell = this.xTimes;
    const bTime = batch.time;
    let p = 0;
    for (let r = 0; r < nR; r++) {
      const mark = r + 1;
      if (r < oldRows) {
        // Old main cells are already unique within the row.
        const end = this.rowPtr[r + 1]!;
        for (let k = this.rowPtr[r]!; k < end; k++) {
          const c = this.cols[k]!;
          cols[p] = c;
          vals[p] = this.vals[k]!;
          times[p] = this.times[k]!;
          stamp[c] = mark;
          pos[c] = p;
          p++;
        }
      }
      if (r + 1 < xPtr.length) {
        for (let k = xPtr[r]!; k < xPtr[r + 1]!; k++) {
          const c = xCols[k]!;
          cols[p] = c;
          vals[p] = xVals[k]!;
          times[p] = exTimeByCell[k]!;
          stamp[c] = mark;
          pos[c] = p;
          p++;
        }
      }
      for (let q = bPtr[r]!; q < bPtr[r + 1]!; q++) {
        const i = order[q]!;
        const c = sMap[batch.statement[i]!]!;
        const t = bTime ? bTime[i]! : timeOf(i);
        if (stamp[c] === mark) {
          const k = pos[c]!;
          if (t >= times[k]!) {
            vals[k] = batch.vote[i]!;
            times[k] = t;
          }
        } else {
          cols[p] = c;
          vals[p] = batch.vote[i]!;
          times[p] = t;
          stamp[c] = mark;
          pos[c] = p;
          p++;
        }
      }
      rowPtr[r + 1] = p;
    }
    this.rowPtr = rowPtr;
    this.cols = cols.subarray(0, p);
    this.vals = vals.subarray(0, p);
    this.times = times.subarray(0, p);
    this.clearExtra();
  }
}

/** Stable counting sort of indices by key (keys in [0, nKeys)); sorts `within` if given, else 0..n−1. */
function countingOrder(key: Int32Array, nKeys: number, within: Int32Array | null): Int32Array {
  const n = key.length;
  const ptr = new Int32Array(nKeys + 1);
  for (let i = 0; i < n; i++) ptr[key[i]! + 1]!++;
  for (let k = 0; k < nKeys; k++) ptr[k + 1]! += ptr[k]!;
  const out = new Int32Array(n);
  if (within) {
    for (let j = 0; j < n; j++) {
      const i = within[j]!;
      out[ptr[key[i]!]!++] = i;
    }
  } else {
    for (let i = 0; i < n; i++) out[ptr[key[i]!]!++] = i;
  }
  return out;
}
