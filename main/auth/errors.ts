/**
 * The ways signing in, connecting with an app key and signing out can fail, each with the plain
 * words the app and the CLI show. Messages are fixed text: they never carry what a browser or
 * Sikka sent, so no code, state, token or key can leak through them.
 */
export const AUTH_ERRORS = {
  SIGN_IN_DENIED: 'Access was not allowed on Sikka\u2019s sign-in page, so Practice Companion cannot read this practice\u2019s data. Nothing was saved. Sign in again and choose Allow.',
  SIGN_IN_FAILED: 'Sikka\u2019s sign-in page reported a problem and sent no permission back. Nothing was saved. Try signing in again; if it keeps happening, contact Sikka support.',
  SIGN_IN_TIMED_OUT: 'The sign-in was not finished in the browser in time. Nothing was saved. Start signing in again.',
  SIGN_IN_CANCELLED: 'The sign-in was cancelled. Nothing was saved.',
  SIGN_IN_UNEXPECTED_ANSWER: 'Sikka\u2019s answer to the sign-in did not say which office it allows, or gave no lasting permission. Nothing was saved. Try again; if it keeps happening, contact Sikka support.',
  BROWSER_NOT_OPENED: 'The web browser could not be opened for signing in. Nothing was saved. Check that a default browser is set, then try again.',
  NOT_SIGNED_IN: 'Practice Companion is not connected to Sikka yet. Sign in with Sikka, or enter the app ID and key.',
  OFFICE_NOT_AUTHORIZED: 'That office is not among the offices this app ID may read. Nothing was saved; choose from the list Sikka gave.',
  NO_OFFICE_CHOSEN: 'Choose at least one office to keep a copy of. Nothing was saved.',
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly explanation: string;
  constructor(readonly code: AuthErrorCode) {
    super(`${code}: ${AUTH_ERRORS[code]}`);
    this.explanation = AUTH_ERRORS[code];
  }
}

export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError;
}
