import { z } from 'zod';
import { channel, event } from '../../shared/ipc/define';
import { silentLogger } from '../../main/log/logger';
import { createRouter, type Handlers } from '../../main/ipc/router';

/** A small contract standing in for the app's, so the IPC machinery is tested on its own. */
export const TEST_CONTRACT = {
  echo: channel<{ said: string }>()(z.object({ text: z.string().max(20) }).strict()),
  explode: channel<never>()(z.object({}).strict()),
  failPolitely: channel<never>()(z.object({}).strict()),
} as const;

export const TEST_EVENTS = { tick: event<{ n: number }>() } as const;

export const testHandlers: Handlers<typeof TEST_CONTRACT> = {
  echo: ({ text }) => ({ said: text }),
  explode: () => {
    throw new Error('SQLITE_CORRUPT near "Jane Doe"');
  },
  failPolitely: () => {
    throw Object.assign(new Error('quota'), { code: 'API2012', explanation: 'Daily limit reached.' });
  },
};

export const testRouter = () => createRouter(TEST_CONTRACT, testHandlers, silentLogger);
