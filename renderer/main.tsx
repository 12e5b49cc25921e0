/** The renderer's entry: reach the main process through `window.companion` (or the harness bridge) and show the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectCompanion, takeCallerFromAddress } from './ipc/companion';
import { App } from './App';
import { createAppStore } from './store/appStore';
import { CompanionProvider } from './store/context';
import './styles.css';

const container = document.getElementById('root');
if (container !== null) {
  const root = createRoot(container);
  // Before connecting, which clears the address: a phone client may have opened the harness for a caller.
  const caller = takeCallerFromAddress();
  const api = connectCompanion();
  if (api === undefined) {
    root.render(
      <main className="screen">
        <div className="notice notice-error" role="alert">
          <p className="notice-title">Practice Companion could not reach its data.</p>
          <p>Open this page from the link Practice Companion printed when it started (it ends in #token=…), or start the desktop app.</p>
        </div>
      </main>,
    );
  } else {
    const store = createAppStore(api);
    if (caller !== undefined) void store.getState().lookupCaller(caller);
    root.render(
      <StrictMode>
        <CompanionProvider api={api} store={store}>
          <App />
        </CompanionProvider>
      </StrictMode>,
    );
  }
}
