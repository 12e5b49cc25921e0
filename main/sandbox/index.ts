/**
 * A local Sikka API simulator: synthetic offices served with the v2 guide's and the v4
 * collection's semantics side by side on 127.0.0.1, for "Explore with a demo practice", the tests
 * and the benchmarks.
 */
import { SandboxServer } from './server';
import type { Sandbox, SandboxOfficeSpec, SandboxOptions } from './types';

export type {
  MutableResource,
  Sandbox,
  SandboxApiVersion,
  SandboxChange,
  SandboxChangeSummary,
  SandboxDomain,
  SandboxFaults,
  SandboxOfficeSpec,
  SandboxOptions,
  SandboxRequest,
  SandboxResource,
} from './types';
export { SANDBOX_RESOURCES } from './types';

/** The demo app's credentials. Public on purpose: the sandbox only ever listens on loopback. */
export const DEMO_APP_ID = '7d1e5c2a9b3f4e6d8c0a1b2c3d4e5f60';
export const DEMO_APP_KEY = 'a4f0c9e2b7d14e3f8a6b5c2d1e0f9a8b';

export const DEMO_DENTAL_OFFICE_ID = 'D16001';
export const DEMO_VETERINARY_OFFICE_ID = 'V20417';

/** One Dental and one Veterinary office of about 2,000 patients (pets) each. */
export function demoOffices(): SandboxOfficeSpec[] {
  return [
    {
      officeId: DEMO_DENTAL_OFFICE_ID,
      secretKey: 'demo-secret-dental-5c8e21',
      domain: 'Dental',
      practiceName: 'Maple Grove Family Dental',
      patients: 2000,
      timeZone: 'Central Standard Time',
    },
    {
      officeId: DEMO_VETERINARY_OFFICE_ID,
      secretKey: 'demo-secret-vet-93b0d4',
      domain: 'Veterinary',
      practiceName: 'Riverbend Animal Hospital',
      patients: 2000,
      timeZone: 'Eastern Standard Time',
    },
  ];
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return SandboxServer.start(
    {
      seed: options.seed ?? 1,
      appId: options.appId ?? DEMO_APP_ID,
      appKey: options.appKey ?? DEMO_APP_KEY,
      specs: options.offices ?? demoOffices(),
      now: options.now ?? Date.now,
      logger: options.logger,
      registeredCallback: options.registeredCallback,
    },
    options.port ?? 0,
  );
}
