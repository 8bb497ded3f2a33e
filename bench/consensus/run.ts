/**
 * `npm run bench:consensus [-- --repeats N] [-- --quick] [-- --synthetic-only]`: our engine against scikit-learn, on the
 * same data in the same run, each measurement repeated and reported as a median.
 *
 * - every shared Pol.is conversation (../shared/data/polis);
 * - a synthetic conversation of 100,000 participants × 2,000 statements, 10 % of votes cast,
 *   planted opinion groups: goals ours ≤ 0.5 × scikit-learn's time, memory ≤ its memory,
 *   planted groups recovered with ARI ≥ 0.95;
 * - an incremental update after 1 % new votes on it: goal ≤ 10 % of our full run.
 *
 * Each measurement runs in a fresh child process (ours: node + tsx; baseline: /usr/bin/python3),
 * whose peak resident memory is read by the child itself (getrusage max RSS). On the small shared
 * conversations each child first runs the pipeline once untimed (JIT, imports, thread pools), so
 * the figures are the steady state of a long-lived worker; the synthetic run is timed cold.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { conversationNames, POLIS_DATA, REPO_ROOT } from '../../packages/consensus/src/conversations.ts';
import { writeConversation, writeSynthetic, type Meta } from './data.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const repeats = opt('--repeats', 3);
const quick = args.includes('--quick');
// Only the incremental readings (no full synthetic measurement, no scikit-learn): for iterating on
// the update; the figures to record come from a whole run.
const incrementalOnly = args.includes('--incremental-only');
const P = opt('--participants', 100_000);
const S = opt('--statements', 2_000);
const work = path.join(tmpdir(), 'shangliang-bench-consensus');
const loadAverageAtStart = loadavg();
mkdirSync(work, { recursive: true });

interface Run {
  ms: number;
  maxRssBytes: number;
  ari?: number;
  k?: number;
  fullMs?: number;
  stages?: Record<string, number>;
  pcaMs?: number;
  imputeMs?: number;
  kmeansMs?: number;
}

function child(cmd: string, argv: string[]): Run {
  const r = spawnSync(cmd, argv, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}
const ours = (dir: string, mode: 'full' | 'incremental' | 'incremental-latest', warm = false): Run =>
  child(process.execPath, ['--import', 'tsx', path.join(here, 'ours.ts'), dir, mode, ...(warm ? ['--warm'] : [])]);
const sklearn = (dir: string, warm = false): Run =>
  child('/usr/bin/python3', [path.join(here, 'sklearn_baseline.py'), dir, ...(warm ? ['--warm'] : [])]);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
console.log(
  `machine: ${cpus().length} cores, ${mb(totalmem())}, node ${process.version}, load average ${loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')}`,
);

interface Row {
  name: string;
  participants: number;
  statements: number;
  votes: number;
  ours: { ms: number; rss: number; ari?: number; k?: number; stages?: Record<string, number> };
  sklearn: { ms: number; rss: number; ari?: number; k?: number; pcaMs?: number; imputeMs?: number; kmeansMs?: number };
  ratio: number;
}

/** Runs ours and the baseline alternately, `repeats` times each, and takes medians. */
function measure(dir: string, meta: Meta, warm: boolean): Row {
  const o: Run[] = [];
  const s: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    o.push(ours(dir, 'full', warm));
    s.push(sklearn(dir, warm));
  }
  const oMs = median(o.map((r) => r.ms));
  const sMs = median(s.map((r) => r.ms));
  const stageNames = Object.keys(o[0]!.stages ?? {});
  return {
    name: meta.name,
    participants: meta.participants,
    statements: meta.statements,
    votes: meta.votes,
    ours: {
      ms: oMs,
      rss: median(o.map((r) => r.maxRssBytes)),
      ...(o[0]!.ari !== undefined ? { ari: median(o.map((r) => r.ari!)) } : {}),
      k: o[0]!.k!,
      stages: Object.fromEntries(stageNames.map((n) => [n, median(o.map((r) => r.stages![n]!))])),
    },
    sklearn: {
      ms: sMs,
      rss: median(s.map((r) => r.maxRssBytes)),
      ...(s[0]!.ari !== undefined ? { ari: median(s.map((r) => r.ari!)) } : {}),
      k: s[0]!.k!,
      pcaMs: median(s.map((r) => r.pcaMs!)),
      imputeMs: median(s.map((r) => r.imputeMs!)),
      kmeansMs: median(s.map((r) => r.kmeansMs!)),
    },
    ratio: oMs / sMs,
  };
}

const rows: Row[] = [];
for (const name of args.includes('--synthetic-only') ? [] : conversationNames()) {
  const dir = path.join(work, name);
  const meta = writeConversation(path.join(POLIS_DATA, name), dir);
  const row = measure(dir, meta, true);
  rows.push(row);
  console.log(
    `${name.padEnd(36)} ours ${ms(row.ours.ms).padStart(9)} ${mb(row.ours.rss).padStart(9)} | sklearn ${ms(row.sklearn.ms).padStart(9)} ${mb(row.sklearn.rss).padStart(9)} | ratio ${row.ratio.toFixed(3)}`,
  );
}

let synthetic: Row | undefined;
interface Incremental {
  ms: number;
  fullMs: number;
  ratioToFull?: number;
  ratioToSameRunFull: number;
  ari: number;
  stages: Record<string, number>;
  /** Each child: its full run, its timed update and their ratio. */
  runs: { fullMs: number; ms: number; ratio: number }[];
}
let incremental: Record<string, Incremental> | undefined;
if (!quick) {
  const dir = path.join(work, `synthetic-${P}x${S}`);
  console.log(`\nwriting synthetic ${P} × ${S} (10 % of votes, planted groups 50/30/20 %) ...`);
  const meta = writeSynthetic(dir, P, S, 0.1);
  if (!incrementalOnly) synthetic = measure(dir, meta, false);
  const r = synthetic;
  if (r) {
    console.log(
      `${r.name}: ${r.votes} votes\n` +
        `  ours    ${ms(r.ours.ms)} (median of ${repeats}), peak ${mb(r.ours.rss)}, ARI vs planted ${r.ours.ari?.toFixed(4)}, k=${r.ours.k}\n` +
        `          stages ${Object.entries(r.ours.stages ?? {})
          .map(([k, v]) => `${k} ${k.includes('iterations') ? v : ms(v)}`)
          .join(', ')}\n` +
        `  sklearn ${ms(r.sklearn.ms)} (impute ${ms(r.sklearn.imputeMs!)}, PCA ${ms(r.sklearn.pcaMs!)}, KMeans ${ms(r.sklearn.kmeansMs!)}), peak ${mb(r.sklearn.rss)}, ARI ${r.sklearn.ari?.toFixed(4)}, k=${r.sklearn.k}\n` +
        `  time ratio ours/sklearn ${r.ratio.toFixed(3)} (goal ≤ 0.5: ${r.ratio <= 0.5 ? 'met' : 'MISSED'}), memory ratio ${(r.ours.rss / r.sklearn.rss).toFixed(3)} (goal ≤ 1: ${r.ours.rss <= r.sklearn.rss ? 'met' : 'MISSED'}), ARI goal ≥ 0.95: ${(r.ours.ari ?? 0) >= 0.95 ? 'met' : 'MISSED'}`,
    );
  }
  incremental = {};
  for (const [mode, label] of [
    ['incremental-latest', 'the latest 1 % of votes in time order (the newest participants)'],
    ['incremental', '1 % of votes held back uniformly at random (touches most participants)'],
  ] as const) {
    const inc: Run[] = [];
    for (let i = 0; i < repeats; i++) inc.push(ours(dir, mode));
    const incMs = median(inc.map((x) => x.ms));
    const incFull = median(inc.map((x) => x.fullMs!));
    const stageNames = Object.keys(inc[0]!.stages ?? {});
    const it: Incremental = {
      ms: incMs,
      fullMs: incFull,
      ...(r ? { ratioToFull: incMs / r.ours.ms } : {}),
      ratioToSameRunFull: incMs / incFull,
      ari: median(inc.map((x) => x.ari!)),
      stages: Object.fromEntries(stageNames.map((n) => [n, median(inc.map((x) => x.stages![n]!))])),
      runs: inc.map((x) => ({ fullMs: x.fullMs!, ms: x.ms, ratio: x.ms / x.fullMs! })),
    };
    incremental[mode] = it;
    console.log(
      `  incremental update, ${label}: ${ms(incMs)} (median of ${repeats}) = ${(100 * it.ratioToSameRunFull).toFixed(1)} % of the full run on the other 98 % in the same process ` +
        `${it.ratioToFull !== undefined ? `(${(100 * it.ratioToFull).toFixed(1)} % of the median full run above)` : ''}; goal ≤ 10 %: ${it.ratioToSameRunFull <= 0.1 ? 'met' : 'MISSED'}; ARI after update ${it.ari.toFixed(4)}\n` +
        `          each child: ${it.runs.map((x) => `${ms(x.ms)} / ${ms(x.fullMs)} = ${(100 * x.ratio).toFixed(1)} %`).join('; ')}\n` +
        `          stages ${Object.entries(it.stages)
          .map(([k, v]) => `${k} ${k.includes('iterations') ? v : ms(v)}`)
          .join(', ')}`,
    );
  }
}

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memory: mb(totalmem()),
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
  },
  repeats,
  conversations: rows,
  synthetic,
  incremental,
};
const file = path.join(work, 'results.json');
writeFileSync(file, JSON.stringify(report, null, 2));
console.log(`\nresults: ${file}`);
