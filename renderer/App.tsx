/**
 * The shell: header, offline banner and the screen the address names — or Connect while nothing
 * is connected. Who is at the PC comes first: on first run only the setup of the first profile
 * shows, and while locked only the lock screen (the store holds no patient data then). Ctrl+K
 * (Cmd+K on a Mac) brings the patient search from anywhere; a call brings the caller card, and its
 * summary is announced. A screen that fails to render is replaced by a way back, never a blank
 * window.
 */
import { useEffect } from 'react';
import { AppHeader, OfflineBanner } from './components/AppHeader';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorNotice, Loading } from './components/Notices';
import { navigate, useRoute, type Route, type Screen } from './routing';
import { AuditScreen } from './screens/audit/AuditScreen';
import { CallerScreen } from './screens/caller/CallerScreen';
import { ConnectScreen } from './screens/connect/ConnectScreen';
import { HouseholdScreen } from './screens/household/HouseholdScreen';
import { LockScreen } from './screens/lock/LockScreen';
import { PatientsScreen } from './screens/patients/PatientsScreen';
import { ScheduleScreen } from './screens/schedule/ScheduleScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { SetupScreen } from './screens/setup/SetupScreen';
import { StaffScreen } from './screens/staff/StaffScreen';
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
  staff: 'Staff',
  audit: 'Audit trail',
};

export function App() {
  const boot = useAppState((state) => state.boot);
  const session = useAppState((state) => state.session);
  const connectionKind = useAppState((state) => state.connection?.kind ?? null);
  const actions = useActions();
  const route = useRoute();
  const unlocked = session?.state === 'unlocked';
  const connected = unlocked && connectionKind !== null && connectionKind !== 'none';
  // Staff profiles and the PIN are reachable before a practice is connected, as is the audit trail.
  const beforeConnecting = route.screen === 'staff' || route.screen === 'audit';
  const shown: Route = !connected && !beforeConnecting ? { screen: 'connect' } : route.screen === 'connect' ? { screen: 'patients', officeId: null, patientId: null } : route;
  const gate = boot.state !== 'ready' || session === null ? null : session.state === 'unlocked' ? null : session;
  const title = gate === null ? TITLES[shown.screen] : gate.state === 'needs-setup' ? 'Set up' : 'Locked';

  const callerArrivals = useAppState((state) => state.callerArrivals);
  // Every screen writes times as the PC does (view/format.ts): a new locale or clock setting renders them all again.
  useAppState((state) => `${state.appInfo?.locale ?? ''} ${state.appInfo?.clock ?? ''}`);

  useEffect(() => actions.start(), [actions]);
  useEffect(() => {
    if (callerArrivals > 0) navigate({ screen: 'caller' });
  }, [callerArrivals]);
  useEffect(() => {
    // The window title shows on the taskbar: the screen's name only, never a patient's.
    document.title = `${title} \u2014 Practice Companion`;
  }, [title]);
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
      <main id="main" tabIndex={-1} className={`screen screen-${gate === null ? shown.screen : gate.state}`}>
        <h1 className="visually-hidden">{title}</h1>
        {boot.state === 'loading' ? (
          <Loading label="Opening Practice Companion\u2026" />
        ) : boot.state === 'error' ? (
          <ErrorNotice error={boot.error} onRetry={() => { void actions.retryBoot(); }} />
        ) : gate?.state === 'needs-setup' ? (
          <SetupScreen />
        ) : gate?.state === 'locked' ? (
          <LockScreen key={`${gate.reason}-${gate.lastProfileId ?? ''}`} session={gate} />
        ) : (
          // Keyed by who unlocked too: another profile's screens start afresh and ask for their data in that profile's name.
          <ErrorBoundary key={`${shown.screen}\u0000${session?.state === 'unlocked' ? session.profile.profileId : ''}`} onBack={() => { navigate({ screen: 'patients', officeId: null, patientId: null }); }}>
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
    case 'staff':
      return <StaffScreen />;
    case 'audit':
      return <AuditScreen />;
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
