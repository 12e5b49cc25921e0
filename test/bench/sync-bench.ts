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
 * prefix, an extension, the last seven digits), and numbers nobody has. Then (h) search to
 * results as the window gets them (goal p95 < 50 ms): the app's own services (startCompanion) on
 * the synced data directory, a staff profile set up and unlocked, each search through the IPC
 * router with its guard and audit trail, for what staff type — the first letter of a last name,
 * two or three letters, the whole last name, the start of a phone number, a patient id — once
 * as in use (repeated searches within a minute make one audit entry) and once with the clock a
 * minute on before each search, so every search writes its entry; and (i) the same searches
 * through the loopback HTTP bridge the browser harness serves. It prints a table and writes JSON
 * to bench-results/.
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
import { startCompanion, type Companion } from '../../main/app/companion';
import type { CacheReader } from '../../main/cache';
import { openDataDir } from '../../main/cli/dataDir';
import { startHttpBridge } from '../../main/ipc/httpBridge';
import type { CallContext } from '../../main/ipc/router';
import { silentLogger } from '../../main/log/logger';
import { AUDIT_COALESCE_MS } from '../../main/security/guard';
import { createSikkaClient, MAX_PAGE_SIZE } from '../../main/sikka';
import { resourcesOf } from '../../main/sync/resources';
import { workerScriptUrl } from '../../main/sync/workerHost';
import type { AuditVerification } from '../../shared/domain/audit';
import type { PatientSearchResponse } from '../../shared/domain/patients';
import type { SikkaRecord } from '../../shared/domain/records';
import type { Result } from '../../shared/result';
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

function percentiles(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN, runs: sorted.length };
}

function timeIt(runs: number, fn: (i: number) => void): Timing {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn(i);
    times.push(performance.now() - started);
  }
  return percentiles(times);
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

const TYPED_KINDS = ['first letter', 'two or three letters', 'last name', 'phone digits', 'patient id'] as const;
type TypedKind = (typeof TYPED_KINDS)[number];
interface TypedSearch { kind: TypedKind; text: string }

/**
 * Queries drawn from the copy itself: name prefixes, first + last, phone digits, birth dates, ids;
 * what staff type into the window's search box (for (h) and (i)); callers' numbers.
 */
function queries(reader: CacheReader): { searches: string[]; typed: TypedSearch[]; days: { officeId: string; date: string }[]; callers: string[] } {
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
  const typed = sample.flatMap((record, i): TypedSearch[] => {
    const last = text(record, 'lastname');
    const phone = (text(record, 'cell') || text(record, 'homephone')).replace(/\D/g, '');
    const texts: Record<TypedKind, string> = {
      'first letter': last.slice(0, 1),
      'two or three letters': last.slice(0, 2 + (i % 2)),
      'last name': last,
      // Four digits (an area code and one more) up to the whole number.
      'phone digits': phone.slice(0, 4 + (i % 7)),
      'patient id': text(record, 'patient_id'),
    };
    return TYPED_KINDS.map((kind) => ({ kind, text: texts[kind] })).filter((search) => search.text.trim() !== '');
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
  return { searches, typed, days, callers };
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
  routerSearch?: WindowSearchTiming;
  routerSearchEachAudited?: WindowSearchTiming;
  bridgeSearch?: WindowSearchTiming;
}

/** Search to results as the window sees them: times, what came back, and times by what was typed. */
interface WindowSearchTiming extends Timing {
  queries: number;
  resultsMedian: number;
  resultsMean: number;
  /** Share of searches that matched more than the window asks for ("type more"). */
  truncatedShare: number;
  /** Audit entries the pass wrote, its warm-up included. */
  auditEntries: number;
  byKind: Record<TypedKind, Timing>;
}

/** What the window asks for per search (renderer/store/appStore.ts, SEARCH_LIMIT). */
const WINDOW_SEARCH_LIMIT = 200;
const BENCH_CONTEXT: CallContext = { via: 'test' };

/**
 * Times `search` over the typed queries (after a warm-up), collecting the answers' sizes.
 * `beforeEach` runs outside the timed part.
 */
async function timeWindowSearch(
  runs: number,
  typed: readonly TypedSearch[],
  search: (query: { text: string; limit: number }) => Promise<Result<unknown>>,
  beforeEach: () => void = () => undefined,
): Promise<Omit<WindowSearchTiming, 'auditEntries'>> {
  const answer = async (search: Promise<Result<unknown>>): Promise<PatientSearchResponse> => {
    const result = await search;
    if (!result.ok) throw new Error(`searchPatients failed: ${result.error.code}`);
    return result.value as PatientSearchResponse;
  };
  for (let i = 0; i < Math.min(20, runs); i++) await answer(search({ text: typed[i % typed.length]?.text ?? 'sm', limit: WINDOW_SEARCH_LIMIT }));
  const times: number[] = [];
  const byKind = new Map<TypedKind, number[]>();
  const counts: number[] = [];
  let truncated = 0;
  for (let i = 0; i < runs; i++) {
    const query = typed[i % typed.length] ?? { kind: 'two or three letters', text: 'sm' };
    beforeEach();
    const started = performance.now();
    const response = await answer(search({ text: query.text, limit: WINDOW_SEARCH_LIMIT }));
    const ms = performance.now() - started;
    times.push(ms);
    const ofKind = byKind.get(query.kind) ?? [];
    ofKind.push(ms);
    byKind.set(query.kind, ofKind);
    counts.push(response.results.length);
    if (response.truncated) truncated++;
  }
  counts.sort((a, b) => a - b);
  return {
    ...percentiles(times),
    queries: typed.length,
    resultsMedian: counts[Math.floor(counts.length / 2)] ?? 0,
    resultsMean: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length),
    truncatedShare: truncated / Math.max(1, runs),
    byKind: Object.fromEntries(TYPED_KINDS.map((kind) => [kind, percentiles(byKind.get(kind) ?? [])])) as Record<TypedKind, Timing>,
  };
}

/** The number of the audit trail's latest entry, through the router (a manager may read it). */
async function auditHead(companion: Companion): Promise<number> {
  const verified = await companion.router.invoke('auditVerify', {}, BENCH_CONTEXT);
  if (!verified.ok) throw new Error(`auditVerify failed: ${verified.error.code}`);
  return (verified.value as AuditVerification).entries;
}

/**
 * (h) and (i): the app's services on the synced data directory, unlocked by a manager profile,
 * searching through the IPC router and then through the loopback HTTP bridge.
 */
async function measureWindowSearch(dataDir: string, typed: readonly TypedSearch[]): Promise<Pick<SizeResult, 'routerSearch' | 'routerSearchEachAudited' | 'bridgeSearch'>> {
  // The clock the services see: moved a minute on per search for the pass where each is audited.
  let clockSkew = 0;
  const companion = startCompanion({
    dataDir: openDataDir(dataDir, ENV),
    worker: { script: workerScriptUrl() },
    version: '0.0.0-bench',
    harness: false,
    // Nothing syncs while searches are timed.
    online: false,
    now: () => Date.now() + clockSkew,
    pinScrypt: { logN: 10, r: 8, p: 1 },
  });
  try {
    const setUp = await companion.router.invoke('setUp', { name: 'bench', displayName: 'Benchmark', pin: '602948' }, BENCH_CONTEXT);
    if (!setUp.ok) throw new Error(`setUp failed: ${setUp.error.code}`);
    const invoke = (query: { text: string; limit: number }): Promise<Result<unknown>> => companion.router.invoke('searchPatients', query, BENCH_CONTEXT);

    let before = await auditHead(companion);
    const routerSearch = { ...(await timeWindowSearch(2000, typed, invoke)), auditEntries: 0 };
    routerSearch.auditEntries = (await auditHead(companion)) - before;

    before = await auditHead(companion);
    const eachAudited = { ...(await timeWindowSearch(500, typed, invoke, () => { clockSkew += AUDIT_COALESCE_MS; })), auditEntries: 0 };
    eachAudited.auditEntries = (await auditHead(companion)) - before;

    const bridge = await startHttpBridge({ router: companion.router, logger: silentLogger });
    try {
      const base = `http://127.0.0.1:${bridge.port}`;
      const overHttp = async (query: { text: string; limit: number }): Promise<Result<unknown>> => {
        const response = await fetch(`${base}/ipc/searchPatients`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(query),
        });
        return (await response.json()) as Result<unknown>;
      };
      // A new minute, as for the router's first pass.
      clockSkew += AUDIT_COALESCE_MS;
      before = await auditHead(companion);
      const bridgeSearch = { ...(await timeWindowSearch(1000, typed, overHttp)), auditEntries: 0 };
      bridgeSearch.auditEntries = (await auditHead(companion)) - before;
      return { routerSearch, routerSearchEachAudited: eachAudited, bridgeSearch };
    } finally {
      await bridge.close();
    }
  } finally {
    await companion.close();
  }
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
      let typed: TypedSearch[];
      try {
        const drawn = queries(reader);
        const { searches, days, callers } = drawn;
        typed = drawn.typed;
        result.search = timeIt(2000, (i) => reader.searchPatients({ text: searches[i % searches.length] ?? 'sm' }));
        result.daySchedule = timeIt(1000, (i) => {
          const day = days[i % days.length];
          if (day !== undefined) reader.daySchedule(day.officeId, day.date, i % 2 === 0 ? 'provider' : 'operatory');
        });
        result.callerLookup = { ...timeIt(2000, (i) => reader.callerCard(callers[i % callers.length] ?? '2175550100')), numbers: callers.length };
      } finally {
        reader.close();
      }
      Object.assign(result, await measureWindowSearch(dataDir, typed));
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
  const windowSearch = (label: string, timing: WindowSearchTiming | undefined, note: string): void => {
    if (timing === undefined) return;
    process.stdout.write(`${label} p50 ${f(timing.p50, 3)} ms  p95 ${f(timing.p95, 3)} ms  max ${f(timing.max, 1)} ms (goal p95 < 50 ms; ${note})\n`);
    process.stdout.write(`    ${timing.runs} searches of ${timing.queries} typed; results median ${timing.resultsMedian}, mean ${f(timing.resultsMean, 1)}, `
      + `${f(timing.truncatedShare * 100, 0)}% matched more than ${WINDOW_SEARCH_LIMIT}; audit entries written: ${timing.auditEntries}\n`);
    process.stdout.write(`    p95 by what was typed: ${TYPED_KINDS.map((kind) => `${kind} ${f(timing.byKind[kind].p95, 2)}`).join(', ')} ms\n`);
  };
  windowSearch('(h) search → results, IPC router ', lastResult.routerSearch, 'as in use: one audit entry a minute');
  windowSearch('    every search audited         ', lastResult.routerSearchEachAudited, 'the clock a minute on per search');
  windowSearch('(i) search → results, HTTP bridge', lastResult.bridgeSearch, 'loopback, as the browser harness; as in use');
}
process.stdout.write(`\nsync child: ${args.tsx ? 'TypeScript through tsx' : 'bundled JavaScript'}; machine: ${cpus().length} CPUs; load average before ${loadBefore.map((l) => f(l)).join(' ')}, after ${loadAfter.map((l) => f(l)).join(' ')}\n`);

const outDir = join(ROOT, 'bench-results');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `sync-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), cpus: cpus().length, loadBefore, loadAfter, offices: OFFICES, syncChild: args.tsx ? 'tsx' : 'bundle', results }, null, 2)}\n`);
process.stdout.write(`written ${file}\n`);
