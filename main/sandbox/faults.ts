import type { SandboxFaults } from './types';

export interface FaultSwitches {
  readonly faults: SandboxFaults;
  /**
   * Counts assignments to expireKeysAfterCalls: a key expires after N data calls made since the
   * switch was last set, so keys used before a test turned it on do not expire at once.
   */
  expirySwitchEpoch(): number;
}

/** Fault switches, all off: a well-behaved Sikka. */
export function createFaults(): FaultSwitches {
  let expireKeysAfterCalls: number | null = null;
  let epoch = 0;
  const faults: SandboxFaults = {
    serviceUnavailableRate: 0,
    get expireKeysAfterCalls() {
      return expireKeysAfterCalls;
    },
    set expireKeysAfterCalls(value: number | null) {
      expireKeysAfterCalls = value;
      epoch++;
    },
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
    dataInsertNext: 0,
    dataInserting: new Set(),
    spcNotRefreshing: new Set(),
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
      faults.dataInsertNext = 0;
      faults.dataInserting.clear();
      faults.spcNotRefreshing.clear();
    },
  };
  return { faults, expirySwitchEpoch: () => epoch };
}

/** Takes one from a "next N" counter; true when this response is one of them. */
export function takeOne(faults: SandboxFaults, counter: 'truncateNext' | 'malformedNext' | 'htmlErrorNext' | 'resetNext' | 'dataInsertNext'): boolean {
  if (faults[counter] <= 0) return false;
  faults[counter]--;
  return true;
}
