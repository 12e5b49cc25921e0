/**
 * The shell: header, offline banner and the screen the address names — or Connect while nothing
 * is connected. Ctrl+K (Cmd+K on a Mac) brings the patient search from anywhere; a call brings the
 * caller card, and its summary is announced. A screen that fails to render is replaced by a way
 * back, never a blank window.
 */
import { useEffect } from 'react';
import { AppHeader, OfflineBanner } from './components/AppHeader';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorNotice, Loading } from './components/Notices';
import { navigate, useRoute, type Route, type Screen } from './routing';
import { CallerScreen } from './screens/caller/CallerScreen';
import { ConnectScreen } from './screens/connect/ConnectScreen';
import { HouseholdScreen } from './screens/household/HouseholdScreen';
import { PatientsScreen } from './screens/patients/PatientsScreen';
import { ScheduleScreen } from './screens/schedule/ScheduleScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { StatusScreen } from './screens/status/StatusScreen';
import { useActions, useAppState } from './store/context';
import { callerSummary } from './view/household';

const TITLES: Readonly<Record<Screen, string>> = {
  connect: 'Connect',
  patients: 'Patients',
  schedule: 'Schedule',
  caller: 'Caller',
  household: 'Household',
  status: 'Status',
  settings: 'Settings',
};

export function App() {
  const boot = useAppState((state) => state.boot);
  const connectionKind = useAppState((state) => state.connection?.kind ?? null);
  const actions = useActions();
  const route = useRoute();
  const connected = connectionKind !== null && connectionKind !== 'none';
  const shown: Route = !connected ? { screen: 'connect' } : route.screen === 'connect' ? { screen: 'patients', officeId: null, patientId: null } : route;

  const callerArrivals = useAppState((state) => state.callerArrivals);

  useEffect(() => actions.start(), [actions]);
  useEffect(() => {
    if (callerArrivals > 0) navigate({ screen: 'caller' });
  }, [callerArrivals]);
  useEffect(() => {
    // The window title shows on the taskbar: the screen's name only, never a patient's.
    document.title = `${TITLES[shown.screen]} \u2014 Practice Companion`;
  }, [shown.screen]);
  useEffect(() => {
    if (!connected) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      if (!window.location.hash.startsWith('#/patients')) navigate({ screen: 'patients', officeId: null, patientId: null });
      actions.requestSearchFocus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => { window.removeEventListener('keydown', onKeyDown); };
  }, [actions, connected]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <AppHeader screen={shown.screen} showNav={boot.state === 'ready' && connected} />
      {boot.state === 'ready' && connected && <OfflineBanner />}
      {connected && <CallerAnnouncement />}
      <main id="main" tabIndex={-1} className={`screen screen-${shown.screen}`}>
        <h1 className="visually-hidden">{TITLES[shown.screen]}</h1>
        {boot.state === 'loading' ? (
          <Loading label="Opening Practice Companion\u2026" />
        ) : boot.state === 'error' ? (
          <ErrorNotice error={boot.error} onRetry={() => { void actions.retryBoot(); }} />
        ) : (
          <ErrorBoundary key={shown.screen} onBack={() => { navigate({ screen: 'patients', officeId: null, patientId: null }); }}>
            <ScreenFor route={shown} />
          </ErrorBoundary>
        )}
      </main>
    </>
  );
}

function ScreenFor({ route }: { readonly route: Route }) {
  switch (route.screen) {
    case 'connect':
      return <ConnectScreen />;
    case 'patients':
      return <PatientsScreen officeId={route.officeId} patientId={route.patientId} />;
    case 'schedule':
      return <ScheduleScreen officeId={route.officeId} date={route.date} groupBy={route.groupBy} />;
    case 'caller':
      return <CallerScreen />;
    case 'household':
      return <HouseholdScreen officeId={route.officeId} guarantorId={route.guarantorId} />;
    case 'status':
      return <StatusScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** Always in the page, so a screen reader hears who is calling as soon as the card is known. */
function CallerAnnouncement() {
  const caller = useAppState((state) => state.caller);
  return (
    <p className="visually-hidden" role="status" data-testid="caller-announcement">
      {caller.state === 'ready' ? `Incoming call. ${callerSummary(caller.value)}` : caller.state === 'error' ? 'Incoming call: the caller could not be looked up.' : ''}
    </p>
  );
}
