/**
 * A new PIN typed twice, saying what is wrong while it is typed: the PIN rules come from
 * shared/domain/staff.ts, the same the main process checks again before anything is stored.
 */
import { useId, type Ref } from 'react';
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS, PIN_PROBLEM_EXPLANATIONS, pinProblem } from '../../../shared/domain/staff';

export const PINS_DIFFER = 'The two PINs are not the same. Type the new PIN again to confirm it.';
const PIN_RULE = `${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits, not a pattern anyone would try first.`;

export interface PinEntry {
  readonly pin: string;
  readonly confirm: string;
}

export const EMPTY_PIN_ENTRY: PinEntry = { pin: '', confirm: '' };

/** Why a PIN typed twice cannot be used yet, in words; null when it can. */
export function pinEntryProblem(entry: PinEntry): string | null {
  const problem = pinProblem(entry.pin);
  if (problem !== null) return PIN_PROBLEM_EXPLANATIONS[problem];
  return entry.pin === entry.confirm ? null : PINS_DIFFER;
}

/** Digits only; never remembered by the browser or filled in by a password manager. `ref` reaches the input, to focus it. */
export function PinInput({ id, value, onChange, describedBy, invalid, ref }: {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly describedBy?: string;
  readonly invalid?: boolean;
  readonly ref?: Ref<HTMLInputElement>;
}) {
  return (
    <input
      id={id}
      ref={ref}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={32}
      value={value}
      aria-describedby={describedBy}
      aria-invalid={invalid === true ? true : undefined}
      onChange={(event) => { onChange(event.target.value); }}
    />
  );
}

export function PinFields({ entry, onChange, label, confirmLabel }: {
  readonly entry: PinEntry;
  readonly onChange: (entry: PinEntry) => void;
  readonly label: string;
  readonly confirmLabel: string;
}) {
  const pinId = useId();
  const confirmId = useId();
  const pinHintId = useId();
  const confirmHintId = useId();
  const problem = entry.pin === '' ? null : pinProblem(entry.pin);
  const differs = entry.confirm !== '' && entry.confirm !== entry.pin;
  return (
    <>
      <div className="field">
        <label htmlFor={pinId}>{label}</label>
        <PinInput id={pinId} value={entry.pin} invalid={problem !== null} describedBy={pinHintId} onChange={(pin) => { onChange({ ...entry, pin }); }} />
        <p id={pinHintId} className={problem === null ? 'help' : 'help pin-problem'} aria-live="polite">
          {problem === null ? (entry.pin === '' ? PIN_RULE : 'This PIN will do.') : PIN_PROBLEM_EXPLANATIONS[problem]}
        </p>
      </div>
      <div className="field">
        <label htmlFor={confirmId}>{confirmLabel}</label>
        <PinInput id={confirmId} value={entry.confirm} invalid={differs} describedBy={confirmHintId} onChange={(confirm) => { onChange({ ...entry, confirm }); }} />
        <p id={confirmHintId} className="help pin-problem" aria-live="polite">
          {differs ? 'Not the same as the PIN above.' : ''}
        </p>
      </div>
    </>
  );
}
