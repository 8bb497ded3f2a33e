/**
 * Representative statements, consensus and group-informed consensus, as Pol.is
 * math/src/polismath/math/repness.clj and stats.clj (and conversation.clj `:group-aware-consensus`).
 */

/** Vote counts per statement for a set of participants. `seen` counts agree + disagree + pass. */
export interface VoteCounts {
  agree: Int32Array;
  disagree: Int32Array;
  seen: Int32Array;
}

/** Pol.is stats.clj `prop-test`: one-proportion z-test with a +1 prior, 2·sqrt(n + 1)·((s + 1)/(n + 1) − 0.5). */
export function propTest(succ: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((succ + 1) / (n + 1) - 0.5);
}

/** Pol.is stats.clj `two-prop-test`: two-proportion z-test, each count + 1; 0 when the pooled share is 1. */
export function twoPropTest(succIn: number, succOut: number, popIn: number, popOut: number): number {
  const s1 = succIn + 1;
  const s2 = succOut + 1;
  const n1 = popIn + 1;
  const n2 = popOut + 1;
  const pi1 = s1 / n1;
  const pi2 = s2 / n2;
  const piHat = (s1 + s2) / (n1 + n2);
  if (piHat === 1) return 0;
  return (pi1 - pi2) / Math.sqrt(piHat * (1 - piHat) * (1 / n1 + 1 / n2));
}

/** Pol.is stats.clj `z-sig-90?`: significant at 90 %, one-sided. */
export function zSig90(z: number): boolean {
  return z > 1.2816;
}

/** Per group and statement statistics (Pol.is `comment-stats` + `add-comparitive-stats`). */
export interface CommentStats {
  na: number;
  nd: number;
  ns: number;
  pa: number;
  pd: number;
  pat: number;
  pdt: number;
  ra: number;
  rd: number;
  rat: number;
  rdt: number;
}

/** Statistics of statement c for every group against the other groups combined. */
export function commentStats(groups: readonly VoteCounts[], c: number): CommentStats[] {
  let totA = 0;
  let totD = 0;
  let totS = 0;
  for (const g of groups) {
    totA += g.agree[c]!;
    totD += g.disagree[c]!;
    totS += g.seen[c]!;
  }
  return groups.map((g) => {
    const na = g.agree[c]!;
    const nd = g.disagree[c]!;
    const ns = g.seen[c]!;
    const ra_ = totA - na;
    const rd_ = totD - nd;
    const rs_ = totS - ns;
    // pa = (1 + na)/(2 + ns), pd likewise (repness.clj comment-stats-graphimpl).
    const pa = (1 + na) / (2 + ns);
    const pd = (1 + nd) / (2 + ns);
    return {
      na,
      nd,
      ns,
      pa,
      pd,
      pat: propTest(na, ns),
      pdt: propTest(nd, ns),
      // Ratio against all other groups combined (add-comparitive-stats): pa / ((1 + Σna)/(2 + Σns)).
      ra: pa / ((1 + ra_) / (2 + rs_)),
      rd: pd / ((1 + rd_) / (2 + rs_)),
      rat: twoPropTest(na, ra_, ns, rs_),
      rdt: twoPropTest(nd, rd_, ns, rs_),
    };
  });
}

/** A representative statement of a group (Pol.is `finalize-cmt-stats`). */
export interface RepStatement {
  statement: string;
  repfulFor: 'agree' | 'disagree';
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
  repness: number;
  repnessTest: number;
  /** Score used for ranking: repness × repness-test × p-success × p-test. */
  score: number;
  bestAgree?: boolean;
}

function finalize(statement: string, s: CommentStats): RepStatement {
  const agree = s.rat > s.rdt;
  const r: RepStatement = agree
    ? {
        statement,
        repfulFor: 'agree',
        nSuccess: s.na,
        nTrials: s.ns,
        pSuccess: s.pa,
        pTest: s.pat,
        repness: s.ra,
        repnessTest: s.rat,
        score: 0,
      }
    : {
        statement,
        repfulFor: 'disagree',
        nSuccess: s.nd,
        nTrials: s.ns,
        pSuccess: s.pd,
        pTest: s.pdt,
        repness: s.rd,
        repnessTest: s.rdt,
        score: 0,
      };
  // repness-metric: ratio × ratio-test × p × p-test.
  r.score = r.repness * r.repnessTest * r.pSuccess * r.pTest;
  return r;
}

/** Pol.is `passes-by-test?`: ratio test and proportion test both significant, for agree or disagree. */
function passesByTest(s: CommentStats): boolean {
  return (zSig90(s.rat) && zSig90(s.pat)) || (zSig90(s.rdt) && zSig90(s.pdt));
}

/** Pol.is `beats-best-agr?`: keeps the best agreed statement so each group shows what it agrees on. */
function beatsBestAgree(s: CommentStats, best: CommentStats | undefined): boolean {
  if (s.na === 0 && s.nd === 0) return false;
  if (best && best.ra > 1.0) return s.ra * s.rat * s.pa * s.pat > best.ra * best.rat * best.pa * best.pat;
  if (best) return s.pa * s.pat > best.pa * best.pat;
  return zSig90(s.pat) || (s.ra > 1.0 && s.pa > 0.5);
}

/**
 * Representative statements per group (Pol.is `select-rep-comments`): statements passing the tests,
 * sorted by score, the best agreed statement put first, top 5, agrees before disagrees; when none
 * passes, the single best statement. Statements flagged in `excluded` (moderated out) are skipped.
 */
export function selectRepresentative(
  groups: readonly VoteCounts[],
  statementIds: readonly string[],
  excluded: Uint8Array,
): RepStatement[][] {
  const G = groups.length;
  const sufficient: RepStatement[][] = Array.from({ length: G }, () => []);
  const best: (RepStatement | undefined)[] = new Array(G).fill(undefined);
  const bestAgree: ({ s: CommentStats; c: number } | undefined)[] = new Array(G).fill(undefined);
  for (let c = 0; c < statementIds.length; c++) {
    if (excluded[c]) continue;
    const stats = commentStats(groups, c);
    for (let g = 0; g < G; g++) {
      const s = stats[g]!;
      if (passesByTest(s)) sufficient[g]!.push(finalize(statementIds[c]!, s));
      // beats-best-by-test?: track the best by max(rat, rdt) while nothing passes.
      if (sufficient[g]!.length === 0) {
        const b = best[g];
        if (b === undefined || Math.max(s.rat, s.rdt) > b.repnessTest) best[g] = finalize(statementIds[c]!, s);
      }
      if (beatsBestAgree(s, bestAgree[g]?.s)) bestAgree[g] = { s, c };
    }
  }
  return sufficient.map((suff, g) => {
    const ba = bestAgree[g];
    let head: RepStatement | undefined;
    if (ba) {
      const s = ba.s;
      // Pol.is finalizes the best agree like any other (so it may read as a disagree) and marks it.
      head = { ...finalize(statementIds[ba.c]!, s), bestAgree: true };
    }
    if (suff.length === 0) {
      const b = head ?? best[g];
      return b ? [b] : [];
    }
    const sorted = suff
      .filter((r) => !head || r.statement !== head.statement)
      .sort((a, b) => b.score - a.score || cmpId(a.statement, b.statement));
    const top = (head ? [head, ...sorted] : sorted).slice(0, 5);
    // agrees-before-disagrees
    return [...top.filter((r) => r.repfulFor === 'agree'), ...top.filter((r) => r.repfulFor === 'disagree')];
  });
}

/** A consensus statement (Pol.is `select-consensus-comments` format-stat). */
export interface ConsensusStatement {
  statement: string;
  direction: 'agree' | 'disagree';
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
}

/**
 * Consensus across all participants (Pol.is `consensus-stats` + `select-consensus-comments`):
 * statements with p > 0.5 and a significant proportion test, top 5 by p × test, for agreement and
 * for disagreement.
 */
export function selectConsensus(
  all: VoteCounts,
  statementIds: readonly string[],
  excluded: Uint8Array,
  top = 5,
): { agree: ConsensusStatement[]; disagree: ConsensusStatement[] } {
  const pick = (direction: 'agree' | 'disagree'): ConsensusStatement[] => {
    const out: (ConsensusStatement & { m: number })[] = [];
    for (let c = 0; c < statementIds.length; c++) {
      if (excluded[c]) continue;
      const ns = all.seen[c]!;
      const n = direction === 'agree' ? all.agree[c]! : all.disagree[c]!;
      const p = (1 + n) / (2 + ns);
      const t = propTest(n, ns);
      if (p > 0.5 && zSig90(t)) {
        out.push({ statement: statementIds[c]!, direction, nSuccess: n, nTrials: ns, pSuccess: p, pTest: t, m: p * t });
      }
    }
    out.sort((a, b) => b.m - a.m || cmpId(a.statement, b.statement));
    return out.slice(0, top).map(({ m: _m, ...rest }) => rest);
  };
  return { agree: pick('agree'), disagree: pick('disagree') };
}

/**
 * Group-informed consensus of each statement (Pol.is conversation.clj `:group-aware-consensus`):
 * the product over groups of (agrees + 1)/(votes + 2), the +1 acting as a prior.
 */
export function groupInformedConsensus(groups: readonly VoteCounts[], nStatements: number): Float64Array {
  const out = new Float64Array(nStatements);
  for (let c = 0; c < nStatements; c++) {
    let p = 1;
    for (const g of groups) p *= (g.agree[c]! + 1) / (g.seen[c]! + 2);
    out[c] = groups.length > 0 ? p : 0;
  }
  return out;
}

/** Orders ids numerically when both are integers, else as strings: stable tie-breaking. */
export function cmpId(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb) && a.trim() !== '' && b.trim() !== '') return na - nb || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}
