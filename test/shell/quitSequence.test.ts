import { describe, expect, it } from 'vitest';
import { createQuitSequence } from '../../main/shell/quitSequence';

describe('quit sequence', () => {
  it('stops syncing, then closes the database, then exits', async () => {
    const order: string[] = [];
    const quit = createQuitSequence({
      stopSync: async () => { await new Promise((resolve) => setTimeout(resolve, 10)); order.push('stopSync'); },
      closeDatabase: () => { order.push('closeDatabase'); },
      exit: (code) => { order.push(`exit ${code}`); },
    });
    await quit();
    expect(order).toEqual(['stopSync', 'closeDatabase', 'exit 0']);
  });

  it('runs once however many times quit is asked for', async () => {
    let exits = 0;
    let stops = 0;
    const quit = createQuitSequence({ stopSync: () => { stops += 1; return Promise.resolve(); }, closeDatabase: () => undefined, exit: () => { exits += 1; } });
    await Promise.all([quit(), quit(), quit()]);
    expect([stops, exits]).toEqual([1, 1]);
  });

  it('still closes the database and exits when stopping the sync fails', async () => {
    const order: string[] = [];
    const quit = createQuitSequence({
      stopSync: () => Promise.reject(new Error('worker gone')),
      closeDatabase: () => { order.push('closeDatabase'); },
      exit: () => { order.push('exit'); },
      onStepFailed: (step) => { order.push(`failed ${step}`); },
    });
    await quit();
    expect(order).toEqual(['failed stopSync', 'closeDatabase', 'exit']);
  });

  it('exits after the deadline when a step hangs', async () => {
    const order: string[] = [];
    const quit = createQuitSequence({
      stopSync: () => new Promise(() => undefined),
      closeDatabase: () => { order.push('closeDatabase'); },
      exit: () => { order.push('exit'); },
      deadlineMs: 20,
      onStepFailed: (step) => { order.push(`failed ${step}`); },
    });
    await quit();
    expect(order).toEqual(['failed deadline', 'exit']);
  });
});
