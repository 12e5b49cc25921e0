/**
 * First run, and after signing out: connect this PC to the practice's Sikka data — by signing in
 * with Sikka in the system browser, with an app key Sikka issued, or to a built-in demo practice.
 * Keys typed here go straight to the main process and are dropped from the form once used.
 */
import { useId, useState, type SyntheticEvent } from 'react';
import type { AuthorizedOfficeView, ConnectionStatus } from '../../../shared/domain/connection';
import type { AppError } from '../../../shared/result';
import { ErrorNotice } from '../../components/Notices';
import { navigate } from '../../routing';
import { useActions, useApi, useAppState } from '../../store/context';
import { OfficePicker, type OfficeSelection } from './OfficePicker';

type Method = 'sign-in' | 'app-key' | 'demo';

export function ConnectScreen() {
  const [method, setMethod] = useState<Method>('sign-in');
  const actions = useActions();
  const report = useAppState((state) => state.signOutReport);

  const done = async (connection: ConnectionStatus): Promise<void> => {
    actions.dismissSignOutReport();
    await actions.connected(connection);
    navigate({ screen: 'status' });
  };

  return (
    <div className="connect">
      <h2>Connect to your practice</h2>
      {report !== null && (
        <div className={report.notRevoked.length > 0 ? 'notice notice-warning' : 'notice'} role="status">
          <p className="notice-title">Signed out. The keys were removed from this PC.</p>
          {report.notRevoked.length > 0 && (
            <>
              <p>Sikka could not be told for these offices. Revoke this app&rsquo;s access to them in the Sikka portal:</p>
              <ul>
                {report.notRevoked.map((office) => (
                  <li key={office.officeId}>
                    Office {office.officeId}: {office.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <fieldset className="segmented connect-methods">
        <legend>How do you want to connect?</legend>
        {(
          [
            ['sign-in', 'Sign in with Sikka'],
            ['app-key', 'Use an app key'],
            ['demo', 'Explore with a demo practice'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={method === value ? 'segment segment-on' : 'segment'}>
            <input type="radio" name="connect-method" value={value} checked={method === value} onChange={() => { setMethod(value); }} />
            {label}
          </label>
        ))}
      </fieldset>
      {method === 'sign-in' && <SignInForm onDone={done} />}
      {method === 'app-key' && <AppKeyForm onDone={done} />}
      {method === 'demo' && <DemoStart onDone={done} />}
    </div>
  );
}

interface FlowProps {
  readonly onDone: (connection: ConnectionStatus) => Promise<void>;
}

type ApiVersion = 'v2' | 'v4';

interface Credentials {
  readonly appId: string;
  readonly appKey: string;
  readonly baseUrl: string;
  readonly apiVersion: ApiVersion;
}

function credentialsArgs(credentials: Credentials): { appId: string; appKey: string; baseUrl: string | null; apiVersion: ApiVersion } {
  const baseUrl = credentials.baseUrl.trim();
  return { appId: credentials.appId.trim(), appKey: credentials.appKey.trim(), baseUrl: baseUrl === '' ? null : baseUrl, apiVersion: credentials.apiVersion };
}

function CredentialFields({ value, onChange, disabled }: { readonly value: Credentials; readonly onChange: (value: Credentials) => void; readonly disabled: boolean }) {
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-app-id`}>App ID</label>
        <input id={`${id}-app-id`} name="appId" required autoComplete="off" spellCheck={false} disabled={disabled} value={value.appId} onChange={(event) => { onChange({ ...value, appId: event.target.value }); }} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-app-key`}>App key</label>
        <input id={`${id}-app-key`} name="appKey" type="password" required autoComplete="off" spellCheck={false} disabled={disabled} value={value.appKey} onChange={(event) => { onChange({ ...value, appKey: event.target.value }); }} />
      </div>
      <details className="advanced">
        <summary>Advanced</summary>
        <div className="field">
          <label htmlFor={`${id}-host`}>Sikka host</label>
          <input id={`${id}-host`} name="baseUrl" type="url" inputMode="url" placeholder="https://api.sikkasoft.com" autoComplete="off" spellCheck={false} disabled={disabled} value={value.baseUrl} aria-describedby={`${id}-host-help`} onChange={(event) => { onChange({ ...value, baseUrl: event.target.value }); }} />
          <p id={`${id}-host-help`} className="help">
            Leave empty for Sikka&rsquo;s own service. IT staff may enter a test host.
          </p>
        </div>
        <div className="field">
          <fieldset className="segmented" aria-describedby={`${id}-api-version-help`} disabled={disabled}>
            <legend>Sikka API version</legend>
            {(['v2', 'v4'] as const).map((version) => (
              <label key={version} className={value.apiVersion === version ? 'segment segment-on' : 'segment'}>
                <input type="radio" name={`${id}-api-version`} value={version} checked={value.apiVersion === version} onChange={() => { onChange({ ...value, apiVersion: version }); }} />
                {version}
              </label>
            ))}
          </fieldset>
          <p id={`${id}-api-version-help`} className="help">
            Must match how the app is registered with Sikka; if unsure, ask whoever received the app ID.
          </p>
        </div>
      </details>
    </>
  );
}

const EMPTY_CREDENTIALS: Credentials = { appId: '', appKey: '', baseUrl: '', apiVersion: 'v2' };

function SignInForm({ onDone }: FlowProps) {
  const api = useApi();
  const harness = useAppState((state) => state.appInfo?.harness ?? false);
  const [credentials, setCredentials] = useState<Credentials>(EMPTY_CREDENTIALS);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setWaiting(true);
    const signedIn = await api.signInWithSikka(credentialsArgs(credentials));
    setWaiting(false);
    if (!signedIn.ok) {
      setError(signedIn.error);
      return;
    }
    setCredentials(EMPTY_CREDENTIALS);
    const connection = await api.connectionStatus({});
    if (connection.ok) await onDone(connection.value);
    else setError(connection.error);
  };

  return (
    <form className="connect-form" onSubmit={(event) => { void submit(event); }} aria-labelledby="sign-in-title">
      <h3 id="sign-in-title">Sign in with Sikka</h3>
      <p className="help">Enter the app ID and key your IT contact received from Sikka. Sikka&rsquo;s sign-in page opens in your web browser, where the practice owner allows access.</p>
      <CredentialFields value={credentials} onChange={setCredentials} disabled={waiting} />
      {waiting ? (
        <div className="notice" role="status">
          <p className="notice-title">Sikka&rsquo;s sign-in page is open in your web browser.</p>
          <p>Finish signing in there; this window continues by itself.{harness ? ' (In this browser preview the page opens from the computer running it.)' : ''}</p>
          <button type="button" onClick={() => { void api.cancelSignIn({}); }}>
            Cancel sign-in
          </button>
        </div>
      ) : (
        <div className="button-row">
          <button type="submit" className="primary">
            Sign in with Sikka
          </button>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}

function AppKeyForm({ onDone }: FlowProps) {
  const api = useApi();
  const now = useAppState((state) => state.now);
  const [credentials, setCredentials] = useState<Credentials>(EMPTY_CREDENTIALS);
  const [offices, setOffices] = useState<readonly AuthorizedOfficeView[] | null>(null);
  const [selection, setSelection] = useState<OfficeSelection>('all');
  const [busy, setBusy] = useState<'checking' | 'connecting' | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const check = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setBusy('checking');
    const result = await api.checkAppKey(credentialsArgs(credentials));
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setOffices(result.value);
    setSelection('all');
  };

  const connect = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setBusy('connecting');
    const result = await api.connectWithAppKey({ ...credentialsArgs(credentials), offices: selection === 'all' ? 'all' : [...selection] });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCredentials(EMPTY_CREDENTIALS);
    await onDone(result.value);
  };

  if (offices === null) {
    return (
      <form className="connect-form" onSubmit={(event) => { void check(event); }} aria-labelledby="app-key-title">
        <h3 id="app-key-title">Use an app key</h3>
        <p className="help">Enter the app ID and key from Sikka. The next step shows the offices they may read, with the state of each practice&rsquo;s Sikka agent.</p>
        <CredentialFields value={credentials} onChange={setCredentials} disabled={busy !== null} />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'checking' ? 'Checking with Sikka\u2026' : 'Show the offices'}
          </button>
        </div>
        {error !== null && <ErrorNotice error={error} />}
      </form>
    );
  }
  return (
    <form className="connect-form" onSubmit={(event) => { void connect(event); }} aria-labelledby="choose-offices-title">
      <h3 id="choose-offices-title">Choose the offices</h3>
      <OfficePicker offices={offices} selection={selection} onChange={setSelection} now={now} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy !== null || offices.length === 0 || (selection !== 'all' && selection.size === 0)}>
          {busy === 'connecting' ? 'Connecting\u2026' : 'Connect'}
        </button>
        <button type="button" onClick={() => { setOffices(null); }} disabled={busy !== null}>
          Back
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}

function DemoStart({ onDone }: FlowProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const start = async (): Promise<void> => {
    setError(null);
    setBusy(true);
    const result = await api.startDemo({});
    setBusy(false);
    if (result.ok) await onDone(result.value);
    else setError(result.error);
  };
  return (
    <section className="connect-form" aria-labelledby="demo-title">
      <h3 id="demo-title">Explore with a demo practice</h3>
      <p className="help">A made-up dental office and veterinary hospital with a few thousand invented patients and pets, so you can try searching and schedules. No real data is involved, and nothing is sent to Sikka.</p>
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={() => { void start(); }}>
          {busy ? 'Starting\u2026' : 'Explore the demo practice'}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
