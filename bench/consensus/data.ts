/**
 * Benchmark inputs, written once as flat binary files so that our engine (in a child process) and
 * the scikit-learn baseline read exactly the same votes: rows.i32, cols.i32, vals.i8 (the latest
 * vote of each cell), optional truth.i32 (planted groups), modout.i32 (moderated-out columns),
 * and meta.json. For the incremental case, extra_* hold 1 % of the votes held back at random and
 * warm_* another 1 % (base_* the rest); textra_* the latest 1 % in time order, twarm_* the 1 % before
 * it, tbase_* the rest.
 */
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { VoteStore, type VoteColumns } from '../../packages/consensus/src/index.ts';
import { readPolisExport } from '../../packages/consensus/src/polis-export.ts';
import { holdOut, plantedConversation, splitVotes } from '../../packages/consensus/src/synthetic.ts';

export interface Meta {
  name: string;
  participants: number;
  statements: number;
  votes: number;
  extraVotes: number;
  planted: boolean;
  version?: number;
}

const VERSION = 3;

function writeArr(file: string, a: Int32Array | Int8Array): void {
  writeFileSync(file, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/** Deduplicates to the latest vote per cell and returns flat (row, col, val) arrays. */
function latest(v: VoteColumns): { rows: Int32Array; cols: Int32Array; vals: Int8Array; nR: number; nC: number; store: VoteStore } {
  const s = new VoteStore();
  s.add(v);
  const n = s.nnz;
  const rows = new Int32Array(n);
  for (let r = 0; r < s.mainRows; r++) rows.fill(r, s.rowPtr[r]!, s.rowPtr[r + 1]!);
  return {
    rows,
    cols: Int32Array.from(s.cols.subarray(0, n)),
    vals: Int8Array.from(s.vals.subarray(0, n)),
    nR: s.nRows,
    nC: s.nCols,
    store: s,
  };
}

/** Writes a shared Pol.is conversation. */
export function writeConversation(folder: string, out: string): Meta {
  mkdirSync(out, { recursive: true });
  const ex = readPolisExport(folder);
  const l = latest(ex.votes);
  const mod = new Set(ex.moderatedOut);
  const modout = Int32Array.from(l.store.statementIds.flatMap((id, c) => (mod.has(id) ? [c] : [])));
  writeArr(path.join(out, 'rows.i32'), l.rows);
  writeArr(path.join(out, 'cols.i32'), l.cols);
  writeArr(path.join(out, 'vals.i8'), l.vals);
  writeArr(path.join(out, 'modout.i32'), modout);
  const meta: Meta = {
    name: path.basename(folder),
    participants: l.nR,
    statements: l.nC,
    votes: l.rows.length,
    extraVotes: 0,
    planted: false,
  };
  writeFileSync(path.join(out, 'meta.json'), JSON.stringify(meta));
  return meta;
}

/** Writes the planted synthetic conversation and its incremental splits. */
export function writeSynthetic(out: string, participants: number, statements: number, density: number): Meta {
  if (existsSync(path.join(out, 'meta.json'))) {
    const m = JSON.parse(readFileSync(path.join(out, 'meta.json'), 'utf8')) as Meta;
    if (m.participants === participants && m.statements === statements && m.version === VERSION) return m;
  }
  mkdirSync(out, { recursive: true });
  const { votes, truth } = plantedConversation({ participants, statements, density, groupShares: [0.5, 0.3, 0.2], seed: 3 });
  // The generator never repeats a cell, so every vote is already the latest.
  writeArr(path.join(out, 'rows.i32'), votes.participant);
  writeArr(path.join(out, 'cols.i32'), votes.statement);
  writeArr(path.join(out, 'vals.i8'), votes.vote);
  writeArr(path.join(out, 'truth.i32'), truth);
  writeArr(path.join(out, 'modout.i32'), new Int32Array(0));
  // Random reading: 1 % held back at random (extra_*), and another 1 % (warm_*) for an untimed
  // update first, so that the timed update is the steady state of a long-lived engine.
  const [rest, extra] = holdOut(votes, 0.01, 7);
  const [base, warm] = holdOut(rest, 0.01 / 0.99, 8);
  const write = (prefix: string, v: VoteColumns): void => {
    writeArr(path.join(out, `${prefix}rows.i32`), v.participant);
    writeArr(path.join(out, `${prefix}cols.i32`), v.statement);
    writeArr(path.join(out, `${prefix}vals.i8`), v.vote);
  };
  write('base_', base);
  write('warm_', warm);
  write('extra_', extra);
  // Time-order reading: the latest 1 % (textra_*: votes arrive participant by participant, so the
  // newest participants' votes), the 1 % before it for the untimed update (twarm_*), the rest (tbase_*).
  const n = votes.vote.length;
  const [early, textra] = splitVotes(votes, Math.round(n * 0.99));
  const [tbase, twarm] = splitVotes(early, Math.round(n * 0.98));
  write('tbase_', tbase);
  write('twarm_', twarm);
  write('textra_', textra);
  const meta: Meta = {
    name: `synthetic ${participants}×${statements}`,
    participants,
    statements,
    votes: votes.vote.length,
    extraVotes: extra.vote.length,
    planted: true,
    version: VERSION,
  };
  writeFileSync(path.join(out, 'meta.json'), JSON.stringify(meta));
  return meta;
}

/** Reads a flat array written by this module. */
export function readI32(file: string): Int32Array {
  const b = readFileSync(file);
  return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

/** Reads a flat Int8 array written by this module. */
export function readI8(file: string): Int8Array {
  const b = readFileSync(file);
  return new Int8Array(b.buffer, b.byteOffset, b.byteLength);
}
