import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Credentials } from '../../main/auth/credentials';
import { createPassphraseKeyProtector } from '../../main/auth/keyProtectorNode';
import { DATABASE_KEY_SECRET, Vault } from '../../main/auth/vault';

const dirs: string[] = [];
function open() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-credentials-'));
  dirs.push(dataDir);
  const vault = Vault.open({ dataDir, protector: createPassphraseKeyProtector('correct horse battery staple') });
  return { dataDir, vault, credentials: new Credentials(vault) };
}
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('credentials', () => {
  it('keeps the app ID and key together', () => {
    const { credentials } = open();
    expect(credentials.app()).toBeUndefined();
    credentials.saveApp({ appId: 'app-1', appKey: 'key-1' });
    expect(credentials.app()).toEqual({ appId: 'app-1', appKey: 'key-1' });
  });

  it('keeps refresh tokens and request keys per office', () => {
    const { credentials } = open();
    credentials.saveRefreshToken('D16001', 'refresh-a');
    credentials.saveRequestKey('D16001', { requestKey: 'rk-a', expiresAt: 1_800_000_000_000 });
    credentials.saveRequestKey('V20417', { requestKey: 'rk-b' });
    expect(credentials.refreshToken('D16001')).toBe('refresh-a');
    expect(credentials.officesWithRefreshTokens()).toEqual(['D16001']);
    expect(credentials.requestKey('D16001')).toEqual({ requestKey: 'rk-a', expiresAt: 1_800_000_000_000 });
    expect(credentials.requestKey('V20417')).toEqual({ requestKey: 'rk-b' });
    expect(credentials.requestKeys()).toEqual({ D16001: { requestKey: 'rk-a', expiresAt: 1_800_000_000_000 }, V20417: { requestKey: 'rk-b' } });
  });

  it('keeps each office\u2019s v4 refresh key apart from its OAuth refresh token', () => {
    const { credentials } = open();
    credentials.saveRefreshToken('D16001', 'refresh-token-a');
    credentials.saveRefreshKey('V20417', 'refresh-key-b');
    expect(credentials.refreshKey('V20417')).toBe('refresh-key-b');
    expect(credentials.refreshKey('D16001')).toBeUndefined();
    expect(credentials.officesWithRefreshKeys()).toEqual(['V20417']);
    expect(credentials.officesWithRefreshTokens()).toEqual(['D16001']);
  });

  it('forgets one office or every Sikka secret, but never the database key', () => {
    const { vault, credentials } = open();
    vault.set(DATABASE_KEY_SECRET, 'db');
    credentials.saveApp({ appId: 'app-1', appKey: 'key-1' });
    credentials.saveRefreshToken('D16001', 'refresh-a');
    credentials.saveRefreshKey('D16001', 'refresh-key-a');
    credentials.saveRequestKey('D16001', { requestKey: 'rk-a' });
    credentials.saveRefreshKey('V20417', 'refresh-key-b');
    credentials.forgetOffice('D16001');
    expect(credentials.refreshToken('D16001')).toBeUndefined();
    expect(credentials.refreshKey('D16001')).toBeUndefined();
    expect(credentials.requestKey('D16001')).toBeUndefined();
    expect(credentials.refreshKey('V20417')).toBe('refresh-key-b');
    expect(credentials.app()).toBeDefined();
    credentials.forgetAll();
    expect(vault.names()).toEqual([DATABASE_KEY_SECRET]);
  });

  it('never writes a secret in clear text', () => {
    const { dataDir, credentials } = open();
    credentials.saveApp({ appId: 'app-id-visible', appKey: 'app-key-secret' });
    credentials.saveRefreshToken('D16001', 'refresh-token-secret');
    credentials.saveRefreshKey('V20417', 'refresh-key-secret');
    for (const file of readdirSync(dataDir)) {
      const text = readFileSync(join(dataDir, file), 'utf8');
      for (const secret of ['app-id-visible', 'app-key-secret', 'refresh-token-secret', 'refresh-key-secret']) expect(text).not.toContain(secret);
    }
  });
});
