/**
 * Child process for killMidPage.test.ts: applies a page of patients and kills itself with
 * SIGKILL while reading the third record, i.e. in the middle of the page's transaction.
 */
import { openCache } from '../../main/cache';
import { patientRecord } from './fixtures';

const [file, keyHex] = process.argv.slice(2);
const cache = openCache({ file: file ?? '', key: Buffer.from(keyHex ?? '', 'hex') });
const cursor = cache.writer.readCursor('D1', 'patients');
if (!cursor) throw new Error('no cursor');
const fatal = patientRecord('13', { lastname: 'Killed' });
Object.defineProperty(fatal, 'firstname', {
  enumerable: true,
  get: () => process.kill(process.pid, 'SIGKILL'),
});
cache.writer.applyFullPage({
  officeId: 'D1',
  resource: 'patients',
  generation: cursor.generation,
  nextPage: 2,
  records: [patientRecord('11', { lastname: 'Halfdone' }), patientRecord('12', { lastname: 'Halfdone' }), fatal],
});
