/** The few ways a screen says it is waiting, has nothing, or could not do something. */
import type { ReactNode } from 'react';
import type { AppError } from '../../shared/result';

export function Loading({ label }: { readonly label: string }) {
  return (
    <p className="notice notice-loading" role="status">
      {label}
    </p>
  );
}

/** An error in the plain words the main process already chose, and a way on. */
export function ErrorNotice({ error, onRetry, children }: { readonly error: AppError; readonly onRetry?: () => void; readonly children?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{error.message}</p>
      {children}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** What stops a form: a problem the screen found before asking (in words), or the main process's error. */
export function FormProblems({ problem, error, onRetry }: { readonly problem: string | null; readonly error: AppError | null; readonly onRetry?: () => void }) {
  return (
    <>
      {problem !== null && (
        <p role="alert" className="notice notice-error">
          {problem}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} {...(onRetry === undefined ? {} : { onRetry })} />}
    </>
  );
}

export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="notice notice-empty">
      <p className="notice-title">{title}</p>
      {children}
    </div>
  );
}

export function Badge({ tone, children }: { readonly tone: 'good' | 'info' | 'warning' | 'danger' | 'neutral'; readonly children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
