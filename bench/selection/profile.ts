/**
 * Per-instance profile of the leximin engine (not part of the benchmark table): runs
 * computeLeximin once per instance and prints its stats (rounds, LP/ILP solves and seconds).
 * Usage: npx tsx bench/selection/profile.ts name[,name...] [--log]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProblem, computeLeximin, engineVersion, parseCsv } from '@shangliang/selection';
import { generateInstance } from './generate.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = path.resolve(REPO_ROOT, '../shared/data/sortition');
const rows = parseCsv(readFileSync(path.join(DATA, 'published_leximin_runs.csv'), 'utf8')).slice(1);
const names = (process.argv[2] ?? 'mass_24').split(',');
const log = process.argv.includes('--log');
await engineVersion();
for (const name of names) {
  const f = rows.find((r) => r.fields[0] === name)!.fields;
  const g = await generateInstance(name, Number(f[1]), Number(f[2]), Number(f[3]));
  const problem = buildProblem(g);
  if (process.env.WARM) await computeLeximin(problem, { timeLimitSeconds: 400 });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const a = await computeLeximin(problem, { timeLimitSeconds: Number(process.env.LIMIT ?? 400), log: log ? console.log : undefined });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  console.log(
    JSON.stringify({
      name,
      wall: +wall.toFixed(3),
      cpu: +((cpu.user + cpu.system) / 1e6).toFixed(3),
      min: a.minProbability,
      cert: a.certificate,
      ...a.stats,
    }),
  );
}
