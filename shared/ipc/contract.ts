/**
 * Everything the renderer may ask of the main process, and every event it may hear. The router,
 * the preload's `window.companion` and the browser harness's client are all built from these two
 * objects; nothing else lists channel names.
 *
 * Arguments are validated here, at the boundary, strictly: unknown keys, wrong types and oversized
 * strings are refused before any handler runs.
 */
import { z } from 'zod';
import type { AuthorizedOfficeView, ConnectionStatus, SignedInOffice, SignOutReport } from '../domain/connection';
import type { CallerCard, Household } from '../domain/households';
import type { OfficeSummary } from '../domain/offices';
import type { PatientDetail, PatientSearchResponse } from '../domain/patients';
import type { ProviderSummary } from '../domain/providers';
import type { DaySchedule } from '../domain/schedule';
import { EDITABLE_SETTINGS_SCHEMA, officeIdSchema, type AppSettings } from '../domain/settings';
import type { SyncEvent, SyncStatus } from '../domain/sync';
import { MAX_PHONE_TEXT } from '../phone/phoneNumber';
import { channel, event, type CompanionApiOf } from './define';

const recordId = z.string().min(1).max(64);
const isoDate = z.iso.date();
const none = z.strictObject({});
const appCredentials = {
  appId: z.string().trim().min(1).max(128),
  appKey: z.string().trim().min(1).max(256),
  /** A Sikka host other than production (IT staff); null or absent is production. */
  baseUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
};
const officeChoice = z.union([z.literal('all'), z.array(officeIdSchema).min(1).max(500)]);

/** What the app is and whether it can reach the network, for the header and "data as of". */
export interface AppInfo {
  readonly version: string;
  readonly online: boolean;
  /** Runs in the browser harness rather than the desktop app (no tray, no system browser). */
  readonly harness: boolean;
}

export const COMPANION_CONTRACT = {
  appInfo: channel<AppInfo>()(none),

  // The local copy: answered from the encrypted cache, online or not.
  searchPatients: channel<PatientSearchResponse>()(
    z.strictObject({ text: z.string().max(200), officeId: officeIdSchema.optional(), limit: z.int().min(1).max(200).optional() }),
  ),
  patientDetail: channel<PatientDetail | null>()(z.strictObject({ officeId: officeIdSchema, patientId: recordId })),
  daySchedule: channel<DaySchedule>()(z.strictObject({ officeId: officeIdSchema, date: isoDate, groupBy: z.enum(['provider', 'operatory']) })),
  providers: channel<readonly ProviderSummary[]>()(z.strictObject({ officeId: officeIdSchema.optional() })),
  offices: channel<readonly OfficeSummary[]>()(none),
  /** A guarantor (pet owner) with everyone they are responsible for. */
  household: channel<Household | null>()(z.strictObject({ officeId: officeIdSchema, guarantorId: recordId })),

  // Who is calling: a number looked up (the main process reads it as a phone number or looks nothing up),
  // and the caller a phone client announced, taken once.
  callerLookup: channel<CallerCard>()(z.strictObject({ number: z.string().max(MAX_PHONE_TEXT) })),
  takeCaller: channel<CallerCard | null>()(none),

  // Syncing.
  syncStatus: channel<SyncStatus>()(none),
  syncNow: channel<null>()(none),
  setSyncPaused: channel<SyncStatus>()(z.strictObject({ paused: z.boolean() })),

  // Settings.
  settings: channel<AppSettings>()(none),
  updateSettings: channel<AppSettings>()(EDITABLE_SETTINGS_SCHEMA),

  // The link to Sikka: sign in, an app key, the demo practice, sign out.
  connectionStatus: channel<ConnectionStatus>()(none),
  signInWithSikka: channel<SignedInOffice>()(z.strictObject(appCredentials)),
  cancelSignIn: channel<null>()(none),
  checkAppKey: channel<readonly AuthorizedOfficeView[]>()(z.strictObject(appCredentials)),
  connectWithAppKey: channel<ConnectionStatus>()(z.strictObject({ ...appCredentials, offices: officeChoice })),
  authorizedOffices: channel<readonly AuthorizedOfficeView[]>()(none),
  chooseOffices: channel<ConnectionStatus>()(z.strictObject({ offices: officeChoice })),
  startDemo: channel<ConnectionStatus>()(none),
  signOut: channel<SignOutReport>()(none),
  /** Removes the local copy (it can always be synced again); the connection stays. */
  clearLocalData: channel<null>()(none),
} as const;

export const COMPANION_EVENTS = {
  /** A sync run's progress, office by office. */
  sync: event<SyncEvent>(),
  syncStatus: event<SyncStatus>(),
  online: event<{ readonly online: boolean }>(),
  connection: event<ConnectionStatus>(),
  /** A phone client announced a caller: `takeCaller` has the card. Carries no number. */
  caller: event<{ readonly callId: number }>(),
} as const;

export type CompanionContract = typeof COMPANION_CONTRACT;
export type CompanionEvents = typeof COMPANION_EVENTS;
/** `window.companion`, as the renderer sees it. */
export type CompanionApi = CompanionApiOf<CompanionContract, CompanionEvents>;
export type CompanionEventName = keyof CompanionEvents;
