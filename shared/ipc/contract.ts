/**
 * Everything the renderer may ask of the main process, and every event it may hear. The router,
 * the preload's `window.companion` and the browser harness's client are all built from these two
 * objects; nothing else lists channel names.
 */
import { z } from 'zod';
import type { OfficeSummary } from '../domain/offices';
import type { PatientDetail, PatientSearchResponse } from '../domain/patients';
import type { ProviderSummary } from '../domain/providers';
import type { DaySchedule } from '../domain/schedule';
import { channel, type CompanionApiOf } from './define';

/** Sikka's ids are short codes; anything longer or stranger is not one of ours. */
const officeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/);
const recordId = z.string().min(1).max(64);
const isoDate = z.iso.date();

export const COMPANION_CONTRACT = {
  searchPatients: channel<PatientSearchResponse>()(
    z.strictObject({ text: z.string().max(200), officeId: officeId.optional(), limit: z.int().min(1).max(200).optional() }),
  ),
  patientDetail: channel<PatientDetail | null>()(z.strictObject({ officeId, patientId: recordId })),
  daySchedule: channel<DaySchedule>()(z.strictObject({ officeId, date: isoDate, groupBy: z.enum(['provider', 'operatory']) })),
  providers: channel<readonly ProviderSummary[]>()(z.strictObject({ officeId: officeId.optional() })),
  offices: channel<readonly OfficeSummary[]>()(z.strictObject({})),
} as const;

export const COMPANION_EVENTS = {} as const;

export type CompanionContract = typeof COMPANION_CONTRACT;
export type CompanionEvents = typeof COMPANION_EVENTS;
/** `window.companion`, as the renderer sees it. */
export type CompanionApi = CompanionApiOf<CompanionContract, CompanionEvents>;
