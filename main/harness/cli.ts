/**
 * `npm run web [-- --data-dir DIR] [--port N] [--caller NUMBER]`: the browser harness. Prints the
 * URL (with its token) to open, and with --caller the URL of that caller's card; Ctrl+C stops it
 * after the page being synced.
 */
import { parseArgs } from 'node:util';
import { createLogger, jsonLineSink } from '../log/logger';
import { startHarness } from './index';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, caller: { type: 'string' }, verbose: { type: 'boolean' } }, strict: true });
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write('--port must be a number from 0 to 65535.\n');
  process.exit(2);
}
const logger = createLogger({ sink: jsonLineSink((line) => process.stderr.write(line)), level: values.verbose === true ? 'debug' : 'warn' });
const harness = await startHarness({ port, logger, ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }) });
process.stdout.write(`Open ${harness.url}\n`);
if (values.caller !== undefined) {
  const callerUrl = harness.callerUrl(values.caller);
  process.stdout.write(callerUrl === undefined ? '--caller is not a phone number.\n' : `Caller card: ${callerUrl}\n`);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { void harness.close().then(() => process.exit(0)); });
}
