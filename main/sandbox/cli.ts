/**
 * Runs a sandbox until SIGTERM/SIGINT, for people and benchmarks:
 *
 *   npx tsx main/sandbox/cli.ts --port 0 --patients 100000 [--guarantors N]
 *     [--appointments-per-patient 3] [--providers 6] [--domains Dental,Veterinary] [--seed 1]
 *
 * Prints one JSON line on stdout once listening:
 *   {"baseUrl":"http://127.0.0.1:PORT","appId":"…","appKey":"…","offices":[{"officeId":"D16001","secretKey":"…","domain":"Dental","patients":100000}, …]}
 */
import { parseArgs } from 'node:util';
import { createLogger, jsonLineSink } from '../log/logger';
import { demoOffices, startSandbox } from './index';

function count(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      patients: { type: 'string' },
      guarantors: { type: 'string' },
      'appointments-per-patient': { type: 'string' },
      providers: { type: 'string' },
      domains: { type: 'string', default: 'Dental,Veterinary' },
      'app-id': { type: 'string' },
      'app-key': { type: 'string' },
    },
    strict: true,
  });
  const domains = new Set(values.domains.split(',').map((d) => d.trim().toLowerCase()));
  const patients = count(values.patients, 'patients');
  const guarantors = count(values.guarantors, 'guarantors');
  const appointmentsPerPatient = count(values['appointments-per-patient'], 'appointments-per-patient');
  const providers = count(values.providers, 'providers');
  const offices = demoOffices()
    .filter((office) => domains.has(office.domain.toLowerCase()))
    .map((office) => ({
      ...office,
      ...(patients === undefined ? {} : { patients }),
      ...(guarantors === undefined ? {} : { guarantors }),
      ...(appointmentsPerPatient === undefined ? {} : { appointmentsPerPatient }),
      ...(providers === undefined ? {} : { providers }),
    }));
  if (offices.length === 0) throw new Error('--domains names no demo office (Dental, Veterinary)');

  const sandbox = await startSandbox({
    port: count(values.port, 'port') ?? 0,
    seed: count(values.seed, 'seed') ?? 1,
    offices,
    ...(values['app-id'] === undefined ? {} : { appId: values['app-id'] }),
    ...(values['app-key'] === undefined ? {} : { appKey: values['app-key'] }),
    logger: createLogger({ sink: jsonLineSink((line) => process.stderr.write(line)), level: 'warn' }),
  });
  process.stdout.write(`${JSON.stringify({
    baseUrl: sandbox.baseUrl,
    appId: sandbox.appId,
    appKey: sandbox.appKey,
    offices: sandbox.offices.map((o) => ({ officeId: o.officeId, secretKey: o.secretKey, domain: o.domain, patients: o.patients })),
  })}\n`);

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
