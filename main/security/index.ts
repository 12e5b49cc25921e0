export { AUDIT_CHECKPOINT_SECRET, vaultAuditCheckpoint } from './auditCheckpoint';
export { AuditTrail, auditEntryHash, type AuditCheckpointStore, type AuditHead, type AuditQuery, type AuditRecord, type AuditTrailOptions } from './auditTrail';
export { COMPANION_CHANNEL_POLICY, COMPANION_EVENT_POLICY } from './companionPolicy';
export { SecurityError, type SecurityErrorCode } from './errors';
export {
  AUDIT_COALESCE_MS,
  guardEvents,
  guardHandlers,
  redactCallerMatch,
  type AuditIntent,
  type ChannelAccess,
  type ChannelPolicy,
  type ChannelRule,
  type EventEmitter,
  type EventPolicy,
  type EventRule,
  type GuardOptions,
} from './guard';
export { DEFAULT_PIN_SCRYPT, hashPin, pinHashNeedsUpgrade, verifyPin, type ScryptParams } from './pinHash';
export { createStaffSession, type AccessLevel, type StaffSession, type StaffSessionOptions } from './session';
export { MAX_WRONG_PINS, PIN_LOCKOUT_MS, StaffProfiles, type StaffProfilesOptions } from './staffProfiles';
export { openSecurityStore, type SecurityStore, type SecurityStoreOptions } from './store';
