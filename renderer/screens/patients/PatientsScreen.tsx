/** Search on the left, the open patient on the right: both stay in view at 1024 pixels wide. */
import { useState } from 'react';
import type { PatientSearchResult } from '../../../shared/domain/patients';
import { FirstCopyNotice, useFirstCopyText } from '../../components/Freshness';
import { EmptyState } from '../../components/Notices';
import { navigate, patientRoute } from '../../routing';
import { useAppState } from '../../store/context';
import { searchNoun } from '../../view/labels';
import { PatientDetailView } from './PatientDetailView';
import { PatientSearch } from './PatientSearch';

export function PatientsScreen({ officeId, patientId }: { readonly officeId: string | null; readonly patientId: string | null }) {
  const [focusToken, setFocusToken] = useState(0);
  const offices = useAppState((state) => state.offices);
  const noun = searchNoun(offices.map((office) => office.domain));
  const copying = useFirstCopyText() !== null;
  const open = (result: PatientSearchResult): void => {
    setFocusToken((token) => token + 1);
    navigate(patientRoute(result.officeId, result.patientId));
  };
  return (
    <div className="patients-layout">
      <section className="search-pane" aria-label={`Find ${noun.many}`}>
        <PatientSearch onOpen={open} autoFocus={patientId === null} />
      </section>
      <section className="detail-pane" aria-label="Record">
        {officeId !== null && patientId !== null ? (
          <PatientDetailView officeId={officeId} patientId={patientId} focusToken={focusToken} />
        ) : offices.length === 0 && copying ? (
          <FirstCopyNotice />
        ) : offices.length === 0 ? (
          <EmptyState title="Nothing has been copied to this PC yet.">
            <p>
              The first sync brings the practice&rsquo;s {noun.many} here. Its progress is on the <a href="#/status">Status</a> screen.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title={`Search for a ${noun.one} to see their details and next appointment.`}>
            <p>
              Press <kbd>Ctrl</kbd>+<kbd>K</kbd> from any screen to come back to the search box.
            </p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
