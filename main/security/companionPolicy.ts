/**
 * The rules for the app's own contract: which channels need an unlocked profile or a manager,
 * which answers hold patient data, and what each answer writes to the audit trail. A channel not
 * listed here is treated as patient data (see guard.ts), so new channels start safe.
 */
import { auditTarget } from '../../shared/domain/audit';
import type { CallerCard } from '../../shared/domain/households';
import { LOCKED_CALLER_MESSAGE } from '../../shared/domain/staff';
import type { CompanionContract, CompanionEvents } from '../../shared/ipc/contract';
import type { AuditIntent, ChannelPolicy, EventPolicy } from './guard';

export const COMPANION_CHANNEL_POLICY: ChannelPolicy<CompanionContract> = {
  // Nothing about patients: the lock screen, the tray and first run may ask.
  appInfo: { access: 'open' },
  syncStatus: { access: 'open' },
  connectionStatus: { access: 'open' },

  // The local copy.
  searchPatients: {
    access: 'unlocked',
    patientData: true,
    // Who searched which offices, never the text typed.
    audit: (args) => ({ action: 'search', target: auditTarget.offices(args.officeId ?? null), coalesce: true }),
  },
  patientDetail: {
    access: 'unlocked',
    patientData: true,
    audit: (args, detail) => (detail === null ? null : { action: 'view-patient', target: auditTarget.patient(args.officeId, args.patientId), coalesce: true }),
  },
  daySchedule: {
    access: 'unlocked',
    patientData: true,
    audit: (args) => ({ action: 'view-schedule', target: auditTarget.schedule(args.officeId, args.date), coalesce: true }),
  },
  providers: { access: 'unlocked' },
  offices: { access: 'unlocked' },
  household: {
    access: 'unlocked',
    patientData: true,
    audit: (args, household) => (household === null ? null : { action: 'view-household', target: auditTarget.guarantor(args.officeId, args.guarantorId), coalesce: true }),
  },

  // Who is calling: audited by the households the number matched, never the number.
  callerLookup: { access: 'unlocked', patientData: true, audit: (_args, card) => callerLookup(card) },
  // Refused while locked, so the announced caller stays in the inbox until someone unlocks.
  takeCaller: { access: 'unlocked', patientData: true, audit: (_args, card) => (card === null ? null : callerLookup(card)) },

  // Syncing and settings.
  syncNow: { access: 'unlocked' },
  setSyncPaused: { access: 'unlocked', audit: (args) => ({ action: 'settings-changed', detail: `syncPaused=${args.paused}` }) },
  settings: { access: 'unlocked' },
  updateSettings: {
    access: 'unlocked',
    audit: (args) => {
      const changed = Object.entries(args).filter(([, value]) => value !== undefined).map(([name, value]) => `${name}=${String(value)}`);
      return changed.length === 0 ? null : { action: 'settings-changed', detail: changed.join(', ') };
    },
  },

  // The practice's link to Sikka: it decides what patient data comes onto this PC, and signing
  // out or clearing removes the local copy, so only a manager may.
  signInWithSikka: { access: 'manager', audit: (_args, office) => ({ action: 'sign-in', target: auditTarget.offices(office.officeId), detail: 'Sign in with Sikka' }) },
  cancelSignIn: { access: 'manager' },
  checkAppKey: { access: 'manager' },
  connectWithAppKey: { access: 'manager', audit: () => ({ action: 'sign-in', detail: 'app key' }) },
  authorizedOffices: { access: 'manager' },
  chooseOffices: { access: 'manager', audit: (args) => ({ action: 'settings-changed', detail: args.offices === 'all' ? 'offices=all' : `offices=${args.offices.length}` }) },
  startDemo: { access: 'manager', audit: () => ({ action: 'sign-in', detail: 'demo practice' }) },
  signOut: { access: 'manager', audit: () => ({ action: 'sign-out', detail: 'local copy removed' }) },
  clearLocalData: { access: 'manager', audit: () => ({ action: 'local-copy-cleared' }) },

  // Who is at the PC. The session checks roles and PINs itself and audits each step in the name
  // of whoever took it (a wrong PIN in the lock screen's), so these write nothing more here.
  session: { access: 'open' },
  staffProfiles: { access: 'open' },
  setUp: { access: 'open' },
  unlock: { access: 'open' },
  lock: { access: 'open' },
  changeOwnPin: { access: 'unlocked' },
  createProfile: { access: 'manager' },
  removeProfile: { access: 'manager' },
  setRole: { access: 'manager' },
  resetPin: { access: 'manager' },
  // Says only "matched", so a locked window may ask; the caller stays waiting for takeCaller. The
  // handler redacts already; redacting here again means no handler change can widen it.
  peekCaller: { access: 'unlocked', whileLocked: (card) => (card === null ? null : { locked: true, message: LOCKED_CALLER_MESSAGE }) },

  auditEntries: {
    access: 'manager',
    audit: (args) => ({ action: 'audit-viewed', target: auditTarget.auditRange(args.from ?? null, args.to ?? null), coalesce: true }),
  },
  auditVerify: { access: 'manager' },
};

/** None of today's events carries patient data; the lock screen still shows sync and connection state. */
export const COMPANION_EVENT_POLICY: EventPolicy<CompanionEvents> = {
  sync: 'open',
  syncStatus: 'open',
  online: 'open',
  connection: 'open',
  // Only a call id: the card itself comes through takeCaller.
  caller: 'open',
  // The lock screen needs to hear it is one.
  session: 'open',
};

function callerLookup(card: CallerCard): AuditIntent | null {
  if (card.number === null) return null;
  const households = `${card.households.length} ${card.households.length === 1 ? 'household' : 'households'}`;
  return { action: 'caller-lookup', target: auditTarget.callerMatches(card.households), detail: card.households.length === 0 ? 'no match' : households, coalesce: true };
}
