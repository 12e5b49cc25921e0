import { OPERATORY_NAME, roleOf } from './catalog';
import { OfficeGenerator, type Rec } from './generator';
import { LiveCollection, type RecordRef } from './liveCollection';
import { createOfficeClock, type OfficeClock } from './officeTime';
import { STREETS, UNITS } from './pools';
import { hashString, mixKey, Rng } from './random';
import { addWeekdays, dayNumber, formatClock, formatDayTime, SLOT_STARTS } from './schedule';
import type { MutableResource, SandboxChange, SandboxChangeSummary, SandboxOfficeSpec } from './types';

export type CollectionName = 'practices' | 'providers' | 'guarantors' | 'patients' | 'appointments' | 'transactions' | 'practice_schedule';

const ID_FIELD: Readonly<Record<CollectionName, string>> = {
  practices: 'practice_id',
  providers: 'provider_id',
  guarantors: 'guarantor_id',
  patients: 'patient_id',
  appointments: 'appointment_sr_no',
  transactions: 'transaction_sr_no',
  practice_schedule: 'resource_id',
};

/**
 * When the simulated practices are open, as practice_schedule lists them: weekdays with a lunch
 * hour for the people clinics, longer days and Saturday mornings for the animal hospital.
 */
const OPENING_HOURS: Readonly<Record<'people' | 'animals', Readonly<Partial<Record<string, readonly (readonly [string, string])[]>>>>> = {
  people: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [['08:00', '12:00'], ['13:00', '17:00']]])),
  animals: { ...Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [['07:30', '18:00']]])), saturday: [['08:00', '12:00']] },
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const EMPTY_PATIENTS = new LiveCollection('patient_id', { size: 0, at: () => ({}), indexOf: () => undefined });

/**
 * One simulated office: its generated records behind live overlays, its PMS/SPC dates, and the
 * PMS activity `mutate` simulates.
 */
export class SandboxOffice {
  readonly generator: OfficeGenerator;
  readonly clock: OfficeClock;
  private readonly collections: Readonly<Record<CollectionName, LiveCollection>>;
  private readonly mutationSeed: number;
  private mutations = 0;
  private nextPersonId: number;
  private nextAppointmentId: number;
  private addedGuarantors = 0;
  private readonly addedProviderIds = new Set<string>();
  /** When the PMS was last read, SPC synchronised, and the data landed in Sikka (ms). */
  refreshAt: number;
  synchronizedAt: number;
  insertedAt: number;

  constructor(
    readonly spec: SandboxOfficeSpec,
    seed: number,
    baseUrl: string,
    startMs: number,
  ) {
    this.clock = createOfficeClock(spec.timeZone ?? 'Eastern Standard Time');
    const generator = new OfficeGenerator(spec, seed, baseUrl, this.clock, startMs);
    this.generator = generator;
    const { shape } = generator;
    const providers = generator.providers();
    this.collections = {
      practices: new LiveCollection(ID_FIELD.practices, { size: 1, at: () => generator.practice(), indexOf: (id) => (id === generator.practiceId ? 0 : undefined) }),
      providers: new LiveCollection(ID_FIELD.providers, {
        size: providers.length,
        at: (i) => providers[i] ?? {},
        indexOf: (id) => {
          const index = providers.findIndex((p) => p['provider_id'] === id);
          return index === -1 ? undefined : index;
        },
      }),
      guarantors: new LiveCollection(ID_FIELD.guarantors, { size: shape.guarantors, at: (k) => generator.guarantor(k), indexOf: (id) => generator.guarantorIndex(id) }),
      patients: new LiveCollection(ID_FIELD.patients, { size: shape.patients, at: (i) => generator.patient(i), indexOf: (id) => generator.patientIndex(id) }),
      appointments: new LiveCollection(ID_FIELD.appointments, { size: shape.appointments, at: (i) => generator.appointment(i), indexOf: (id) => generator.appointmentIndex(id) }),
      transactions: new LiveCollection(ID_FIELD.transactions, { size: shape.transactions, at: (i) => generator.transaction(i), indexOf: (id) => generator.transactionIndex(id) }),
      practice_schedule: new LiveCollection(ID_FIELD.practice_schedule, { size: 1, at: () => this.practiceSchedule(startMs), indexOf: (id) => (id === generator.practiceId ? 0 : undefined) }),
    };
    this.mutationSeed = mixKey(seed, hashString(spec.officeId), 0x6d757461);
    this.nextPersonId = generator.firstFreePersonId();
    this.nextAppointmentId = 50001 + shape.appointments;
    // SPC last ran a little before the sandbox started (or long before, as the spec says): read the PMS, synchronised, inserted.
    const lastRun = Math.floor(startMs / 1000) * 1000 - (spec.spcLastReadMinutesAgo ?? 25) * 60_000;
    this.refreshAt = lastRun;
    this.synchronizedAt = lastRun + 3 * 60_000;
    this.insertedAt = lastRun + 5 * 60_000;
  }

  get officeId(): string {
    return this.spec.officeId;
  }

  /** The collection behind a resource name; veterinary_patients are the pets of a Veterinary office and none elsewhere. */
  collection(resource: string): LiveCollection | undefined {
    if (resource === 'veterinary_patients') return this.generator.isVeterinary ? this.collections.patients : EMPTY_PATIENTS;
    return Object.hasOwn(this.collections, resource) ? this.collections[resource as CollectionName] : undefined;
  }

  /** The office as authorized_practices lists it; dates are empty until its data is uploaded. */
  authorizedPractice(baseUrl: string, uploaded: boolean, now: number): Rec {
    const practice = this.generator.practice();
    const pms = this.generator.pms();
    const date = (ms: number): string => (uploaded ? this.clock.format(ms) : '');
    return {
      href: `${baseUrl}/auth/v2/authorized_practices/${encodeURIComponent(this.officeId)}`,
      office_id: this.officeId,
      secret_key: this.spec.secretKey,
      practice_name: this.spec.practiceName,
      domain: this.spec.domain,
      practice_id: this.generator.practiceId,
      address: practice['address_line1'] as string,
      city: practice['city'] as string,
      state: practice['state'] as string,
      zip: practice['zipcode'] as string,
      practice_management_system: pms.name,
      practice_management_system_version: pms.version,
      practice_management_system_refresh_date: date(this.refreshAt),
      practice_management_system_refresh_date_time_zone: this.clock.windowsZone,
      data_synchronization_date: date(this.synchronizedAt),
      data_insert_date: date(this.insertedAt),
      financial_system: '',
      financial_system_version: '',
      financial_system_refresh_date: '',
      partner_id: '',
      difference_in_minutes: String(this.clock.utcDifferenceMinutes(now)),
    };
  }

  /** The practice's own row of practice_schedule for the week the sandbox started in (its first day, a Sunday, as `date`). */
  private practiceSchedule(startMs: number): Rec {
    const local = this.clock.parts(startMs);
    const sunday = new Date(Date.UTC(local.year, local.month - 1, local.day));
    sunday.setUTCDate(sunday.getUTCDate() - sunday.getUTCDay());
    const hours = OPENING_HOURS[this.generator.isVeterinary ? 'animals' : 'people'];
    const record: Rec = {
      href: this.generator.href('practice_schedule', this.generator.practiceId),
      practice_id: this.generator.practiceId,
      practice: { href: this.generator.practiceBase },
      date: sunday.toISOString().slice(0, 10),
      cust_id: '',
      resource_type: 'Practice',
      resource_id: this.generator.practiceId,
    };
    for (const day of WEEKDAYS) {
      const spans = hours[day] ?? [];
      for (let n = 1; n <= 3; n++) {
        record[`${day}_start_${n}`] = spans[n - 1]?.[0] ?? '00:00';
        record[`${day}_end_${n}`] = spans[n - 1]?.[1] ?? '00:00';
      }
    }
    for (const day of WEEKDAYS) record[`${day}_holiday`] = 'false';
    return record;
  }

  /**
   * The office as v4's data_sync_status lists it: "refresh" while SPC reaches the practice system
   * ("not_refresh" otherwise), with data_insert_date in the `T` form of the v4 collection's example.
   */
  dataSyncStatus(uploaded: boolean, refreshing: boolean): Rec {
    const pms = this.generator.pms();
    return {
      status: refreshing ? 'refresh' : 'not_refresh',
      practice_id: this.generator.practiceId,
      office_id: this.officeId,
      domain: this.spec.domain,
      practice_name: this.spec.practiceName,
      practice_management_system: pms.name,
      data_insert_date: uploaded ? this.clock.format(this.insertedAt).replace(' ', 'T') : '',
      practice_management_system_version: pms.version,
      practice_management_system_refresh_date_time_zone: this.clock.windowsZone,
    };
  }

  /** What the PMS did, then SPC uploaded: records change and the office's dates move to `now`. */
  mutate(change: SandboxChange, now: number): SandboxChangeSummary {
    const resource: MutableResource = change.resource ?? 'patients';
    const collection = this.collections[resource];
    const rng = new Rng(mixKey(this.mutationSeed, this.mutations++));
    const local = this.clock.parts(now);
    const today = dayNumber(local.year, local.month, local.day);
    const added: string[] = [];
    const edited: string[] = [];
    const deleted: string[] = [];
    const idOf = (record: Rec): string => record[collection.idField] as string;

    for (let n = 0; n < Math.max(0, Math.floor(change.add ?? 0)); n++) {
      const record = this.newRecord(resource, rng, today);
      collection.add(record, now);
      added.push(idOf(record));
    }
    for (let n = 0; n < Math.max(0, Math.floor(change.edit ?? 0)) && collection.count > 0; n++) {
      const ref = collection.refAt(rng.int(collection.count));
      const old = collection.get(ref) ?? {};
      const record = this.editedRecord(resource, old, rng, today);
      // An edit always changes something a reader can see.
      if (Object.keys(old).every((field) => old[field] === record[field])) record['status'] = old['status'] === 'Inactive' ? 'Active' : 'Inactive';
      collection.replace(ref, record, now);
      edited.push(idOf(record));
    }
    for (let n = 0; n < Math.max(0, Math.floor(change.delete ?? 0)) && collection.count > 0; n++) {
      const ref: RecordRef = collection.refAt(rng.int(collection.count));
      deleted.push(idOf(collection.get(ref) ?? {}));
      collection.remove(ref, now);
    }

    this.refreshAt = now - 90_000;
    this.synchronizedAt = now - 30_000;
    this.insertedAt = now;
    return { officeId: this.officeId, resource, at: now, dataInsertDate: this.clock.format(now), added, edited, deleted };
  }

  private newRecord(resource: MutableResource, rng: Rng, today: number): Rec {
    const g = this.generator;
    const { shape } = g;
    switch (resource) {
      case 'patients': {
        const k = shape.guarantors > 0 ? rng.int(shape.guarantors) : shape.guarantors + this.addedGuarantors++;
        const identity = g.newHouseholdMember(k, rng.next());
        return g.patientRecord(String(this.nextPersonId++), identity, shape.guarantors > 0 ? g.guarantorId(k) : '', rng.next());
      }
      case 'guarantors': {
        const household = g.household(shape.guarantors + this.addedGuarantors++);
        return g.guarantorRecord(String(this.nextPersonId++), household, '', undefined, 'Non-Patient');
      }
      case 'providers': {
        const count = this.collections.providers.count;
        const role = roleOf(g.domain, count);
        // Ids are never reused, not even a deleted provider's.
        let number = 1;
        while (g.providers().some((p) => p['provider_id'] === `${role.prefix}${number}`) || this.addedProviderIds.has(`${role.prefix}${number}`)) number++;
        const id = `${role.prefix}${number}`;
        this.addedProviderIds.add(id);
        return g.providerRecord(id, role, rng);
      }
      case 'appointments': {
        const patients = this.collections.patients;
        const patient = patients.count > 0 ? (patients.get(patients.refAt(rng.int(patients.count))) ?? {}) : {};
        const providerCount = Math.max(1, shape.providers);
        const providerNumber = rng.int(providerCount);
        const role = roleOf(g.domain, providerNumber);
        const visit = rng.pick(role.visits);
        const day = addWeekdays(today, rng.between(0, 15));
        return g.appointmentRecord({
          id: String(this.nextAppointmentId++),
          patientId: text(patient['patient_id']),
          patientName: `${text(patient['firstname'])} ${text(patient['lastname'])}`.trim(),
          guarantorId: text(patient['guarantor_id']),
          guarantorName: `${text(patient['guarantor_first_name'])} ${text(patient['guarantor_last_name'])}`.trim(),
          providerId: g.providerIdAt(providerNumber),
          day,
          start: rng.pick(SLOT_STARTS),
          minutes: visit.minutes,
          visitType: visit.type,
          description: visit.description.replace('#', `#${rng.between(2, 31)}`),
          procedures: visit.procedures,
          status: 'Scheduled',
          operatory: `${OPERATORY_NAME[g.domain]}${(providerNumber % shape.operatories) + 1}`,
          madeDay: today,
          changedDay: today,
          hygienist: role.primary ? '' : g.providerIdAt(providerNumber),
        });
      }
    }
  }

  private editedRecord(resource: MutableResource, old: Rec, rng: Rng, today: number): Rec {
    const g = this.generator;
    const record: Rec = { ...old };
    switch (resource) {
      case 'patients':
      case 'guarantors': {
        const what = rng.int(this.generator.isVeterinary && resource === 'patients' ? 5 : 4);
        if (what === 0) record['cell'] = g.phone(rng);
        else if (what === 1) record['email'] = g.email(rng, text(old['firstname']), text(old['lastname'])) || 'front.desk.update@example.com';
        else if (what === 2) {
          record['address_line1'] = `${rng.between(1, 9999)} ${rng.pick(STREETS)}`;
          record['address_line2'] = rng.chance(0.2) ? rng.pick(UNITS) : '';
        } else if (what === 3) record['status'] = old['status'] === 'Active' ? 'Inactive' : 'Active';
        else record['weight'] = (Number(text(old['weight'])) * (0.9 + rng.float() * 0.2)).toFixed(1);
        return record;
      }
      case 'providers': {
        if (rng.chance(0.5)) record['status'] = old['status'] === 'Active' ? 'Inactive' : 'Active';
        else record['phone'] = g.phone(rng);
        return record;
      }
      case 'appointments': {
        const what = rng.int(3);
        if (what === 0) {
          const day = addWeekdays(today, rng.between(1, 20));
          record['date'] = formatDayTime(day);
          record['time'] = formatClock(rng.pick(SLOT_STARTS));
          record['status'] = 'Scheduled';
          record['confirmed_on_date'] = '';
        } else if (what === 1) {
          record['status'] = 'Confirmed';
          record['confirmed_on_date'] = formatDayTime(today);
        } else {
          record['status'] = 'Broken';
        }
        record['last_changed_date'] = formatDayTime(today);
        return record;
      }
    }
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
