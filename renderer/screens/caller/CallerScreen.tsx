/**
 * The caller card: who the ringing number belongs to, household by household, with each
 * person's next appointment, last visit and status. Each call brings it forward with its heading
 * focused (the shell announces the summary). The number shown is the one the main process read,
 * never the text a phone client sent.
 */
import { useEffect, useRef } from 'react';
import type { CallerCard, Household } from '../../../shared/domain/households';
import { FreshnessNote } from '../../components/Freshness';
import { Badge, EmptyState, ErrorNotice, Loading } from '../../components/Notices';
import { householdRoute, routeHash } from '../../routing';
import { useAppState } from '../../store/context';
import { callerSummary, householdName, householdWords, matchedPhonesText } from '../../view/household';
import { HouseholdMembers } from '../household/HouseholdMembers';

export function CallerScreen() {
  const caller = useAppState((state) => state.caller);
  const arrivals = useAppState((state) => state.callerArrivals);
  const offices = useAppState((state) => state.offices);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (arrivals > 0) headingRef.current?.focus();
  }, [arrivals]);

  const card = caller.state === 'ready' ? caller.value : null;
  const title = card?.number == null ? 'Incoming call' : `Incoming call: ${card.number.display}`;
  const officeName = (officeId: string): string | null => (offices.length > 1 ? (offices.find((office) => office.officeId === officeId)?.practiceName ?? null) : null);

  return (
    <section className="caller-card" aria-labelledby="caller-title" data-testid="caller-card">
      <h2 id="caller-title" ref={headingRef} tabIndex={-1}>
        {caller.state === 'idle' ? 'Caller' : title}
      </h2>
      {caller.state === 'idle' ? (
        <EmptyState title="No call yet.">
          <p>When the phone rings, the phone system opens this card with everyone who has the caller&rsquo;s number.</p>
        </EmptyState>
      ) : caller.state === 'loading' ? (
        <Loading label="Looking up the caller\u2026" />
      ) : caller.state === 'error' ? (
        <ErrorNotice error={caller.error} />
      ) : (
        <CallerHouseholds card={caller.value} officeName={officeName} />
      )}
    </section>
  );
}

function CallerHouseholds({ card, officeName }: { readonly card: CallerCard; readonly officeName: (officeId: string) => string | null }) {
  if (card.households.length === 0) {
    return (
      <EmptyState title={callerSummary(card)}>
        <p>
          A new caller, or a number the practice has not recorded. <a href="#/patients">Search by name</a> instead.
        </p>
        <FreshnessNote />
      </EmptyState>
    );
  }
  return (
    <>
      <p className="caller-summary" data-testid="caller-summary">{callerSummary(card)}</p>
      <FreshnessNote officeIds={[...new Set(card.households.map((household) => household.officeId))]} />
      {card.households.map((household, index) => (
        <CallerHousehold key={`${household.officeId}/${household.guarantorId ?? household.members[0]?.patientId ?? index}`} household={household} index={index} officeName={officeName(household.officeId)} />
      ))}
    </>
  );
}

function CallerHousehold({ household, index, officeName }: { readonly household: Household; readonly index: number; readonly officeName: string | null }) {
  const words = householdWords(household.role);
  const { guarantor } = household;
  const name = householdName(household);
  const titleId = `caller-household-${index}`;
  return (
    <section className="caller-household" aria-labelledby={titleId} data-testid="caller-household">
      <h3 id={titleId}>
        {name} {household.guarantorId !== null && <Badge tone="neutral">{words.guarantor}</Badge>}
        {officeName !== null && <span className="muted"> · {officeName}</span>}
      </h3>
      {guarantor !== null && guarantor.matchedPhones.length > 0 && (
        <p className="caller-match">This number is {name}&rsquo;s {matchedPhonesText(guarantor.matchedPhones)}.</p>
      )}
      <HouseholdMembers household={household} caption={`${words.patients} of ${name}`} showMatches />
      {household.membersTruncated && <p className="muted">Only the first members are listed.</p>}
      {household.guarantorId !== null && (
        <p className="caller-household-link">
          <a href={routeHash(householdRoute(household.officeId, household.guarantorId))}>Open {name}&rsquo;s household</a>
        </p>
      )}
    </section>
  );
}
