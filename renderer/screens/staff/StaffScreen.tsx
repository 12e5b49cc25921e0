/**
 * Who may use Practice Companion on this PC. Everyone can change their own PIN; a manager also
 * sees every profile and can add one, change a role, give someone a new PIN or remove a profile.
 * The main process checks each of these again (and refuses staff with MANAGER_ONLY): this screen
 * only saves a manager the round trip, and says the rules while they are typed.
 */
import { useState } from 'react';
import type { AppError } from '../../../shared/result';
import { FormProblems } from '../../components/Notices';
import { SubmitRow } from '../../components/SubmitRow';
import { useApi, useAppState } from '../../store/context';
import { EMPTY_PIN_ENTRY, PinFields, PinInput, pinEntryProblem, type PinEntry } from './PinFields';
import { ProfileManager } from './ProfileManager';
import { roleLabel } from './profileWords';
import './staff.css';

export function StaffScreen() {
  const session = useAppState((state) => state.session);
  const profile = session?.state === 'unlocked' ? session.profile : null;
  return (
    <div className="staff">
      <h2>Staff and PINs</h2>
      {profile === null ? (
        <p>Unlock Practice Companion with your PIN to change it.</p>
      ) : (
        <>
          <p className="staff-who">
            Unlocked as <strong>{profile.displayName}</strong> ({roleLabel(profile.role)}).
          </p>
          <ChangeOwnPin />
          {profile.role === 'manager' && <ProfileManager me={profile} />}
        </>
      )}
    </div>
  );
}

function ChangeOwnPin() {
  const api = useApi();
  const [currentPin, setCurrentPin] = useState('');
  const [entry, setEntry] = useState<PinEntry>(EMPTY_PIN_ENTRY);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    setDone('');
    setError(null);
    const found = currentPin === '' ? 'Type your current PIN first.' : pinEntryProblem(entry);
    setProblem(found);
    if (found !== null) return;
    setBusy(true);
    const result = await api.changeOwnPin({ currentPin, newPin: entry.pin });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCurrentPin('');
    setEntry(EMPTY_PIN_ENTRY);
    setDone('Your PIN was changed. Use the new one from now on.');
  };

  return (
    <section className="settings-section" aria-labelledby="staff-own-pin">
      <h3 id="staff-own-pin">Change my PIN</h3>
      <form
        className="pin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="staff-current-pin">Current PIN</label>
          <PinInput id="staff-current-pin" value={currentPin} onChange={setCurrentPin} />
        </div>
        <PinFields entry={entry} onChange={setEntry} label="New PIN" confirmLabel="New PIN again" />
        <SubmitRow busy={busy} busyLabel={'Changing\u2026'}>Change my PIN</SubmitRow>
      </form>
      <FormProblems problem={problem} error={error} />
      <p role="status" className="saved">
        {done}
      </p>
    </section>
  );
}
