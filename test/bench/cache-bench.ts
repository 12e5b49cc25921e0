/**
 * Cache benchmark (a script, not a test). Fills an encrypted cache with the sandbox's synthetic
 * offices — 100k patients and pets, 300k appointments, 50k guarantors by default — through the
 * writer API the sync engine uses, page by page, then times patient search, patient detail and
 * day schedules with queries drawn from the data (name prefixes, first + last, phone digits,
 * birth dates in several formats, ids).
 *
 *   npx tsx test/bench/cache-bench.ts [--patients 100000] [--offices 2] [--page 5000] [--keep]
 *
 * Ingest is reported by wall clock and per CPU-second of this process (the latter is steadier
 * on a machine shared with other work).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCache, type CacheWriter } from '../../main/cache';
import { OfficeGenerator } from '../../main/sandbox/generator';
import { createOfficeClock } from '../../main/sandbox/officeTime';
import type { SandboxDomain } from '../../main/sandbox/types';
import type { SikkaRecord, SyncedResource } from '../../shared/domain/records';

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '100000' },
    offices: { type: 'string', default: '2' },
    page: { type: 'string', default: '5000' },
    keep: { type: 'boolean', default: false },
  },
});
const PATIENTS = Number(args.patients);
const OFFICES = Math.max(1, Number(args.offices));
const PAGE = Number(args.page);
const NOW = Date.UTC(2024, 4, 2, 14, 0);

// Half the offices veterinary (their patients are pets), each with ~3 appointments a patient
// and a guarantor per two patients, as the sandbox shapes them.
const generators = Array.from({ length: OFFICES }, (_, n) => {
  const domain: SandboxDomain = n % 2 === 1 ? 'Veterinary' : 'Dental';
  const spec = { officeId: `${domain[0] ?? 'D'}${16001 + n}`, secretKey: 'bench', domain, practiceName: `${domain} practice ${n + 1}`, patients: Math.round(PATIENTS / OFFICES) };
  return new OfficeGenerator(spec, 1, 'https://api.sikkasoft.com', createOfficeClock('Eastern Standard Time'), NOW);
});

let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number): number => Math.floor(random() * n);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

interface Timing { label: string; p50: number; p95: number; max: number }

function timeIt(label: string, runs: number, fn: (i: number) => void): Timing {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1) ?? NaN };
}

type Source = (generator: OfficeGenerator) => { count: number; record: (i: number) => SikkaRecord };
const SOURCES: Record<Exclude<SyncedResource, 'practices' | 'providers'>, Source> = {
  guarantors: (g) => ({ count: g.shape.guarantors, record: (i) => g.guarantor(i) }),
  patients: (g) => ({ count: g.shape.patients, record: (i) => g.patient(i) }),
  appointments: (g) => ({ count: g.shape.appointments, record: (i) => g.appointment(i) }),
};

/** Records are built before the clock starts: the timing is the cache's alone. */
function build(resource: keyof typeof SOURCES): Map<string, SikkaRecord[]> {
  return new Map(generators.map((g) => {
    const { count, record } = SOURCES[resource](g);
    return [g.spec.officeId, Array.from({ length: count }, (_, i) => record(i))];
  }));
}

function ingest(writer: CacheWriter, resource: SyncedResource, perOffice: Map<string, SikkaRecord[]>, label: string = resource): { rows: number; seconds: number } {
  const rows = [...perOffice.values()].reduce((n, list) => n + list.length, 0);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const [officeId, records] of perOffice) {
    const { generation } = writer.beginFullPull({ officeId, resource, pageSize: PAGE, expectedTotal: records.length });
    for (let page = 0; page * PAGE < records.length; page++) {
      writer.applyFullPage({ officeId, resource, generation, records: records.slice(page * PAGE, (page + 1) * PAGE), nextPage: page + 1 });
    }
    writer.finishFullPull({ officeId, resource, generation, changesSince: '2024-05-02T00:00:00' });
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(`ingest ${label.padEnd(22)} ${String(rows).padStart(7)} rows ${seconds.toFixed(2).padStart(6)} s ${String(Math.round(rows / seconds)).padStart(7)} rows/s  (${Math.round(rows / cpuSeconds)} rows per CPU-second)`);
  return { rows, seconds };
}

const dir = mkdtempSync(join(tmpdir(), 'pc-cache-bench-'));
const file = join(dir, 'cache.db');
const cache = openCache({ file, key: randomBytes(32), now: () => NOW });

for (const g of generators) {
  cache.writer.upsertOffice({
    office_id: g.spec.officeId, practice_id: g.practiceId, practice_name: g.spec.practiceName, domain: g.domain,
    practice_management_system: g.pms().name, practice_management_system_version: g.pms().version,
    practice_management_system_refresh_date_time_zone: 'Eastern Standard Time',
  });
  for (const [resource, records] of [['practices', [g.practice()]], ['providers', g.providers()]] as const) {
    const { generation } = cache.writer.beginFullPull({ officeId: g.spec.officeId, resource, pageSize: PAGE });
    cache.writer.applyFullPage({ officeId: g.spec.officeId, resource, generation, records: records, nextPage: 1 });
    cache.writer.finishFullPull({ officeId: g.spec.officeId, resource, generation, changesSince: null });
  }
}

const guarantors = build('guarantors');
const patients = build('patients');
const appointments = build('appointments');
const runs = [
  ingest(cache.writer, 'guarantors', guarantors),
  ingest(cache.writer, 'patients', patients),
  ingest(cache.writer, 'appointments', appointments),
];
const rows = runs.reduce((n, r) => n + r.rows, 0);
const seconds = runs.reduce((n, r) => n + r.seconds, 0);
console.log(`ingest ${'all of the above'.padEnd(22)} ${String(rows).padStart(7)} rows ${seconds.toFixed(2).padStart(6)} s ${String(Math.round(rows / seconds)).padStart(7)} rows/s`);
// Full pulls again with nothing changed upstream: what a periodic re-pull costs.
ingest(cache.writer, 'patients', patients, 'patients (unchanged)');
ingest(cache.writer, 'appointments', appointments, 'appointments (unchanged)');

// Queries drawn from the data itself.
const allPatients = [...patients.entries()].flatMap(([officeId, list]) => list.map((record) => ({ officeId, record })));
const samplePatient = (): SikkaRecord => allPatients[int(allPatients.length)]?.record ?? {};
const text = (record: SikkaRecord, field: string): string => (typeof record[field] === 'string' ? record[field] : '');
const people = allPatients.filter((p) => text(p.record, 'lastname') !== '');
const samplePerson = (): SikkaRecord => people[int(people.length)]?.record ?? {};
const prefixes = Array.from({ length: 200 }, () => text(samplePerson(), 'lastname').slice(0, 2 + int(3)));
const fullNames = Array.from({ length: 200 }, () => {
  const p = samplePerson();
  return `${text(p, 'firstname') || text(p, 'petname')} ${text(p, 'lastname').slice(0, 3 + int(4))}`;
});
const phones = Array.from({ length: 200 }, (_, i) => {
  const digits = (text(samplePatient(), 'cell') || text(samplePatient(), 'homephone') || '8605550100').replace(/\D/g, '');
  return i % 2 === 0 ? digits.slice(0, 6) : `${digits.slice(3, 6)}-${digits.slice(6, 9)}`;
});
const dobs = Array.from({ length: 200 }, (_, i) => {
  const [y = '1980', m = '01', d = '01'] = text(samplePatient(), 'birthdate').slice(0, 10).split('-');
  return i % 3 === 0 ? `${y}-${m}-${d}` : i % 3 === 1 ? `${m}/${d}/${y}` : `${Number(m)}/${Number(d)}/${y.slice(2)}`;
});
const ids = Array.from({ length: 200 }, () => text(samplePatient(), 'patient_id'));
const oneLetter = ['s', 'm', 'j', 'a', 'n', 'é'];
const awkward = ['jose', 'José', 'nguyen', 'huynh', 'muller', "o'b", 'o’brien', 'de la', 'иван', '이', 'garcía lópez'];
const officeIds = generators.map((g) => g.spec.officeId);

const reader = cache.reader;
const searches: Timing[] = [
  timeIt('search 2-4 letter prefix', 600, (i) => reader.searchPatients({ text: prefixes[i % prefixes.length] ?? 'sm' })),
  timeIt('search first + last', 600, (i) => reader.searchPatients({ text: fullNames[i % fullNames.length] ?? 'john smi' })),
  timeIt('search phone digits', 600, (i) => reader.searchPatients({ text: phones[i % phones.length] ?? '860' })),
  timeIt('search birth date', 600, (i) => reader.searchPatients({ text: dobs[i % dobs.length] ?? '1985-03-14' })),
  timeIt('search patient id', 600, (i) => reader.searchPatients({ text: ids[i % ids.length] ?? '1' })),
  timeIt('search one letter', 300, (i) => reader.searchPatients({ text: oneLetter[i % oneLetter.length] ?? 's' })),
  timeIt('search accents/punct.', 300, (i) => reader.searchPatients({ text: awkward[i % awkward.length] ?? 'jose' })),
  timeIt('search in one office', 300, (i) => reader.searchPatients({ text: prefixes[i % prefixes.length] ?? 'sm', officeId: officeIds[i % officeIds.length] ?? '' })),
];
const lists = [prefixes, fullNames, phones, dobs, ids];
const mixed = timeIt('search realistic mix', 1500, (i) => {
  const list = lists[i % lists.length] ?? prefixes;
  reader.searchPatients({ text: list[Math.floor(i / lists.length) % list.length] ?? 'sm' });
});
const days = Array.from({ length: 300 }, () => new Date(NOW + (int(240) - 120) * 86_400_000).toISOString().slice(0, 10));
const others: Timing[] = [
  timeIt('day schedule by provider', 600, (i) => reader.daySchedule(officeIds[i % officeIds.length] ?? '', days[i % days.length] ?? '2024-05-02', 'provider')),
  timeIt('day schedule by operatory', 600, (i) => reader.daySchedule(officeIds[i % officeIds.length] ?? '', days[i % days.length] ?? '2024-05-02', 'operatory')),
  timeIt('patient detail', 600, () => {
    const p = allPatients[int(allPatients.length)];
    reader.patientDetail(p?.officeId ?? '', text(p?.record ?? {}, 'patient_id'));
  }),
  timeIt('providers', 200, (i) => reader.providers(officeIds[i % officeIds.length])),
  timeIt('offices with counts', 20, () => reader.offices()),
];
console.log('\nquery                          p50 ms   p95 ms   max ms');
for (const r of [...searches, mixed, ...others]) {
  console.log(`${r.label.padEnd(28)} ${r.p50.toFixed(3).padStart(8)} ${r.p95.toFixed(3).padStart(8)} ${r.max.toFixed(2).padStart(8)}`);
}
const busiest = days.map((d) => reader.daySchedule(officeIds[0] ?? '', d, 'provider')).sort((a, b) => b.appointmentCount - a.appointmentCount)[0];
console.log(`\nbusiest sampled day: ${busiest?.appointmentCount ?? 0} appointments; "${prefixes[0] ?? ''}" → ${reader.searchPatients({ text: prefixes[0] ?? '' }).results.length} results`);

const exportStart = performance.now();
let exported = 0;
for (const _ of reader.exportRecords('appointments')) exported += 1;
console.log(`export appointments: ${exported} records in ${((performance.now() - exportStart) / 1000).toFixed(2)} s`);

cache.close();
console.log(`database file: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB (${pad(OFFICES, 1)} offices)`);
if (args.keep) console.log(`kept ${file}`);
else rmSync(dir, { recursive: true, force: true });
