/**
 * The `npm run select` command: read a pool and a quota file, run the leximin lottery with a
 * public seed, print the panel and the probabilities (or JSON with --json). With `--replace ID`
 * (repeated, in order) it then replays the replacement draws for members who declined, each with
 * the seed derived from the lottery's (replacementSeed), as the server drew them.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InfeasibleQuotasError, MalformedInputError, SelectionError } from './errors.ts';
import { parsePoolCsv, parseQuotasCsv } from './files.ts';
import { NotOnPanelError, replaceInTurn, selectPanel, type ReplacementStep } from './select.ts';

const USAGE = 'usage: npm run select -- --pool pool.csv --quotas quotas.csv --size N --seed S [--replace ID ...] [--json]';

/** Output sinks, so tests can capture what the command prints. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Run the command with argv (without node and script); returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  /** A usage error: the message, the usage line, exit code 64. */
  const usage = (text: string): number => {
    io.err(`${text}\n${USAGE}\n`);
    return 64;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        pool: { type: 'string' },
        quotas: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        replace: { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    return usage((e as Error).message);
  }
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (!values.pool || !values.quotas || values.size === undefined || values.seed === undefined) return usage('missing option');
  const declined = values.replace.map((id) => id.trim());
  for (const [i, id] of declined.entries()) {
    if (id === '') return usage(`--replace: replacement ${i + 1} names no id`);
    if (declined.indexOf(id) !== i) return usage(`--replace: "${id}" is given twice (each volunteer declines once)`);
  }
  try {
    const pool = parsePoolCsv(readText(values.pool), values.pool);
    const quotas = parseQuotasCsv(readText(values.quotas), values.quotas);
    if (!/^\d+$/.test(values.size)) throw new MalformedInputError('--size', 0, `panel size "${values.size}" is not a whole number`);
    const unknown = declined.find((id) => !pool.pool.some((v) => v.id === id));
    if (unknown !== undefined) return usage(`--replace: "${unknown}" is not an id of ${values.pool}`);
    const result = await selectPanel({
      pool: pool.pool,
      poolSources: pool.sources,
      poolFile: pool.file,
      quotas: quotas.quotas,
      quotaSources: quotas.sources,
      quotaFile: quotas.file,
      size: Number(values.size),
      seed: values.seed,
    });
    let series: { panel: string[]; replacements: ReplacementStep[] } | undefined;
    if (declined.length) {
      try {
        series = await replaceInTurn({ pool: pool.pool, quotas: quotas.quotas, panel: result.panel, seed: result.seed, declined });
      } catch (e) {
        if (e instanceof NotOnPanelError)
          return usage(`--replace: "${e.id}" (replacement ${e.ordinal}) is not on the panel after ${e.ordinal - 1} replacement(s)`);
        throw e;
      }
    }
    if (values.json) {
      io.out(
        `${JSON.stringify({
          panel: result.panel,
          probabilities: result.probabilities,
          seed: result.seed,
          inputDigest: result.inputDigest,
          ...(series ? { replacements: series.replacements, currentPanel: series.panel } : {}),
        })}\n`,
      );
      return 0;
    }
    const lines = [
      `Panel of ${result.panel.length} (seed ${JSON.stringify(result.seed)}):`,
      `  ${result.panel.join(' ')}`,
      '',
      `Input digest (SHA-256): ${result.inputDigest}`,
      `Engine: ${result.engine}`,
      `Minimum selection probability: ${(result.minProbability * 100).toFixed(4)} %`,
      `Optimality certificate: ${result.certificate.met ? 'met' : 'NOT met'} (gap ${result.certificate.worstGap.toExponential(2)} <= ${result.certificate.epsilon})`,
      `Solved over ${result.stats.types} types of ${result.stats.poolSize} volunteers in ${result.stats.seconds.toFixed(3)} s`,
      ...(series
        ? [
            '',
            ...series.replacements.map(
              (r) => `Replacement ${r.ordinal} (seed ${JSON.stringify(r.seed)}): ${r.declined} declined, ${r.replacement} replaces them`,
            ),
            `Panel after ${series.replacements.length} replacement(s):`,
            `  ${series.panel.join(' ')}`,
          ]
        : []),
      '',
      'id,probability,selected',
      ...Object.entries(result.probabilities).map(([id, p]) => `${csvField(id)},${p.toFixed(8)},${result.panel.includes(id) ? 1 : 0}`),
    ];
    io.out(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof MalformedInputError) {
      io.err(`malformed input: ${e.message}\n`);
      return 65;
    }
    if (e instanceof InfeasibleQuotasError) {
      io.err(`infeasible quotas: ${e.message}\n`);
      return 66;
    }
    if (e instanceof SelectionError) {
      io.err(`selection failed: ${e.message}\n`);
      return 70;
    }
    throw e;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new MalformedInputError(path, 0, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
