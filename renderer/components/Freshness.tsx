/**
 * How fresh the data on this PC is, said the same way wherever it shows: the header's summary, a
 * caller card's note, and — while the first copy runs — what screens show instead of "nothing
 * here". The rule is shared/domain/freshness.ts; the words are view/officeStatus.ts.
 */
import type { OfficeSyncStatus } from '../../shared/domain/sync';
import { useAppState } from '../store/context';
import { copyFreshnessText, copyFreshnessView, firstCopyText, officeStatusView, progressText } from '../view/officeStatus';

/** The header's part: online or not, "Up to date" or which link is behind, and the sync's progress. */
export function FreshnessSummary() {
  const online = useAppState((state) => state.online);
  const sync = useAppState((state) => state.sync);
  const progress = useAppState((state) => state.progress);
  const now = useAppState((state) => state.now);
  const view = sync === null || sync.offices.length === 0 ? null : copyFreshnessView(sync, now);
  const copying = firstCopyText(sync, progress);
  const office = progress === null ? undefined : sync?.offices.find((each) => each.officeId === progress.officeId);
  return (
    <div className="freshness">
      <span className={`connectivity ${online ? 'connectivity-online' : 'connectivity-offline'}`} data-testid="connectivity">
        {online ? 'Online' : 'Offline'}
      </span>
      <span className={`as-of as-of-${view?.tone ?? 'neutral'}`} data-testid="data-as-of">
        {view === null ? 'Not synced yet' : copyFreshnessText(view)}
      </span>
      {sync?.running === true && (
        <span className="syncing">{copying ?? (progress === null ? 'Syncing\u2026' : progressText(progress, office?.practiceName ?? null))}</span>
      )}
      {sync?.paused === true && <span className="paused">Sync paused</span>}
    </div>
  );
}

/** While the first copy runs: which office and how far, instead of an empty screen; null otherwise. */
export function FirstCopyNotice() {
  const text = useFirstCopyText();
  if (text === null) return null;
  return (
    <div className="notice notice-empty first-copy" data-testid="first-copy">
      <p className="notice-title">{text}</p>
      <p>
        The practice&rsquo;s data appears here as it is copied; the <a href="#/status">Status</a> screen shows each office.
      </p>
    </div>
  );
}

/** "Copying Maple Grove Family Dental: patients 2,310 of 6,000" while a first copy runs, else null. */
export function useFirstCopyText(): string | null {
  const sync = useAppState((state) => state.sync);
  const progress = useAppState((state) => state.progress);
  return firstCopyText(sync, progress);
}

/**
 * For a caller card: whether what it shows of these offices (every office when none are named:
 * a number found nowhere may be new since the copy) is up to date, and if not, which link is behind.
 */
export function FreshnessNote({ officeIds }: { readonly officeIds?: readonly string[] }) {
  const sync = useAppState((state) => state.sync);
  const now = useAppState((state) => state.now);
  if (sync === null) return null;
  const offices = officeIds === undefined ? sync.offices : sync.offices.filter((office) => officeIds.includes(office.officeId));
  if (offices.length === 0) return null;
  const views = offices.map((office: OfficeSyncStatus) => ({ office, view: officeStatusView(office, sync, now) }));
  const behind = views.filter(({ view }) => view.behind !== null);
  if (behind.length === 0) {
    return (
      <p className="freshness-note freshness-note-good" data-testid="caller-freshness">
        {['Up to date', ...views.flatMap(({ view }) => [view.freshness.practiceSystem.words, view.freshness.thisPc.words])].join(' \u00b7 ')}
      </p>
    );
  }
  return (
    <p className={`freshness-note freshness-note-${behind.some(({ view }) => view.freshness.level === 'red') ? 'danger' : 'warning'}`} role="note" data-testid="caller-freshness">
      <strong>May be out of date.</strong>{' '}
      {behind.map(({ office, view }) => `${offices.length > 1 ? `${office.practiceName ?? office.officeId}: ` : ''}${view.behind?.reason ?? ''}`).join('. ')}. Confirm recent bookings in the practice system.
    </p>
  );
}
