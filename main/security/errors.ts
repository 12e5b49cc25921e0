/**
 * Failures of the shared-PC safeguards, as codes the app can explain. The explanation is what
 * people see (the IPC router and the CLI show it); it never holds a PIN or patient data.
 */
import { PIN_PROBLEM_EXPLANATIONS, type PinProblem } from '../../shared/domain/staff';

export type SecurityErrorCode =
  /** The app is locked: patient data needs a profile's PIN first. */
  | 'LOCKED'
  /** No profile exists yet: only creating the first one is possible. */
  | 'NEEDS_SETUP'
  /** Profiles already exist, so there is no first profile to create. */
  | 'ALREADY_SET_UP'
  /** Only a manager profile may do this. */
  | 'MANAGER_ONLY'
  | 'PROFILE_NOT_FOUND'
  | 'PROFILE_NAME_TAKEN'
  /** A name or display name breaks the naming rules (empty, too long, control characters). */
  | 'PROFILE_NAME_INVALID'
  | 'WRONG_PIN'
  /** Too many wrong PINs: the profile is locked for a while. */
  | 'PIN_LOCKED_OUT'
  /** A new PIN breaks the PIN rules (too short, 123456, …). */
  | 'WEAK_PIN'
  /** The last manager cannot be removed or made staff: nobody could manage the profiles. */
  | 'LAST_MANAGER'
  /** A stored PIN hash cannot be read (damaged, or from an unknown scheme). */
  | 'PIN_RECORD_DAMAGED';

const FIXED: Readonly<Record<Exclude<SecurityErrorCode, 'WRONG_PIN' | 'PIN_LOCKED_OUT' | 'WEAK_PIN'>, string>> = {
  LOCKED: 'Practice Companion is locked. Unlock it with your PIN to see patient information.',
  NEEDS_SETUP: 'Create the first staff profile (a manager) before using Practice Companion on this PC.',
  ALREADY_SET_UP: 'Staff profiles already exist on this PC. Ask a manager to add yours.',
  MANAGER_ONLY: 'Only a manager can do that. Ask a manager to unlock Practice Companion.',
  PROFILE_NOT_FOUND: 'That staff profile no longer exists on this PC.',
  PROFILE_NAME_TAKEN: 'Another staff profile already has that name. Choose another.',
  PROFILE_NAME_INVALID: 'A profile needs a short name (letters, digits, dot, dash or underscore, up to 40) and a display name of up to 60 characters.',
  LAST_MANAGER: 'This is the only manager profile. Make another profile a manager first.',
  PIN_RECORD_DAMAGED: 'This profile\u2019s PIN cannot be checked on this PC. Ask a manager to set a new PIN for it.',
};

export class SecurityError extends Error {
  override readonly name = 'SecurityError';
  constructor(
    readonly code: SecurityErrorCode,
    readonly explanation: string,
    /** For WRONG_PIN: tries left before the lock-out; for PIN_LOCKED_OUT: when it ends. */
    readonly details: { readonly triesLeft?: number; readonly lockedOutUntil?: number } = {},
  ) {
    super(explanation);
  }
}

export function securityError(code: keyof typeof FIXED): SecurityError {
  return new SecurityError(code, FIXED[code]);
}

export function wrongPin(triesLeft: number, lockoutMinutes: number): SecurityError {
  const tries = triesLeft === 1 ? '1 more try' : `${triesLeft} more tries`;
  return new SecurityError('WRONG_PIN', `That PIN is not right. ${tries} before this profile is locked for ${lockoutMinutes} minutes.`, { triesLeft });
}

export function pinLockedOut(lockedOutUntil: number, now: number): SecurityError {
  const minutes = Math.max(1, Math.ceil((lockedOutUntil - now) / 60_000));
  const when = minutes === 1 ? 'in a minute' : `in ${minutes} minutes`;
  return new SecurityError('PIN_LOCKED_OUT', `Too many wrong PINs for this profile. It can be used again ${when}.`, { lockedOutUntil });
}

export function weakPin(problem: PinProblem): SecurityError {
  return new SecurityError('WEAK_PIN', PIN_PROBLEM_EXPLANATIONS[problem]);
}
