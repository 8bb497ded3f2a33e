/**
 * Typed errors of the consensus engine. Malformed input is never guessed at: it stops with an
 * error naming where it came from (file and row for exports, vote index for the library API).
 */

/** Raised when the votes, moderation flags or options given to the engine are invalid. */
export class ConsensusInputError extends Error {
  override name = 'ConsensusInputError';
}

/** Raised when a Pol.is export folder is malformed; `file` and `row` (1-based, header = row 1) say where. */
export class PolisExportError extends ConsensusInputError {
  override name = 'PolisExportError';
  constructor(
    readonly file: string,
    readonly row: number | undefined,
    detail: string,
  ) {
    super(`${file}${row === undefined ? '' : `, row ${row}`}: ${detail}`);
  }
}
