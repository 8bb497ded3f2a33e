import path from 'node:path';
import { ConsensusEngine, adjustedRandIndex } from '../src/index.ts';
import { readPolisExport } from '../src/polis-export.ts';
const data = path.resolve(import.meta.dirname, '../../../../shared/data/polis');
const batches = Number(process.argv[2] ?? 50);
for (const conv of ['15-per-hour-seattle','brexit-consensus','canadian-electoral-reform','football-concussions','london.youth.policing','scoop-hivemind.affordable-housing','scoop-hivemind.biodiversity','scoop-hivemind.ubi']) {
  const ex = readPolisExport(path.join(data, conv));
  const eng = new ConsensusEngine();
  eng.setModeratedOut(ex.moderatedOut);
  const v = ex.votes; const n = v.vote.length;
  let res;
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    const lo = Math.floor(b*n/batches), hi = Math.floor((b+1)*n/batches);
    eng.addVotes({ participantIds: v.participantIds, statementIds: v.statementIds, participant: v.participant.subarray(lo,hi), statement: v.statement.subarray(lo,hi), vote: v.vote.subarray(lo,hi), time: v.time!.subarray(lo,hi) });
    try { res = eng.run(); } catch { }
  }
  const a:number[]=[], bb:number[]=[];
  for (const [p,g] of ex.polisGroups) { if (g===null) continue; const o = res!.groups[p]; if (o===undefined) continue; a.push(g); bb.push(o); }
  console.log(conv, 'ms', (performance.now()-t0).toFixed(0), 'k', res!.k.chosen, 'best', res!.k.best, 'ARI', adjustedRandIndex(a,bb).toFixed(3), 'n', a.length);
}
