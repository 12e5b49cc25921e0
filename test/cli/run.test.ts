import { describe, expect, it } from 'vitest';
import { requireString, type CliCommand, type CliIo } from '../../main/cli/command';
import { runCli } from '../../main/cli/run';

const greet: CliCommand = {
  name: 'greet',
  usage: 'greet NAME --data-dir DIR [--loud]',
  summary: 'Say hello.',
  options: { 'data-dir': { type: 'string' }, loud: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run: (args, io) => {
    requireString(args, 'data-dir');
    const name = args.positionals[0] ?? '';
    if (name === 'quota') throw Object.assign(new Error('x'), { code: 'API2012', explanation: 'Daily limit reached.' });
    if (name === 'crash') throw new Error('SQLITE_CORRUPT: Jane Doe');
    io.out(args.values['loud'] === true ? `HELLO ${name}\n` : `hello ${name}\n`);
    return Promise.resolve(0);
  },
};

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => { out += text; }, err: (text) => { err += text; }, env: {}, now: () => 0, signal: new AbortController().signal };
  const code = await runCli(argv, [greet], io);
  return { code, out, err };
}

describe('CLI dispatcher', () => {
  it('runs the named command with its parsed options', async () => {
    expect(await run('greet', 'Ann', '--data-dir', '/tmp/x', '--loud')).toEqual({ code: 0, out: 'HELLO Ann\n', err: '' });
  });

  it('exits 2 with the usage when no command is given', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: npm run cli -- <command>');
  });

  it('exits 2 for an unknown command, an unknown option, a missing option or wrong arguments', async () => {
    for (const argv of [['nope'], ['greet', 'Ann', '--data-dir', 'd', '--bogus'], ['greet', 'Ann'], ['greet', '--data-dir', 'd'], ['greet', 'a', 'b', '--data-dir', 'd']]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(/Usage: npm run cli -- /);
    }
  });

  it('exits 1 with the typed error code and its plain words', async () => {
    expect(await run('greet', 'quota', '--data-dir', 'd')).toEqual({ code: 1, out: '', err: 'greet failed (API2012): Daily limit reached.\n' });
  });

  it('exits 1 without echoing an unexpected error message', async () => {
    const result = await run('greet', 'crash', '--data-dir', 'd');
    expect(result.code).toBe(1);
    expect(result.err).not.toContain('Jane');
  });

  it('prints a command\u2019s usage for --help', async () => {
    expect(await run('greet', '--help')).toEqual({ code: 0, out: 'Usage: npm run cli -- greet NAME --data-dir DIR [--loud]\nSay hello.\n', err: '' });
  });
});
