import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../main/sandbox/index';
import { DENTAL, envelopeOf, START } from './support';

describe('a large office', () => {
  it('serves the last page of 600,000 appointments without generating what comes before', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const sandbox = await startSandbox({ offices: [{ ...DENTAL, patients: 200_000 }], now: () => START });
    try {
      const { appId, appKey } = sandbox;
      const started = (await (await fetch(`${sandbox.baseUrl}/v2/start?app_id=${appId}&app_key=${appKey}&office_id=${DENTAL.officeId}&secret_key=${DENTAL.secretKey}`)).json()) as [{ request_key: string }];
      const page = await envelopeOf(await fetch(`${sandbox.baseUrl}/v2/appointments?request_key=${started[0].request_key}&limit=4999&offset=120`, { headers: { 'Accept-Encoding': 'gzip' } }));
      expect(page.total_count).toBe('600000');
      expect(page.items).toHaveLength(600_000 - 120 * 4999);
      expect(page.items.at(-1)?.['appointment_sr_no']).toBe(String(50_000 + 600_000));
      expect(sandbox.count(DENTAL.officeId, 'patients')).toBe(200_000);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the CLI', () => {
  it('prints the base URL, app id and key as one JSON line, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--port', '0', '--patients', '500', '--domains', 'Veterinary'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => {
        reject(new Error(`CLI exited with ${String(code)}`));
      });
    });
    const started = JSON.parse(line) as { baseUrl: string; appId: string; appKey: string; offices: { officeId: string; secretKey: string; domain: string; patients: number }[] };
    expect(started.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.offices).toEqual([{ officeId: 'V20417', secretKey: expect.any(String) as string, domain: 'Veterinary', patients: 500 }]);
    const listing = await fetch(`${started.baseUrl}/auth/v2/authorized_practices?app_id=${started.appId}&app_key=${started.appKey}`);
    expect(listing.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
