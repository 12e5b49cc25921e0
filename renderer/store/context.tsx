/** The store and the API, handed to every screen through React context (tests give fakes). */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CompanionApi } from '../../shared/ipc/contract';
import type { AppState, AppStore } from './appStore';

interface Companion {
  readonly api: CompanionApi;
  readonly store: AppStore;
}

const CompanionContext = createContext<Companion | null>(null);

export function CompanionProvider({ api, store, children }: Companion & { readonly children: ReactNode }) {
  return <CompanionContext value={{ api, store }}>{children}</CompanionContext>;
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

/** The store's actions, stable across renders. */
export function useActions(): AppState {
  return useCompanion().store.getState();
}
