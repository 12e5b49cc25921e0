import { describe, expect, it } from 'vitest';
import { localToEpoch, officeLocalTime } from '../../main/auth/officeView';
import { DEFAULT_SETTINGS } from '../../main/settings/settings';
import { browse, DENTAL, useAuthHarness, VET } from './support';

const h = useAuthHarness();
const app = () => ({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });

function localIn(zone: string, at: number): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts['year'] ?? ''}-${parts['month'] ?? ''}-${parts['day'] ?? ''} ${parts['hour'] ?? ''}:${parts['minute'] ?? ''}:${parts['second'] ?? ''}`;
}

describe('app-key onboarding', () => {
  it('lists the authorized offices with their SPC status and nothing secret', async () => {
    const offices = await h.service().checkAppKey(app());
    expect(offices.map((office) => [office.officeId, office.practiceName, office.domain, office.dataUploaded])).toEqual([
      [DENTAL.officeId, DENTAL.practiceName, 'Dental', true],
      [VET.officeId, VET.practiceName, 'Veterinary', true],
    ]);
    const dental = offices[0];
    expect(dental?.practiceManagementSystem).toBeTruthy();
    expect(dental?.practiceManagementSystemVersion).toBeTruthy();
    expect(dental?.dataInsertedAt).toMatchObject({ timeZone: 'Central Standard Time', local: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) as string });
    expect(dental?.practiceManagementSystemRefreshedAt?.timeZone).toBe('Central Standard Time');
    const text = JSON.stringify(offices);
    for (const secret of [DENTAL.secretKey, VET.secretKey, h.sandbox.appKey]) expect(text).not.toContain(secret);
    expect(text).not.toContain('secret');
  });

  it('reads each office date in the office\u2019s own zone', async () => {
    const [dental, vet] = await h.service().checkAppKey(app());
    const inserted = dental?.dataInsertedAt;
    expect(inserted?.at).not.toBeNull();
    expect(localIn('America/Chicago', inserted?.at ?? 0)).toBe(inserted?.local);
    expect(localIn('America/New_York', vet?.dataInsertedAt?.at ?? 0)).toBe(vet?.dataInsertedAt?.local);
  });

  it('shows an office whose SPC has not uploaded yet', async () => {
    h.sandbox.faults.dataNotUploaded.add(VET.officeId);
    const vet = (await h.service().checkAppKey(app())).find((office) => office.officeId === VET.officeId);
    expect(vet).toMatchObject({ dataUploaded: false, dataInsertedAt: null });
  });

  it('refuses a wrong app key with API2003 and stores nothing', async () => {
    const service = h.service();
    const failure = service.checkAppKey({ ...app(), appKey: 'not-the-key' });
    await expect(failure).rejects.toMatchObject({ code: 'API2003', explanation: expect.stringContaining('did not accept') as string });
    await expect(service.connectWithAppKey({ ...app(), appKey: 'not-the-key', offices: 'all' })).rejects.toMatchObject({ code: 'API2003' });
    expect(h.vault.names()).toEqual([]);
    expect(h.settings.current()).toEqual(DEFAULT_SETTINGS);
  });

  it('checking stores nothing', async () => {
    await h.service().checkAppKey(app());
    expect(h.vault.names()).toEqual([]);
    expect(h.settings.current()).toEqual(DEFAULT_SETTINGS);
  });

  it('on confirmation stores the app ID and key in the vault and the chosen offices in settings', async () => {
    const status = await h.service().connectWithAppKey({ ...app(), baseUrl: h.sandbox.baseUrl, offices: [VET.officeId] });
    expect(status).toEqual({ kind: 'sikka', method: 'app-key', signedInOffices: [], selectedOffices: [VET.officeId], sikkaBaseUrl: h.sandbox.baseUrl });
    expect(h.freshCredentials().app()).toEqual(app());
    expect(h.settings.current()).toMatchObject({ connectionKind: 'sikka', selectedOffices: [VET.officeId], sikkaBaseUrl: h.sandbox.baseUrl });
  });

  it('"all" keeps every office the app ID may read, now and later', async () => {
    expect((await h.service().connectWithAppKey({ ...app(), offices: 'all' })).selectedOffices).toBe('all');
    expect(h.settings.current().selectedOffices).toBeNull();
  });

  it('refuses an office Sikka does not list, or no office, and stores nothing', async () => {
    const service = h.service();
    await expect(service.connectWithAppKey({ ...app(), offices: ['D99999'] })).rejects.toMatchObject({ code: 'OFFICE_NOT_AUTHORIZED' });
    await expect(service.connectWithAppKey({ ...app(), offices: [] })).rejects.toMatchObject({ code: 'NO_OFFICE_CHOSEN' });
    expect(h.vault.names()).toEqual([]);
    expect(h.settings.current()).toEqual(DEFAULT_SETTINGS);
  });

  it('changes the choice later with the stored credentials', async () => {
    const service = h.service();
    await service.connectWithAppKey({ ...app(), offices: [DENTAL.officeId] });
    expect((await service.authorizedOffices()).map((office) => office.officeId)).toEqual([DENTAL.officeId, VET.officeId]);
    expect((await service.chooseOffices([DENTAL.officeId, VET.officeId, VET.officeId])).selectedOffices).toEqual([DENTAL.officeId, VET.officeId]);
    await expect(service.chooseOffices(['nope'])).rejects.toMatchObject({ code: 'OFFICE_NOT_AUTHORIZED' });
    expect(h.settings.current().selectedOffices).toEqual([DENTAL.officeId, VET.officeId]);
  });

  it('needs stored credentials to list or choose offices', async () => {
    await expect(h.service().authorizedOffices()).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await expect(h.service().chooseOffices('all')).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('a sign-in after an app-key connection to every office keeps every office', async () => {
    await h.service().connectWithAppKey({ ...app(), offices: 'all' });
    await h.service({ openExternal: async (url) => { await browse(url); } }).signInWithSikka(app());
    expect(h.settings.current().selectedOffices).toBeNull();
    expect(h.service().status().method).toBe('sikka-sign-in');
  });

  it('another app ID starts clean: the previous app\u2019s tokens and keys are forgotten', async () => {
    h.credentials.saveApp({ appId: 'older-app', appKey: 'older-key' });
    h.credentials.saveRefreshToken(DENTAL.officeId, 'older-refresh');
    h.credentials.saveRequestKey(DENTAL.officeId, { requestKey: 'older-key' });
    await h.service().connectWithAppKey({ ...app(), offices: 'all' });
    expect(h.vault.names()).toEqual(['sikka.app-id', 'sikka.app-key']);
  });
});

describe('office dates', () => {
  it('turn office wall-clock time into the instant, in and out of daylight saving time', () => {
    expect(localToEpoch('2026-03-11 13:00:00', 'America/Chicago')).toBe(Date.UTC(2026, 2, 11, 18, 0, 0));
    expect(localToEpoch('2026-01-15 12:00:00', 'America/Chicago')).toBe(Date.UTC(2026, 0, 15, 18, 0, 0));
    expect(localToEpoch('2026-11-01 00:30:00', 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 4, 30, 0));
  });

  it('are null when the date or the zone cannot be read', () => {
    expect(localToEpoch('yesterday', 'America/Chicago')).toBeNull();
    expect(localToEpoch('2026-13-01 00:00:00', 'America/Chicago')).toBeNull();
    expect(localToEpoch('2026-01-01 00:00:00', undefined)).toBeNull();
    expect(officeLocalTime('2026-01-01 00:00:00', 'Mars Standard Time')).toEqual({ local: '2026-01-01 00:00:00', timeZone: 'Mars Standard Time', at: null });
    expect(officeLocalTime('', 'Central Standard Time')).toBeNull();
  });
});
