/**
 * Search results as a listbox the search box drives (arrows move the highlight, Enter opens).
 * Only the rows in view are in the page, so a long list scrolls as smoothly as a short one; the
 * highlighted row is always scrolled into view, so the box's aria-activedescendant points at a
 * row that exists.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { PatientSearchResult } from '../../../shared/domain/patients';
import type { PracticeDomain } from '../../../shared/domain/records';
import { formatDate, formatPhone } from '../../view/format';
import { wordsFor } from '../../view/labels';

export const RESULT_ROW_HEIGHT = 60;
export const RESULTS_ID = 'patient-results';
export const resultOptionId = (index: number): string => `patient-result-${index}`;

export interface OfficeLabel {
  readonly name: string;
  readonly domain: PracticeDomain | null;
}

interface Props {
  readonly results: readonly PatientSearchResult[];
  readonly activeIndex: number;
  readonly offices: ReadonlyMap<string, OfficeLabel>;
  /** Several offices are searched together, so each row says which one. */
  readonly showOffice: boolean;
  readonly label: string;
  readonly onOpen: (result: PatientSearchResult) => void;
  readonly onHighlight: (index: number) => void;
}

export function ResultList({ results, activeIndex, offices, showOffice, label, onOpen, onHighlight }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer returns functions React Compiler must not memoize; it is used as documented.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => RESULT_ROW_HEIGHT,
    overscan: 6,
  });

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < results.length) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, results, virtualizer]);

  return (
    <div ref={scrollRef} className="result-scroller">
      <div id={RESULTS_ID} role="listbox" aria-label={label} className="result-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const result = results[item.index];
          if (result === undefined) return null;
          const office = offices.get(result.officeId);
          const words = wordsFor(result.kind, office?.domain ?? null);
          const selected = item.index === activeIndex;
          const details = [
            result.kind === 'pet' ? [words.patient, result.species].filter(Boolean).join(' \u00b7 ') : null,
            result.birthdate === null ? null : `Born ${formatDate(result.birthdate)}`,
            result.phone === null ? null : formatPhone(result.phone),
            result.guarantorName === null ? null : `${words.guarantor}: ${result.guarantorName}`,
            showOffice && office !== undefined ? office.name : null,
            `#${result.patientId}`,
          ].filter((part): part is string => part !== null && part !== '');
          return (
            <div
              key={`${result.officeId}/${result.patientId}`}
              id={resultOptionId(item.index)}
              role="option"
              aria-selected={selected}
              aria-setsize={results.length}
              aria-posinset={item.index + 1}
              className={selected ? 'result result-active' : 'result'}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              onClick={() => { onOpen(result); }}
              onMouseMove={() => { if (!selected) onHighlight(item.index); }}
            >
              <span className="result-name">
                {result.displayName}
                {result.preferredName !== null && result.preferredName !== '' && <span className="result-preferred"> “{result.preferredName}”</span>}
                {result.status !== null && result.status !== '' && !/^active$/i.test(result.status) && <span className="result-status"> ({result.status})</span>}
              </span>
              <span className="result-details">{details.join(' \u00b7 ')}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
