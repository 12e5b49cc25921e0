/**
 * Sync benchmark (a script, not a test): `npm run bench [-- options]`.
 *
 * The sandbox runs in a child process (main/sandbox/cli.ts) so its CPU is not the sync's; for
 * each size, a Dental and a Veterinary office share the patients (3 appointments each, a
 * guarantor per two), and it measures
 *   (a) downloading and parsing every page at the largest page size with the Sikka client alone,
 *       offices in parallel as the engine runs them (before and after (b); the faster counts);
 *   (b) a full CLI sync end to end into a fresh data directory, in a child process of its own;
 *   b/a (goal ≤ 1.25); (c) rows written per second, overall and per second spent in cache writes;
 *   (d) the sync process's peak RSS (goal ≤ 300 MB, flat across sizes);
 * and at the largest size (e) patient search p50/p95 (goal p95 < 10 ms), (f) one day's
 * schedule p95 (goal < 5 ms) and (g) caller lookup p95 (goal < 5 ms): the phones of patients and
 * guarantors in the copy, written the ways phone systems write them (national, dotted, +1, 1
 * prefix, an extension, the last seven digits), and numbers nobody has. It prints a table and
 * writes JSON to bench-results/.
 *
 * The sync child runs as one bundled JavaScript file (esbuild, as the app ships it), so its memory
 * is the sync's and not the TypeScript loader's; `--tsx` runs it through tsx instead.
 *
 *   npm run bench                                  # 25,000 and 100,000 patients
 *   npm run bench -- --sizes 5000,20000            # a quick run
 *   npm run bench -- --sizes 100000 --offices 1    # one Dental office
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { CacheReader } from '../../main/cache';
import { openDataDir } from '../../main/cli/dataDir';
import { createSikkaClient, MAX_PAGE_SIZE } from '../../main/sikka';
import { resourcesOf } from '../../main/sync/resources';
import type { SikkaRecord } from '../../shared/domain/records';
import { parsePhoneNumber } from '../../shared/phone/phoneNumber';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENV = { ...process.env, PRACTICE_COMPANION_PASSPHRASE: 'sync benchmark passphrase' };

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '25000,100000' },
    offices: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    tsx: { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map((size) => Number(size.trim())).filter((size) => size > 0);
const OFFICES = Math.min(2, Math.max(1, Number(args.offices)));

interface StartedSandbox {
  baseUrl: string;
  appId: string;
  appKey: string;
  offices: { officeId: string; secretKey: string; domain: string; patients: number }[];
}

interface ChildReport {
  seconds: number;
  cpuSeconds: number;
  writeSeconds: number;
  rows: number;
  outcomes: string[];
  error: string | null;
  maxRssMb: number;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function startSandboxChild(patientsPerOffice: number): Promise<{ started: StartedSandbox; pid: number; stop(): void }> {
  const domains = OFFICES === 2 ? 'Dental,Veterinary' : 'Dental';
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--port', '0', '--patients', String(patientsPerOffice), '--domains', domains], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => { reject(new Error(`the sandbox exited (${String(code)})`)); });
  });
  if (child.pid === undefined) throw new Error('the sandbox has no pid');
  return { started: JSON.parse(line) as StartedSandbox, pid: child.pid, stop: () => { child.kill('SIGTERM'); } };
}

/** (a): every page of every resource, offices in parallel, parsed by the client and dropped. */
async function downloadOnly(sandbox: StartedSandbox): Promise<{ seconds: number; rows: number; cpuSeconds: number }> {
  const client = createSikkaClient({ baseUrl: sandbox.baseUrl });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const counts = await Promise.all(sandbox.offices.map(async (office) => {
    const api = client.office(office.officeId, { keys: client.appKeySource({ appId: sandbox.appId, appKey: sandbox.appKey, officeId: office.officeId, secretKey: office.secretKey }) });
    let rows = 0;
    for (const source of resourcesOf(office.domain)) {
      for await (const page of api.pages(source.path, { limit: MAX_PAGE_SIZE })) rows += page.records.length;
    }
    return rows;
  }));
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds: (performance.now() - started) / 1000, rows: counts.reduce((a, b) => a + b, 0), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The sync child as one JavaScript file beside node_modules (the native SQLite addon stays outside). */
async function bundleSyncChild(): Promise<string> {
  const outfile = join(ROOT, 'bench-results', 'sync-child.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/bench/sync-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['better-sqlite3-multiple-ciphers'],
    // Bundled CommonJS dependencies still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return outfile;
}

/** (b): the CLI's sync in a child process. */
async function syncInChild(dataDir: string, sandbox: StartedSandbox): Promise<ChildReport & { wallWithStartSeconds: number }> {
  const started = performance.now();
  const entry = args.tsx ? ['--import', 'tsx', 'test/bench/sync-child.ts'] : [childBundle ?? ''];
  const child = spawn(process.execPath, [...entry, dataDir, sandbox.baseUrl, sandbox.appId, sandbox.appKey], {
    cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  const code = await new Promise<number | null>((resolve) => { child.once('exit', resolve); });
  if (code !== 0) throw new Error(`the sync child exited with ${String(code)}`);
  return { ...(JSON.parse(out) as ChildReport), wallWithStartSeconds: (performance.now() - started) / 1000 };
}

interface Timing { p50: number; p95: number; max: number; runs: number }

function timeIt(runs: number, fn: (i: number) => void): Timing {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number): number => times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: times.at(-1) ?? NaN, runs };
}

/** A North American number the ways phone systems and people write it; other numbers as they are. */
function callerFormats(text: string, i: number): string[] {
  const phone = parsePhoneNumber(text);
  if (phone === null) return [];
  if (phone.national === null) return [text];
  const n = phone.national;
  const [area, exchange, line] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
  const formats = [`(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `+1 ${area} ${exchange} ${line}`, `1${n}`, `${area}-${exchange}-${line} x${10 + (i % 90)}`, `${exchange}-${line}`];
  return [formats[i % formats.length] ?? n];
}

/** Queries drawn from the copy itself: name prefixes, first + last, phone digits, birth dates, ids; callers' numbers. */
function queries(reader: CacheReader): { searches: string[]; days: { officeId: string; date: string }[]; callers: string[] } {
  const sample: SikkaRecord[] = [];
  let n = 0;
  for (const { record } of reader.exportRecords('patients')) if (n++ % 97 === 0) sample.push(record);
  const text = (record: SikkaRecord, field: string): string => (typeof record[field] === 'string' ? record[field] : '');
  const searches = sample.flatMap((record, i) => {
    const last = text(record, 'lastname');
    const first = text(record, 'firstname') || text(record, 'petname');
    const phone = (text(record, 'cell') || text(record, 'homephone')).replace(/\D/g, '');
    const birth = text(record, 'birthdate').slice(0, 10);
    return [last.slice(0, 2 + (i % 3)), `${first} ${last.slice(0, 3)}`, phone.slice(0, 6), birth, text(record, 'patient_id')].filter((q) => q.trim() !== '');
  });
  const callers = sample.flatMap((record, i) => ['cell', 'homephone', 'workphone'].flatMap((field) => callerFormats(text(record, field), i)));
  n = 0;
  for (const { record } of reader.exportRecords('guarantors')) {
    if (n++ % 97 === 0) callers.push(...['cell', 'phone', 'workphone'].flatMap((field) => callerFormats(text(record, field), n)));
  }
  // One call in ten is from a number nobody in the copy has.
  for (let i = 0; i < callers.length / 10; i++) callers.push(`(999) 555-${String(i % 10_000).padStart(4, '0')}`);
  const days: { officeId: string; date: string }[] = [];
  n = 0;
  for (const { officeId, record } of reader.exportRecords('appointments')) {
    if (n++ % 499 === 0) days.push({ officeId, date: text(record, 'date').slice(0, 10) });
  }
  return { searches, days, callers };
}

interface SizeResult {
  patients: number;
  offices: number;
  rows: number;
  downloadSeconds: number;
  downloadClientCpuSeconds: number;
  sandboxCpuSecondsDuringDownload: number;
  syncSeconds: number;
  syncWallWithProcessStartSeconds: number;
  syncCpuSeconds: number;
  sandboxCpuSecondsDuringSync: number;
  ratio: number;
  rowsPerSecond: number;
  rowsPerWriteSecond: number;
  writeSeconds: number;
  peakRssMb: number;
  outcomes: string[];
  search?: Timing;
  daySchedule?: Timing;
  callerLookup?: Timing & { numbers: number };
}

async function measure(patients: number, last: boolean): Promise<SizeResult> {
  const perOffice = Math.round(patients / OFFICES);
  const sandbox = await startSandboxChild(perOffice);
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-sync-bench-'));
  try {
    let sandboxCpu = cpuSecondsOf(sandbox.pid);
    const coldDownload = await downloadOnly(sandbox.started);
    const sandboxDuringColdDownload = cpuSecondsOf(sandbox.pid) - sandboxCpu;
    sandboxCpu = cpuSecondsOf(sandbox.pid);
    const sync = await syncInChild(dataDir, sandbox.started);
    const sandboxDuringSync = cpuSecondsOf(sandbox.pid) - sandboxCpu;
    // (a) again with the sandbox warm, as it is for (b); the faster of the two is the yardstick.
    sandboxCpu = cpuSecondsOf(sandbox.pid);
    const warmDownload = await downloadOnly(sandbox.started);
    const sandboxDuringWarmDownload = cpuSecondsOf(sandbox.pid) - sandboxCpu;
    const warmer = warmDownload.seconds <= coldDownload.seconds;
    const download = warmer ? warmDownload : coldDownload;
    const sandboxDuringDownload = warmer ? sandboxDuringWarmDownload : sandboxDuringColdDownload;
    if (sync.error !== null || sync.outcomes.some((outcome) => outcome !== 'synced')) throw new Error(`the sync did not finish: ${sync.error ?? sync.outcomes.join(',')}`);
    const result: SizeResult = {
      patients,
      offices: OFFICES,
      rows: sync.rows,
      downloadSeconds: download.seconds,
      downloadClientCpuSeconds: download.cpuSeconds,
      sandboxCpuSecondsDuringDownload: sandboxDuringDownload,
      syncSeconds: sync.seconds,
      syncWallWithProcessStartSeconds: sync.wallWithStartSeconds,
      syncCpuSeconds: sync.cpuSeconds,
      sandboxCpuSecondsDuringSync: sandboxDuringSync,
      ratio: sync.seconds / download.seconds,
      rowsPerSecond: sync.rows / sync.seconds,
      rowsPerWriteSecond: sync.rows / sync.writeSeconds,
      writeSeconds: sync.writeSeconds,
      peakRssMb: sync.maxRssMb,
      outcomes: sync.outcomes,
    };
    if (last) {
      const reader = openDataDir(dataDir, ENV).openReader();
      try {
        const { searches, days, callers } = queries(reader);
        result.search = timeIt(2000, (i) => reader.searchPatients({ text: searches[i % searches.length] ?? 'sm' }));
        result.daySchedule = timeIt(1000, (i) => {
          const day = days[i % days.length];
          if (day !== undefined) reader.daySchedule(day.officeId, day.date, i % 2 === 0 ? 'provider' : 'operatory');
        });
        result.callerLookup = { ...timeIt(2000, (i) => reader.callerCard(callers[i % callers.length] ?? '2175550100')), numbers: callers.length };
      } finally {
        reader.close();
      }
    }
    return result;
  } finally {
    sandbox.stop();
    if (args.keep) process.stderr.write(`kept ${dataDir}\n`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

const childBundle = args.tsx ? undefined : await bundleSyncChild();
const loadBefore = loadavg();
const results: SizeResult[] = [];
for (const [index, size] of SIZES.entries()) {
  process.stderr.write(`measuring ${size} patients…\n`);
  results.push(await measure(size, index === SIZES.length - 1));
}
const loadAfter = loadavg();

const f = (value: number, digits = 2): string => value.toFixed(digits);
const rows: [string, ...string[]][] = [
  ['patients (total)', ...results.map((r) => String(r.patients))],
  ['rows synced', ...results.map((r) => String(r.rows))],
  ['(a) download + parse, s', ...results.map((r) => f(r.downloadSeconds))],
  ['(b) full sync, s', ...results.map((r) => f(r.syncSeconds))],
  ['    incl. process start, s', ...results.map((r) => f(r.syncWallWithProcessStartSeconds))],
  ['b/a (goal <= 1.25)', ...results.map((r) => f(r.ratio))],
  ['(c) rows/s overall', ...results.map((r) => f(r.rowsPerSecond, 0))],
  ['    rows/s of cache writes', ...results.map((r) => f(r.rowsPerWriteSecond, 0))],
  ['    s in cache writes', ...results.map((r) => f(r.writeSeconds))],
  ['(d) sync peak RSS, MB (<= 300)', ...results.map((r) => String(r.peakRssMb))],
  ['sync process CPU, s', ...results.map((r) => f(r.syncCpuSeconds))],
  ['sandbox CPU during (a) / (b), s', ...results.map((r) => `${f(r.sandboxCpuSecondsDuringDownload)} / ${f(r.sandboxCpuSecondsDuringSync)}`)],
];
const width = Math.max(...rows.map((row) => row[0].length));
const columns = results.map((_, i) => Math.max(12, ...rows.map((row) => (row[i + 1] ?? '').length)));
process.stdout.write(`\n${rows.map((row) => `${row[0].padEnd(width)}  ${row.slice(1).map((cell, i) => cell.padStart(columns[i] ?? 12)).join('  ')}`).join('\n')}\n`);
const lastResult = results.at(-1);
if (lastResult?.search !== undefined && lastResult.daySchedule !== undefined) {
  process.stdout.write(`\nat ${lastResult.patients} patients:\n`);
  process.stdout.write(`(e) patient search    p50 ${f(lastResult.search.p50, 3)} ms  p95 ${f(lastResult.search.p95, 3)} ms  max ${f(lastResult.search.max, 1)} ms (goal p95 < 10 ms)\n`);
  process.stdout.write(`(f) one day's schedule p50 ${f(lastResult.daySchedule.p50, 3)} ms  p95 ${f(lastResult.daySchedule.p95, 3)} ms  max ${f(lastResult.daySchedule.max, 1)} ms (goal p95 < 5 ms)\n`);
  if (lastResult.callerLookup !== undefined) {
    process.stdout.write(`(g) caller lookup     p50 ${f(lastResult.callerLookup.p50, 3)} ms  p95 ${f(lastResult.callerLookup.p95, 3)} ms  max ${f(lastResult.callerLookup.max, 1)} ms (goal p95 < 5 ms; ${lastResult.callerLookup.numbers} numbers in mixed formats)\n`);
  }
}
process.stdout.write(`\nsync child: ${args.tsx ? 'TypeScript through tsx' : 'bundled JavaScript'}; machine: ${cpus().length} CPUs; load average before ${loadBefore.map((l) => f(l)).join(' ')}, after ${loadAfter.map((l) => f(l)).join(' ')}\n`);

const outDir = join(ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `sync-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), cpus: cpus().length, loadBefore, loadAfter, offices: OFFICES, syncChild: args.tsx ? 'tsx' : 'bundle', results }, null, 2)}\n`);
process.stdout.write(`written ${file}\n`);
