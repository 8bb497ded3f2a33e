import path from 'node:path';
import { computeConsensus, adjustedRandIndex } from '../src/index.ts';
import { readPolisExport } from '../src/polis-export.ts';
const root = path.resolve(import.meta.dirname, '../../..');
const data = path.resolve(root, '../shared/data/polis');
for (const conv of ['15-per-hour-seattle','brexit-consensus','canadian-electoral-reform','football-concussions','london.youth.policing','scoop-hivemind.affordable-housing','scoop-hivemind.biodiversity','scoop-hivemind.ubi']) {
  const ex = readPolisExport(path.join(data, conv));
  const t0 = performance.now();
  const res = computeConsensus({ votes: ex.votes, moderatedOut: ex.moderatedOut, statements: ex.statements.map(s=>s.id) });
  const t1 = performance.now();
  const a: number[] = [], b: number[] = [];
  for (const [p, g] of ex.polisGroups) { if (g === null) continue; const o = res.groups[p]; if (o === undefined) continue; a.push(g); b.push(o); }
  const polisK = new Set([...ex.polisGroups.values()].filter(x=>x!==null)).size;
  const forced = computeConsensus({ votes: ex.votes, moderatedOut: ex.moderatedOut, options: { forceK: polisK } });
  const a2: number[] = [], b2: number[] = [];
  for (const [p, g] of ex.polisGroups) { if (g === null) continue; const o = forced.groups[p]; if (o === undefined) continue; a2.push(g); b2.push(o); }
  console.log(conv, 'ms', (t1-t0).toFixed(1), 'it', res.pca.iterations, res.pca.converged, 'both', a.length, 'polisIn', [...ex.polisGroups.values()].filter(x=>x!==null).length, 'ours', Object.keys(res.groups).length, 'k', res.k.chosen, 'polisK', polisK, 'ARI', adjustedRandIndex(a,b).toFixed(3), 'forcedARI', adjustedRandIndex(a2,b2).toFixed(3), JSON.stringify(res.k.silhouettes));
}
