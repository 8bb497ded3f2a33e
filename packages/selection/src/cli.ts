/** Entry point of `npm run select` (see cli-run.ts). */
import { runCli } from './cli-run.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
