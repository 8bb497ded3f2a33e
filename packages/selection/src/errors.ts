/** Base class of every error the selection package throws on purpose. */
export class SelectionError extends Error {
  override readonly name: string = 'SelectionError';
}

/** The leximin computation hit the caller's time limit before its optimality certificate. */
export class TimeLimitError extends SelectionError {
  override readonly name = 'TimeLimitError';
  constructor(readonly seconds: number) {
    super(`no certified leximin allocation within ${seconds} s`);
  }
}

/**
 * A malformed pool or quota file (or in-memory input): names the file, the 1-based row (line;
 * the header is row 1) and the reason, so a convener can fix the file.
 */
export class MalformedInputError extends SelectionError {
  override readonly name = 'MalformedInputError';
  constructor(
    readonly file: string,
    readonly row: number,
    readonly reason: string,
  ) {
    super(`${file}, row ${row}: ${reason}`);
  }
}

/** One quota bound (the lower or the upper end of one quota). */
export interface QuotaBound {
  readonly category: string;
  readonly feature: string;
  readonly bound: 'min' | 'max';
  readonly value: number;
}

/** One quota changed by the smallest relaxation. */
export interface QuotaRelaxation {
  readonly category: string;
  readonly feature: string;
  readonly min: number;
  readonly max: number;
  readonly relaxedMin: number;
  readonly relaxedMax: number;
}

/**
 * The quotas cannot all be met by a panel of the requested size drawn from this pool.
 * `conflict` is an irreducible set of quota bounds that cannot hold together (dropping any one
 * of them makes the rest satisfiable); `relaxation` is a smallest change of quota bounds (fewest
 * seats of total slack) that makes the quotas feasible.
 */
export class InfeasibleQuotasError extends SelectionError {
  override readonly name = 'InfeasibleQuotasError';
  constructor(
    readonly size: number,
    readonly conflict: readonly QuotaBound[],
    readonly relaxation: readonly QuotaRelaxation[],
    readonly totalSlack: number,
  ) {
    super(describeInfeasibility(size, conflict, relaxation, totalSlack));
  }
}

function describeInfeasibility(
  size: number,
  conflict: readonly QuotaBound[],
  relaxation: readonly QuotaRelaxation[],
  totalSlack: number,
): string {
  const lines = [`No panel of ${size} from this pool meets every quota.`];
  lines.push(
    'These quota bounds cannot be met together: ' +
      (conflict.length === 0
        ? '(the pool alone cannot provide the panel size)'
        : conflict.map((b) => `${b.category}=${b.feature} ${b.bound === 'min' ? '>=' : '<='} ${b.value}`).join('; ')),
  );
  lines.push(
    `Smallest relaxation (${totalSlack} seat${totalSlack === 1 ? '' : 's'} in total): ` +
      relaxation
        .map((r) =>
          r.relaxedMin !== r.min
            ? `${r.category}=${r.feature} min ${r.min} -> ${r.relaxedMin}`
            : `${r.category}=${r.feature} max ${r.max} -> ${r.relaxedMax}`,
        )
        .join('; '),
  );
  return lines.join('\n');
}
