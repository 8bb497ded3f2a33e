/**
 * Benchmark of @shangliang/selection (npm run bench:selection).
 *
 * Times the leximin computation (column generation to its optimality certificate) on the two
 * published example pools and on synthetic pools of every size in
 * shared/data/sortition/published_leximin_runs.csv, and compares with the published median
 * running times (Gurobi 9.0.3 on the authors' laptop: other hardware, other solver). Then it
 * compares the leximin minimum probability with the greedy (legacy) baseline's, estimated from
 * seeded draws.
 *
 * Options: --runs N (default 3), --only name1,name2, --draws N (greedy draws, default 2000),
 *          --max-seconds S (after one run longer than S, do not repeat that instance; default 120),
 *          --time-limit S (stop a run without certificate after S seconds; default 1800),
 *          --column-generation (run the column generation alone, without the LP-relaxation path,
 *          for a same-machine comparison with the method of version v1),
 *          --without-peeling (the fast path without peeling: the decomposition of version v3),
 *          --baseline-v3 S (after each instance, one run without peeling, v3's method, in the same
 *          process with a time limit of S seconds: a same-run baseline and a cross-check of
 *          every volunteer's probability).
 * HiGHS is loaded once before timing; pool generation and validation are not timed.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildProblem,
  computeLeximin,
  engineVersion,
  estimateGreedyProbabilities,
  TimeLimitError,
  parseCsv,
  parsePoolCsv,
  parseQuotasCsv,
  type Quota,
  type Volunteer,
} from '@shangliang/selection';
import { generateInstance } from './generate.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(REPO_ROOT, '../shared/data/sortition');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    draws: { type: 'string', default: '2000' },
    'max-seconds': { type: 'string', default: '120' },
    'time-limit': { type: 'string', default: '1800' },
    'column-generation': { type: 'boolean', default: false },
    'without-peeling': { type: 'boolean', default: false },
    'baseline-v3': { type: 'string', default: '0' },
  },
});
const runs = Number(values.runs);
const draws = Number(values.draws);
const maxSeconds = Number(values['max-seconds']);
const timeLimit = Number(values['time-limit']);
const only = values.only?.split(',');

interface Published {
  instance: string;
  pool: number;
  panel: number;
  categories: number;
  minProbability: string;
  seconds: number;
}

const published: Published[] = parseCsv(readFileSync(path.join(DATA, 'published_leximin_runs.csv'), 'utf8'))
  .slice(1)
  .map(({ fields: f }) => ({
    instance: f[0]!,
    pool: Number(f[1]),
    panel: Number(f[2]),
    categories: Number(f[3]),
    minProbability: f[4]!,
    seconds: Number(f[5]),
  }))
  .filter((p) => !only || only.includes(p.instance));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function instanceFor(p: Published): Promise<{ pool: Volunteer[]; quotas: Quota[]; size: number; source: string }> {
  if (p.instance.startsWith('example_')) {
    const dir = path.join(DATA, p.instance);
    const pool = parsePoolCsv(readFileSync(path.join(dir, 'respondents.csv'), 'utf8'), 'respondents.csv');
    const quotas = parseQuotasCsv(readFileSync(path.join(dir, 'categories.csv'), 'utf8'), 'categories.csv');
    return { pool: pool.pool, quotas: quotas.quotas, size: p.panel, source: 'published pool' };
  }
  const g = await generateInstance(p.instance, p.pool, p.panel, p.categories);
  return { ...g, source: 'synthetic pool' };
}

const engine = await engineVersion(); // loads HiGHS before any timing
console.log(`# Leximin selection benchmark`);
console.log(`date ${new Date().toISOString()}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}, ${engine}`);
console.log(
  `published seconds: Flanigan et al. 2021, Gurobi 9.0.3 on the authors' laptop (other hardware and solver; not a like-for-like comparison)`,
);
if (values['column-generation']) console.log('method: column generation only (relaxation: false)');
if (values['without-peeling']) console.log('method: fast path without peeling (peeling: false, the decomposition of v3)');
console.log(`goal: ours < 1 % of published; synthetic pools stand in for the non-public real pools (see bench/selection/generate.ts)\n`);

interface Row {
  p: Published;
  source: string;
  types: number;
  times: number[];
  cpuTimes: number[];
  timedOut: boolean;
  certificate: boolean;
  worstGap: number;
  minProbability: number;
  columns: number;
  greedyMin?: number;
  greedyFailures?: number;
  baseline?: { seconds: number; timedOut: boolean; maxDifference: number; certificate: boolean };
}
const baselineLimit = Number(values['baseline-v3']);
const rows: Row[] = [];
for (const p of published) {
  const inst = await instanceFor(p);
  const problem = buildProblem(inst);
  const times: number[] = [];
  let certificate = true;
  let worstGap = 0;
  let minProbability = 0;
  let columns = 0;
  let timedOut = false;
  const cpuTimes: number[] = [];
  let last: Awaited<ReturnType<typeof computeLeximin>> | undefined;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let a;
    try {
      a = await computeLeximin(problem, {
        timeLimitSeconds: timeLimit,
        relaxation: !values['column-generation'],
        peeling: !values['without-peeling'],
      });
    } catch (e) {
      if (!(e instanceof TimeLimitError)) throw e;
      timedOut = true;
      times.push(timeLimit);
      break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    cpuTimes.push((cpu.user + cpu.system) / 1e6);
    times.push(seconds);
    certificate &&= a.certificate.met;
    worstGap = Math.max(worstGap, a.certificate.worstGap);
    minProbability = a.minProbability;
    columns = a.stats.columns;
    last = a;
    if (seconds > maxSeconds) break;
  }
  if (timedOut) certificate = false;
  const row: Row = {
    p,
    source: inst.source,
    types: problem.types.length,
    times,
    cpuTimes,
    timedOut,
    certificate,
    worstGap,
    minProbability,
    columns,
  };
  if (baselineLimit > 0) {
    const t0 = performance.now();
    try {
      const b = await computeLeximin(problem, { timeLimitSeconds: baselineLimit, peeling: false });
      let maxDifference = 0;
      if (last) for (const [id, q] of b.probabilities) maxDifference = Math.max(maxDifference, Math.abs(q - last.probabilities.get(id)!));
      else maxDifference = Number.NaN;
      row.baseline = { seconds: (performance.now() - t0) / 1000, timedOut: false, maxDifference, certificate: b.certificate.met };
    } catch (e) {
      if (!(e instanceof TimeLimitError)) throw e;
      row.baseline = { seconds: baselineLimit, timedOut: true, maxDifference: Number.NaN, certificate: false };
    }
  }
  try {
    const g = estimateGreedyProbabilities(problem, draws, `bench/${p.instance}`);
    row.greedyMin = g.minProbability;
    row.greedyFailures = g.failures;
  } catch {
    row.greedyMin = undefined;
  }
  rows.push(row);
  const med = median(times);
  console.log(
    `${p.instance}: ${p.pool} volunteers (${row.types} types), panel ${p.panel}, ${p.categories} categories, ${inst.source}: ` +
      `${timedOut ? `TIME LIMIT ${timeLimit} s` : `median ${med.toFixed(3)} s`} of ${times.length} run(s) [${times.map((t) => t.toFixed(3)).join(', ')}], cpu median ${cpuTimes.length ? median(cpuTimes).toFixed(3) : '-'} s, ` +
      `certificate ${certificate ? 'met' : 'NOT met'} (gap ${worstGap.toExponential(1)}), min ${(minProbability * 100).toFixed(3)} %`,
  );
}

const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
console.log(
  '\n| instance | pool | panel | cats | types | pool source | published s (other hw) | ours s (median wall) | ours cpu s (median) | runs | ratio | < 1 %? | certificate | min p (ours) | published min p |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const med = median(r.times);
  const ratio = med / r.p.seconds; // wall clock, as published
  console.log(
    `| ${r.p.instance} | ${r.p.pool} | ${r.p.panel} | ${r.p.categories} | ${r.types} | ${r.source} | ${r.p.seconds} | ${r.timedOut ? `> ${timeLimit}` : med.toFixed(3)} | ${r.cpuTimes.length ? median(r.cpuTimes).toFixed(3) : '-'} | ${r.times.length} | ${r.timedOut ? `> ${pct(timeLimit / r.p.seconds)}` : `${(ratio * 100).toPrecision(3)} %`} | ${!r.timedOut && ratio < 0.01 ? 'yes' : 'no'} | ${r.certificate ? 'met' : 'NOT met'} | ${r.timedOut ? '-' : pct(r.minProbability)} | ${r.source === 'published pool' ? r.p.minProbability : `${r.p.minProbability} (real pool; not comparable)`} |`,
  );
}
console.log(`\n| instance | leximin min p | greedy min p (${draws} draws) | greedy stuck draws |`);
console.log('|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.p.instance} | ${r.timedOut ? '- (time limit)' : pct(r.minProbability)} | ${r.greedyMin === undefined ? 'never succeeded' : pct(r.greedyMin)} | ${r.greedyFailures ?? '-'} |`,
  );
if (baselineLimit > 0) {
  console.log(
    `\n| instance | this method s (median wall) | v3 method s (1 run, same process) | this / v3 | v3 certificate | max difference of a probability |`,
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const b = r.baseline!;
    const med = median(r.times);
    console.log(
      `| ${r.p.instance} | ${r.timedOut ? `> ${timeLimit}` : med.toFixed(3)} | ${b.timedOut ? `> ${baselineLimit}` : b.seconds.toFixed(3)} | ${b.timedOut ? `< ${(med / baselineLimit).toFixed(3)}` : (med / b.seconds).toFixed(3)} | ${b.certificate ? 'met' : b.timedOut ? 'time limit' : 'NOT met'} | ${Number.isNaN(b.maxDifference) ? '-' : b.maxDifference.toExponential(1)} |`,
    );
  }
}
