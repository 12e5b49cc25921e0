/**
 * `npm run cli -- <command>`: headless commands for IT staff and scripts. Results go to stdout,
 * progress and failures to stderr; SIGINT/SIGTERM let a running command finish cleanly.
 */
import { COMMANDS } from './commands';
import { runCli } from './run';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { controller.abort(); });
}

process.exitCode = await runCli(process.argv.slice(2), COMMANDS, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  now: () => Date.now(),
  signal: controller.signal,
});
