/**
 * Cache benchmark (a script, not a test): fills an encrypted cache with synthetic practices —
 * 100k patients, 300k appointments, 50k guarantors by default — through the writer API the
 * sync engine uses, then times patient search, patient detail and day schedules.
 *
 *   npx tsx test/bench/cache-bench.ts [--patients 100000] [--appointments 300000] [--guarantors 50000] [--keep]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCache, type CacheWriter } from '../../main/cache';
import type { SikkaRecord, SyncedResource } from '../../shared/domain/records';

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '100000' },
    appointments: { type: 'string', default: '300000' },
    guarantors: { type: 'string', default: '50000' },
    offices: { type: 'string', default: '4' },
    page: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
  },
});
const PATIENTS = Number(args.patients);
const APPOINTMENTS = Number(args.appointments);
const GUARANTORS = Number(args.guarantors);
const OFFICES = Number(args.offices);
const PAGE = Number(args.page);

// Deterministic data: mulberry32.
let seed = 0x5eed;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number): number => Math.floor(random() * n);
/** Skewed towards the front of the list, as real surnames are. */
const pick = <T>(list: readonly T[]): T => list[Math.floor(list.length * random() ** 2)] as T;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew',
  'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna',
  'Joshua', 'Michelle', 'José', 'María', 'Zoë', 'Renée', 'Chloé', 'Søren', 'Ana', 'Luis', 'Carmen', 'Jorge', 'Sofía', 'Mateo',
  'Nguyen', 'Wei', 'Priya', 'Aarav', 'Fatima', 'Omar', 'Yuki', 'Hiroshi', 'Olga', 'Dmitri', 'Siobhán', 'Seán', 'Mary Ann', 'Jean-Luc'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
  'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres',
  'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  "O'Brien", "O'Connor", 'McDonald', 'De la Cruz', 'Van der Berg', 'Müller', 'Peña', 'Núñez', 'Côté', 'Gagné', 'Smith-Jones',
  'Kowalski', 'Nowak', 'Ivanova', 'Иванов', 'Kim', 'Park', 'Chen', 'Wang', 'Li', 'Zhang', 'Patel', 'Shah', 'Singh', 'Khan'];
const PETS = ['Bella', 'Max', 'Luna', 'Charlie', 'Lucy', 'Cooper', 'Daisy', 'Milo', 'Bailey', 'Rocky', 'Biscuit', 'Zoë', 'Pépé', 'Shadow'];
const SPECIES = ['Canine', 'Feline', 'Equine', 'Avian'];
const AREA = ['860', '203', '475', '212', '646', '718', '408', '650', '415', '312'];
const OPERATORIES = ['OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'Hyg 1', 'Hyg 2'];
const START_DAY = Date.UTC(2023, 0, 2);
const DAYS = 3 * 365;

const phone = (): string => `${pick(AREA)}-${pad(200 + int(800), 3)}-${pad(int(10000), 4)}`;
const birthdate = (): string => new Date(Date.UTC(1930 + int(90), int(12), 1 + int(28))).toISOString().slice(0, 10) + 'T00:00:00';
const day = (): string => new Date(START_DAY + int(DAYS) * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00';

const offices = Array.from({ length: OFFICES }, (_, i) => ({
  office_id: `D${1000 + i}`,
  practice_id: '1',
  practice_name: `Practice ${i + 1}`,
  domain: i === OFFICES - 1 ? 'Veterinary' : 'Dental',
  practice_management_system: 'Dentrix',
  practice_management_system_refresh_date_time_zone: 'Eastern Standard Time',
}));
const officeOf = (i: number): string => offices[i % OFFICES]?.office_id ?? 'D1000';
const isVet = (officeId: string): boolean => officeId === offices[OFFICES - 1]?.office_id;

function guarantor(i: number): SikkaRecord {
  return {
    href: `https://api.sikkasoft.com/v2/practices/1/guarantors/${i}`,
    guarantor_id: String(i), patient_id: String(i), firstname: pick(FIRST), middlename: '', lastname: pick(LAST),
    birthdate: '', status: 'Active', address_line1: `${1 + int(9999)} Main St`, city: 'Newington', state: 'CT', zipcode: '06111',
    cell: phone(), email: `g${i}@example.com`, practice_id: '1', practice: { href: 'https://api.sikkasoft.com/v2/practices/1' },
  };
}

function patient(i: number, officeId: string): SikkaRecord {
  const guarantorId = String(int(GUARANTORS));
  const base: Record<string, SikkaRecord[string]> = {
    href: `https://api.sikkasoft.com/v2/practices/1/patients/${i}`,
    patient_id: String(i), guarantor_id: guarantorId, firstname: pick(FIRST), middlename: random() < 0.2 ? pick(FIRST) : '',
    lastname: pick(LAST), preferred_name: random() < 0.1 ? pick(FIRST) : '', salutation: '', birthdate: birthdate(),
    status: random() < 0.9 ? 'Active' : 'Inactive', address_line1: `${1 + int(9999)} Elm St`, address_line2: '', city: 'Newington',
    state: 'CT', zipcode: '06111', cell: phone(), homephone: random() < 0.4 ? phone() : '', workphone: '',
    email: `p${i}@example.com`, first_visit: '2015-01-05T00:00:00', last_visit: '2024-03-01T00:00:00', provider_id: `PR${int(8)}`,
    practice_id: '1', guarantor_first_name: pick(FIRST), guarantor_last_name: pick(LAST), created_date: '2015-01-05T00:00:00',
    practice: { href: 'https://api.sikkasoft.com/v2/practices/1' }, provider: { href: 'https://api.sikkasoft.com/v2/practices/1/providers/PR1' },
  };
  if (isVet(officeId)) Object.assign(base, { petname: pick(PETS), species: pick(SPECIES), breed: 'Mixed', color: 'Brown', weight: String(2 + int(80)), weight_type: 'pounds' });
  return base;
}

function appointment(i: number, patientCount: number): SikkaRecord {
  const p = int(patientCount);
  const minute = 7 * 60 + 10 * int(60);
  return {
    href: `https://api.sikkasoft.com/v2/practices/1/appointments/${i}`,
    appointment_sr_no: String(i), patient_id: String(p), guarantor_id: '', provider_id: `PR${int(8)}`, practice_id: '1',
    operatory: pick(OPERATORIES), date: day(), time: `${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}`, length: '60',
    description: 'Prophy', amount: '0.0000', status: 'Scheduled', type: 'General', patient_name: 'Synthetic Name',
    appointment_made_date: '2022-12-01T00:00:00',
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

function timeIt(label: string, runs: number, fn: (i: number) => void): { label: string; p50: number; p95: number; max: number } {
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

const dir = mkdtempSync(join(tmpdir(), 'pc-cache-bench-'));
const file = join(dir, 'cache.db');
const cache = openCache({ file, key: randomBytes(32) });
for (const office of offices) cache.writer.upsertOffice(office);

function build(total: number, make: (i: number) => SikkaRecord): Map<string, SikkaRecord[]> {
  const perOffice = new Map<string, SikkaRecord[]>();
  for (let i = 0; i < total; i++) {
    const officeId = officeOf(i);
    let list = perOffice.get(officeId);
    if (!list) perOffice.set(officeId, (list = []));
    list.push(make(i));
  }
  return perOffice;
}

/** Full pulls of every office, timed by the wall clock and by this process's CPU time. */
function ingest(writer: CacheWriter, resource: SyncedResource, perOffice: Map<string, SikkaRecord[]>, label: string = resource): number {
  const total = [...perOffice.values()].reduce((n, list) => n + list.length, 0);
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
  console.log(`ingest ${label.padEnd(20)} ${String(total).padStart(7)} rows  ${seconds.toFixed(2)} s  ${String(Math.round(total / seconds)).padStart(6)} rows/s  (${Math.round(total / cpuSeconds)} rows per CPU-second)`);
  return seconds;
}

const providers = offices.flatMap((o) => Array.from({ length: 8 }, (_, k) => ({ office: o.office_id, id: `PR${k}` })));
let totalSeconds = 0;
for (const office of offices) {
  const records = providers.filter((p) => p.office === office.office_id).map((p) => ({
    provider_id: p.id, firstname: pick(FIRST), lastname: pick(LAST), provider_type: 'Provider', specialty: 'General', status: 'Active', practice_id: '1',
  }));
  const { generation } = cache.writer.beginFullPull({ officeId: office.office_id, resource: 'providers', pageSize: PAGE });
  cache.writer.applyFullPage({ officeId: office.office_id, resource: 'providers', generation, records, nextPage: 1 });
  cache.writer.finishFullPull({ officeId: office.office_id, resource: 'providers', generation, changesSince: null });
}
const guarantorRecords = build(GUARANTORS, guarantor);
const patientRecords = build(PATIENTS, (i) => patient(i, officeOf(i)));
const perOfficePatients = Math.ceil(PATIENTS / OFFICES);
const appointmentRecords = build(APPOINTMENTS, (i) => appointment(i, perOfficePatients * OFFICES));
totalSeconds += ingest(cache.writer, 'guarantors', guarantorRecords);
totalSeconds += ingest(cache.writer, 'patients', patientRecords);
totalSeconds += ingest(cache.writer, 'appointments', appointmentRecords);
const rows = GUARANTORS + PATIENTS + APPOINTMENTS;
console.log(`ingest total        ${String(rows).padStart(7)} rows  ${totalSeconds.toFixed(2)} s  ${Math.round(rows / totalSeconds)} rows/s`);

// Full pulls again with nothing changed upstream: what a periodic re-pull costs.
ingest(cache.writer, 'patients', patientRecords, 'patients (unchanged)');
ingest(cache.writer, 'appointments', appointmentRecords, 'appointments (unchg.)');

const reader = cache.reader;
const prefixes = LAST.slice(0, 40).map((n) => n.toLowerCase().replace(/[^a-z]/g, '')).flatMap((n) => [n.slice(0, 2), n.slice(0, 3), n.slice(0, 4)]);
const fullNames = Array.from({ length: 60 }, () => `${pick(FIRST)} ${pick(LAST).slice(0, 3 + int(3))}`);
const phones = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? `(${pick(AREA)}) ${pad(200 + int(800), 3)}` : `${pad(200 + int(800), 3)}-${pad(int(10000), 4)}`));
const dobs = Array.from({ length: 60 }, (_, i) => {
  const d = new Date(Date.UTC(1930 + int(90), int(12), 1 + int(28)));
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return i % 3 === 0 ? `${y}-${pad(m, 2)}-${pad(dd, 2)}` : i % 3 === 1 ? `${pad(m, 2)}/${pad(dd, 2)}/${y}` : `${m}/${dd}/${String(y).slice(2)}`;
});
const ids = Array.from({ length: 60 }, () => String(int(PATIENTS)));
const oneLetter = ['s', 'm', 'j', 'a', 'é'];
const accents = ['jose', 'José', 'muller', 'pena', 'nunez', 'cote', "o'b", 'obri', 'de la', 'иван'];

const results = [
  timeIt('search 2-4 letter prefix', 600, (i) => reader.searchPatients({ text: prefixes[i % prefixes.length] ?? 'sm' })),
  timeIt('search first + last', 600, (i) => reader.searchPatients({ text: fullNames[i % fullNames.length] ?? 'john smi' })),
  timeIt('search phone digits', 600, (i) => reader.searchPatients({ text: phones[i % phones.length] ?? '860' })),
  timeIt('search birth date', 600, (i) => reader.searchPatients({ text: dobs[i % dobs.length] ?? '1985-03-14' })),
  timeIt('search patient id', 600, (i) => reader.searchPatients({ text: ids[i % ids.length] ?? '1' })),
  timeIt('search one letter', 300, (i) => reader.searchPatients({ text: oneLetter[i % oneLetter.length] ?? 's' })),
  timeIt('search accents/punct.', 300, (i) => reader.searchPatients({ text: accents[i % accents.length] ?? 'jose' })),
  timeIt('search one office', 300, (i) => reader.searchPatients({ text: prefixes[i % prefixes.length] ?? 'sm', officeId: officeOf(i) })),
];
const mixed = timeIt('search realistic mix', 1200, (i) => {
  const lists = [prefixes, fullNames, phones, dobs, ids];
  const list = lists[i % lists.length] ?? prefixes;
  reader.searchPatients({ text: list[Math.floor(i / lists.length) % list.length] ?? 'sm' });
});
const dates = Array.from({ length: 200 }, () => day().slice(0, 10));
const schedule = [
  timeIt('day schedule by provider', 400, (i) => reader.daySchedule(officeOf(i), dates[i % dates.length] ?? '2024-01-02', 'provider')),
  timeIt('day schedule by operatory', 400, (i) => reader.daySchedule(officeOf(i), dates[i % dates.length] ?? '2024-01-02', 'operatory')),
  timeIt('patient detail', 400, (i) => reader.patientDetail(officeOf(i), String(int(PATIENTS)))),
  timeIt('providers', 200, (i) => reader.providers(officeOf(i))),
  timeIt('offices with counts', 20, () => reader.offices()),
];
console.log('\nquery                          p50 ms   p95 ms   max ms');
for (const r of [...results, mixed, ...schedule]) {
  console.log(`${r.label.padEnd(28)} ${r.p50.toFixed(3).padStart(8)} ${r.p95.toFixed(3).padStart(8)} ${r.max.toFixed(2).padStart(8)}`);
}
const sample = reader.searchPatients({ text: 'smi' });
console.log(`\n"smi" → ${sample.results.length} results (truncated: ${sample.truncated}), first: ${sample.results.slice(0, 3).map((r) => r.displayName).join(', ')}`);

const exportStart = performance.now();
let exported = 0;
for (const _ of reader.exportRecords('appointments')) exported += 1;
console.log(`export appointments: ${exported} records in ${((performance.now() - exportStart) / 1000).toFixed(2)} s`);

cache.close();
const size = statSync(file).size;
console.log(`database file: ${(size / 1024 / 1024).toFixed(1)} MB`);
if (args.keep) console.log(`kept ${file}`);
else rmSync(dir, { recursive: true, force: true });
