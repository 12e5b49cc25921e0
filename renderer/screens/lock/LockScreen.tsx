/**
 * The locked window: why it locked, who is unlocking, their PIN. It holds no patient data — a
 * caller announced meanwhile shows only that the copy knows them. Wrong PINs say how many tries
 * are left, and a profile locked out says until when.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SessionView, StaffProfileView } from '../../../shared/domain/staff';
import type { AppError } from '../../../shared/result';
import { SubmitRow } from '../../components/SubmitRow';
import { navigate } from '../../routing';
import { useActions, useAppState } from '../../store/context';
import { lockedOutText, lockReasonText } from '../../view/session';
import { PinInput } from '../staff/PinFields';

type Locked = Extract<SessionView, { state: 'locked' }>;

/** The profile to offer first: whoever locked it, or the only one; with several and no clue, nobody (a wrong guess costs someone a try). */
function defaultProfile(profiles: readonly StaffProfileView[], lastProfileId: string | null): string {
  if (lastProfileId !== null && profiles.some((profile) => profile.profileId === lastProfileId)) return lastProfileId;
  return profiles.length === 1 ? (profiles[0]?.profileId ?? '') : '';
}

export function LockScreen({ session }: { readonly session: Locked }) {
  const actions = useActions();
  const profiles = useAppState((state) => state.staffProfiles);
  const lockedCaller = useAppState((state) => state.lockedCaller);
  const callerWaiting = useAppState((state) => state.callerWaiting);
  const idleLockMinutes = useAppState((state) => state.idleLockMinutes);
  const now = useAppState((state) => state.now);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const pinRef = useRef<HTMLInputElement>(null);
  const profileFieldId = useId();
  const pinId = useId();
  const profileId = chosen ?? defaultProfile(profiles, session.lastProfileId);
  const profile = profiles.find((each) => each.profileId === profileId) ?? null;
  const lockedOut = profile === null ? null : lockedOutText(profile, now);

  useEffect(() => {
    pinRef.current?.focus();
  }, [attempts]);

  const unlock = async (): Promise<void> => {
    if (profileId === '') {
      setError({ code: 'NO_PROFILE', message: 'Choose your name first.' });
      return;
    }
    if (pin === '') {
      setError({ code: 'NO_PIN', message: 'Type your PIN.' });
      setAttempts((count) => count + 1);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await actions.unlock(profileId, pin);
    setBusy(false);
    setPin('');
    if (result.ok) {
      // Someone else's screen is not theirs to pick up: they start at the patient search.
      if (profileId !== session.lastProfileId) navigate({ screen: 'patients', officeId: null, patientId: null });
      return;
    }
    setError(result.error);
    setAttempts((count) => count + 1);
  };

  return (
    <section className="lock-screen" aria-labelledby="lock-title">
      <h2 id="lock-title">Practice Companion is locked</h2>
      <p className="lock-reason" data-testid="lock-reason">
        {lockReasonText(session.reason, idleLockMinutes)}
      </p>
      <p role="status" className="locked-caller" data-testid="locked-caller">
        {lockedCaller !== null ? lockedCaller.message : callerWaiting ? 'A call came in \u2014 unlock to look it up' : ''}
      </p>
      <form
        className="lock-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void unlock();
        }}
      >
        <div className="field">
          <label htmlFor={profileFieldId}>Who is unlocking</label>
          <select
            id={profileFieldId}
            value={profileId}
            onChange={(event) => {
              setChosen(event.target.value);
              setError(null);
            }}
          >
            {profileId === '' && <option value="">Choose your name</option>}
            {profiles.map((each) => (
              <option key={each.profileId} value={each.profileId}>
                {each.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={pinId}>PIN</label>
          <PinInput id={pinId} ref={pinRef} value={pin} invalid={error !== null} onChange={setPin} />
        </div>
        <div role="alert" className={error === null ? 'lock-error' : 'notice notice-error lock-error'} data-testid="unlock-error">
          {error !== null && <p>{error.message}</p>}
          {error?.code === 'PIN_LOCKED_OUT' && lockedOut !== null && <p>{lockedOut}</p>}
        </div>
        {error === null && lockedOut !== null && <p className="notice notice-warning">Too many wrong PINs. {lockedOut}</p>}
        <SubmitRow busy={busy} busyLabel={'Checking\u2026'}>Unlock</SubmitRow>
        <p className="help">Forgot your PIN, or not on the list? A manager can set a new PIN or add your profile.</p>
      </form>
    </section>
  );
}
