/**
 * The search box staff type into all day: results as they type, arrows and Enter to open,
 * Escape to start over. It is a combobox over the result list, so screen readers hear the
 * highlighted patient and the number found.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { PatientSearchResult } from '../../../shared/domain/patients';
import { householdRoute, routeHash } from '../../routing';
import { searchKey } from '../../store/appStore';
import { useActions, useAppState } from '../../store/context';
import { householdMatchText } from '../../view/household';
import { resultCountText, searchableGuarantor, searchNoun } from '../../view/labels';
import { useFirstCopyText } from '../../components/Freshness';
import { ErrorNotice } from '../../components/Notices';
import { ResultList, RESULTS_ID, resultOptionId, type OfficeLabel } from './ResultList';

const PAGE = 8;

export function PatientSearch({ onOpen, autoFocus }: { readonly onOpen: (result: PatientSearchResult) => void; readonly autoFocus: boolean }) {
  const search = useAppState((state) => state.search);
  const offices = useAppState((state) => state.offices);
  const focusRequest = useAppState((state) => state.searchFocusRequest);
  // Not announced: it changes with every page copied (the count above says it once).
  const copying = useFirstCopyText();
  const actions = useActions();
  const inputRef = useRef<HTMLInputElement>(null);

  const officeLabels = useMemo(
    () => new Map<string, OfficeLabel>(offices.map((office) => [office.officeId, { name: office.practiceName ?? `Office ${office.officeId}`, domain: office.domain }])),
    [offices],
  );
  const searched = search.officeId === null ? offices : offices.filter((office) => office.officeId === search.officeId);
  const domains = searched.map((office) => office.domain);
  const noun = searchNoun(domains);

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (focusRequest === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  const current = search.resultsFor !== null && search.resultsFor === searchKey(search.text, search.officeId);
  const hasText = search.text.trim() !== '';
  const expanded = hasText && search.results.length > 0;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        actions.moveActive(1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        actions.moveActive(-1);
        return;
      case 'PageDown':
        event.preventDefault();
        actions.moveActive(PAGE);
        return;
      case 'PageUp':
        event.preventDefault();
        actions.moveActive(-PAGE);
        return;
      case 'Enter':
        event.preventDefault();
        void actions.submitSearch().then((result) => { if (result !== null) onOpen(result); });
        return;
      case 'Escape':
        if (search.text !== '') {
          event.preventDefault();
          actions.setSearchText('');
        }
        return;
    }
  };

  return (
    <div className="patient-search">
      <div className="search-fields">
        <label htmlFor="patient-search" className="search-label">
          Find {noun.many}
        </label>
        <input
          ref={inputRef}
          id="patient-search"
          type="search"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={RESULTS_ID}
          aria-autocomplete="list"
          aria-activedescendant={expanded && search.activeIndex >= 0 ? resultOptionId(search.activeIndex) : undefined}
          aria-describedby="patient-search-help"
          autoComplete="off"
          spellCheck={false}
          value={search.text}
          placeholder="Name, phone, birth date or id"
          onChange={(event) => { actions.setSearchText(event.target.value); }}
          onKeyDown={onKeyDown}
        />
        <p id="patient-search-help" className="help">
          Type a name, phone number, date of birth, id or {searchableGuarantor(domains)} name. Arrow keys choose, Enter opens, Esc clears.
        </p>
        {offices.length > 1 && (
          <label className="office-filter">
            Office
            <select value={search.officeId ?? ''} onChange={(event) => { actions.setSearchOffice(event.target.value === '' ? null : event.target.value); }}>
              <option value="">All offices</option>
              {offices.map((office) => (
                <option key={office.officeId} value={office.officeId}>
                  {office.practiceName ?? `Office ${office.officeId}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="result-count" role="status" aria-live="polite" data-testid="result-count">
        {!hasText || search.error !== null ? '' : !current ? 'Searching\u2026' : resultCountText(search.results.length, search.truncated, noun, search.text)}
        {hasText && current && copying !== null && ' The first copy is still running, so more may appear.'}
      </p>
      {hasText && copying !== null && <p className="help first-copy-progress">{copying}</p>}
      {search.error !== null && <ErrorNotice error={search.error} />}
      {hasText && current && search.households.length > 0 && (
        <nav className="household-matches" aria-label="Matching households" data-testid="household-matches">
          <ul>
            {search.households.map((household) => (
              <li key={`${household.officeId}/${household.guarantorId}`}>
                <a href={routeHash(householdRoute(household.officeId, household.guarantorId))}>{household.displayName}</a>{' '}
                <span className="muted">{householdMatchText(household)}</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div aria-busy={search.pending}>
        {hasText && (
          <ResultList
            results={search.results}
            activeIndex={search.activeIndex}
            offices={officeLabels}
            showOffice={offices.length > 1 && search.officeId === null}
            label={`Matching ${noun.many}`}
            onOpen={onOpen}
            onHighlight={(index) => { actions.setActiveIndex(index); }}
          />
        )}
      </div>
    </div>
  );
}
