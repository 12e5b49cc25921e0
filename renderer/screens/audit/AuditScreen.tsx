/**
 * The audit trail, for the practice manager: first whether the hash chain still holds (and if
 * not, from which entry on it cannot be trusted), then the entries, newest first, a page at a
 * time, between two days on this PC's clock. Entries name records by id only; nothing here is
 * patient data. Staff see only that this is a manager's screen, and nothing is asked for them.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { AuditEntryView, AuditVerification } from '../../../shared/domain/audit';
import type { AppError } from '../../../shared/result';
import { Badge, EmptyState, ErrorNotice, FormProblems, Loading } from '../../components/Notices';
import { useApi, useAppState } from '../../store/context';
import { formatPcSecond } from '../../view/format';
import { AUDIT_ACTION_WORDS, AUDIT_PROBLEM_TITLES, actorMarker, dayBoundary } from './auditWords';
import './audit.css';

/** Entries asked for at once: a screenful or two, and "Show older" for the rest. */
export const AUDIT_PAGE_SIZE = 100;

export const AUDIT_EXPORT_COMMAND = 'npm run cli -- audit --data-dir DIR --from DATE --to DATE';

export function AuditScreen() {
  const manager = useAppState((state) => state.session?.state === 'unlocked' && state.session.profile.role === 'manager');
  return (
    <div className="audit">
      <h2>Audit trail</h2>
      {manager ? (
        <>
          <ChainCheck />
          <AuditEntries />
        </>
      ) : (
        <p>Only a practice manager can see the audit trail.</p>
      )}
    </div>
  );
}

type Check = { readonly state: 'checking' } | { readonly state: 'done'; readonly verification: AuditVerification } | { readonly state: 'error'; readonly error: AppError };

function ChainCheck() {
  const api = useApi();
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  // Bumped by "Check again": the whole chain is walked once more.
  const [rounds, setRounds] = useState(0);

  useEffect(() => {
    let live = true;
    void api.auditVerify({}).then((result) => {
      if (live) setCheck(result.ok ? { state: 'done', verification: result.value } : { state: 'error', error: result.error });
    });
    return () => { live = false; };
  }, [api, rounds]);

  const verifyAgain = (): void => {
    setCheck({ state: 'checking' });
    setRounds((count) => count + 1);
  };
  const again = (
    <button type="button" disabled={check.state === 'checking'} onClick={verifyAgain}>
      Check again
    </button>
  );
  return (
    <section className="audit-check" aria-labelledby="audit-check-title">
      <h3 id="audit-check-title" className="visually-hidden">
        Chain check
      </h3>
      {check.state === 'checking' && <Loading label="Checking every entry of the audit trail\u2026" />}
      {check.state === 'error' && <ErrorNotice error={check.error} onRetry={verifyAgain} />}
      {check.state === 'done' && <Verification verification={check.verification} again={again} />}
    </section>
  );
}

function Verification({ verification, again }: { readonly verification: AuditVerification; readonly again: ReactNode }) {
  if (!verification.ok) {
    return (
      <div className="audit-verdict audit-verdict-broken" role="alert">
        <p className="audit-verdict-title">
          <Badge tone="danger">Not intact</Badge> {AUDIT_PROBLEM_TITLES[verification.problem]}
        </p>
        <p>{verification.explanation}</p>
        <p>
          <strong>Entries from #{verification.sequence} on cannot be trusted.</strong> {plural(verification.entries, 'entry', 'entries')} were read before the check stopped.
        </p>
        {again}
      </div>
    );
  }
  const { entries, checkpoint, head, breaksFound } = verification;
  return (
    <div className={`audit-verdict ${breaksFound.length > 0 ? 'audit-verdict-warning' : 'audit-verdict-ok'}`}>
      <p className="audit-verdict-title">
        <Badge tone="good">Intact</Badge>{' '}
        {entries === 0 ? 'The audit trail has no entries yet.' : `All ${plural(entries, 'entry', 'entries')} hold together${head === null ? '' : ` (the latest is #${head.sequence})`}.`}
      </p>
      <p>
        {checkpoint === 'matches'
          ? 'They match the checkpoint kept outside the database, so no entry was removed from the end.'
          : 'No checkpoint is kept outside the database here, so entries removed from the end would not show.'}{' '}
        {again}
      </p>
      {breaksFound.length > 0 && (
        <div className="audit-breaks">
          <p>
            <strong>Earlier changes were found and recorded.</strong> The trail holds together after them, but what was changed before cannot be known:
          </p>
          <ul>
            {breaksFound.map((found) => (
              <li key={found.sequence}>
                Entry #{found.sequence}: {found.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

interface Range {
  readonly from?: number;
  readonly to?: number;
}

/** A page asked for: the entries between two days older than those already shown. */
interface PageRequest {
  readonly range: Range;
  readonly shown: readonly AuditEntryView[];
}

type PageAnswer =
  | { readonly request: PageRequest; readonly ok: true; readonly entries: readonly AuditEntryView[]; readonly more: boolean }
  | { readonly request: PageRequest; readonly ok: false; readonly error: AppError };

function AuditEntries() {
  const api = useApi();
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [request, setRequest] = useState<PageRequest>({ range: {}, shown: [] });
  const [answer, setAnswer] = useState<PageAnswer | null>(null);

  useEffect(() => {
    // A newer request (another range, the next page) drops this answer if it comes late.
    let live = true;
    const last = request.shown.at(-1);
    void api.auditEntries({ ...request.range, ...(last === undefined ? {} : { beforeSequence: last.sequence }), limit: AUDIT_PAGE_SIZE }).then((result) => {
      if (!live) return;
      setAnswer(result.ok
        ? { request, ok: true, entries: [...request.shown, ...result.value], more: result.value.length === AUDIT_PAGE_SIZE }
        : { request, ok: false, error: result.error });
    });
    return () => { live = false; };
  }, [api, request]);

  const current = answer !== null && answer.request === request ? answer : null;
  const entries = current?.ok === true ? current.entries : request.shown;
  const more = current?.ok === true && current.more;
  const error = current?.ok === false ? current.error : null;

  const show = (): void => {
    const from = fromDay === '' ? null : dayBoundary(fromDay, 'from');
    const to = toDay === '' ? null : dayBoundary(toDay, 'to');
    const found = (fromDay !== '' && from === null) || (toDay !== '' && to === null)
      ? 'Choose the days from the calendar, or type them like 2025-03-04.'
      : from !== null && to !== null && from >= to ? 'The first day comes after the last day. Swap them.' : null;
    setProblem(found);
    if (found !== null) return;
    setRequest({ range: { ...(from === null ? {} : { from }), ...(to === null ? {} : { to }) }, shown: [] });
  };

  const filtered = request.range.from !== undefined || request.range.to !== undefined;
  return (
    <section className="audit-entries" aria-labelledby="audit-entries-title">
      <h3 id="audit-entries-title" className="visually-hidden">
        Entries
      </h3>
      <form
        className="audit-filter"
        onSubmit={(event) => {
          event.preventDefault();
          show();
        }}
      >
        <div className="inline-field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" value={fromDay} onChange={(event) => { setFromDay(event.target.value); }} />
        </div>
        <div className="inline-field">
          <label htmlFor="audit-to">To (including that day)</label>
          <input id="audit-to" type="date" value={toDay} onChange={(event) => { setToDay(event.target.value); }} />
        </div>
        <button type="submit">Show</button>
        <p className="help audit-export">
          Export with the chain verified: <code>{AUDIT_EXPORT_COMMAND}</code>
        </p>
      </form>
      <FormProblems problem={problem} error={error} onRetry={() => { setRequest({ ...request }); }} />
      {current?.ok === true && entries.length === 0 ? (
        <EmptyState title={filtered ? 'No entries between these days.' : 'The audit trail has no entries yet.'} />
      ) : (
        <div className="audit-table" role="region" aria-labelledby="audit-table-caption" tabIndex={0}>
          <table className="appointments">
            <caption id="audit-table-caption" className="visually-hidden">
              Audit trail entries, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col" className="audit-col-sequence">#</th>
                <th scope="col" className="audit-col-time">When</th>
                <th scope="col" className="audit-col-who">Who</th>
                <th scope="col" className="audit-col-action">What</th>
                <th scope="col">Record</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.sequence} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="button-row">
        <p role="status" className="muted audit-count">
          {current === null ? 'Reading entries\u2026' : entries.length === 0 ? '' : `${plural(entries.length, 'entry', 'entries')} shown, newest first${more ? '' : ' \u2014 that is all'}.`}
        </p>
        {more && (
          <button type="button" onClick={() => { setRequest({ range: request.range, shown: entries }); }}>
            Show older
          </button>
        )}
      </div>
    </section>
  );
}

function AuditRow({ entry }: { readonly entry: AuditEntryView }) {
  const marker = actorMarker(entry);
  return (
    <tr className={entry.action === 'audit-break-found' ? 'audit-break-row' : undefined}>
      <td>{entry.sequence}</td>
      <td>{formatPcSecond(entry.at)}</td>
      <td>
        {entry.actorName}
        {marker !== null && <> <Badge tone="neutral">{marker}</Badge></>}
      </td>
      <td>{AUDIT_ACTION_WORDS[entry.action]}</td>
      <td>{entry.target ?? ''}</td>
      <td>{entry.detail ?? ''}</td>
    </tr>
  );
}
