/**
 * Prints the benchmark figures of a results.json (written by run.ts) as Markdown, for the package
 * README: `npx tsx bench/consensus/figures.ts [results.json]`.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const file = process.argv[2] ?? path.join(tmpdir(), 'shangliang-bench-consensus', 'results.json');
const r = JSON.parse(readFileSync(file, 'utf8'));
const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
const out: string[] = [];
out.push(
  `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC; machine: ${r.machine.cpus} cores (${r.machine.cpu}), ${r.machine.memory}, Node ${r.machine.node}, ` +
    `shared with other work (load average ${r.machine.loadAverageAtStart?.[0]?.toFixed(1)} at start, ${r.machine.loadAverageAtEnd?.[0]?.toFixed(1)} at end); medians of ${r.repeats} runs, ours and scikit-learn alternating.`,
  '',
  '| input | votes | ours | scikit-learn | time ratio | peak memory ours / scikit-learn |',
  '| --- | --- | --- | --- | --- | --- |',
);
for (const c of [...r.conversations, ...(r.synthetic ? [r.synthetic] : [])]) {
  out.push(
    `| ${c.name} | ${c.votes} | ${ms(c.ours.ms)} | ${ms(c.sklearn.ms)} | ${c.ratio.toFixed(2)} | ${mib(c.ours.rss)} / ${mib(c.sklearn.rss)} |`,
  );
}
if (r.synthetic) {
  const s = r.synthetic;
  out.push(
    '',
    `Synthetic 100,000 × 2,000: ours ${ms(s.ours.ms)} (PCA ${ms(s.ours.stages.pca)}, base k-means ${ms(s.ours.stages['base clusters'])}), ` +
      `scikit-learn ${ms(s.sklearn.ms)} (imputation ${ms(s.sklearn.imputeMs)}, PCA ${ms(s.sklearn.pcaMs)}, k-means ${ms(s.sklearn.kmeansMs)}); ` +
      `time ratio **${s.ratio.toFixed(2)}** (goal ≤ 0.5), memory ratio **${(s.ours.rss / s.sklearn.rss).toFixed(2)}** (goal ≤ 1), ` +
      `planted groups ARI **${s.ours.ari.toFixed(3)}** (scikit-learn ${s.sklearn.ari.toFixed(3)}; goal ≥ 0.95), k = ${s.ours.k}.`,
  );
}
for (const [mode, it] of Object.entries(r.incremental ?? {}) as [
  string,
  Record<string, number> & { runs?: { ms: number; fullMs: number; ratio: number }[] },
][]) {
  out.push(
    '',
    `Incremental update, ${mode === 'incremental' ? '1 % of votes at random (touches 86 % of participants)' : 'latest 1 % of votes in time order (newest participants)'}: ` +
      `${ms(it.ms!)} = **${(100 * it.ratioToSameRunFull!).toFixed(1)} %** of the full run on the other 98 % in the same process (${ms(it.fullMs!)}, same load); ` +
      (it.ratioToFull !== undefined
        ? `${(100 * it.ratioToFull).toFixed(1)} % of the median full run above (timed earlier, at another load); `
        : '') +
      `ARI after the update ${it.ari!.toFixed(3)} (goal ≤ 10 %).` +
      (it.runs
        ? ` Each child (update / same-process full run): ${it.runs.map((x: { ms: number; fullMs: number; ratio: number }) => `${ms(x.ms)} / ${ms(x.fullMs)} = ${(100 * x.ratio).toFixed(1)} %`).join('; ')}.`
        : ''),
  );
}
console.log(out.join('\n'));
