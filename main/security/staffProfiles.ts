/**
 * Staff profiles in the encrypted cache: create, list (views without the PIN hash), verify a PIN,
 * change or reset a PIN, change a role, remove. The last manager can be neither removed nor made
 * staff.
 *
 * Lock-out: five wrong PINs lock a profile for five minutes; the count and the end of the
 * lock-out are stored, so restarting the app does not reset them, and a right PIN resets the
 * count. Each try is counted *before* its hash is computed, so PINs sent in parallel cannot slip
 * past the limit while earlier ones are still being checked.
 */
import { randomBytes } from 'node:crypto';
import { displayNameSchema, pinProblem, staffNameSchema, type NewStaffProfile, type StaffProfileView, type StaffRole } from '../../shared/domain/staff';
import type { Connection } from '../cache/open';
import { pinLockedOut, securityError, weakPin, wrongPin } from './errors';
import { DEFAULT_PIN_SCRYPT, hashPin, pinHashNeedsUpgrade, verifyPin, type ScryptParams } from './pinHash';

export const MAX_WRONG_PINS = 5;
export const PIN_LOCKOUT_MS = 5 * 60_000;

export interface StaffProfilesOptions {
  /** The store's connection (it throws once the store is closed). */
  readonly db: () => Connection;
  readonly now?: () => number;
  readonly random?: (size: number) => Buffer;
  /** scrypt's parameters for new hashes (tests pass cheap ones). */
  readonly pinScrypt?: ScryptParams;
}

interface ProfileRow {
  readonly profile_id: string;
  readonly name: string;
  readonly display_name: string;
  readonly role: StaffRole;
  readonly pin_hash: string;
  readonly failed_pins: number;
  readonly locked_out_until: number | null;
  readonly created_at: number;
  readonly pin_changed_at: number;
}

const COLUMNS = 'profile_id, name, display_name, role, pin_hash, failed_pins, locked_out_until, created_at, pin_changed_at';

export class StaffProfiles {
  private readonly db: () => Connection;
  private readonly now: () => number;
  private readonly random: (size: number) => Buffer;
  private readonly pinScrypt: ScryptParams;

  constructor(options: StaffProfilesOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? randomBytes;
    this.pinScrypt = options.pinScrypt ?? DEFAULT_PIN_SCRYPT;
  }

  /** Every profile, managers first, then by display name. */
  list(): StaffProfileView[] {
    const rows = this.db().prepare(`SELECT ${COLUMNS} FROM staff_profiles ORDER BY role = 'staff', display_name COLLATE NOCASE, name`).all() as ProfileRow[];
    const now = this.now();
    return rows.map((row) => view(row, now));
  }

  count(): number {
    return this.db().prepare('SELECT count(*) FROM staff_profiles').pluck().get() as number;
  }

  get(profileId: string): StaffProfileView | undefined {
    const row = this.row(profileId);
    return row === undefined ? undefined : view(row, this.now());
  }

  /** By short name, letters compared without case (the CLI's --profile). */
  byName(name: string): StaffProfileView | undefined {
    const row = this.db().prepare(`SELECT ${COLUMNS} FROM staff_profiles WHERE name = ?`).get(name) as ProfileRow | undefined;
    return row === undefined ? undefined : view(row, this.now());
  }

  async create(input: NewStaffProfile): Promise<StaffProfileView> {
    const name = staffNameSchema.safeParse(input.name);
    const displayName = displayNameSchema.safeParse(input.displayName);
    if (!name.success || !displayName.success) throw securityError('PROFILE_NAME_INVALID');
    checkNewPin(input.pin);
    if (this.byName(name.data) !== undefined) throw securityError('PROFILE_NAME_TAKEN');
    const pinHash = await hashPin(input.pin, { params: this.pinScrypt, random: this.random });
    const profileId = this.random(16).toString('base64url');
    const now = this.now();
    try {
      this.db()
        .prepare(`INSERT INTO staff_profiles (${COLUMNS}) VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?)`)
        .run(profileId, name.data, displayName.data, input.role, pinHash, now, now);
    } catch (error) {
      // Someone took the name while the PIN was being hashed.
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw securityError('PROFILE_NAME_TAKEN');
      throw error;
    }
    return this.existing(profileId);
  }

  /**
   * The profile when `pin` is its PIN. Throws PIN_LOCKED_OUT (with when it ends) while locked
   * out or when this wrong PIN was the fifth, WRONG_PIN (with the tries left) otherwise.
   */
  async verifyPin(profileId: string, pin: string): Promise<StaffProfileView> {
    const charged = this.chargeTry(profileId);
    if (await verifyPin(pin, charged.pin_hash)) {
      const upgrade = pinHashNeedsUpgrade(charged.pin_hash, this.pinScrypt) ? await hashPin(pin, { params: this.pinScrypt, random: this.random }) : null;
      this.db()
        .prepare('UPDATE staff_profiles SET failed_pins = 0, locked_out_until = NULL, pin_hash = coalesce(?, pin_hash) WHERE profile_id = ? AND pin_hash = ?')
        .run(upgrade, profileId, charged.pin_hash);
      return this.existing(profileId);
    }
    const now = this.now();
    if (charged.locked_out_until !== null) throw pinLockedOut(charged.locked_out_until, now);
    throw wrongPin(MAX_WRONG_PINS - charged.failed_pins, PIN_LOCKOUT_MS / 60_000);
  }

  /** A new PIN for one's own profile, after checking the current one (wrong ones count). */
  async changePin(profileId: string, currentPin: string, newPin: string): Promise<StaffProfileView> {
    checkNewPin(newPin);
    await this.verifyPin(profileId, currentPin);
    return this.setPin(profileId, newPin);
  }

  /** Sets a PIN without the current one (a manager helping someone who forgot theirs); ends a lock-out. */
  async setPin(profileId: string, newPin: string): Promise<StaffProfileView> {
    checkNewPin(newPin);
    this.existing(profileId);
    const pinHash = await hashPin(newPin, { params: this.pinScrypt, random: this.random });
    const changed = this.db()
      .prepare('UPDATE staff_profiles SET pin_hash = ?, pin_changed_at = ?, failed_pins = 0, locked_out_until = NULL WHERE profile_id = ?')
      .run(pinHash, this.now(), profileId);
    if (changed.changes === 0) throw securityError('PROFILE_NOT_FOUND');
    return this.existing(profileId);
  }

  setRole(profileId: string, role: StaffRole): StaffProfileView {
    this.db().transaction(() => {
      const row = this.row(profileId);
      if (row === undefined) throw securityError('PROFILE_NOT_FOUND');
      if (row.role === 'manager' && role !== 'manager' && this.managerCount() === 1) throw securityError('LAST_MANAGER');
      this.db().prepare('UPDATE staff_profiles SET role = ? WHERE profile_id = ?').run(role, profileId);
    }).immediate();
    return this.existing(profileId);
  }

  remove(profileId: string): StaffProfileView {
    return this.db().transaction(() => {
      const row = this.row(profileId);
      if (row === undefined) throw securityError('PROFILE_NOT_FOUND');
      if (row.role === 'manager' && this.managerCount() === 1) throw securityError('LAST_MANAGER');
      this.db().prepare('DELETE FROM staff_profiles WHERE profile_id = ?').run(profileId);
      return view(row, this.now());
    }).immediate();
  }

  /**
   * Counts a try before its PIN is checked (one write transaction, so parallel tries are counted
   * one by one): refused while locked out; a lock-out that has ended starts the count again; the
   * fifth try sets the lock-out, which a right PIN then lifts.
   */
  private chargeTry(profileId: string): ProfileRow {
    const db = this.db();
    return db.transaction(() => {
      const row = this.row(profileId);
      if (row === undefined) throw securityError('PROFILE_NOT_FOUND');
      const now = this.now();
      if (row.locked_out_until !== null && row.locked_out_until > now) throw pinLockedOut(row.locked_out_until, now);
      const failed = (row.locked_out_until === null ? row.failed_pins : 0) + 1;
      const lockedOutUntil = failed >= MAX_WRONG_PINS ? now + PIN_LOCKOUT_MS : null;
      db.prepare('UPDATE staff_profiles SET failed_pins = ?, locked_out_until = ? WHERE profile_id = ?').run(failed, lockedOutUntil, profileId);
      return { ...row, failed_pins: failed, locked_out_until: lockedOutUntil };
    }).immediate();
  }

  private managerCount(): number {
    return this.db().prepare(`SELECT count(*) FROM staff_profiles WHERE role = 'manager'`).pluck().get() as number;
  }

  private row(profileId: string): ProfileRow | undefined {
    return this.db().prepare(`SELECT ${COLUMNS} FROM staff_profiles WHERE profile_id = ?`).get(profileId) as ProfileRow | undefined;
  }

  private existing(profileId: string): StaffProfileView {
    const found = this.get(profileId);
    if (found === undefined) throw securityError('PROFILE_NOT_FOUND');
    return found;
  }
}

function checkNewPin(pin: string): void {
  const problem = pinProblem(pin);
  if (problem !== null) throw weakPin(problem);
}

function view(row: ProfileRow, now: number): StaffProfileView {
  return {
    profileId: row.profile_id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
    pinChangedAt: row.pin_changed_at,
    lockedOutUntil: row.locked_out_until !== null && row.locked_out_until > now ? row.locked_out_until : null,
  };
}
