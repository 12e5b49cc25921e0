import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { officeRecord, patientRecord, tempCache, type TempCache } from './fixtures';

let temp: TempCache;
beforeEach(() => { temp = tempCache(); });
afterEach(() => { temp.remove(); });

it('keeps the previous rows and cursor when the process is killed in the middle of a page', () => {
  const cache = temp.open();
  cache.writer.upsertOffice(officeRecord('D1'));
  const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 3 });
  cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, nextPage: 1, records: [patientRecord('1'), patientRecord('2')] });
  const before = cache.writer.readCursor('D1', 'patients');
  cache.close();

  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./killMidPage.child.ts', import.meta.url)), temp.file, temp.key.toString('hex')], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.stderr).toBe('');
  expect(child.signal).toBe('SIGKILL');

  const reopened = temp.open();
  expect(reopened.writer.readCursor('D1', 'patients')).toEqual(before);
  expect([...reopened.reader.exportRecords('patients')].map((r) => r.record.patient_id)).toEqual(['1', '2']);
  expect(reopened.reader.searchPatients({ text: 'halfdone' }).results).toEqual([]);
  reopened.close();
});
