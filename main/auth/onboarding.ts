/**
 * App-key onboarding, for practices Sikka added to the app: the app ID and key are checked
 * against `authorized_practices` (nothing stored on the way), the offices come back as plain view
 * data, and the credentials and the chosen offices are stored only on confirmation.
 */
import type { AuthorizedOfficeView, OfficeChoice } from '../../shared/domain/connection';
import type { CallOptions, SikkaClient } from '../sikka/client';
import type { AuthorizedPractice } from '../sikka/authorizedPractices';
import type { AppCredentialsPair, Credentials } from './credentials';
import { AuthError } from './errors';
import { authorizedOfficeView } from './officeView';

/** The offices the app ID may read. A wrong ID or key fails with the client's API2003 and stores nothing. */
export async function checkAppKey(client: SikkaClient, app: AppCredentialsPair, options: CallOptions = {}): Promise<AuthorizedOfficeView[]> {
  return (await client.authorizedPractices(app, options)).map(authorizedOfficeView);
}

/**
 * Checks the choice against what Sikka lists now and returns it as the `selectedOffices`
 * setting holds it (null for every office). Throws NO_OFFICE_CHOSEN or OFFICE_NOT_AUTHORIZED.
 */
export function validateOfficeChoice(choice: OfficeChoice, practices: readonly Pick<AuthorizedPractice, 'officeId'>[]): string[] | null {
  if (choice === 'all') return null;
  if (choice.length === 0) throw new AuthError('NO_OFFICE_CHOSEN');
  const authorized = new Set(practices.map((practice) => practice.officeId));
  if (choice.some((officeId) => !authorized.has(officeId))) throw new AuthError('OFFICE_NOT_AUTHORIZED');
  return [...new Set(choice)];
}

/**
 * Checks the credentials and the choice once more (the list may have changed since it was shown),
 * then stores the app ID and key in the vault. Returns the offices and the validated choice.
 */
export async function confirmAppKey(
  client: SikkaClient,
  credentials: Credentials,
  request: AppCredentialsPair & { readonly offices: OfficeChoice },
  options: CallOptions = {},
): Promise<{ readonly offices: AuthorizedOfficeView[]; readonly selectedOffices: string[] | null }> {
  const app = { appId: request.appId, appKey: request.appKey };
  const practices = await client.authorizedPractices(app, options);
  const selectedOffices = validateOfficeChoice(request.offices, practices);
  // Another app's tokens and keys cannot be renewed with this app's key: start clean.
  const previous = credentials.app();
  if (previous !== undefined && previous.appId !== app.appId) credentials.forgetAll();
  credentials.saveApp(app);
  return { offices: practices.map(authorizedOfficeView), selectedOffices };
}
