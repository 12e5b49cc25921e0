import { describe, expect, it } from 'vitest';
import { startOnlineMonitor } from '../../main/shell/onlineMonitor';

function setup(initially: boolean) {
  let reachable = initially;
  let tick: (() => void) | undefined;
  let cleared = false;
  const changes: boolean[] = [];
  const monitor = startOnlineMonitor({
    isOnline: () => reachable,
    onChange: (online) => changes.push(online),
    setInterval: (callback) => { tick = callback; return 1; },
    clearInterval: () => { cleared = true; },
  });
  return { monitor, changes, set: (value: boolean) => { reachable = value; }, tick: () => tick?.(), cleared: () => cleared };
}

describe('online monitor', () => {
  it('reports the state it starts in without an event', () => {
    const { monitor, changes } = setup(false);
    expect(monitor.online).toBe(false);
    expect(changes).toEqual([]);
  });

  it('reports each transition once', () => {
    const { monitor, changes, set, tick } = setup(true);
    tick();
    set(false);
    tick();
    tick();
    set(true);
    monitor.check();
    expect(changes).toEqual([false, true]);
    expect(monitor.online).toBe(true);
  });

  it('stops polling', () => {
    const { monitor, cleared } = setup(true);
    monitor.stop();
    expect(cleared()).toBe(true);
  });
});
