/**
 * A household: the guarantor (a pet's owner in a veterinary office), how to reach them, and
 * everyone they are responsible for with each one's next appointment. Reached from a patient's
 * record, a search by the guarantor's or owner's name, and the caller card.
 */
import { useEffect, useRef } from 'react';
import type { Household } from '../../../shared/domain/households';
import { Badge, EmptyState, ErrorNotice, Loading } from '../../components/Notices';
import { patientRoute, routeHash } from '../../routing';
import { useActions, useAppState } from '../../store/context';
import { formatPhone } from '../../view/format';
import { householdName, householdWords } from '../../view/household';
import { wordsFor } from '../../view/labels';
import { HouseholdMembers } from './HouseholdMembers';

export function HouseholdScreen({ officeId, guarantorId }: { readonly officeId: string; readonly guarantorId: string }) {
  const household = useAppState((state) => state.household);
  const offices = useAppState((state) => state.offices);
  const actions = useActions();
  const office = offices.find((each) => each.officeId === officeId);

  useEffect(() => {
    void actions.loadHousehold(officeId, guarantorId);
  }, [actions, officeId, guarantorId]);

  const key = `${officeId}\u0000${guarantorId}`;
  if (household.state === 'idle' || household.state === 'loading' || household.key !== key) return <Loading label="Opening the household\u2026" />;
  if (household.state === 'error') return <ErrorNotice error={household.error} onRetry={() => { void actions.loadHousehold(officeId, guarantorId); }} />;
  if (household.value === null) {
    const words = wordsFor(null, office?.domain ?? null);
    return (
      <EmptyState title={`This ${words.guarantor.toLowerCase()} is not in the copy on this PC.`}>
        <p>The record may have been removed in the practice. Search again, or check Status for the last sync.</p>
      </EmptyState>
    );
  }
  return <HouseholdRecord household={household.value} officeName={office?.practiceName ?? null} />;
}

function HouseholdRecord({ household, officeName }: { readonly household: Household; readonly officeName: string | null }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const words = householdWords(household.role);
  const { guarantor } = household;
  const name = householdName(household);

  useEffect(() => {
    headingRef.current?.focus();
  }, [household.officeId, household.guarantorId]);

  return (
    <article className="patient-record household" aria-labelledby="household-title">
      <header className="record-header">
        <h2 id="household-title" ref={headingRef} tabIndex={-1}>
          {name}
        </h2>
        <p className="record-subtitle">
          <Badge tone="neutral">{words.guarantor}</Badge> <span className="muted">#{household.guarantorId}</span>
          {officeName !== null && <span className="muted"> · {officeName}</span>}
          {guarantor?.status != null && guarantor.status !== '' && <> <Badge tone={/^active$/i.test(guarantor.status) ? 'good' : 'neutral'}>{guarantor.status}</Badge></>}
        </p>
      </header>
      {guarantor !== null && (
        <section className="facts" aria-label="Contact">
          <h3>Contact</h3>
          <dl>
            {([['Cell', formatPhone(guarantor.cellPhone)], ['Home', formatPhone(guarantor.homePhone)], ['Work', formatPhone(guarantor.workPhone)], ['Email', guarantor.email ?? '']] as const)
              .filter(([, value]) => value !== '')
              .map(([label, value]) => (
                <div className="fact" key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            {guarantor.patientId !== null && (
              <div className="fact">
                <dt>Own record</dt>
                <dd>
                  <a href={routeHash(patientRoute(household.officeId, guarantor.patientId))}>{words.patient} #{guarantor.patientId}</a>
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}
      <section aria-labelledby="household-members-title">
        <h3 id="household-members-title">
          {household.role === 'owner' ? `${name}\u2019s pets` : `Everyone ${name} is responsible for`} ({household.members.length}
          {household.membersTruncated ? '+' : ''})
        </h3>
        {household.members.length === 0 ? (
          <p className="muted">No {words.patients} in the copy.</p>
        ) : (
          <HouseholdMembers household={household} caption={`${words.patients} of ${name}`} showMatches={false} />
        )}
      </section>
    </article>
  );
}
