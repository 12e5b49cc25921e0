/**
 * Errors cross every boundary (client → sync → IPC → renderer) as values with a code the UI can
 * explain, never as bare strings.
 */
export interface AppError {
  readonly code: string;
  readonly message: string;
}

export type Result<T, E extends AppError = AppError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E extends AppError>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
