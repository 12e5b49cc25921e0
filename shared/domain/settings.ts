/**
 * The app's non-secret settings: their layout (checked on every write), defaults, and the part
 * staff may change from the Settings screen. Secrets never appear here; they live in the vault.
 */
import { z } from 'zod';
import { CLOCK_PREFERENCES } from '../time/relative';
import { DEFAULT_FRESHNESS_POLICY } from './freshness';

export const officeIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/);

export const SETTINGS_SCHEMA = z.object({
  /** What the app is connected to: nothing yet, the built-in demo practice, or a Sikka account. */
  connectionKind: z.enum(['none', 'demo', 'sikka']),
  /** A Sikka host other than production (IT staff, Sikka's own test hosts); null is production. */
  sikkaBaseUrl: z.url({ protocol: /^https?$/ }).nullable(),
  sikkaApiVersion: z.enum(['v2', 'v4']),
  sikkaFormat: z.enum(['json', 'xml']),
  /** The offices to keep a copy of; null means every office the app is authorized for. */
  selectedOffices: z.array(officeIdSchema).max(500).nullable(),
  syncIntervalMinutes: z.int().min(5).max(1440),
  syncPaused: z.boolean(),
  startAtLogin: z.boolean(),
  idleLockMinutes: z.int().min(1).max(240),
  /** The practice's data counts as behind (amber) after this many hours (business hours where Sikka gives them); a day behind is red. */
  freshnessAmberHours: z.int().min(1).max(23),
  /** Times in the hour cycle of the PC's regional format, or always 12 or 24 hours. */
  clock: z.enum(CLOCK_PREFERENCES),
  /** Linux without a keyring: the user accepted that secrets are only obfuscated. */
  allowPlaintextSecretStorage: z.boolean(),
});

export type AppSettings = z.infer<typeof SETTINGS_SCHEMA>;
export type SettingsPatch = Partial<AppSettings>;

export const DEFAULT_SETTINGS: AppSettings = {
  connectionKind: 'none',
  sikkaBaseUrl: null,
  sikkaApiVersion: 'v2',
  sikkaFormat: 'json',
  selectedOffices: null,
  syncIntervalMinutes: 15,
  syncPaused: false,
  startAtLogin: false,
  idleLockMinutes: 10,
  freshnessAmberHours: DEFAULT_FRESHNESS_POLICY.amberAfterHours,
  clock: 'system',
  allowPlaintextSecretStorage: false,
};


/** What the Settings screen may change directly; the rest changes through sign-in and sync actions. */
export const EDITABLE_SETTINGS_SCHEMA = SETTINGS_SCHEMA.pick({ syncIntervalMinutes: true, startAtLogin: true, idleLockMinutes: true, freshnessAmberHours: true, clock: true }).partial().strict();
export type EditableSettings = z.infer<typeof EDITABLE_SETTINGS_SCHEMA>;
