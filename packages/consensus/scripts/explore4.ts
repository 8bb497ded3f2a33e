import { ConsensusEngine } from '../src/index.ts';
import { plantedConversation, holdOut } from '../src/synthetic.ts';
import * as km from '../src/kmeans.ts';
const { votes } = plantedConversation({ participants: 100000, statements: 2000, density: 0.1, groupShares: [0.5, 0.3, 0.2], seed: 3 });
const [base, extra] = holdOut(votes, 0.01);
const eng = new ConsensusEngine();
eng.addVotes(base);
const r = eng.run();
const pts = new Float64Array(2 * 100000); let i = 0;
for (const id of votes.participantIds) { const p = r.positions[id]!; pts[2*i] = p[0]; pts[2*i+1] = p[1]; i++; }
let xs = pts.filter((_, j) => j % 2 === 0); console.log('x range', Math.min(...xs), Math.max(...xs));
let t = performance.now();
const init = km.initClusters(pts, 100000, 100);
const c1 = km.kmeans(pts, 100000, 100, { start: init, maxIterations: 100 });
console.log('cold kmeans', (performance.now() - t).toFixed(0));
for (const it of [1, 2, 5, 10, 20, 50]) { t = performance.now(); km.kmeans(pts, 100000, 100, { start: km.initClusters(pts, 100000, 100), maxIterations: it }); console.log('iters', it, (performance.now() - t).toFixed(0)); }
t = performance.now();
const cs = km.cleanStartClusters(pts, 100000, c1, 100);
console.log('cleanstart', (performance.now() - t).toFixed(0));
t = performance.now();
const c2 = km.kmeans(pts, 100000, 100, { start: cs, maxIterations: 100 });
console.log('warm kmeans same data', (performance.now() - t).toFixed(0));
console.log('iters', (globalThis as any).__kmIters);
t = performance.now();
const c3 = km.kmeans(pts, 100000, 100, { start: c2, maxIterations: 100 });
console.log('warm kmeans from converged', (performance.now() - t).toFixed(0), (globalThis as any).__kmIters);
