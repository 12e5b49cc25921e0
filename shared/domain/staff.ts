/**
 * The people at the front desk: staff profiles with a PIN, and the lock state of the app. Views
 * only — never a PIN or its hash — so any of them may cross to the renderer, also while locked
 * (staff names are not patient data; the lock screen lists them to choose who unlocks).
 *
 * The PIN rules live here so the renderer can say what is wrong while someone types; the main
 * process checks them again before anything is stored.
 */
import { z } from 'zod';

/** `manager`: may see the audit trail and manage profiles and the link to Sikka. */
export type StaffRole = 'manager' | 'staff';
export const STAFF_ROLES: readonly StaffRole[] = ['manager', 'staff'];

export interface StaffProfileView {
  readonly profileId: string;
  /** Short and unique (letters are compared without case), e.g. "maria". */
  readonly name: string;
  /** What the app shows, e.g. "Maria Lopez". */
  readonly displayName: string;
  readonly role: StaffRole;
  readonly createdAt: number;
  readonly pinChangedAt: number;
  /** After too many wrong PINs: when the profile can be used again; null when it can now. */
  readonly lockedOutUntil: number | null;
}

/** Why the app is locked. */
export type LockReason =
  /** The app has just started. */
  | 'start'
  /** Someone chose "Lock" (the button or the tray). */
  | 'manual'
  /** Nobody touched this PC for the idle minutes of the settings. */
  | 'idle'
  /** The operating system's screen was locked. */
  | 'screen-locked'
  /** The PC went to sleep. */
  | 'suspend'
  /** Another profile unlocked. */
  | 'switch-user'
  /** The profile that was unlocked has been removed. */
  | 'profile-removed'
  /** The app is quitting. */
  | 'quit';

/**
 * What the window may know about the session. Only `unlocked` may be shown patient data;
 * `needs-setup` allows nothing but creating the first profile (a manager).
 */
export type SessionView =
  | { readonly state: 'needs-setup' }
  | { readonly state: 'locked'; readonly reason: LockReason; readonly lastProfileId: string | null }
  | { readonly state: 'unlocked'; readonly profile: StaffProfileView; readonly since: number };

export type SessionState = SessionView['state'];

/** What a caller card shows while the app is locked: that the caller is known, nothing more. */
export interface LockedCallerCard {
  readonly locked: true;
  readonly message: typeof LOCKED_CALLER_MESSAGE;
}

export const LOCKED_CALLER_MESSAGE = 'Caller matched \u2014 unlock to view';

// --- PINs -----------------------------------------------------------------------------------

/**
 * Six to twelve digits. Five wrong PINs lock a profile for five minutes, so someone guessing at
 * the PC gets at most 1,440 tries a day: a four-digit PIN (10,000) would fall within days, six
 * digits (1,000,000) hold for years. Twelve is more than anyone types at a front desk.
 */
export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 12;

export type PinProblem = 'not-digits' | 'too-short' | 'too-long' | 'all-same' | 'sequence' | 'repeating' | 'common';

export const PIN_PROBLEM_EXPLANATIONS: Readonly<Record<PinProblem, string>> = {
  'not-digits': 'A PIN is made of digits only.',
  'too-short': `A PIN needs at least ${PIN_MIN_DIGITS} digits.`,
  'too-long': `A PIN has at most ${PIN_MAX_DIGITS} digits.`,
  'all-same': 'A PIN of one digit repeated is the first thing anyone would try. Choose another.',
  sequence: 'A PIN counting up or down (like 123456) is the first thing anyone would try. Choose another.',
  repeating: 'A PIN that repeats a short pattern (like 121212) is easy to guess. Choose another.',
  common: 'That PIN is one of the most common ones. Choose another.',
};

/**
 * Six-digit PINs people choose most often that the pattern rules below do not already catch
 * (from published analyses of leaked PINs: keypad shapes, mirrored runs and the like).
 */
const COMMON_PINS: ReadonlySet<string> = new Set([
  '112233', '123321', '123654', '147258', '147852', '159357', '159753', '258369', '321654',
  '456123', '520520', '654123', '753951', '789456', '789123', '852456', '963852', '102030',
  '111222', '101010', '112211', '110011',
]);

/** Why a new PIN would not do, or null when it is acceptable. */
export function pinProblem(pin: string): PinProblem | null {
  if (!/^[0-9]*$/.test(pin)) return 'not-digits';
  if (pin.length < PIN_MIN_DIGITS) return 'too-short';
  if (pin.length > PIN_MAX_DIGITS) return 'too-long';
  const digits = pin.split('').map(Number);
  if (digits.every((digit) => digit === digits[0])) return 'all-same';
  // Up or down by one each step, wrapping past 9 and 0 (890123 too).
  for (const step of [1, 9]) {
    if (digits.every((digit, i) => i === 0 || digit === ((digits[i - 1] ?? 0) + step) % 10)) return 'sequence';
  }
  for (let period = 2; period <= pin.length / 2; period += 1) {
    if (pin.length % period === 0 && pin === pin.slice(0, period).repeat(pin.length / period)) return 'repeating';
  }
  return COMMON_PINS.has(pin) ? 'common' : null;
}

// --- Schemas for the IPC contract --------------------------------------------------------------

/** A profile's short name: letters, digits, dot, dash, underscore; it starts with a letter or digit. */
export const staffNameSchema = z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u);
/** What the app shows: any printable text, no control characters. */
export const displayNameSchema = z.string().trim().min(1).max(60).regex(/^[^\p{Cc}\p{Cf}]+$/u);
export const staffRoleSchema = z.enum(['manager', 'staff']);
/** A PIN as typed; its rules (pinProblem) are checked by the main process so it can say which. */
export const pinInputSchema = z.string().min(1).max(32);
export const profileIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const newStaffProfileSchema = z.strictObject({
  name: staffNameSchema,
  displayName: displayNameSchema,
  role: staffRoleSchema,
  pin: pinInputSchema,
});
export type NewStaffProfile = z.infer<typeof newStaffProfileSchema>;

/** The first profile is always a manager: someone must be able to manage the others. */
export const firstStaffProfileSchema = newStaffProfileSchema.omit({ role: true });
export type FirstStaffProfile = z.infer<typeof firstStaffProfileSchema>;
