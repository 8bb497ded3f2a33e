/**
 * Child process timing our engine on a benchmark input folder (see data.ts); prints one JSON line.
 * Usage: tsx ours.ts <dir> full|incremental|incremental-latest [--warm]
 * Reading the files is not timed (the baseline's loading is not timed either). maxRSS is the peak
 * resident memory of this process (input arrays included), from process.resourceUsage().
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adjustedRandIndex, ConsensusEngine, type VoteColumns } from '../../packages/consensus/src/index.ts';
import { readI32, readI8, type Meta } from './data.ts';

const [dir, mode] = process.argv.slice(2) as [string, 'full' | 'incremental' | 'incremental-latest'];
const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
const participantIds = Array.from({ length: meta.participants }, (_, i) => String(i));
const statementIds = Array.from({ length: meta.statements }, (_, i) => String(i));
const cols = (prefix: string): VoteColumns => ({
  participantIds,
  statementIds,
  participant: readI32(path.join(dir, `${prefix}rows.i32`)),
  statement: readI32(path.join(dir, `${prefix}cols.i32`)),
  vote: readI8(path.join(dir, `${prefix}vals.i8`)),
});
const modout = Array.from(readI32(path.join(dir, 'modout.i32')), String);

const out: Record<string, unknown> = { mode };
if (mode === 'full') {
  const votes = cols('');
  if (process.argv.includes('--warm')) {
    // Untimed first run: measures the steady state of a long-lived (server or worker) engine.
    const w = new ConsensusEngine();
    w.setModeratedOut(modout);
    w.addVotes(votes);
    w.run();
  }
  const t0 = performance.now();
  const eng = new ConsensusEngine();
  eng.setModeratedOut(modout);
  eng.addVotes(votes);
  const res = eng.run();
  out['ms'] = performance.now() - t0;
  out['stages'] = eng.timings;
  out['k'] = res.k.chosen;
  out['pcaIterations'] = res.pca.iterations;
  if (meta.planted) {
    const truth = readI32(path.join(dir, 'truth.i32'));
    out['ari'] = adjustedRandIndex(
      Array.from(truth),
      participantIds.map((id) => res.groups[id] ?? -1),
    );
  }
} else {
  const base = cols(mode === 'incremental' ? 'base_' : 'tbase_');
  const extra = cols(mode === 'incremental' ? 'extra_' : 'textra_');
  const t0 = performance.now();
  const eng = new ConsensusEngine();
  eng.addVotes(base);
  eng.run();
  out['fullMs'] = performance.now() - t0;
  // One untimed update with another 1 % of votes first: the timed update is then the steady state
  // of a long-lived engine (V8 runs a function's first calls, and new branches, unoptimised).
  eng.addVotes(cols(mode === 'incremental' ? 'warm_' : 'twarm_'));
  eng.update();
  const t1 = performance.now();
  eng.addVotes(extra);
  const res = eng.update();
  out['ms'] = performance.now() - t1;
  out['stages'] = eng.timings;
  const truth = readI32(path.join(dir, 'truth.i32'));
  out['ari'] = adjustedRandIndex(
    Array.from(truth),
    participantIds.map((id) => res.groups[id] ?? -1),
  );
}
out['maxRssBytes'] = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(out) + '\n');
