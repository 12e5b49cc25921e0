/**
 * The app's non-secret settings: one small JSON file in the data directory, read and written
 * through conf — the store electron-store is built on, so the app passes an electron-store with
 * the same options and the CLI and tests use conf directly. The layout is a zod schema; conf
 * validates every write against its JSON Schema, and a file from a newer or damaged layout is
 * replaced by defaults rather than crashing the app (nothing in it is irreplaceable).
 * Secrets never go here: they live in the vault.
 */
import Conf, { type Options } from 'conf';
import { z } from 'zod';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA, type AppSettings, type SettingsPatch } from '../../shared/domain/settings';

export { DEFAULT_SETTINGS, SETTINGS_SCHEMA, type AppSettings, type SettingsPatch } from '../../shared/domain/settings';

/** The layout's version: bump it with a migration below when a setting is renamed or reshaped. */
export const SETTINGS_LAYOUT_VERSION = '1.0.0';
export const SETTINGS_FILE_NAME = 'settings';

type Migrations = NonNullable<Options<AppSettings>['migrations']>;

/** One entry per layout change, keyed by the layout version that introduced it. */
export const SETTINGS_MIGRATIONS: Migrations = {};

/** Options for conf or electron-store, so both keep the file in the same place and shape. */
export function settingsStoreOptions(dataDir: string, migrations: Migrations = SETTINGS_MIGRATIONS): Options<AppSettings> {
  // zod's JSON Schema output is structurally what conf wants; the two libraries just type it apart.
  const { properties } = z.toJSONSchema(SETTINGS_SCHEMA, { target: 'draft-2020-12' }) as unknown as { properties: NonNullable<Options<AppSettings>['schema']> };
  return {
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    defaults: DEFAULT_SETTINGS,
    schema: properties,
    projectVersion: SETTINGS_LAYOUT_VERSION,
    migrations,
    clearInvalidConfig: true,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    watch: false,
  };
}

/** The part of conf / electron-store the app uses. */
export interface SettingsBackend {
  readonly store: Readonly<Record<string, unknown>>;
  set(values: Partial<AppSettings>): void;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  readonly code = 'SETTINGS_INVALID';
  readonly explanation = 'That setting is not allowed. Nothing was changed.';
}

export type SettingsListener = (settings: AppSettings) => void;

export class Settings {
  private readonly listeners = new Set<SettingsListener>();

  constructor(private readonly backend: SettingsBackend) {}

  current(): AppSettings {
    const parsed = SETTINGS_SCHEMA.safeParse({ ...DEFAULT_SETTINGS, ...this.backend.store });
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  /** Applies a validated patch as one write and tells listeners; an invalid patch changes nothing. */
  update(patch: SettingsPatch): AppSettings {
    const next = SETTINGS_SCHEMA.safeParse({ ...this.current(), ...patch });
    if (!next.success) throw new SettingsError('Invalid settings patch.');
    this.backend.set(next.data);
    for (const listener of this.listeners) listener(next.data);
    return next.data;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}

/** Settings under plain Node (CLI, harness, tests): conf in the data directory. */
export function openNodeSettings(dataDir: string): Settings {
  return new Settings(new Conf<AppSettings>(settingsStoreOptions(dataDir)));
}
