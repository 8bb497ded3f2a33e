/**
 * Cross-check of the projection against scikit-learn (used by a test and by the validation
 * script): builds the dense mean-imputed matrix of a conversation, runs scikit-learn's PCA on it in
 * Debian's /usr/bin/python3, and compares the principal components up to sign.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeConsensus, type ConsensusResult } from './engine.ts';
import type { PolisExport } from './polis-export.ts';
import { VoteStore } from './votes.ts';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scripts/sklearn_pca.py');

/** Result of {@link sklearnCheck}: the largest |ours − ±theirs| entry of each component. */
export interface SklearnCheck {
  maxDeviation: [number, number];
  explainedVariance: number[];
  ourEigenvalues: number[];
  sklearnVersion: string;
}

/** Runs our engine and scikit-learn on the same conversation and compares the components. */
export function sklearnCheck(ex: PolisExport, result?: ConsensusResult): SklearnCheck {
  const res = result ?? computeConsensus({ votes: ex.votes, moderatedOut: ex.moderatedOut });
  // Rebuild the latest-vote matrix in the engine's statement order.
  const store = new VoteStore();
  store.add(ex.votes);
  const ids = res.pca.statementIds;
  const col = new Map(ids.map((id, i) => [id, i]));
  const nR = store.nRows;
  const nC = ids.length;
  const mod = new Set(ex.moderatedOut);
  const X = new Float64Array(nR * nC);
  // Missing → statement mean (Pol.is `:mat`); moderated-out → 0 for everyone (`zero-out-columns`).
  for (let c = 0; c < nC; c++) {
    const mean = mod.has(ids[c]!) ? 0 : res.pca.center[c]!;
    for (let r = 0; r < nR; r++) X[r * nC + c] = mean;
  }
  for (let r = 0; r < nR; r++) {
    for (let k = store.rowPtr[r]!; k < store.rowPtr[r + 1]!; k++) {
      const c = col.get(store.statementIds[store.cols[k]!]!)!;
      if (!mod.has(ids[c]!)) X[r * nC + c] = store.vals[k]!;
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'consensus-sk-'));
  try {
    const file = path.join(dir, 'x.f64');
    writeFileSync(file, Buffer.from(X.buffer, X.byteOffset, X.byteLength));
    const run = spawnSync(PYTHON, [SCRIPT, file, String(nR), String(nC)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw new Error(`scikit-learn cross-check failed (${PYTHON}): ${run.stderr || run.error?.message}`);
    const sk = JSON.parse(run.stdout) as { components: number[][]; explained_variance: number[]; sklearn: string };
    const dev = [0, 1].map((q) => {
      const ours = res.pca.components[q]!;
      const theirs = sk.components[q]!;
      let dot = 0;
      for (let c = 0; c < nC; c++) dot += ours[c]! * theirs[c]!;
      const sign = dot < 0 ? -1 : 1;
      let max = 0;
      for (let c = 0; c < nC; c++) max = Math.max(max, Math.abs(ours[c]! - sign * theirs[c]!));
      return max;
    }) as [number, number];
    return { maxDeviation: dev, explainedVariance: sk.explained_variance, ourEigenvalues: res.pca.eigenvalues, sklearnVersion: sk.sklearn };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
