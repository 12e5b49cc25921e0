/**
 * Screens live in the URL fragment (`#/patients/D16001/123`, `#/schedule?office=…`): the harness
 * serves files only at `/`, and the app's own protocol serves one page. Patient names, phone
 * numbers and search text never go into the address, only office and record ids: the caller card
 * (`#/caller`) shows the caller the store holds.
 */
import { useSyncExternalStore } from 'react';
import type { ScheduleGrouping } from '../shared/domain/schedule';

export type Route =
  | { readonly screen: 'connect' }
  | { readonly screen: 'patients'; readonly officeId: string | null; readonly patientId: string | null }
  | { readonly screen: 'schedule'; readonly officeId: string | null; readonly date: string | null; readonly groupBy: ScheduleGrouping }
  | { readonly screen: 'caller' }
  | { readonly screen: 'household'; readonly officeId: string; readonly guarantorId: string }
  | { readonly screen: 'status' }
  | { readonly screen: 'settings' }
  | { readonly screen: 'staff' }
  | { readonly screen: 'audit' };

export type Screen = Route['screen'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function decodePart(part: string | undefined): string | null {
  if (part === undefined || part === '') return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Any fragment gives a route: unknown ones open patient search, the screen staff use most. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter((part) => part !== '');
  switch (parts[0]) {
    case 'connect':
      return { screen: 'connect' };
    case 'status':
      return { screen: 'status' };
    case 'settings':
      return { screen: 'settings' };
    case 'staff':
      return { screen: 'staff' };
    case 'audit':
      return { screen: 'audit' };
    case 'caller':
      return { screen: 'caller' };
    case 'household': {
      const officeId = decodePart(parts[1]);
      const guarantorId = decodePart(parts[2]);
      return officeId !== null && guarantorId !== null ? { screen: 'household', officeId, guarantorId } : { screen: 'patients', officeId: null, patientId: null };
    }
    case 'schedule': {
      const params = new URLSearchParams(query);
      const date = params.get('date');
      return {
        screen: 'schedule',
        officeId: params.get('office') || null,
        date: date !== null && ISO_DATE.test(date) ? date : null,
        groupBy: params.get('by') === 'operatory' ? 'operatory' : 'provider',
      };
    }
    default: {
      const officeId = parts[0] === 'patients' ? decodePart(parts[1]) : null;
      const patientId = parts[0] === 'patients' ? decodePart(parts[2]) : null;
      return officeId !== null && patientId !== null ? { screen: 'patients', officeId, patientId } : { screen: 'patients', officeId: null, patientId: null };
    }
  }
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'patients':
      return route.officeId !== null && route.patientId !== null
        ? `#/patients/${encodeURIComponent(route.officeId)}/${encodeURIComponent(route.patientId)}`
        : '#/patients';
    case 'schedule': {
      const params = new URLSearchParams();
      if (route.officeId !== null) params.set('office', route.officeId);
      if (route.date !== null) params.set('date', route.date);
      if (route.groupBy === 'operatory') params.set('by', 'operatory');
      const query = params.toString();
      return query === '' ? '#/schedule' : `#/schedule?${query}`;
    }
    case 'household':
      return `#/household/${encodeURIComponent(route.officeId)}/${encodeURIComponent(route.guarantorId)}`;
    default:
      return `#/${route.screen}`;
  }
}

export const patientRoute = (officeId: string, patientId: string): Route => ({ screen: 'patients', officeId, patientId });
export const householdRoute = (officeId: string, guarantorId: string): Route => ({ screen: 'household', officeId, guarantorId });

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => { window.removeEventListener('hashchange', onChange); };
}

const currentHash = (): string => window.location.hash;

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, currentHash));
}
