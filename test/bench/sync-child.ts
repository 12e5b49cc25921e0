/**
 * Child process of sync-bench.ts: one CLI sync (the `sync` command's own function) in this
 * process, timed from inside, so the parent can read this process's peak memory on its own.
 *
 *   node --import tsx test/bench/sync-child.ts DATA_DIR BASE_URL APP_ID APP_KEY
 *
 * Prints one JSON line: wall and CPU seconds of the run, seconds spent inside cache writes, rows
 * written, the outcome per office, and this process's peak RSS.
 */
import type { CacheWriter } from '../../main/cache';
import { runSync } from '../../main/cli/commands/sync';

const [dataDir, baseUrl, appId, appKey] = process.argv.slice(2);
if (dataDir === undefined || baseUrl === undefined || appId === undefined || appKey === undefined) throw new Error('usage: sync-child DATA_DIR BASE_URL APP_ID APP_KEY');

let writeMs = 0;
/** Times every call into the writer: the part of the sync that is SQLite (and the row building before it). */
function timed(writer: CacheWriter): CacheWriter {
  return new Proxy(writer, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const started = performance.now();
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          writeMs += performance.now() - started;
        }
      };
    },
  });
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
const summary = await runSync(
  { dataDir, baseUrl, app: { appId, appKey }, engine: { wrapWriter: timed } },
  { out: () => undefined, err: () => undefined, env: process.env, now: Date.now, signal: new AbortController().signal },
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(`${JSON.stringify({
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  writeSeconds: writeMs / 1000,
  rows: summary.offices.reduce((sum, office) => sum + office.rows, 0),
  outcomes: summary.offices.map((office) => office.outcome),
  error: summary.error?.code ?? null,
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`);
