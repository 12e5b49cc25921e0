/**
 * The CLI's dispatcher: picks the command, parses its options strictly, and turns what happens
 * into the exit codes scripts rely on — 0 done, 1 failed (with the typed error's plain words),
 * 2 called wrongly (with the usage).
 */
import { parseArgs } from 'node:util';
import { toAppError } from '../ipc/router';
import { EXIT_FAILURE, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './command';

export function usageText(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return ['Usage: npm run cli -- <command> [options]', '', 'Commands:', ...lines, '', 'Run `npm run cli -- <command> --help` for a command\u2019s options.', ''].join('\n');
}

export async function runCli(argv: readonly string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usageText(commands));
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = commands.find((each) => each.name === name);
  if (command === undefined) {
    io.err(`Unknown command "${name}".\n\n${usageText(commands)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: npm run cli -- ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  try {
    const parsed = parseArgs({ args: [...rest], options: command.options, strict: true, allowPositionals: true });
    const count = parsed.positionals.length;
    if (count < command.positionals.min || count > command.positionals.max) throw new UsageError(`Wrong number of arguments for ${command.name}.`);
    return await command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals }, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`${(error as Error).message}\nUsage: npm run cli -- ${command.usage}\n`);
      return EXIT_USAGE;
    }
    const appError = toAppError(error);
    io.err(appError === undefined ? `${command.name} failed: an unexpected error inside the app.\n` : `${command.name} failed (${appError.code}): ${appError.message}\n`);
    return EXIT_FAILURE;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
