/** The whole app over a fake API, at the fixtures' fixed moment, with search answering at once. */
import { render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { createAppStore, type AppStore } from '../../renderer/store/appStore';
import { CompanionProvider } from '../../renderer/store/context';
import type { FakeApi } from './fakeApi';
import { NOW } from './fixtures';

/** `beforeRender` runs on the new store before the app opens (as renderer/main.tsx hands it a caller from the address). */
export async function renderApp(fake: FakeApi, hash = '', beforeRender?: (store: AppStore) => void) {
  window.location.hash = hash;
  const store: AppStore = createAppStore(fake.api, { clock: { now: () => NOW }, searchDebounceMs: 0 });
  beforeRender?.(store);
  const user = userEvent.setup();
  const view = render(
    <CompanionProvider api={fake.api} store={store}>
      <App />
    </CompanionProvider>,
  );
  await waitFor(() => { if (store.getState().boot.state === 'loading') throw new Error('still opening'); });
  return { store, user, ...view };
}

export function go(hash: string): void {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
