import type { SandboxFaults } from './types';

/** Fault switches, all off: a well-behaved Sikka. */
export function createFaults(): SandboxFaults {
  const faults: SandboxFaults = {
    serviceUnavailableRate: 0,
    expireKeysAfterCalls: null,
    requestQuotaPerDay: null,
    dataQuotaBytesPerDay: null,
    latencyMs: 0,
    truncateNext: 0,
    malformedNext: 0,
    htmlErrorNext: 0,
    resetNext: 0,
    forceErrorNext: null,
    rateLimit: null,
    notAuthorized: new Set(),
    dataNotUploaded: new Set(),
    reset() {
      faults.serviceUnavailableRate = 0;
      faults.expireKeysAfterCalls = null;
      faults.requestQuotaPerDay = null;
      faults.dataQuotaBytesPerDay = null;
      faults.latencyMs = 0;
      faults.truncateNext = 0;
      faults.malformedNext = 0;
      faults.htmlErrorNext = 0;
      faults.resetNext = 0;
      faults.forceErrorNext = null;
      faults.rateLimit = null;
      faults.notAuthorized.clear();
      faults.dataNotUploaded.clear();
    },
  };
  return faults;
}

/** Takes one from a "next N" counter; true when this response is one of them. */
export function takeOne(faults: SandboxFaults, counter: 'truncateNext' | 'malformedNext' | 'htmlErrorNext' | 'resetNext'): boolean {
  if (faults[counter] <= 0) return false;
  faults[counter]--;
  return true;
}
