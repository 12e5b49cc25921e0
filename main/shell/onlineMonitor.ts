/**
 * Whether this PC can reach the network, as the tray, the screens ("offline — showing data as of
 * …") and the scheduler (sync when it returns) need to know. Electron's main process has no online
 * event, so the shell polls `net.isOnline()`; this turns the polls into transitions.
 */
export interface OnlineMonitorOptions {
  readonly isOnline: () => boolean;
  readonly onChange: (online: boolean) => void;
  readonly intervalMs?: number;
  readonly setInterval?: (callback: () => void, ms: number) => unknown;
  readonly clearInterval?: (handle: unknown) => void;
}

export interface OnlineMonitor {
  readonly online: boolean;
  /** Looks now (e.g. after a request failed with NETWORK_UNREACHABLE). */
  check(): void;
  stop(): void;
}

export function startOnlineMonitor(options: OnlineMonitorOptions): OnlineMonitor {
  const schedule = options.setInterval ?? ((callback, ms) => setInterval(callback, ms).unref());
  const cancel = options.clearInterval ?? ((handle) => { clearInterval(handle as NodeJS.Timeout); });
  let online = options.isOnline();
  const check = (): void => {
    const now = options.isOnline();
    if (now === online) return;
    online = now;
    options.onChange(now);
  };
  const handle = schedule(check, options.intervalMs ?? 15_000);
  return {
    get online() {
      return online;
    },
    check,
    stop: () => { cancel(handle); },
  };
}
