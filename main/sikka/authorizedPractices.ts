import type { PracticeDomain, SikkaRecord } from '../../shared/domain/records';

/** One office the app may read, from `authorized_practices`. */
export interface AuthorizedPractice {
  /** The unique key of an office (practice_id repeats across offices). */
  readonly officeId: string;
  /** Needed for `start`; a credential, never to be logged. */
  readonly secretKey: string;
  readonly practiceName: string;
  readonly domain: PracticeDomain;
  readonly practiceId: string | undefined;
  readonly practiceManagementSystem: string | undefined;
  readonly practiceManagementSystemVersion: string | undefined;
  /** Windows zone name of the dates below, e.g. "Eastern Standard Time". */
  readonly timeZone: string | undefined;
  readonly practiceManagementSystemRefreshDate: string | undefined;
  readonly dataSynchronizationDate: string | undefined;
  /** When SPC last finished loading data: the guide's trigger for pulling again. */
  readonly dataInsertDate: string | undefined;
  /** The record exactly as Sikka sent it. */
  readonly record: SikkaRecord;
}

function field(record: SikkaRecord, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An office without an id or secret key cannot be read; it is left out rather than guessed. */
export function readAuthorizedPractice(record: SikkaRecord): AuthorizedPractice | undefined {
  const officeId = field(record, 'office_id')?.trim();
  const secretKey = field(record, 'secret_key');
  if (officeId === undefined || officeId === '' || secretKey === undefined) return undefined;
  return {
    officeId,
    secretKey,
    practiceName: field(record, 'practice_name') ?? '',
    domain: field(record, 'domain') ?? '',
    practiceId: field(record, 'practice_id'),
    practiceManagementSystem: field(record, 'practice_management_system'),
    practiceManagementSystemVersion: field(record, 'practice_management_system_version'),
    timeZone: field(record, 'practice_management_system_refresh_date_time_zone'),
    practiceManagementSystemRefreshDate: field(record, 'practice_management_system_refresh_date'),
    dataSynchronizationDate: field(record, 'data_synchronization_date'),
    dataInsertDate: field(record, 'data_insert_date'),
    record,
  };
}
