import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, openNodeSettings, Settings, settingsStoreOptions, type AppSettings } from '../../main/settings/settings';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('settings', () => {
  it('starts from the defaults', () => {
    expect(openNodeSettings(dataDir()).current()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists an update to a 0600 file in the data directory', () => {
    const dir = dataDir();
    openNodeSettings(dir).update({ syncIntervalMinutes: 30, selectedOffices: ['D16001'] });
    expect(openNodeSettings(dir).current()).toMatchObject({ syncIntervalMinutes: 30, selectedOffices: ['D16001'] });
    expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses an invalid patch and changes nothing', () => {
    const settings = openNodeSettings(dataDir());
    for (const patch of [{ syncIntervalMinutes: 1 }, { sikkaBaseUrl: 'javascript:alert(1)' }, { selectedOffices: ['../etc'] }, { sikkaApiVersion: 'v9' }] as Partial<AppSettings>[]) {
      expect(() => settings.update(patch)).toThrow(expect.objectContaining({ code: 'SETTINGS_INVALID' }) as Error);
    }
    expect(settings.current()).toEqual(DEFAULT_SETTINGS);
  });

  it('tells listeners about changes', () => {
    const settings = openNodeSettings(dataDir());
    const seen: number[] = [];
    const stop = settings.onChange((next) => seen.push(next.syncIntervalMinutes));
    settings.update({ syncIntervalMinutes: 20 });
    stop();
    settings.update({ syncIntervalMinutes: 25 });
    expect(seen).toEqual([20]);
  });

  it('replaces a damaged file with the defaults instead of failing', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), '{"syncIntervalMinutes": "soon", "bogus": true');
    expect(openNodeSettings(dir).current()).toEqual(DEFAULT_SETTINGS);
  });

  it('runs a layout migration when the layout version moves', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, syncIntervalMinutes: 45, __internal__: { migrations: { version: '1.0.0' } } }));
    const migrated = new Settings(new Conf<AppSettings>({
      ...settingsStoreOptions(dir, { '2.0.0': (store) => { store.set('syncIntervalMinutes', store.get('syncIntervalMinutes') * 2); } }),
      projectVersion: '2.0.0',
    }));
    expect(migrated.current().syncIntervalMinutes).toBe(90);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toContain('"version": "2.0.0"');
  });
});
