/**
 * @shangliang/consensus: opinion groups, consensus and representative statements from votes,
 * following Pol.is's math (compdemocracy/polis math/src/polismath/math/), computed sparsely.
 * Pure TypeScript: no node: imports here, so it runs in a browser or a worker.
 */
export { computeConsensus, ConsensusEngine } from './engine.ts';
export type {
  ConsensusInput,
  ConsensusOptions,
  ConsensusResult,
  ConsensusState,
  DivisiveStatement,
  Group,
  PassedStatement,
  StatementVotes,
} from './engine.ts';
export { ConsensusInputError, PolisExportError } from './errors.ts';
export { VoteStore, votesToColumns } from './votes.ts';
export type { Vote, VoteColumns, VoteValue } from './votes.ts';
export { propTest, twoPropTest, zSig90, commentStats, selectRepresentative, selectConsensus, groupInformedConsensus } from './repness.ts';
export type { RepStatement, ConsensusStatement, VoteCounts, CommentStats } from './repness.ts';
export { kmeans, initClusters, cleanStartClusters, silhouette } from './kmeans.ts';
export type { Cluster } from './kmeans.ts';
export { sparsePca, scaleProjection, centredTable } from './pca.ts';
export { adjustedRandIndex } from './ari.ts';
export { mulberry32 } from './prng.ts';
