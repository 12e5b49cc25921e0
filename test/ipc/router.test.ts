import { describe, expect, it } from 'vitest';
import { createLogger, type LogEntry } from '../../main/log/logger';
import { createRouter } from '../../main/ipc/router';
import { TEST_CONTRACT, testHandlers, testRouter } from './fixtures';

const context = { via: 'test' } as const;

describe('IPC router', () => {
  it('answers a valid call with ok and the handler value', async () => {
    expect(await testRouter().invoke('echo', { text: 'hi' }, context)).toEqual({ ok: true, value: { said: 'hi' } });
  });

  it('refuses arguments that do not match the channel schema', async () => {
    const router = testRouter();
    for (const args of [undefined, null, 'hi', { text: 5 }, { text: 'x'.repeat(21) }, { text: 'hi', extra: 1 }]) {
      expect(await router.invoke('echo', args, context)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
    }
  });

  it('refuses channels outside the contract, including prototype names', async () => {
    const router = testRouter();
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await router.invoke(name, {}, context)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('passes a coded error with its plain-words explanation through', async () => {
    expect(await testRouter().invoke('failPolitely', {}, context)).toEqual({ ok: false, error: { code: 'API2012', message: 'Daily limit reached.' } });
  });

  it('hides an unexpected error behind INTERNAL_ERROR and never logs its message', async () => {
    const entries: LogEntry[] = [];
    const router = createRouter(TEST_CONTRACT, testHandlers, createLogger({ sink: (entry) => entries.push(entry) }));
    const result = await router.invoke('explode', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(result)).not.toContain('Jane');
    expect(JSON.stringify(entries)).not.toContain('Jane');
  });

  it('lists exactly the contract channels', () => {
    expect(testRouter().channels).toEqual(['echo', 'explode', 'failPolitely']);
  });
});
