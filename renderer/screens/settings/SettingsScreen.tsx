/**
 * What staff or IT may change: how often to sync, starting with Windows, pausing, after how many
 * idle minutes the app locks, after how many hours the data counts as behind, 12- or 24-hour times; and, for a manager, which offices to copy and the two ways out —
 * clearing the copy on this PC, and signing out (the main process refuses those to staff too).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AuthorizedOfficeView } from '../../../shared/domain/connection';
import type { AppSettings, EditableSettings } from '../../../shared/domain/settings';
import type { AppError } from '../../../shared/result';
import { CLOCK_PREFERENCES, type ClockPreference } from '../../../shared/time/relative';
import { ErrorNotice, Loading } from '../../components/Notices';
import { useActions, useApi, useAppState } from '../../store/context';
import { OfficePicker, type OfficeSelection } from '../connect/OfficePicker';

export const SYNC_INTERVALS: readonly number[] = [5, 10, 15, 30, 60, 120, 240, 1440];
/** Idle minutes before the app locks (the settings allow 1 to 240). */
export const IDLE_LOCK_CHOICES: readonly number[] = [1, 2, 5, 10, 15, 20, 30, 60, 120, 240];

/** Hours after which the practice's data counts as behind (the settings allow 1 to 23). */
export const BEHIND_AFTER_HOURS: readonly number[] = [1, 2, 3, 4, 6, 8, 12];

const CLOCK_LABELS: Readonly<Record<ClockPreference, string>> = {
  system: 'As this computer shows them',
  '12h': '12-hour (2:00 PM)',
  '24h': '24-hour (14:00)',
};

function idleLabel(minutes: number): string {
  if (minutes === 1) return 'After 1 minute';
  if (minutes < 60 || minutes % 60 !== 0) return `After ${minutes} minutes`;
  return minutes === 60 ? 'After 1 hour' : `After ${minutes / 60} hours`;
}

function intervalLabel(minutes: number): string {
  if (minutes < 60) return `Every ${minutes} minutes`;
  if (minutes === 60) return 'Every hour';
  if (minutes === 1440) return 'Once a day';
  return `Every ${minutes / 60} hours`;
}

export function SettingsScreen() {
  const manager = useAppState((state) => state.session?.state === 'unlocked' && state.session.profile.role === 'manager');
  return (
    <div className="settings">
      <h2>Settings</h2>
      {manager && <OfficesSection />}
      <SyncSection />
      {manager ? (
        <>
          <LocalDataSection />
          <SignOutSection />
        </>
      ) : (
        <p className="help">A manager can choose the offices copied to this PC, clear the copy, or sign out.</p>
      )}
    </div>
  );
}

function OfficesSection() {
  const api = useApi();
  const actions = useActions();
  const connection = useAppState((state) => state.connection);
  const now = useAppState((state) => state.now);
  const [offices, setOffices] = useState<readonly AuthorizedOfficeView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [selection, setSelection] = useState<OfficeSelection>(() =>
    connection === null || connection.selectedOffices === 'all' ? 'all' : new Set(connection.selectedOffices),
  );
  const [saved, setSaved] = useState('');

  useEffect(() => {
    let live = true;
    void api.authorizedOffices({}).then((result) => {
      if (!live) return;
      if (result.ok) setOffices(result.value);
      else setError(result.error);
    });
    return () => { live = false; };
  }, [api]);

  const save = async (): Promise<void> => {
    setSaved('');
    setError(null);
    const result = await api.chooseOffices({ offices: selection === 'all' ? 'all' : [...selection] });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    await actions.connected(result.value);
    setSaved('Saved. The next sync copies the offices chosen.');
  };

  return (
    <section className="settings-section" aria-labelledby="settings-offices">
      <h3 id="settings-offices">Offices</h3>
      {offices === null && error === null && <Loading label="Asking Sikka which offices this app may read\u2026" />}
      {error !== null && <ErrorNotice error={error} />}
      {offices !== null && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <OfficePicker offices={offices} selection={selection} onChange={setSelection} now={now} />
          {offices.length > 0 && (
            <div className="button-row">
              <button type="submit" disabled={selection !== 'all' && selection.size === 0}>
                Save offices
              </button>
            </div>
          )}
        </form>
      )}
      <p role="status" className="saved">
        {saved}
      </p>
    </section>
  );
}

function SyncSection() {
  const api = useApi();
  const actions = useActions();
  const appInfo = useAppState((state) => state.appInfo);
  const paused = useAppState((state) => state.sync?.paused ?? false);
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState('');
  const intervalId = useId();
  const idleId = useId();
  const idleHelpId = useId();
  const behindId = useId();
  const behindHelpId = useId();
  const clockId = useId();

  useEffect(() => {
    let live = true;
    void api.settings({}).then((result) => {
      if (!live) return;
      if (result.ok) setSettings(result.value);
      else setError(result.error);
    });
    return () => { live = false; };
  }, [api]);

  const update = async (patch: EditableSettings): Promise<void> => {
    setError(null);
    setSaved('');
    const result = await api.updateSettings(patch);
    if (result.ok) {
      setSettings(result.value);
      actions.idleLockMinutesChanged(result.value.idleLockMinutes);
      actions.clockChanged(result.value.clock);
      setSaved('Saved.');
    } else setError(result.error);
  };
  const togglePause = async (): Promise<void> => {
    setError(null);
    setSaved('');
    const result = await actions.setSyncPaused(!paused);
    if (result.ok) setSaved(result.value.paused ? 'Syncing is paused. The copy on this PC still works.' : 'Syncing resumed.');
    else setError(result.error);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-sync">
      <h3 id="settings-sync">Syncing</h3>
      {settings === null && error === null && <Loading label="Reading settings\u2026" />}
      {settings !== null && (
        <>
          <div className="field">
            <label htmlFor={intervalId}>Sync with Sikka</label>
            <select id={intervalId} value={settings.syncIntervalMinutes} onChange={(event) => { void update({ syncIntervalMinutes: Number(event.target.value) }); }}>
              {[...new Set([...SYNC_INTERVALS, settings.syncIntervalMinutes])]
                .sort((a, b) => a - b)
                .map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {intervalLabel(minutes)}
                  </option>
                ))}
            </select>
          </div>
          <div className="field field-check">
            <label>
              <input type="checkbox" checked={settings.startAtLogin} onChange={(event) => { void update({ startAtLogin: event.target.checked }); }} />
              Start Practice Companion when I sign in to Windows
            </label>
            {appInfo?.harness === true && <p className="help">This browser preview records the choice; the desktop app applies it.</p>}
          </div>
          <div className="field">
            <label htmlFor={idleId}>Lock Practice Companion when nobody uses this PC</label>
            <select id={idleId} aria-describedby={idleHelpId} value={settings.idleLockMinutes} onChange={(event) => { void update({ idleLockMinutes: Number(event.target.value) }); }}>
              {[...new Set([...IDLE_LOCK_CHOICES, settings.idleLockMinutes])]
                .sort((a, b) => a - b)
                .map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {idleLabel(minutes)}
                  </option>
                ))}
            </select>
            <p id={idleHelpId} className="help">
              Typing or moving the mouse in any program counts as use. It also locks at once when the computer&rsquo;s screen locks or it goes to sleep.
            </p>
          </div>
          <div className="field">
            <label htmlFor={behindId}>Say the practice&rsquo;s data is behind</label>
            <select id={behindId} aria-describedby={behindHelpId} value={settings.freshnessAmberHours} onChange={(event) => { void update({ freshnessAmberHours: Number(event.target.value) }); }}>
              {[...new Set([...BEHIND_AFTER_HOURS, settings.freshnessAmberHours])]
                .sort((a, b) => a - b)
                .map((hours) => (
                  <option key={hours} value={hours}>
                    {hours === 1 ? 'After 1 hour' : `After ${hours} hours`}
                  </option>
                ))}
            </select>
            <p id={behindHelpId} className="help">
              Counted from the older of two times: when Sikka last read the practice system, and when this PC last copied from Sikka; only while the practice is open where Sikka gives its hours. A day behind is always shown in red.
            </p>
          </div>
          <div className="field">
            <label htmlFor={clockId}>Show times</label>
            <select
              id={clockId}
              value={settings.clock}
              onChange={(event) => {
                const clock = CLOCK_PREFERENCES.find((each) => each === event.target.value);
                if (clock !== undefined) void update({ clock });
              }}
            >
              {CLOCK_PREFERENCES.map((clock) => (
                <option key={clock} value={clock}>
                  {CLOCK_LABELS[clock]}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="field">
        <p className="help">{paused ? 'Syncing is paused: the copy on this PC is not updated until you resume.' : 'Pausing stops syncing with Sikka until you resume; the copy on this PC keeps working.'}</p>
        <button type="button" onClick={() => { void togglePause(); }}>
          {paused ? 'Resume syncing' : 'Pause syncing'}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <p role="status" className="saved">
        {saved}
      </p>
    </section>
  );
}

function LocalDataSection() {
  const actions = useActions();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState('');
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  const clear = async (): Promise<void> => {
    setError(null);
    const result = await actions.clearLocalData();
    setConfirming(false);
    if (result.ok) setDone('The copy on this PC was removed. The next sync copies the practice again.');
    else setError(result.error);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-local">
      <h3 id="settings-local">Copy on this PC</h3>
      <p className="help">Removes every patient, appointment and provider stored on this PC. The connection to Sikka stays, and the next sync copies everything again.</p>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="confirm-clear">
          <p id="confirm-clear">
            <strong>Remove the copy on this PC?</strong> Search and schedules are empty until the next sync finishes.
          </p>
          <div className="button-row">
            <button type="button" className="danger" onClick={() => { void clear(); }}>
              Remove the copy
            </button>
            <button type="button" ref={keepRef} onClick={() => { setConfirming(false); }}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => { setDone(''); setConfirming(true); }}>
          Clear local data{'\u2026'}
        </button>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <p role="status" className="saved">
        {done}
      </p>
    </section>
  );
}

function SignOutSection() {
  const actions = useActions();
  const connection = useAppState((state) => state.connection);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const stayRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) stayRef.current?.focus();
  }, [confirming]);

  const signOut = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await actions.signOut();
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  const what = connection?.kind === 'demo' ? 'Leave the demo practice' : 'Sign out';
  return (
    <section className="settings-section" aria-labelledby="settings-sign-out">
      <h3 id="settings-sign-out">{what}</h3>
      <p className="help">Ends this PC&rsquo;s access to the practice&rsquo;s Sikka data and removes its Sikka keys from this PC. Sikka is told too; if it cannot be reached, you are told which offices to revoke in the Sikka portal.</p>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="confirm-sign-out">
          <p id="confirm-sign-out">
            <strong>{what} now?</strong> Someone will need the app ID and key, or a Sikka sign-in, to connect again.
          </p>
          <div className="button-row">
            <button type="button" className="danger" disabled={busy} onClick={() => { void signOut(); }}>
              {busy ? 'Signing out\u2026' : what}
            </button>
            <button type="button" ref={stayRef} onClick={() => { setConfirming(false); }}>
              Stay connected
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => { setConfirming(true); }}>
          {what}
          {'\u2026'}
        </button>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
