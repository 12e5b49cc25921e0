import { describe, expect, it } from 'vitest';
import { BackgroundScheduler, type SchedulerTimers, type SyncRunOutcome, type SyncTrigger } from '../../main/sync/backgroundScheduler';

/** A clock and timers that move only when the test says so. */
function fakeTime() {
  let now = 1_000_000;
  let nextId = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: SchedulerTimers = {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => { pending.delete(handle as number); },
  };
  const advance = async (ms: number): Promise<void> => {
    const until = now + ms;
    await flush();
    for (;;) {
      const due = [...pending.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
      await flush();
    }
    now = until;
    await flush();
  };
  return { timers, now: () => now, advance, pendingCount: () => pending.size };
}

const flush = async (): Promise<void> => { for (let i = 0; i < 10; i += 1) await Promise.resolve(); };

/** A sync run the test finishes by hand, to look at the scheduler in between. */
function controllableRuns() {
  const runs: { trigger: SyncTrigger; signal: AbortSignal; finish: (outcome: SyncRunOutcome) => void }[] = [];
  const run = (trigger: SyncTrigger, signal: AbortSignal) => new Promise<SyncRunOutcome>((resolve) => { runs.push({ trigger, signal, finish: resolve }); });
  return { runs, run };
}

const MINUTE = 60_000;

function setup(options: { interval?: number } = {}) {
  const time = fakeTime();
  const { runs, run } = controllableRuns();
  let interval = options.interval ?? 15 * MINUTE;
  const scheduler = new BackgroundScheduler({ run, intervalMs: () => interval, now: time.now, timers: time.timers, random: () => 1, baseBackoffMs: MINUTE, maxBackoffMs: 30 * MINUTE, settleMs: 5_000 });
  return { time, runs, scheduler, setInterval: (ms: number) => { interval = ms; } };
}

describe('background sync scheduler', () => {
  it('runs at start and then every interval', async () => {
    const { time, runs, scheduler } = setup();
    scheduler.start();
    await time.advance(0);
    expect(runs.map((run) => run.trigger)).toEqual(['start']);
    runs[0]?.finish({ failed: false });
    await flush();
    expect(scheduler.state.nextRunAt).toBe(time.now() + 15 * MINUTE);
    await time.advance(15 * MINUTE);
    expect(runs.map((run) => run.trigger)).toEqual(['start', 'interval']);
  });

  it('never overlaps: a trigger during a run asks for one more run right after', async () => {
    const { time, runs, scheduler } = setup();
    scheduler.start();
    await time.advance(0);
    void scheduler.syncNow();
    void scheduler.syncNow();
    scheduler.online();
    await flush();
    expect(runs).toHaveLength(1);
    runs[0]?.finish({ failed: false });
    await time.advance(0);
    expect(runs).toHaveLength(2);
    runs[1]?.finish({ failed: false });
    await time.advance(0);
    expect(runs).toHaveLength(2);
  });

  it('backs off exponentially after failures, capped, and returns to the interval after a success', async () => {
    const { time, runs, scheduler } = setup();
    scheduler.start();
    await time.advance(0);
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      runs.at(-1)?.finish({ failed: true });
      await flush();
      const next = scheduler.state.nextRunAt ?? 0;
      delays.push(next - time.now());
      await time.advance(next - time.now());
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30].map((minutes) => minutes * MINUTE));
    runs.at(-1)?.finish({ failed: false });
    await flush();
    expect(scheduler.state).toMatchObject({ consecutiveFailures: 0, nextRunAt: time.now() + 15 * MINUTE });
  });

  it('treats a run that throws as a failure', async () => {
    const time = fakeTime();
    const scheduler = new BackgroundScheduler({ run: () => Promise.reject(new Error('boom')), intervalMs: () => 15 * MINUTE, now: time.now, timers: time.timers, random: () => 1, baseBackoffMs: MINUTE });
    scheduler.start();
    await time.advance(0);
    expect(scheduler.state).toMatchObject({ running: false, consecutiveFailures: 1, nextRunAt: time.now() + MINUTE });
  });

  it('syncs soon after the PC wakes or the network returns', async () => {
    const { time, runs, scheduler } = setup();
    scheduler.start();
    await time.advance(0);
    runs[0]?.finish({ failed: false });
    await flush();
    scheduler.resumed();
    expect(scheduler.state.nextRunAt).toBe(time.now() + 5_000);
    await time.advance(5_000);
    expect(runs.at(-1)?.trigger).toBe('resume');
    runs.at(-1)?.finish({ failed: false });
    await flush();
    scheduler.online();
    await time.advance(5_000);
    expect(runs.at(-1)?.trigger).toBe('online');
  });

  it('plans nothing while paused, still syncs on demand, and resumes with a run', async () => {
    const { time, runs, scheduler } = setup();
    scheduler.start({ paused: true });
    scheduler.resumed();
    scheduler.online();
    await time.advance(60 * MINUTE);
    expect(runs).toHaveLength(0);
    expect(time.pendingCount()).toBe(0);
    void scheduler.syncNow();
    await flush();
    expect(runs.map((run) => run.trigger)).toEqual(['manual']);
    runs[0]?.finish({ failed: false });
    await flush();
    expect(scheduler.state.nextRunAt).toBeNull();
    scheduler.resume();
    await time.advance(0);
    expect(runs.map((run) => run.trigger)).toEqual(['manual', 'start']);
  });

  it('applies a new interval at once', async () => {
    const { time, runs, scheduler, setInterval } = setup();
    scheduler.start();
    await time.advance(0);
    runs[0]?.finish({ failed: false });
    await flush();
    setInterval(30 * MINUTE);
    scheduler.rescheduled();
    expect(scheduler.state.nextRunAt).toBe(time.now() + 30 * MINUTE);
  });

  it('on stop, cancels the plan, signals the run in flight and waits for it', async () => {
    const { time, runs, scheduler } = setup();
    scheduler.start();
    await time.advance(0);
    let stopped = false;
    const stopping = scheduler.stop().then(() => { stopped = true; });
    await flush();
    expect(runs[0]?.signal.aborted).toBe(true);
    expect(stopped).toBe(false);
    runs[0]?.finish({ failed: false });
    await stopping;
    expect(scheduler.state).toMatchObject({ running: false, nextRunAt: null });
    expect(time.pendingCount()).toBe(0);
  });
});
