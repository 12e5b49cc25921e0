/**
 * One office's day, by provider or by operatory. The day and grouping live in the address, so
 * Back returns to the previous day; "today" is the office's today, in the office's time zone.
 */
import { useEffect } from 'react';
import type { DaySchedule, ScheduleColumn, ScheduleGrouping } from '../../../shared/domain/schedule';
import { FirstCopyNotice, useFirstCopyText } from '../../components/Freshness';
import { Badge, EmptyState, ErrorNotice, Loading } from '../../components/Notices';
import { navigate, patientRoute, routeHash, type Route } from '../../routing';
import { useActions, useAppState } from '../../store/context';
import { appointmentTone } from '../../view/appointmentStatus';
import { addDays, formatLongDate, formatMinutes, officeToday } from '../../view/format';
import { wordsFor } from '../../view/labels';

interface Props {
  readonly officeId: string | null;
  readonly date: string | null;
  readonly groupBy: ScheduleGrouping;
}

export function ScheduleScreen({ officeId: wantedOffice, date: wantedDate, groupBy }: Props) {
  const offices = useAppState((state) => state.offices);
  const schedule = useAppState((state) => state.schedule);
  const now = useAppState((state) => state.now);
  const officeId = wantedOffice ?? offices[0]?.officeId ?? null;
  const zone = useAppState((state) => state.sync?.offices.find((office) => office.officeId === officeId)?.spc.ianaTimeZone ?? null);
  const actions = useActions();
  const copying = useFirstCopyText() !== null;
  const today = officeToday(now, zone);
  const date = wantedDate ?? today;

  useEffect(() => {
    if (officeId !== null) void actions.loadSchedule(officeId, date, groupBy);
  }, [actions, officeId, date, groupBy]);

  if (officeId === null) {
    return copying ? (
      <FirstCopyNotice />
    ) : (
      <EmptyState title="No office has been copied to this PC yet.">
        <p>
          Schedules appear after the first sync; see <a href="#/status">Status</a>.
        </p>
      </EmptyState>
    );
  }

  const go = (patch: Partial<{ officeId: string; date: string; groupBy: ScheduleGrouping }>): void => {
    const route: Route = { screen: 'schedule', officeId: patch.officeId ?? officeId, date: patch.date ?? date, groupBy: patch.groupBy ?? groupBy };
    navigate(route);
  };
  const office = offices.find((each) => each.officeId === officeId);
  const words = wordsFor(null, office?.domain ?? null);
  const key = `${officeId}\u0000${date}\u0000${groupBy}`;

  return (
    <div className="schedule">
      <div className="schedule-toolbar" role="group" aria-label="Choose the day">
        {offices.length > 1 && (
          <label className="inline-field">
            Office
            <select value={officeId} onChange={(event) => { go({ officeId: event.target.value }); }}>
              {offices.map((each) => (
                <option key={each.officeId} value={each.officeId}>
                  {each.practiceName ?? `Office ${each.officeId}`}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="button-row">
          <button type="button" onClick={() => { go({ date: addDays(date, -1) }); }}>
            <span aria-hidden="true">{'\u2190'} </span>Previous day
          </button>
          <button type="button" onClick={() => { go({ date: today }); }} disabled={date === today}>
            Today
          </button>
          <button type="button" onClick={() => { go({ date: addDays(date, 1) }); }}>
            Next day<span aria-hidden="true"> {'\u2192'}</span>
          </button>
        </div>
        <label className="inline-field">
          Date
          <input type="date" value={date} required onChange={(event) => { if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) go({ date: event.target.value }); }} />
        </label>
        <fieldset className="segmented">
          <legend className="visually-hidden">Group by</legend>
          {(['provider', 'operatory'] as const).map((choice) => (
            <label key={choice} className={groupBy === choice ? 'segment segment-on' : 'segment'}>
              <input type="radio" name="group-by" value={choice} checked={groupBy === choice} onChange={() => { go({ groupBy: choice }); }} />
              By {choice}
            </label>
          ))}
        </fieldset>
      </div>

      <h2 className="schedule-title" data-testid="schedule-title">
        {formatLongDate(date)}
        {date === today && <span className="muted"> (today)</span>}
        {office?.practiceName != null && <span className="muted"> · {office.practiceName}</span>}
      </h2>

      <p className="result-count" role="status" data-testid="schedule-count">
        {schedule.state === 'ready' && schedule.key === key ? daySummary(schedule.value) : ''}
      </p>
      {schedule.state === 'error' && schedule.key === key ? (
        <ErrorNotice error={schedule.error} onRetry={() => { void actions.loadSchedule(officeId, date, groupBy); }} />
      ) : schedule.state === 'ready' && schedule.key === key ? (
        <Day schedule={schedule.value} patientWord={words.patient.toLowerCase()} />
      ) : (
        <Loading label="Loading the day\u2026" />
      )}
    </div>
  );
}

/** "23 appointments in 4 provider columns." — said once the day is shown. */
export function daySummary(schedule: DaySchedule): string {
  if (schedule.appointmentCount === 0) return 'No appointments.';
  const count = `${schedule.appointmentCount.toLocaleString('en-US')} ${schedule.appointmentCount === 1 ? 'appointment' : 'appointments'}`;
  const columns = schedule.columns.length;
  const grouping = schedule.groupBy === 'provider' ? (columns === 1 ? 'provider' : 'providers') : columns === 1 ? 'operatory' : 'operatories';
  return `${count}, ${columns} ${grouping}.`;
}

function Day({ schedule, patientWord }: { readonly schedule: DaySchedule; readonly patientWord: string }) {
  if (schedule.appointmentCount === 0) return <EmptyState title="No appointments on this day." />;
  return (
    <div className="schedule-columns">
      {schedule.columns.map((column) => (
        <Column key={column.key} column={column} groupBy={schedule.groupBy} patientWord={patientWord} />
      ))}
    </div>
  );
}

function Column({ column, groupBy, patientWord }: { readonly column: ScheduleColumn; readonly groupBy: ScheduleGrouping; readonly patientWord: string }) {
  const title = column.label ?? (column.key === '' ? (groupBy === 'provider' ? 'No provider' : 'No operatory') : column.key);
  const id = `column-${groupBy}-${column.key === '' ? 'none' : column.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <section className="schedule-column" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="muted">({column.appointments.length})</span>
      </h3>
      <ol className="day-list">
        {column.appointments.map((appointment) => {
          const other = groupBy === 'provider' ? appointment.operatory : (appointment.providerName ?? appointment.providerId);
          const body = (
            <>
              <span className="slot-time">
                {appointment.time ?? '—'}
                {appointment.lengthMinutes !== null && <span className="muted"> {formatMinutes(appointment.lengthMinutes)}</span>}
              </span>
              <span className="slot-name">{appointment.patientName ?? `Unknown ${patientWord}`}</span>
              <span className="slot-details">{[appointment.description ?? appointment.type, other].filter((part) => part !== null && part !== '').join(' · ')}</span>
              {appointment.status !== null && appointment.status !== '' && <Badge tone={appointmentTone(appointment.status)}>{appointment.status}</Badge>}
            </>
          );
          return (
            <li key={appointment.appointmentId} className="slot">
              {appointment.patientId === null ? (
                <div className="slot-body">{body}</div>
              ) : (
                <a className="slot-body" href={routeHash(patientRoute(appointment.officeId, appointment.patientId))}>
                  {body}
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
