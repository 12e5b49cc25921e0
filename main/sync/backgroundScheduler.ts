/**
 * When the app syncs in the background: every interval (from settings, read at each scheduling so
 * a change applies at once), soon after the PC wakes or the network returns, and when staff press
 * "Sync now". Never two runs at once — a trigger during a run asks for one more run right after —
 * and after a failed run it backs off exponentially (with jitter) instead of hammering Sikka.
 * Lives in the main process: a renderer's timers are throttled when its window is hidden.
 */
export type SyncTrigger = 'start' | 'interval' | 'manual' | 'resume' | 'online' | 'retry';

export interface SyncRunOutcome {
  /** Whether any office failed in a way worth retrying sooner than the interval. */
  readonly failed: boolean;
}

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BackgroundSchedulerOptions {
  readonly run: (trigger: SyncTrigger, signal: AbortSignal) => Promise<SyncRunOutcome>;
  readonly intervalMs: () => number;
  readonly now: () => number;
  readonly timers?: SchedulerTimers;
  readonly random?: () => number;
  /** First retry after a failure; doubles per consecutive failure up to `maxBackoffMs`. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How long after a wake or reconnect to sync (the network needs a moment). */
  readonly settleMs?: number;
  readonly onChange?: (state: SchedulerState) => void;
}

export interface SchedulerState {
  readonly running: boolean;
  readonly paused: boolean;
  /** Epoch ms of the next planned run, null when none is planned. */
  readonly nextRunAt: number | null;
  readonly consecutiveFailures: number;
}

const realTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => { clearTimeout(handle as NodeJS.Timeout); },
};

export class BackgroundScheduler {
  private readonly timers: SchedulerTimers;
  private readonly random: () => number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly settleMs: number;
  private timer: unknown;
  private nextRunAt: number | null = null;
  private current: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private again: SyncTrigger | undefined;
  private failures = 0;
  private paused = false;
  private stopped = true;

  constructor(private readonly options: BackgroundSchedulerOptions) {
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.baseBackoffMs = options.baseBackoffMs ?? 60_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30 * 60_000;
    this.settleMs = options.settleMs ?? 5_000;
  }

  get state(): SchedulerState {
    return { running: this.current !== undefined, paused: this.paused, nextRunAt: this.nextRunAt, consecutiveFailures: this.failures };
  }

  /** Starts scheduling with a first run right away (unless paused). */
  start(options: { paused?: boolean } = {}): void {
    this.stopped = false;
    this.paused = options.paused ?? false;
    if (this.paused) this.changed();
    else this.plan(0, 'start');
  }

  /** Staff asked for a sync: now, or right after the run in progress. Works while paused. */
  syncNow(): Promise<void> {
    return this.trigger('manual');
  }

  /** The PC woke from sleep. */
  resumed(): void {
    if (!this.paused && !this.stopped) this.plan(this.settleMs, 'resume');
  }

  /** The network came back. */
  online(): void {
    if (!this.paused && !this.stopped) this.plan(this.settleMs, 'online');
  }

  pause(): void {
    this.paused = true;
    this.cancelTimer();
    this.changed();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.stopped) this.plan(0, 'start');
  }

  /** The interval setting changed: plan the next run from the new value. */
  rescheduled(): void {
    if (!this.paused && !this.stopped && this.current === undefined) this.plan(this.options.intervalMs(), 'interval');
  }

  /** Stops planning and waits for a run in flight to finish its page and end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    this.again = undefined;
    this.controller?.abort();
    await this.current;
    this.changed();
  }

  private trigger(trigger: SyncTrigger): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current !== undefined) {
      this.again = trigger;
      return this.current;
    }
    this.cancelTimer();
    return this.runOnce(trigger);
  }

  private async runOnce(trigger: SyncTrigger): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const running = this.options.run(trigger, controller.signal).then(
      (outcome) => outcome.failed,
      () => true,
    );
    this.current = running.then(() => undefined);
    this.changed();
    const failed = await running;
    this.current = undefined;
    this.controller = undefined;
    this.failures = failed ? this.failures + 1 : 0;
    if (this.stopped) return;
    const again = this.again;
    this.again = undefined;
    if (again !== undefined) this.plan(0, again);
    else if (this.paused) this.changed();
    else if (failed) this.plan(this.backoffMs(), 'retry');
    else this.plan(this.options.intervalMs(), 'interval');
  }

  private backoffMs(): number {
    const exponential = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (this.failures - 1));
    // Jitter over the upper half keeps the PCs of one practice from retrying in step.
    return Math.round(exponential / 2 + (this.random() * exponential) / 2);
  }

  private plan(delayMs: number, trigger: SyncTrigger): void {
    if (this.current !== undefined) {
      this.again = trigger;
      return;
    }
    this.cancelTimer();
    this.nextRunAt = this.options.now() + delayMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.nextRunAt = null;
      void this.trigger(trigger);
    }, delayMs);
    this.changed();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.nextRunAt = null;
  }

  private changed(): void {
    this.options.onChange?.(this.state);
  }
}
