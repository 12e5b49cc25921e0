/**
 * What every headless command is: a name, its usage line, its options for node:util's parseArgs,
 * and a run function that gets its parsed arguments and an injected console and environment —
 * so commands are tested in-process with real files and real HTTP.
 */
import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  /** Standard output: results only (JSON Lines, tables), so scripts can consume it. */
  readonly out: (text: string) => void;
  /** Standard error: progress, warnings and failures in plain words. */
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  /** Cancelled on SIGINT/SIGTERM: a sync finishes its page in flight, then stops. */
  readonly signal: AbortSignal;
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCommandLine {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

export interface CliCommand {
  readonly name: string;
  /** One line, e.g. `sync --data-dir DIR [--demo]`. */
  readonly usage: string;
  readonly summary: string;
  readonly options: CliOptions;
  /** How many positionals the command takes (e.g. `search TEXT` takes exactly 1). */
  readonly positionals: { readonly min: number; readonly max: number };
  run(args: ParsedCommandLine, io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called: exit 2 with the message and the usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function requireString(args: ParsedCommandLine, option: string): string {
  const value = args.values[option];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${option} is required.`);
  return value;
}

export function optionalString(args: ParsedCommandLine, option: string): string | undefined {
  const value = args.values[option];
  return typeof value === 'string' ? value : undefined;
}
