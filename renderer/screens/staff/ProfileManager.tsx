/**
 * A manager's part of the staff screen: every profile on this PC, and adding, re-roling, giving a
 * new PIN to and removing them. What the main process refuses (the last manager, a name taken, a
 * weak PIN) is shown in its own words where it was asked.
 */
import { useEffect, useRef, useState } from 'react';
import type { StaffProfileView, StaffRole } from '../../../shared/domain/staff';
import type { AppError } from '../../../shared/result';
import { Badge, ErrorNotice, FormProblems, Loading } from '../../components/Notices';
import { SubmitRow } from '../../components/SubmitRow';
import { useApi, useAppState } from '../../store/context';
import { formatPcMoment } from '../../view/format';
import { EMPTY_PIN_ENTRY, PinFields, pinEntryProblem, type PinEntry } from './PinFields';
import { namesProblem, roleLabel } from './profileWords';

type Action = { readonly kind: 'reset-pin' | 'remove'; readonly profile: StaffProfileView };

export function ProfileManager({ me }: { readonly me: StaffProfileView }) {
  const api = useApi();
  const now = useAppState((state) => state.now);
  const [profiles, setProfiles] = useState<readonly StaffProfileView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState('');
  // Bumped to read the profiles again after a change: the main process's list is the truth.
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let live = true;
    void api.staffProfiles({}).then((result) => {
      if (!live) return;
      if (result.ok) setProfiles(result.value);
      else setError(result.error);
    });
    return () => { live = false; };
  }, [api, reads]);

  const readAgain = (): void => { setReads((count) => count + 1); };

  const setRole = async (profile: StaffProfileView, role: StaffRole): Promise<void> => {
    setDone('');
    setError(null);
    setAction(null);
    const result = await api.setRole({ profileId: profile.profileId, role });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDone(`${result.value.displayName} is now ${role === 'manager' ? 'a manager' : 'staff'}.`);
    readAgain();
  };

  const finished = (message: string): void => {
    setAction(null);
    setDone(message);
    readAgain();
  };

  return (
    <>
      <section className="settings-section" aria-labelledby="staff-profiles">
        <h3 id="staff-profiles">Profiles on this PC</h3>
        {profiles === null && error === null && <Loading label="Reading the profiles\u2026" />}
        {profiles !== null && (
          <table className="appointments staff-profiles">
            <caption className="visually-hidden">Staff profiles on this PC</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Short name</th>
                <th scope="col">Role</th>
                <th scope="col">PIN</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {profiles.map((profile) => (
                <ProfileRow
                  key={profile.profileId}
                  profile={profile}
                  isMe={profile.profileId === me.profileId}
                  now={now}
                  onRole={(role) => { void setRole(profile, role); }}
                  onAction={(kind) => { setDone(''); setError(null); setAction({ kind, profile }); }}
                />
              ))}
            </tbody>
          </table>
        )}
        {error !== null && <ErrorNotice error={error} />}
        {action?.kind === 'reset-pin' && (
          <ResetPin key={action.profile.profileId} profile={action.profile} onCancel={() => { setAction(null); }} onDone={finished} />
        )}
        {action?.kind === 'remove' && (
          <RemoveProfile key={action.profile.profileId} profile={action.profile} isMe={action.profile.profileId === me.profileId} onCancel={() => { setAction(null); }} onDone={finished} />
        )}
        <p role="status" className="saved">
          {done}
        </p>
      </section>
      <AddProfile onAdded={(profile) => { finished(`${profile.displayName} was added. They can unlock with the PIN you chose.`); }} />
    </>
  );
}

function ProfileRow({ profile, isMe, now, onRole, onAction }: {
  readonly profile: StaffProfileView;
  readonly isMe: boolean;
  readonly now: number;
  readonly onRole: (role: StaffRole) => void;
  readonly onAction: (kind: Action['kind']) => void;
}) {
  const lockedOutUntil = profile.lockedOutUntil !== null && profile.lockedOutUntil > now ? profile.lockedOutUntil : null;
  const otherRole: StaffRole = profile.role === 'manager' ? 'staff' : 'manager';
  return (
    <tr>
      <th scope="row">
        {profile.displayName}
        {isMe && <span className="muted"> (you)</span>}
      </th>
      <td className="staff-short-name">{profile.name}</td>
      <td className="staff-role">{roleLabel(profile.role)}</td>
      <td>
        {lockedOutUntil !== null ? (
          <Badge tone="warning">Locked out until {formatPcMoment(lockedOutUntil, now)}</Badge>
        ) : (
          <span className="muted">Changed {formatPcMoment(profile.pinChangedAt, now)}</span>
        )}
      </td>
      <td>
        <div className="staff-actions">
          <button type="button" onClick={() => { onRole(otherRole); }} aria-label={`Make ${profile.displayName} ${otherRole === 'manager' ? 'a manager' : 'staff'}`}>
            {otherRole === 'manager' ? 'Make manager' : 'Make staff'}
          </button>
          {!isMe && (
            <button type="button" onClick={() => { onAction('reset-pin'); }} aria-label={`New PIN for ${profile.displayName}\u2026`}>
              New PIN{'\u2026'}
            </button>
          )}
          <button type="button" onClick={() => { onAction('remove'); }} aria-label={`Remove ${profile.displayName}\u2026`}>
            Remove{'\u2026'}
          </button>
        </div>
      </td>
    </tr>
  );
}

function ResetPin({ profile, onCancel, onDone }: { readonly profile: StaffProfileView; readonly onCancel: () => void; readonly onDone: (message: string) => void }) {
  const api = useApi();
  const [entry, setEntry] = useState<PinEntry>(EMPTY_PIN_ENTRY);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const save = async (): Promise<void> => {
    setError(null);
    const found = pinEntryProblem(entry);
    setProblem(found);
    if (found !== null) return;
    const result = await api.resetPin({ profileId: profile.profileId, pin: entry.pin });
    if (result.ok) onDone(`${profile.displayName} has a new PIN. Tell them in person; they can change it under Staff.`);
    else setError(result.error);
  };

  return (
    <form
      className="staff-panel"
      aria-labelledby="staff-reset-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h4 id="staff-reset-title" ref={headingRef} tabIndex={-1}>
        A new PIN for {profile.displayName}
      </h4>
      <p className="help">For a forgotten PIN, or to let a locked-out profile in again at once.</p>
      <PinFields entry={entry} onChange={setEntry} label="New PIN" confirmLabel="New PIN again" />
      <FormProblems problem={problem} error={error} />
      <div className="button-row">
        <button type="submit" className="primary">
          Set the new PIN
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RemoveProfile({ profile, isMe, onCancel, onDone }: {
  readonly profile: StaffProfileView;
  readonly isMe: boolean;
  readonly onCancel: () => void;
  readonly onDone: (message: string) => void;
}) {
  const api = useApi();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    keepRef.current?.focus();
  }, []);

  const remove = async (): Promise<void> => {
    setError(null);
    setBusy(true);
    const result = await api.removeProfile({ profileId: profile.profileId });
    setBusy(false);
    if (result.ok) onDone(`${profile.displayName}\u2019s profile was removed.`);
    else setError(result.error);
  };

  return (
    <div className="confirm staff-panel" role="group" aria-labelledby="staff-remove-title">
      <p id="staff-remove-title">
        <strong>Remove {profile.displayName}&rsquo;s profile?</strong> {isMe
          ? 'You will be locked out at once and can no longer unlock on this PC. The audit trail keeps your name on what you did.'
          : 'They can no longer unlock Practice Companion on this PC. The audit trail keeps their name on what they did.'}
      </p>
      {error !== null && <ErrorNotice error={error} />}
      <div className="button-row">
        <button type="button" className="danger" disabled={busy} onClick={() => { void remove(); }}>
          Remove the profile
        </button>
        <button type="button" ref={keepRef} onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}

function AddProfile({ onAdded }: { readonly onAdded: (profile: StaffProfileView) => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const [entry, setEntry] = useState<PinEntry>(EMPTY_PIN_ENTRY);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (): Promise<void> => {
    setError(null);
    const found = namesProblem(name, displayName) ?? pinEntryProblem(entry);
    setProblem(found);
    if (found !== null) return;
    setBusy(true);
    const result = await api.createProfile({ name: name.trim(), displayName: displayName.trim(), role, pin: entry.pin });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setName('');
    setDisplayName('');
    setRole('staff');
    setEntry(EMPTY_PIN_ENTRY);
    onAdded(result.value);
  };

  return (
    <section className="settings-section" aria-labelledby="staff-add">
      <h3 id="staff-add">Add a profile</h3>
      <form
        className="staff-add-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <div className="field">
          <label htmlFor="staff-add-display-name">Display name</label>
          <input id="staff-add-display-name" autoComplete="off" maxLength={60} value={displayName} onChange={(event) => { setDisplayName(event.target.value); }} />
        </div>
        <div className="field">
          <label htmlFor="staff-add-name">Short name</label>
          <input id="staff-add-name" autoComplete="off" maxLength={40} value={name} aria-describedby="staff-add-name-help" onChange={(event) => { setName(event.target.value); }} />
          <p id="staff-add-name-help" className="help">
            One word that tells this profile from the others, like &ldquo;maria&rdquo;.
          </p>
        </div>
        <div className="field">
          <label htmlFor="staff-add-role">Role</label>
          <select id="staff-add-role" value={role} onChange={(event) => { setRole(event.target.value === 'manager' ? 'manager' : 'staff'); }}>
            <option value="staff">Staff</option>
            <option value="manager">Manager (profiles, audit trail, link to Sikka)</option>
          </select>
        </div>
        <PinFields entry={entry} onChange={setEntry} label="PIN" confirmLabel="PIN again" />
        <SubmitRow busy={busy} busyLabel={'Adding\u2026'}>Add the profile</SubmitRow>
      </form>
      <FormProblems problem={problem} error={error} />
    </section>
  );
}
