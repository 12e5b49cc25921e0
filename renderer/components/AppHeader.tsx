/**
 * The bar on every screen: where to go, whether this PC is online, and how fresh the data is (see
 * Freshness.tsx: "Up to date" only when no link is behind, the same rule as the tray's) — and
 * who has unlocked the app, with the Lock button (managers also reach Staff and the audit trail).
 */
import { useState } from 'react';
import { routeHash, type Screen } from '../routing';
import { useActions, useAppState } from '../store/context';
import { copyFreshnessView } from '../view/officeStatus';
import { FreshnessSummary } from './Freshness';

const LINKS: readonly { readonly screen: Extract<Screen, 'patients' | 'schedule' | 'status' | 'settings'>; readonly label: string; readonly hint?: string }[] = [
  { screen: 'patients', label: 'Patients', hint: 'Ctrl+K' },
  { screen: 'schedule', label: 'Schedule' },
  { screen: 'status', label: 'Status' },
  { screen: 'settings', label: 'Settings' },
];

export function AppHeader({ screen, showNav }: { readonly screen: Screen; readonly showNav: boolean }) {
  return (
    <header className="app-header">
      <p className="brand">Practice Companion</p>
      {showNav && (
        <nav aria-label="Screens" className="app-nav">
          <ul>
            {LINKS.map((link) => (
              <li key={link.screen}>
                <a href={routeHash(link.screen === 'patients' ? { screen: 'patients', officeId: null, patientId: null } : link.screen === 'schedule' ? { screen: 'schedule', officeId: null, date: null, groupBy: 'provider' } : { screen: link.screen })} aria-current={screen === link.screen ? 'page' : undefined}>
                  {link.label}
                  {link.hint !== undefined && <kbd aria-hidden="true">{link.hint}</kbd>}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {showNav && <FreshnessSummary />}
      <SessionBar screen={screen} />
    </header>
  );
}

/** Who is unlocked, where they manage PINs (and, for managers, profiles and the audit trail), and Lock. */
function SessionBar({ screen }: { readonly screen: Screen }) {
  const session = useAppState((state) => state.session);
  const actions = useActions();
  const [locking, setLocking] = useState(false);
  if (session?.state !== 'unlocked') return null;
  const { profile } = session;
  const manager = profile.role === 'manager';
  const links: readonly { readonly screen: 'staff' | 'audit'; readonly label: string }[] = manager
    ? [{ screen: 'staff', label: 'Staff' }, { screen: 'audit', label: 'Audit' }]
    : [{ screen: 'staff', label: 'Change my PIN' }];
  return (
    <div className="session-bar">
      <p className="session-who" data-testid="signed-in-as">
        <span className="visually-hidden">Unlocked by </span>
        {profile.displayName}
        {manager && <span className="session-role"> (manager)</span>}
      </p>
      <nav aria-label="Staff" className="app-nav session-nav">
        <ul>
          {links.map((link) => (
            <li key={link.screen}>
              <a href={routeHash({ screen: link.screen })} aria-current={screen === link.screen ? 'page' : undefined}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button
        type="button"
        className="lock-button"
        disabled={locking}
        onClick={() => {
          setLocking(true);
          void actions.lock().finally(() => { setLocking(false); });
        }}
      >
        Lock
      </button>
    </div>
  );
}

/** Said once, prominently, when the PC goes offline: the copy still answers. */
export function OfflineBanner() {
  const online = useAppState((state) => state.online);
  const sync = useAppState((state) => state.sync);
  const now = useAppState((state) => state.now);
  const asOf = sync === null || sync.offices.length === 0 ? null : copyFreshnessView(sync, now).asOf;
  return (
    <div role="status" className={online ? 'offline-banner offline-banner-hidden' : 'offline-banner'}>
      {!online && (
        <p>
          <strong>Offline.</strong> Showing the copy on this PC{asOf === null ? '' : `, data as of ${asOf}`}. Search and schedules still work; syncing resumes when the connection is back.
        </p>
      )}
    </div>
  );
}
