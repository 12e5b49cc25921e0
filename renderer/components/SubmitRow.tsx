/** A form's main button, on its own row, that says what it is doing and cannot be pressed twice meanwhile. */
import type { ReactNode } from 'react';

export function SubmitRow({ busy, busyLabel, children }: { readonly busy: boolean; readonly busyLabel: string; readonly children: ReactNode }) {
  return (
    <div className="button-row">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? busyLabel : children}
      </button>
    </div>
  );
}
