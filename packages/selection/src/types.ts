/** One volunteer: an identifier (never a name in published pools) and one value per category. */
export interface Volunteer {
  readonly id: string;
  readonly features: Readonly<Record<string, string>>;
}

/** A quota: how many panel members must (min) and may (max) have `feature` in `category`. */
export interface Quota {
  readonly category: string;
  readonly feature: string;
  readonly min: number;
  readonly max: number;
}

/** Where an input item came from, so that errors can name the file and row. */
export interface SourceRef {
  readonly file: string;
  /** 1-based line number in the file (the header is line 1). */
  readonly row: number;
}

/** In-memory input of a selection, as the server or the CLI passes it. */
export interface SelectionInput {
  readonly pool: readonly Volunteer[];
  readonly quotas: readonly Quota[];
  readonly size: number;
  /** Optional provenance of pool rows (same order as `pool`) and quota rows, for error messages. */
  readonly poolSources?: readonly SourceRef[];
  readonly quotaSources?: readonly SourceRef[];
  /** Header row of the pool, used when an error concerns a whole category (defaults to "pool"). */
  readonly poolFile?: string;
  readonly quotaFile?: string;
}

/** Tuning and diagnostics of the leximin engine; the defaults are what the tests and the CLI use. */
export interface LeximinOptions {
  /**
   * Solve over types (distinct feature vectors) with integer counts. `false` solves over
   * individuals (every volunteer is its own type): the same answer, used to check the reduction.
   */
  readonly reduceTypes?: boolean;
  /** Column-generation tolerance on the pricing value (the optimality certificate). */
  readonly epsilon?: number;
  /** Use the cheap local-search pricing before the exact ILP (the ILP always certifies the end). */
  readonly heuristicPricing?: boolean;
  /**
   * Which restricted master LP to re-solve: the paper's dual LP (`dual`, one row per panel, dual
   * simplex) or the primal maximin LP (`primal`, the default: one column per panel, primal simplex).
   * Both give the same probabilities; their speed was within measurement noise on our runs.
   */
  readonly master?: 'dual' | 'primal';
  /**
   * Solve the leximin over the LP relaxation of the composition polytope first, decompose its
   * optimum into panels and certify every round with the exact pricing ILP (default true); when
   * the relaxation's optimum is not a mixture of panels, the column generation takes over.
   * `false` runs the column generation only (the same probabilities; used by the tests).
   */
  readonly relaxation?: boolean;
  /** Give up (TimeLimitError) after this many seconds; no limit by default. */
  readonly timeLimitSeconds?: number;
  /**
   * Cover phase of the fast path's decomposition (default true): first add panels until every type
   * of positive target is in one, instead of letting the master's degenerate duals do it.
   */
  readonly coverPhase?: boolean;
  /**
   * Peeling first in the fast path's decomposition (default true): Carathéodory's construction
   * from the relaxed optimum (peel.ts); the cover phase and the column generation over the face
   * run only when it stops short. `false` is for comparisons (the same probabilities).
   */
  readonly peeling?: boolean;
  /** Called with progress lines (for the benchmark); silent by default. */
  readonly log?: (line: string) => void;
}

/** One panel composition in the leximin distribution: how many of each type, and its probability. */
export interface CompositionWeight {
  /** counts[t] = number of panel members of type t. */
  readonly counts: readonly number[];
  readonly probability: number;
}

/** The optimality certificate of the column generation (Flanigan et al. 2021, Methods). */
export interface Certificate {
  /** True when in every leximin round the exact pricing ILP proved no panel beats the dual by more than epsilon. */
  readonly met: boolean;
  readonly epsilon: number;
  /** Largest (pricing upper bound - dual cap) seen at the end of a round; <= epsilon when met. */
  readonly worstGap: number;
  /** Largest shortfall of a realised probability below its fixed leximin value (numerical slack). */
  readonly maxShortfall: number;
}

/** The leximin allocation: a distribution over panel compositions and everyone's probability. */
export interface Allocation {
  readonly types: readonly TypeInfo[];
  readonly compositions: readonly CompositionWeight[];
  /** Selection probability per volunteer id. */
  readonly probabilities: ReadonlyMap<string, number>;
  readonly minProbability: number;
  readonly certificate: Certificate;
  readonly stats: LeximinStats;
}

/** A type: volunteers with identical feature values (canonical category order). */
export interface TypeInfo {
  readonly values: readonly string[];
  /** Member ids in pool order. */
  readonly members: readonly string[];
}

/** Counters of the column generation, for the benchmark and README. */
export interface LeximinStats {
  readonly poolSize: number;
  readonly types: number;
  readonly rounds: number;
  readonly columns: number;
  readonly lpSolves: number;
  readonly ilpSolves: number;
  readonly heuristicColumns: number;
  /** True when the LP-relaxation path certified the result; false when the column generation ran. */
  readonly relaxationPath: boolean;
  /** Seconds spent in the dual LP and in the pricing ILP (the rest is JavaScript). */
  readonly lpSeconds: number;
  readonly ilpSeconds: number;
  readonly seconds: number;
}

/** What the server publishes after a lottery. */
export interface SelectionResult {
  readonly panel: string[];
  readonly probabilities: Record<string, number>;
  readonly seed: string;
  readonly inputDigest: string;
  readonly minProbability: number;
  readonly certificate: Certificate;
  /** Engine identification: a re-run must use the same engine version to reproduce the draw. */
  readonly engine: string;
  readonly stats: LeximinStats;
}
