/**
 * `npm run consensus -- <folder> [--json] [--seed N]`: reads a Pol.is export folder and prints the
 * result as JSON on stdout (`--json`: compact, one line; default: indented). Malformed input exits
 * with status 2 and an error naming the file and row on stderr.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeConsensus, type ConsensusResult } from './engine.ts';
import { ConsensusInputError } from './errors.ts';
import { readPolisExport } from './polis-export.ts';

/** The JSON the command prints: groups, consensus and repness first, then the rest of the result. */
export function cliOutput(folder: string, seed = 0): Record<string, unknown> {
  const ex = readPolisExport(folder);
  const res: ConsensusResult = computeConsensus({
    votes: ex.votes,
    moderatedOut: ex.moderatedOut,
    statements: ex.statements.map((s) => s.id),
    options: { seed },
  });
  const { groups, consensus, repness, ...rest } = res;
  return { folder: path.basename(path.resolve(folder)), source: ex.source, groups, consensus, repness, ...rest };
}

/** Entry point; returns the process exit code. */
export function main(argv: readonly string[], out = process.stdout, err = process.stderr): number {
  const args = [...argv];
  let compact = false;
  let seed = 0;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') compact = true;
    else if (a === '--seed') {
      const v = Number(args[++i]);
      if (!Number.isInteger(v)) {
        err.write('consensus: --seed needs an integer\n');
        return 1;
      }
      seed = v;
    } else if (a === '--help' || a === '-h') {
      out.write('usage: npm run consensus -- <pol.is export folder> [--json] [--seed N]\n');
      return 0;
    } else rest.push(a);
  }
  if (rest.length !== 1) {
    err.write('usage: npm run consensus -- <pol.is export folder> [--json] [--seed N]\n');
    return 1;
  }
  try {
    const result = cliOutput(rest[0]!, seed);
    out.write(JSON.stringify(result, null, compact ? undefined : 2) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof ConsensusInputError) {
      err.write(`consensus: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
