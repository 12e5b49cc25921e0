/** The store and the API, handed to every screen through React context (tests give fakes). */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CompanionApi } from '../../shared/ipc/contract';
import type { AppActions, AppState, AppStore } from './appStore';

interface Companion {
  readonly api: CompanionApi;
  readonly store: AppStore;
  readonly actions: AppActions;
}

const CompanionContext = createContext<Companion | null>(null);

export function CompanionProvider({ api, store, children }: { readonly api: CompanionApi; readonly store: AppStore; readonly children: ReactNode }) {
  // The actions never change, so effects that depend on them run once.
  const value = useMemo(() => ({ api, store, actions: store.getState() }), [api, store]);
  return <CompanionContext value={value}>{children}</CompanionContext>;
}

function useCompanion(): Companion {
  const companion = useContext(CompanionContext);
  if (companion === null) throw new Error('CompanionProvider is missing');
  return companion;
}

export function useApi(): CompanionApi {
  return useCompanion().api;
}

/** Select one value from the store; select primitives or stored objects, never build new ones here. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useCompanion().store, selector);
}

/** The store's actions, the same functions on every render. */
export function useActions(): AppActions {
  return useCompanion().actions;
}
