/** A patient's appointments, each day a link to that day's schedule. */
import type { AppointmentSummary } from '../../../shared/domain/schedule';
import { Badge } from '../../components/Notices';
import { routeHash } from '../../routing';
import { appointmentTone } from '../../view/appointmentStatus';
import { formatMinutes, formatShortDay, formatWallTime } from '../../view/format';

export function AppointmentTable({ appointments, caption }: { readonly appointments: readonly AppointmentSummary[]; readonly caption: string }) {
  return (
    <table className="appointments">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Time</th>
          <th scope="col">Length</th>
          <th scope="col">Provider</th>
          <th scope="col">Operatory</th>
          <th scope="col">Reason</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {appointments.map((appointment) => (
          <tr key={appointment.appointmentId}>
            <td>
              {appointment.date === null ? (
                'Unknown'
              ) : (
                <a href={routeHash({ screen: 'schedule', officeId: appointment.officeId, date: appointment.date, groupBy: 'provider' })}>{formatShortDay(appointment.date)}</a>
              )}
            </td>
            <td>{formatWallTime(appointment.time)}</td>
            <td>{formatMinutes(appointment.lengthMinutes)}</td>
            <td>{appointment.providerName ?? appointment.providerId ?? ''}</td>
            <td>{appointment.operatory ?? ''}</td>
            <td>{[appointment.description, appointment.type].filter((part) => part !== null && part !== '').join(' \u00b7 ')}</td>
            <td>{appointment.status !== null && appointment.status !== '' && <Badge tone={appointmentTone(appointment.status)}>{appointment.status}</Badge>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
