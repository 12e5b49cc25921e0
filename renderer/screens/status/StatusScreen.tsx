/**
 * Where each office's copy stands and how fresh the practice's own data is: "Up to date" or which
 * link is behind and what to do, the practice management system, when the practice's Sikka agent
 * (SPC) last read and uploaded it (in the office's time zone), Sikka's data sync status (v4), the
 * last problem in plain words, and live progress while syncing.
 */
import { useState } from 'react';
import type { OfficeSyncStatus, SyncStatus } from '../../../shared/domain/sync';
import type { AppError } from '../../../shared/result';
import { FirstCopyNotice } from '../../components/Freshness';
import { Badge, EmptyState, ErrorNotice, Loading } from '../../components/Notices';
import { useActions, useAppState } from '../../store/context';
import { formatCount, formatMoment, formatUpcoming } from '../../view/format';
import { wordsFor } from '../../view/labels';
import { officeStatusView, progressAnnouncement, progressText } from '../../view/officeStatus';

export function StatusScreen() {
  const sync = useAppState((state) => state.sync);
  const dataError = useAppState((state) => state.dataError);
  const actions = useActions();

  if (sync === null) {
    return dataError === null ? <Loading label="Reading the sync status\u2026" /> : <ErrorNotice error={dataError} onRetry={() => { void actions.refreshData(); }} />;
  }
  return (
    <div className="status-screen">
      <h2>Sync status</h2>
      <SyncSummary sync={sync} />
      {sync.offices.length === 0 ? (
        sync.running ? (
          <FirstCopyNotice />
        ) : (
          <EmptyState title="No offices yet.">
            <p>Choose the offices to copy in Settings.</p>
          </EmptyState>
        )
      ) : (
        <div className="office-cards">
          {sync.offices.map((office) => (
            <OfficeCard key={office.officeId} office={office} sync={sync} />
          ))}
        </div>
      )}
    </div>
  );
}

function SyncSummary({ sync }: { readonly sync: SyncStatus }) {
  const progress = useAppState((state) => state.progress);
  const online = useAppState((state) => state.online);
  const now = useAppState((state) => state.now);
  const actions = useActions();
  const [error, setError] = useState<AppError | null>(null);
  const [asked, setAsked] = useState(false);
  const progressOffice = progress === null ? null : (sync.offices.find((office) => office.officeId === progress.officeId)?.practiceName ?? `office ${progress.officeId}`);

  const syncNow = async (): Promise<void> => {
    setError(null);
    setAsked(true);
    const result = await actions.syncNow();
    setAsked(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <section className="sync-summary" aria-labelledby="sync-summary-title">
      <h3 id="sync-summary-title" className="visually-hidden">
        Syncing
      </h3>
      <dl className="summary-facts">
        <div className="fact">
          <dt>Last sync</dt>
          <dd>{sync.lastRunAt === null ? 'Never' : formatMoment(sync.lastRunAt, now)}</dd>
        </div>
        <div className="fact">
          <dt>Next sync</dt>
          <dd>{sync.paused ? 'Paused (resume in Settings)' : sync.nextRunAt === null ? 'Not scheduled' : formatUpcoming(sync.nextRunAt, now)}</dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => { void syncNow(); }} disabled={sync.running || asked}>
          {sync.running ? 'Syncing\u2026' : 'Sync now'}
        </button>
        {!online && <span className="muted">Offline: a sync now would wait for the connection.</span>}
      </div>
      {error !== null && <ErrorNotice error={error} />}
      {sync.running && progress !== null && (
        <div className="progress">
          <progress aria-label={progressText(progress, progressOffice)} max={progress.rowsTotal ?? undefined} value={progress.rowsTotal === null ? undefined : Math.min(progress.rowsDone, progress.rowsTotal)} />
          <span aria-hidden="true">{progressText(progress, progressOffice)}</span>
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="sync-announcement">
        {sync.running ? (progress === null ? 'Sync started.' : `${progressAnnouncement(progress, progressOffice)}.`) : ''}
      </p>
    </section>
  );
}

function OfficeCard({ office, sync }: { readonly office: OfficeSyncStatus; readonly sync: SyncStatus }) {
  const now = useAppState((state) => state.now);
  const view = officeStatusView(office, sync, now);
  const words = wordsFor(null, office.domain);
  const titleId = `office-${office.officeId}`;
  return (
    <section className="office-card" aria-labelledby={titleId} data-testid={`office-status-${office.officeId}`}>
      <header>
        <h3 id={titleId}>
          {view.title} <span className="muted">({office.officeId})</span>
        </h3>
        <Badge tone={view.state.tone}>{view.state.label}</Badge>
      </header>
      {view.behind !== null && (
        <p className={view.freshness.level === 'red' ? 'warning warning-danger' : 'warning'} role="note" data-testid="office-behind">
          <strong>{view.behind.reason}.</strong> {view.behind.advice}
        </p>
      )}
      {view.problem !== null && (
        <p className={office.state === 'failed' ? 'problem problem-danger' : 'problem'}>
          {view.problem}
        </p>
      )}
      <dl className="office-facts">
        <div className="fact">
          <dt>Practice management system</dt>
          <dd>{view.pms}</dd>
        </div>
        <div className="fact">
          <dt>System last read by SPC</dt>
          <dd>{view.pmsRefreshed}</dd>
        </div>
        <div className="fact">
          <dt>SPC last synchronized</dt>
          <dd>{view.spcSynchronized}</dd>
        </div>
        <div className="fact">
          <dt>SPC last uploaded data</dt>
          <dd>{view.spcInserted}</dd>
        </div>
        {view.dataSyncStatus !== null && (
          <div className="fact">
            <dt>Sikka&rsquo;s data sync status</dt>
            <dd>{view.dataSyncStatus}</dd>
          </div>
        )}
        <div className="fact">
          <dt>Last complete sync here</dt>
          <dd>{view.lastSync}</dd>
        </div>
        <div className="fact">
          <dt>Next sync</dt>
          <dd>{view.nextSync}</dd>
        </div>
      </dl>
      <p className="help">{view.counted}</p>
      <table className="counts">
        <caption>On this PC</caption>
        <tbody>
          <tr>
            <th scope="row">{words.patients === 'pets' ? 'Pets' : 'Patients'}</th>
            <td>{formatCount(office.counts.patients)}</td>
          </tr>
          <tr>
            <th scope="row">{words.guarantor}s</th>
            <td>{formatCount(office.counts.guarantors)}</td>
          </tr>
          <tr>
            <th scope="row">Appointments</th>
            <td>{formatCount(office.counts.appointments)}</td>
          </tr>
          <tr>
            <th scope="row">Providers</th>
            <td>{formatCount(office.counts.providers)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
