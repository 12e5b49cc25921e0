/**
 * Everyone a guarantor (or owner) is responsible for, one row each: who, which of their phones
 * is the caller's number (on the caller card), the next appointment, the last visit and status.
 */
import type { Household } from '../../../shared/domain/households';
import { Badge } from '../../components/Notices';
import { patientRoute, routeHash } from '../../routing';
import { formatDate, formatShortDay, formatWallTime } from '../../view/format';
import { householdWords, matchedPhonesText } from '../../view/household';

export function HouseholdMembers({ household, caption, showMatches }: { readonly household: Household; readonly caption: string; readonly showMatches: boolean }) {
  const words = householdWords(household.role);
  return (
    <table className="appointments household-members">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{words.patient}</th>
          {showMatches && <th scope="col">This number</th>}
          <th scope="col">Next appointment</th>
          <th scope="col">Last visit</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {household.members.map((member) => {
          const next = member.nextAppointment;
          return (
            <tr key={member.patientId} className={member.matchedPhones.length > 0 ? 'matched' : undefined}>
              <th scope="row">
                <a href={routeHash(patientRoute(household.officeId, member.patientId))}>{member.displayName}</a>
                {member.species !== null && <span className="muted"> {member.species}</span>}
                {member.isGuarantor && <> <Badge tone="neutral">{words.guarantor}</Badge></>}
              </th>
              {showMatches && <td>{matchedPhonesText(member.matchedPhones)}</td>}
              <td>
                {next === null ? (
                  <span className="muted">None booked</span>
                ) : next.date === null ? (
                  'Date unknown'
                ) : (
                  <a href={routeHash({ screen: 'schedule', officeId: household.officeId, date: next.date, groupBy: 'provider' })}>
                    {formatShortDay(next.date)}
                    {next.time === null ? '' : ` at ${formatWallTime(next.time)}`}
                  </a>
                )}
              </td>
              <td>{member.lastVisit === null ? <span className="muted">None</span> : formatDate(member.lastVisit)}</td>
              <td>{member.status !== null && member.status !== '' && <Badge tone={/^active$/i.test(member.status) ? 'good' : 'neutral'}>{member.status}</Badge>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
