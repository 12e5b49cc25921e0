import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../main/cli/commands';
import type { CliIo } from '../../main/cli/command';
import { runCli } from '../../main/cli/run';

/** The CLI's vault protector under tests: a passphrase, never the user's machine key. */
export const CLI_ENV = { PRACTICE_COMPANION_PASSPHRASE: 'correct horse battery staple' } as const;

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `npm run cli -- …` in this process with captured output. */
export async function cli(argv: readonly string[], options: { signal?: AbortSignal; now?: () => number; env?: Readonly<Record<string, string>> } = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => { out += text; },
    err: (text) => { err += text; },
    env: options.env ?? CLI_ENV,
    now: options.now ?? Date.now,
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await runCli(argv, COMMANDS, io);
  return { code, out, err };
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pc-cli-'));
  return { dir, remove: () => { rmSync(dir, { recursive: true, force: true }); } };
}
