/**
 * Generates packages/consensus/VALIDATION.md: our groups and consensus against Pol.is's on the
 * eight shared conversations, the scikit-learn cross-check of the projection, and an explanation
 * of every disagreement derived from the diagnostics. Run: npx tsx packages/consensus/scripts/validate.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { conversationNames, POLIS_DATA } from '../src/conversations.ts';
import { sklearnCheck } from '../src/sklearn-check.ts';
import { validateConversation, type ConversationValidation } from '../src/validation.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const f3 = (x: number): string => x.toFixed(3);
const pct = (a: number, n: number): string => (n ? `${Math.round((100 * a) / n)} %` : '–');
const clip = (s: string, n = 90): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return (t.length > n ? t.slice(0, n - 1) + '…' : t).replace(/\|/g, '\\|');
};

function explain(v: ConversationValidation): string[] {
  const out: string[] = [];
  if (v.ari >= 0.9 && v.ourK === v.polisK) {
    out.push(`Agreement: ARI ${f3(v.ari)} with the same number of groups (${v.ourK}).`);
    return out;
  }
  const sil = v.silhouettes;
  const best = Object.entries(sil).sort((a, b) => b[1] - a[1])[0]!;
  if (v.ourK !== v.polisK) {
    const polisSil = sil[String(v.polisK)];
    out.push(
      `Number of groups: Pol.is shows ${v.polisK}, a single run on the final data picks ${v.ourK} ` +
        `(silhouette over the base clusters: k=${best[0]} ${f3(best[1])}` +
        (polisSil !== undefined
          ? `, k=${v.polisK} ${f3(polisSil)}`
          : `, k=${v.polisK} not allowed with ${v.ourClustered} clustered participants`) +
        `). Pol.is only switches k after the new best has won 4 updates in a row (the k buffer), so its k reflects earlier states of the conversation.`,
    );
    out.push(`With k forced to Pol.is's ${v.polisK}, ARI is ${f3(v.ariForcedK)}.`);
  }
  if (v.polisClustered !== v.ourClustered) {
    out.push(
      `Who is clustered: Pol.is grouped ${v.polisClustered} participants, we group ${v.ourClustered} (at least min(7, statements) votes, topped up to 15).` +
        (v.polisBelowThreshold > 0
          ? ` ${v.polisBelowThreshold} of Pol.is's grouped participants have fewer than 7 votes: the export was made by an older version with a lower threshold (or moderation has since removed statements), and Pol.is never removes a participant once clustered. The ARI is computed over the ${v.both} participants both cluster.`
          : ''),
    );
  }
  if (v.moderatedOut * 5 >= v.statements) {
    out.push(
      `Moderation: ${v.moderatedOut} of the ${v.statements} voted statements are moderated out (zero for everyone here); until each was moderated it shaped Pol.is's projection and its warm-started clusters, which keep that imprint.`,
    );
  }
  out.push(
    `History: replaying the votes in time order as ${v.replayBatches} warm-started updates (as Pol.is's math worker does) gives ARI ${f3(v.ariReplay)} with k=${v.replayK}` +
      (v.ariReplay > v.ari + 0.05 ? ', closer to Pol.is: the groups depend on the path of warm starts.' : '.'),
  );
  const ratio = v.wcssPolis / v.wcssOurs;
  out.push(
    `K-means objective with Pol.is's k in our (scikit-learn-verified) projection: Pol.is's grouping has a within-group sum of squares ${f3(ratio)}× ours` +
      (ratio > 1.02
        ? ", so on the final data Pol.is's partition is a worse k-means solution than ours — it is a local optimum inherited from warm starts on earlier data, not what k-means finds on this data."
        : ratio < 0.98
          ? ', so Pol.is reached a better local optimum from its history of warm starts than our cold start from the first distinct points.'
          : ': both are equally good k-means solutions of different shape (the partition is not well determined).'),
  );
  return out;
}

function section(v: ConversationValidation, sk: ReturnType<typeof sklearnCheck>): string {
  const r = v.result;
  const lines: string[] = [];
  lines.push(`## ${v.name}`, '');
  lines.push(
    `${v.participants} participants, ${v.statements} statements with votes (${v.moderatedOut} moderated out), ${v.votes} latest votes.`,
    '',
    '| | Pol.is | ours |',
    '| --- | --- | --- |',
    `| participants grouped | ${v.polisClustered} | ${v.ourClustered} |`,
    `| groups | ${v.polisK} | ${v.ourK} (silhouettes ${Object.entries(v.silhouettes)
      .map(([k, s]) => `k=${k}: ${f3(s)}`)
      .join(', ')}) |`,
    `| ARI over the ${v.both} participants both group | | **${f3(v.ari)}** |`,
    `| ARI with Pol.is's k forced | | ${f3(v.ariForcedK)} |`,
    `| ARI after replaying the history (${v.replayBatches} updates) | | ${f3(v.ariReplay)} (k=${v.replayK}) |`,
    `| scikit-learn PCA: max abs. deviation of PC1, PC2 (up to sign) | | ${sk.maxDeviation[0].toExponential(1)}, ${sk.maxDeviation[1].toExponential(1)} |`,
    '',
  );
  lines.push('**Explanation.** ' + explain(v).join(' '), '');
  // Consensus beside vote shares: everyone, our groups, Pol.is's groups.
  const polisIds = [...new Set([...v.export.polisGroups.values()].filter((g): g is number => g !== null))].sort((a, b) => a - b);
  const votesByPolis = new Map<number, Map<string, [number, number, number]>>();
  const ex = v.export;
  const latest = new Map<string, number>();
  for (let i = 0; i < ex.votes.vote.length; i++)
    latest.set(
      `${ex.votes.participantIds[ex.votes.participant[i]!]}\u0000${ex.votes.statementIds[ex.votes.statement[i]!]}`,
      ex.votes.vote[i]!,
    );
  for (const [key, vote] of latest) {
    const [p, s] = key.split('\u0000') as [string, string];
    const g = ex.polisGroups.get(p);
    if (g === null || g === undefined) continue;
    const m = votesByPolis.get(g) ?? new Map();
    const c = m.get(s) ?? [0, 0, 0];
    if (vote > 0) c[0]++;
    else if (vote < 0) c[1]++;
    c[2]++;
    m.set(s, c);
    votesByPolis.set(g, m);
  }
  const share = (a: number, d: number, n: number): string => (n ? `${pct(a, n)} / ${pct(d, n)} (${n})` : '–');
  if (r.consensus.length === 0) lines.push('No statement reaches consensus (p > 0.5 and z > 1.2816).', '');
  else {
    lines.push(
      'Consensus statements (agree / disagree share and number of votes):',
      '',
      `| | statement | everyone | ${r.groupList.map((g) => `our group ${g.group}`).join(' | ')} | ${polisIds.map((g) => `Pol.is group ${g}`).join(' | ')} |`,
      `| --- | --- | --- | ${r.groupList.map(() => '---').join(' | ')} | ${polisIds.map(() => '---').join(' | ')} |`,
    );
    for (const c of r.consensus) {
      const t = r.totals[c.statement]!;
      const ours = r.groupList.map((g) => {
        const x = g.votes[c.statement]!;
        return share(x.agree, x.disagree, x.seen);
      });
      const theirs = polisIds.map((g) => {
        const x = votesByPolis.get(g)?.get(c.statement) ?? [0, 0, 0];
        return share(x[0], x[1], x[2]);
      });
      lines.push(
        `| ${c.direction} | #${c.statement} ${clip(v.texts.get(c.statement) ?? '')} | ${share(t.agree, t.disagree, t.seen)} | ${ours.join(' | ')} | ${theirs.join(' | ')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

const names = conversationNames();
const results = names.map((name) => {
  const v = validateConversation(path.join(POLIS_DATA, name));
  const sk = sklearnCheck(v.export, v.result);
  process.stderr.write(
    `${name}: ARI ${f3(v.ari)} (k ${v.ourK} vs ${v.polisK}), replay ${f3(v.ariReplay)}, sklearn ${sk.maxDeviation.map((d) => d.toExponential(1)).join(', ')}\n`,
  );
  return { v, sk };
});
const maxDev = Math.max(...results.flatMap((x) => x.sk.maxDeviation));
const doc = [
  '# Validation on real Pol.is conversations',
  '',
  `Generated by \`npx tsx packages/consensus/scripts/validate.ts\` (do not edit by hand). Data: \`../shared/data/polis/\`, eight public Pol.is conversations, CC BY 4.0, gathered with the Polis software (compdemocracy.org/polis), attribution to The Computational Democracy Project.`,
  '',
  "For each conversation we run the engine once on the final votes (cold start, seed 0) and compare our groups with the `group-id` Pol.is exported, by the adjusted Rand index (ARI, 1 = same partition, 0 = chance) over the participants both of us group. Pol.is's exported groups are the end of a long history of updates (warm starts of the PCA and of k-means, the k buffer, thresholds of older versions), so a single run on the final data is not expected to match everywhere; each disagreement is explained from three diagnostics: the ARI with Pol.is's number of groups forced, the ARI after replaying the votes in time order as warm-started updates, and the k-means objective of both partitions in our projection.",
  '',
  `The projection is checked against scikit-learn ${results[0]!.sk.sklearnVersion} (\`PCA(n_components=2, svd_solver="full")\` on the dense mean-imputed matrix, \`/usr/bin/python3\`): the largest deviation of any component entry, up to sign, over all conversations is ${maxDev.toExponential(1)} (goal: 1e-6).`,
  '',
  '## Summary',
  '',
  '| conversation | participants | Pol.is groups | our groups | grouped (Pol.is / ours / both) | ARI | ARI, k forced | ARI, history replayed | sklearn max dev. |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...results.map(
    ({ v, sk }) =>
      `| ${v.name} | ${v.participants} | ${v.polisK} | ${v.ourK} | ${v.polisClustered} / ${v.ourClustered} / ${v.both} | ${f3(v.ari)} | ${f3(v.ariForcedK)} | ${f3(v.ariReplay)} | ${Math.max(...sk.maxDeviation).toExponential(1)} |`,
  ),
  '',
  ...results.map(({ v, sk }) => section(v, sk)),
].join('\n');
writeFileSync(path.resolve(here, '../VALIDATION.md'), doc + '\n');
process.stderr.write('wrote VALIDATION.md\n');
