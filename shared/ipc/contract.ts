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
import type { AuditEntryView, AuditVerification } from '../domain/audit';
import { EDITABLE_SETTINGS_SCHEMA, officeIdSchema, SETTINGS_SCHEMA, type AppSettings } from '../domain/settings';
import {
  firstStaffProfileSchema,
  newStaffProfileSchema,
  pinInputSchema,
  profileIdSchema,
  staffRoleSchema,
  type LockedCallerCard,
  type SessionView,
  type StaffProfileView,
} from '../domain/staff';
import type { SyncEvent, SyncStatus } from '../domain/sync';
import { MAX_PHONE_TEXT } from '../phone/phoneNumber';
import type { ClockPreference } from '../time/relative';
import { channel, event, type CompanionApiOf } from './define';

const recordId = z.string().min(1).max(64);
const isoDate = z.iso.date();
const none = z.strictObject({});
const appCredentials = {
  appId: z.string().trim().min(1).max(128),
  appKey: z.string().trim().min(1).max(256),
  /** A Sikka host other than production (IT staff); null or absent is production. */
  baseUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
  /** The Sikka API version the app is registered for; absent keeps the one in the settings. */
  apiVersion: SETTINGS_SCHEMA.shape.sikkaApiVersion.optional(),
};
const epochMs = z.int().min(0).max(8_640_000_000_000_000);
const officeChoice = z.union([z.literal('all'), z.array(officeIdSchema).min(1).max(500)]);

/** What the app is and whether it can reach the network, for the header and "data as of". */
export interface AppInfo {
  readonly version: string;
  readonly online: boolean;
  /** Runs in the browser harness rather than the desktop app (no tray, no system browser). */
  readonly harness: boolean;
  /**
   * The PC's regional format for dates and times (e.g. "en-US"), as the OS has it; null: the
   * window's own (the browser's, in the harness).
   */
  readonly locale: string | null;
  /** The hour cycle the settings ask for. */
  readonly clock: ClockPreference;
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

  // Who is at the PC: first-run setup, the lock screen, profiles (see shared/domain/staff.ts).
  session: channel<SessionView>()(none),
  /** The profiles to choose from on the lock screen: names and roles, never a PIN. */
  staffProfiles: channel<readonly StaffProfileView[]>()(none),
  /** Creates the first profile, a manager, and unlocks with it (only while no profile exists). */
  setUp: channel<SessionView>()(firstStaffProfileSchema),
  unlock: channel<SessionView>()(z.strictObject({ profileId: profileIdSchema, pin: pinInputSchema })),
  lock: channel<SessionView>()(none),
  changeOwnPin: channel<StaffProfileView>()(z.strictObject({ currentPin: pinInputSchema, newPin: pinInputSchema })),
  createProfile: channel<StaffProfileView>()(newStaffProfileSchema),
  removeProfile: channel<StaffProfileView>()(z.strictObject({ profileId: profileIdSchema })),
  setRole: channel<StaffProfileView>()(z.strictObject({ profileId: profileIdSchema, role: staffRoleSchema })),
  /** A manager gives someone a new PIN (forgotten, or locked out). */
  resetPin: channel<StaffProfileView>()(z.strictObject({ profileId: profileIdSchema, pin: pinInputSchema })),
  /** What a locked window may show of the caller a phone client announced; the caller stays waiting for takeCaller. */
  peekCaller: channel<LockedCallerCard | null>()(none),

  // The audit trail, for managers: newest first, a page at a time.
  auditEntries: channel<readonly AuditEntryView[]>()(
    z.strictObject({ from: epochMs.optional(), to: epochMs.optional(), beforeSequence: z.int().min(1).optional(), limit: z.int().min(1).max(500) }),
  ),
  auditVerify: channel<AuditVerification>()(none),
} as const;

export const COMPANION_EVENTS = {
  /** A sync run's progress, office by office. */
  sync: event<SyncEvent>(),
  syncStatus: event<SyncStatus>(),
  online: event<{ readonly online: boolean }>(),
  connection: event<ConnectionStatus>(),
  /** A phone client announced a caller: `takeCaller` has the card. Carries no number. */
  caller: event<{ readonly callId: number }>(),
  /** Locked, unlocked, or a profile changed: the window shows the lock screen or drops what it held. */
  session: event<SessionView>(),
} as const;

export type CompanionContract = typeof COMPANION_CONTRACT;
export type CompanionEvents = typeof COMPANION_EVENTS;
/** `window.companion`, as the renderer sees it. */
export type CompanionApi = CompanionApiOf<CompanionContract, CompanionEvents>;
export type CompanionEventName = keyof CompanionEvents;
