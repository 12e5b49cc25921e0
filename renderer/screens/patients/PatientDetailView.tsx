/**
 * One patient (or pet) from the copy: the next appointment first — what a caller usually asks —
 * then who they are, how to reach them, who pays (guarantor, or the pet's owner), and their visits.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PatientDetail } from '../../../shared/domain/patients';
import type { AppointmentSummary } from '../../../shared/domain/schedule';
import { Badge, EmptyState, ErrorNotice, Loading } from '../../components/Notices';
import { householdRoute, routeHash } from '../../routing';
import { useActions, useAppState } from '../../store/context';
import { appointmentTone } from '../../view/appointmentStatus';
import { ageOn, formatDate, formatMinutes, formatPhone, formatShortDay, formatWallTime, officeToday } from '../../view/format';
import { wordsFor, type PatientWords } from '../../view/labels';
import { AppointmentTable } from './AppointmentTable';

const PAST_SHOWN = 10;

interface Props {
  readonly officeId: string;
  readonly patientId: string;
  /** Changes when staff opened this patient themselves: the heading then takes focus. */
  readonly focusToken: number;
}

export function PatientDetailView({ officeId, patientId, focusToken }: Props) {
  const detail = useAppState((state) => state.detail);
  const offices = useAppState((state) => state.offices);
  const actions = useActions();
  const office = offices.find((each) => each.officeId === officeId);

  useEffect(() => {
    void actions.loadDetail(officeId, patientId);
  }, [actions, officeId, patientId]);

  const key = `${officeId}\u0000${patientId}`;
  if (detail.state === 'idle' || (detail.state !== 'error' && detail.key !== key) || detail.state === 'loading') {
    return <Loading label="Opening the record\u2026" />;
  }
  if (detail.state === 'error') {
    return <ErrorNotice error={detail.error} onRetry={() => { void actions.loadDetail(officeId, patientId); }} />;
  }
  if (detail.value === null) {
    const words = wordsFor(null, office?.domain ?? null);
    return (
      <EmptyState title={`This ${words.patient.toLowerCase()} is not in the copy on this PC.`}>
        <p>The record may have been removed in the practice. Search again, or check Status for the last sync.</p>
      </EmptyState>
    );
  }
  return <PatientRecord patient={detail.value} words={wordsFor(detail.value.kind, office?.domain ?? null)} officeName={office?.practiceName ?? null} focusToken={focusToken} />;
}

function PatientRecord({ patient, words, officeName, focusToken }: { readonly patient: PatientDetail; readonly words: PatientWords; readonly officeName: string | null; readonly focusToken: number }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [showAllPast, setShowAllPast] = useState(false);
  const zone = useAppState((state) => state.sync?.offices.find((office) => office.officeId === patient.officeId)?.spc.ianaTimeZone ?? null);
  const now = useAppState((state) => state.now);

  useEffect(() => {
    if (focusToken > 0) headingRef.current?.focus();
  }, [focusToken]);

  const age = ageOn(patient.birthdate, officeToday(now, zone));
  const next = patient.upcomingAppointments[0];
  const past = showAllPast ? patient.pastAppointments : patient.pastAppointments.slice(0, PAST_SHOWN);
  const address = [patient.address.line1, patient.address.line2, [patient.address.city, [patient.address.state, patient.address.zipcode].filter(Boolean).join(' ')].filter(Boolean).join(', ')]
    .filter((line): line is string => line !== null && line !== '');

  return (
    <article className="patient-record" aria-labelledby="patient-name">
      <header className="record-header">
        <h2 id="patient-name" ref={headingRef} tabIndex={-1}>
          {patient.displayName}
          {patient.preferredName !== null && patient.preferredName !== '' && <span className="preferred"> “{patient.preferredName}”</span>}
        </h2>
        <p className="record-subtitle">
          <Badge tone="neutral">{words.patient}</Badge> {patient.pet?.species ?? ''} <span className="muted">#{patient.patientId}</span>
          {officeName !== null && <span className="muted"> · {officeName}</span>}
          {patient.status !== null && patient.status !== '' && (
            <>
              {' '}
              <Badge tone={/^active$/i.test(patient.status) ? 'good' : 'neutral'}>{patient.status}</Badge>
            </>
          )}
        </p>
      </header>

      <section className="next-appointment" aria-labelledby="next-appointment-title">
        <h3 id="next-appointment-title">Next appointment</h3>
        {next === undefined ? <p>No upcoming appointment.</p> : <NextAppointment appointment={next} />}
      </section>

      <div className="record-grid">
        {patient.pet !== null ? (
          <Facts title={words.patient}>
            <Fact label="Species">{patient.pet.species}</Fact>
            <Fact label="Breed">{patient.pet.breed}</Fact>
            <Fact label="Color">{patient.pet.color}</Fact>
            <Fact label="Sex">{patient.pet.gender}</Fact>
            <Fact label="Weight">{patient.pet.weight === null ? null : [patient.pet.weight, patient.pet.weightUnit].filter(Boolean).join(' ')}</Fact>
            <Fact label="Born">{patient.birthdate === null ? null : `${formatDate(patient.birthdate)}${age === null ? '' : ` (${age} y)`}`}</Fact>
            <Fact label="Age">{patient.birthdate === null ? patient.pet.age : null}</Fact>
            <Fact label="Microchip">{patient.pet.microchip}</Fact>
            <Fact label="Deceased">{patient.pet.deceasedDate === null ? null : formatDate(patient.pet.deceasedDate)}</Fact>
          </Facts>
        ) : (
          <Facts title={words.patient}>
            <Fact label="Date of birth">{patient.birthdate === null ? null : `${formatDate(patient.birthdate)}${age === null ? '' : ` (age ${age})`}`}</Fact>
            <Fact label="First name">{patient.firstName}</Fact>
            <Fact label="Middle name">{patient.middleName}</Fact>
            <Fact label="Last name">{patient.lastName}</Fact>
          </Facts>
        )}
        <Facts title="Contact">
          <Fact label="Cell">{formatPhone(patient.cellPhone)}</Fact>
          <Fact label="Home">{formatPhone(patient.homePhone)}</Fact>
          <Fact label="Work">{formatPhone(patient.workPhone)}</Fact>
          <Fact label="Email">{patient.email}</Fact>
          <Fact label="Address">{address.length === 0 ? null : address.map((line) => <span key={line} className="line">{line}</span>)}</Fact>
        </Facts>
        <Facts title={words.guarantor}>
          {patient.guarantor === null ? (
            <Fact label="Name">Not recorded</Fact>
          ) : (
            <>
              <Fact label="Name">{patient.guarantor.displayName ?? `#${patient.guarantor.guarantorId}`}</Fact>
              <Fact label="Phone">{formatPhone(patient.guarantor.phone)}</Fact>
              <Fact label="Email">{patient.guarantor.email}</Fact>
              <Fact label="Household">
                <a href={routeHash(householdRoute(patient.officeId, patient.guarantor.guarantorId))}>
                  {patient.guarantor.role === 'owner' ? 'All their pets' : 'Everyone they are responsible for'}
                </a>
              </Fact>
            </>
          )}
        </Facts>
        <Facts title="Visits">
          <Fact label="Provider">{patient.provider === null ? null : (patient.provider.displayName ?? patient.provider.providerId)}</Fact>
          <Fact label="First visit">{patient.firstVisit === null ? null : formatDate(patient.firstVisit)}</Fact>
          <Fact label="Last visit">{patient.lastVisit === null ? null : formatDate(patient.lastVisit)}</Fact>
        </Facts>
      </div>

      <section aria-labelledby="upcoming-title">
        <h3 id="upcoming-title">Upcoming appointments ({patient.upcomingAppointments.length})</h3>
        {patient.upcomingAppointments.length === 0 ? <p className="muted">None booked.</p> : <AppointmentTable appointments={patient.upcomingAppointments} caption="Upcoming appointments" />}
      </section>
      <section aria-labelledby="past-title">
        <h3 id="past-title">Past appointments ({patient.pastAppointments.length})</h3>
        {patient.pastAppointments.length === 0 ? <p className="muted">None on record.</p> : <AppointmentTable appointments={past} caption="Past appointments, most recent first" />}
        {patient.pastAppointments.length > PAST_SHOWN && (
          <button type="button" className="link-button" onClick={() => { setShowAllPast(!showAllPast); }}>
            {showAllPast ? 'Show the last ten' : `Show all ${patient.pastAppointments.length}`}
          </button>
        )}
      </section>
    </article>
  );
}

function NextAppointment({ appointment }: { readonly appointment: AppointmentSummary }) {
  const parts = [appointment.providerName ?? appointment.providerId, appointment.operatory, appointment.description ?? appointment.type].filter(
    (part): part is string => part !== null && part !== '',
  );
  return (
    <p className="next-line" data-testid="next-appointment">
      {appointment.date === null ? (
        <strong>Date unknown</strong>
      ) : (
        <a href={routeHash({ screen: 'schedule', officeId: appointment.officeId, date: appointment.date, groupBy: 'provider' })}>
          <strong>{formatShortDay(appointment.date)}</strong>
        </a>
      )}
      {appointment.time !== null && <strong> at {formatWallTime(appointment.time)}</strong>}
      {appointment.lengthMinutes !== null && <span> · {formatMinutes(appointment.lengthMinutes)}</span>}
      {parts.length > 0 && <span> · {parts.join(' · ')}</span>}
      {appointment.status !== null && appointment.status !== '' && (
        <>
          {' '}
          <Badge tone={appointmentTone(appointment.status)}>{appointment.status}</Badge>
        </>
      )}
    </p>
  );
}

function Facts({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <section className="facts" aria-label={title}>
      <h3>{title}</h3>
      <dl>{children}</dl>
    </section>
  );
}

/** A labelled value; nothing at all when Sikka had no value, so the lists stay short. */
function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
