/** Invented offices, patients, pets and a day, at a fixed moment, for the renderer's tests. */
import type { AuthorizedOfficeView, ConnectionStatus } from '../../shared/domain/connection';
import type { OfficeSummary } from '../../shared/domain/offices';
import type { PatientDetail, PatientSearchResult } from '../../shared/domain/patients';
import type { AppointmentSummary, DaySchedule, ScheduleGrouping } from '../../shared/domain/schedule';
import type { AppSettings } from '../../shared/domain/settings';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { DEFAULT_FRESHNESS_POLICY } from '../../shared/domain/freshness';
import type { OfficeSyncStatus, SyncStatus } from '../../shared/domain/sync';

/** Tuesday 2025-03-04 15:00 UTC: 09:00 in the dental office (Central), 10:00 in the vet (Eastern). */
export const NOW = Date.UTC(2025, 2, 4, 15, 0, 0);
const HOUR = 3_600_000;

const counts = (patients: number) => ({ practices: 1, providers: 4, guarantors: Math.round(patients * 0.6), patients, appointments: patients * 3 });

export const offices: readonly OfficeSummary[] = [
  {
    officeId: 'D16001',
    practiceId: '1',
    practiceName: 'Maple Grove Family Dental',
    domain: 'Dental',
    practiceManagementSystem: 'Dentrix',
    practiceManagementSystemVersion: 'G7.2',
    practiceManagementSystemRefreshDate: '2025-03-04 08:12:00',
    timeZone: 'Central Standard Time',
    dataSynchronizationDate: '2025-03-04 08:15:00',
    dataInsertDate: '2025-03-04 08:20:00',
    counts: counts(2000),
    lastFullSyncAt: { practices: NOW - HOUR, providers: NOW - HOUR, guarantors: NOW - HOUR, patients: NOW - HOUR, appointments: NOW - HOUR },
  },
  {
    officeId: 'V20417',
    practiceId: '2',
    practiceName: 'Riverbend Animal Hospital',
    domain: 'Veterinary',
    practiceManagementSystem: 'AVImark',
    practiceManagementSystemVersion: '2024.1',
    practiceManagementSystemRefreshDate: '2025-03-04 09:40:00',
    timeZone: 'Eastern Standard Time',
    dataSynchronizationDate: '2025-03-04 09:41:00',
    dataInsertDate: '2025-03-04 09:45:00',
    counts: counts(2000),
    lastFullSyncAt: { practices: NOW - HOUR, providers: NOW - HOUR, guarantors: NOW - HOUR, patients: NOW - HOUR, appointments: NOW - HOUR },
  },
];

function officeStatus(officeId: string, name: string, domain: string, zone: string, ianaZone: string, refreshedAt: number): OfficeSyncStatus {
  const local = (at: number): string => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ianaZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
    const part = (type: string): string => parts.find((each) => each.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
  };
  return {
    officeId,
    practiceName: name,
    domain,
    state: 'up-to-date',
    lastAttemptAt: NOW - 5 * 60_000,
    lastSuccessAt: NOW - 5 * 60_000,
    lastError: null,
    nextRunAt: NOW + 10 * 60_000,
    quota: { limited: false, code: null, resumesAt: null },
    lastFullSyncAt: NOW - HOUR,
    counts: counts(2000),
    spc: {
      practiceManagementSystem: domain === 'Dental' ? 'Dentrix' : 'AVImark',
      practiceManagementSystemVersion: domain === 'Dental' ? 'G7.2' : '2024.1',
      refreshedAt: { local: local(refreshedAt), timeZone: zone, at: refreshedAt },
      synchronizedAt: { local: local(refreshedAt + 3 * 60_000), timeZone: zone, at: refreshedAt + 3 * 60_000 },
      insertedAt: { local: local(refreshedAt + 8 * 60_000), timeZone: zone, at: refreshedAt + 8 * 60_000 },
      timeZone: zone,
      ianaTimeZone: ianaZone,
      dataSyncStatus: null,
    },
    businessHours: null,
  };
}

export function syncStatus(): SyncStatus {
  return {
    running: false,
    paused: false,
    lastRunAt: NOW - 5 * 60_000,
    nextRunAt: NOW + 10 * 60_000,
    offices: [
      officeStatus('D16001', 'Maple Grove Family Dental', 'Dental', 'Central Standard Time', 'America/Chicago', NOW - 48 * 60_000),
      officeStatus('V20417', 'Riverbend Animal Hospital', 'Veterinary', 'Eastern Standard Time', 'America/New_York', NOW - 20 * 60_000),
    ],
    freshness: DEFAULT_FRESHNESS_POLICY,
  };
}

export const searchResults: readonly PatientSearchResult[] = [
  { officeId: 'D16001', patientId: '101', kind: 'person', displayName: 'Maria Alvarez', preferredName: null, petName: null, species: null, birthdate: '1985-03-14', guarantorName: 'Maria Alvarez', phone: '5125550143', status: 'Active' },
  { officeId: 'D16001', patientId: '102', kind: 'person', displayName: 'Mark Alvarez', preferredName: 'Marky', petName: null, species: null, birthdate: '2012-07-02', guarantorName: 'Maria Alvarez', phone: '5125550143', status: 'Active' },
  { officeId: 'V20417', patientId: '501', kind: 'pet', displayName: 'Biscuit', preferredName: null, petName: 'Biscuit', species: 'Canine', birthdate: '2019-05-01', guarantorName: 'Jordan Alvarado', phone: '6175550188', status: 'Active' },
];

const appointment = (patch: Partial<AppointmentSummary> & Pick<AppointmentSummary, 'appointmentId' | 'officeId'>): AppointmentSummary => ({
  date: '2025-03-04',
  time: '09:30',
  startMinute: 570,
  lengthMinutes: 60,
  patientId: null,
  patientName: null,
  providerId: 'DDS1',
  providerName: 'Dr. Nora Quinn',
  operatory: 'OP-1',
  description: 'Cleaning',
  status: 'Confirmed',
  type: null,
  ...patch,
});

export const details: readonly PatientDetail[] = [
  {
    officeId: 'D16001',
    patientId: '101',
    kind: 'person',
    displayName: 'Maria Alvarez',
    firstName: 'Maria',
    middleName: null,
    lastName: 'Alvarez',
    preferredName: null,
    birthdate: '1985-03-14',
    status: 'Active',
    cellPhone: '5125550143',
    homePhone: null,
    workPhone: null,
    email: 'maria@example.test',
    address: { line1: '12 Elm St', line2: null, city: 'Austin', state: 'TX', zipcode: '78701' },
    pet: null,
    guarantor: { role: 'guarantor', guarantorId: 'G1', displayName: 'Maria Alvarez', phone: '5125550143', email: null },
    provider: { providerId: 'DDS1', displayName: 'Dr. Nora Quinn' },
    firstVisit: '2015-01-20',
    lastVisit: '2024-11-02',
    pastAppointments: [appointment({ appointmentId: 'A0', officeId: 'D16001', date: '2024-11-02', time: '14:00', status: 'Completed', patientId: '101', patientName: 'Maria Alvarez' })],
    upcomingAppointments: [appointment({ appointmentId: 'A1', officeId: 'D16001', date: '2025-03-18', time: '10:15', lengthMinutes: 45, patientId: '101', patientName: 'Maria Alvarez', description: 'Crown seat' })],
  },
  {
    officeId: 'V20417',
    patientId: '501',
    kind: 'pet',
    displayName: 'Biscuit',
    firstName: null,
    middleName: null,
    lastName: null,
    preferredName: null,
    birthdate: '2019-05-01',
    status: 'Active',
    cellPhone: null,
    homePhone: '6175550188',
    workPhone: null,
    email: null,
    address: { line1: null, line2: null, city: null, state: null, zipcode: null },
    pet: { petName: 'Biscuit', species: 'Canine', breed: 'Beagle', color: 'Tricolor', gender: 'Male (neutered)', weight: '24.5', weightUnit: 'lb', age: null, microchip: null, deceasedDate: null },
    guarantor: { role: 'owner', guarantorId: 'O7', displayName: 'Jordan Alvarado', phone: '6175550188', email: 'jordan@example.test' },
    provider: { providerId: 'DVM1', displayName: 'Dr. Sam Okafor' },
    firstVisit: '2019-06-10',
    lastVisit: '2025-01-15',
    pastAppointments: [],
    upcomingAppointments: [],
  },
];

export function daySchedule(officeId: string, date: string, groupBy: ScheduleGrouping): DaySchedule {
  const appointments = [
    appointment({ appointmentId: `${date}-1`, officeId, date, time: '08:00', startMinute: 480, patientId: '101', patientName: 'Maria Alvarez', status: 'Confirmed' }),
    appointment({ appointmentId: `${date}-2`, officeId, date, time: '09:00', startMinute: 540, patientId: '102', patientName: 'Mark Alvarez', status: 'Broken', operatory: 'OP-2' }),
    appointment({ appointmentId: `${date}-3`, officeId, date, time: '11:00', startMinute: 660, patientId: null, patientName: 'Walk-in', providerId: 'HYG1', providerName: 'Lee Park, RDH', status: null }),
  ];
  const keyOf = (each: AppointmentSummary): string => (groupBy === 'provider' ? (each.providerId ?? '') : (each.operatory ?? ''));
  const keys = [...new Set(appointments.map(keyOf))];
  return {
    officeId,
    date,
    groupBy,
    appointmentCount: appointments.length,
    columns: keys.map((key) => {
      const inColumn = appointments.filter((each) => keyOf(each) === key);
      return { key, label: groupBy === 'provider' ? (inColumn[0]?.providerName ?? null) : key, appointments: inColumn };
    }),
  };
}

export const settings: AppSettings = { ...DEFAULT_SETTINGS, connectionKind: 'demo' };

export const demoConnection: ConnectionStatus = { kind: 'demo', method: null, signedInOffices: [], selectedOffices: 'all', sikkaBaseUrl: null };
export const sikkaConnection: ConnectionStatus = { kind: 'sikka', method: 'app-key', signedInOffices: [], selectedOffices: 'all', sikkaBaseUrl: null };
export const noConnection: ConnectionStatus = { kind: 'none', method: null, signedInOffices: [], selectedOffices: 'all', sikkaBaseUrl: null };

export const authorizedOffices: readonly AuthorizedOfficeView[] = [
  {
    officeId: 'D16001',
    practiceId: '1',
    practiceName: 'Maple Grove Family Dental',
    domain: 'Dental',
    city: 'Austin',
    state: 'TX',
    practiceManagementSystem: 'Dentrix',
    practiceManagementSystemVersion: 'G7.2',
    practiceManagementSystemRefreshedAt: { local: '2025-03-04 08:12:00', timeZone: 'Central Standard Time', at: NOW - 48 * 60_000 },
    dataSynchronizedAt: { local: '2025-03-04 08:15:00', timeZone: 'Central Standard Time', at: NOW - 45 * 60_000 },
    dataInsertedAt: { local: '2025-03-04 08:20:00', timeZone: 'Central Standard Time', at: NOW - 40 * 60_000 },
    dataUploaded: true,
  },
  {
    officeId: 'D16002',
    practiceId: '3',
    practiceName: 'Maple Grove North',
    domain: 'Dental',
    city: 'Round Rock',
    state: 'TX',
    practiceManagementSystem: 'Dentrix',
    practiceManagementSystemVersion: null,
    practiceManagementSystemRefreshedAt: null,
    dataSynchronizedAt: null,
    dataInsertedAt: null,
    dataUploaded: false,
  },
];

/** The item at `index`, which the test knows is there. */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No item ${index} in the fixture`);
  return item;
}
