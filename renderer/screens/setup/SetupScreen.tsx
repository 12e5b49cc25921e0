/**
 * First run on this PC: before anything else, whoever sets the app up creates the first staff
 * profile, a manager. Connecting to Sikka and starting the demo practice are a manager's steps,
 * so they come after this. The PIN rules are said while the PIN is typed.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import type { AppError } from '../../../shared/result';
import { ErrorNotice } from '../../components/Notices';
import { SubmitRow } from '../../components/SubmitRow';
import { useActions } from '../../store/context';
import { suggestedShortName } from '../../view/session';
import { EMPTY_PIN_ENTRY, PinFields, pinEntryProblem, type PinEntry } from '../staff/PinFields';
import { namesProblem } from '../staff/profileWords';

export function SetupScreen() {
  const actions = useActions();
  const [displayName, setDisplayName] = useState('');
  /** Null while the short name follows the display name; the typed name once someone edits it. */
  const [typedName, setTypedName] = useState<string | null>(null);
  const [entry, setEntry] = useState<PinEntry>(EMPTY_PIN_ENTRY);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const displayNameId = useId();
  const nameId = useId();
  const nameHintId = useId();
  const name = typedName ?? suggestedShortName(displayName);

  useEffect(() => {
    firstFieldRef.current?.focus();
  }, []);

  const create = async (): Promise<void> => {
    const problem = namesProblem(name.trim(), displayName.trim()) ?? pinEntryProblem(entry);
    if (problem !== null) {
      setError({ code: 'NOT_READY', message: problem });
      return;
    }
    setError(null);
    setBusy(true);
    const result = await actions.setUp({ name: name.trim(), displayName: displayName.trim(), pin: entry.pin });
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <section className="setup" aria-labelledby="setup-title">
      <h2 id="setup-title">Set up Practice Companion on this PC</h2>
      <p>
        First, create your staff profile. You become this PC&rsquo;s <strong>practice manager</strong>: next you connect it to the practice&rsquo;s Sikka
        account (or open the demo practice), then add the other staff, each with their own PIN, and you can read the audit trail of who looked at which
        record.
      </p>
      <p className="help">
        Practice Companion locks itself after {DEFAULT_SETTINGS.idleLockMinutes} minutes without activity (you can change this in Settings) and when the
        computer&rsquo;s screen locks. Everyone unlocks it with their own PIN; nobody sees patient information without one.
      </p>
      <form
        className="setup-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="setup-fields">
          <div className="field">
            <label htmlFor={displayNameId}>Your name</label>
            <input id={displayNameId} ref={firstFieldRef} autoComplete="name" maxLength={60} value={displayName} onChange={(event) => { setDisplayName(event.target.value); }} />
          </div>
          <div className="field">
            <label htmlFor={nameId}>Short name</label>
            <input id={nameId} autoComplete="username" maxLength={40} aria-describedby={nameHintId} value={name} onChange={(event) => { setTypedName(event.target.value); }} />
            <p id={nameHintId} className="help">
              One word, used to tell profiles apart, like &ldquo;maria&rdquo;.
            </p>
          </div>
          <PinFields entry={entry} onChange={setEntry} label="PIN" confirmLabel="Type the PIN again" />
        </div>
        {error !== null && <ErrorNotice error={error} />}
        <SubmitRow busy={busy} busyLabel={'Creating your profile\u2026'}>Create my manager profile</SubmitRow>
      </form>
    </section>
  );
}
