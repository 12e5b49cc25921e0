/**
 * Request keys for a sync run in this process, kept in the vault across runs: an office signed in
 * with Sikka renews with its refresh token, any other with `start` and its secret key on v2, or
 * on v4 with its kept refresh key, falling back to its secret key (see main/auth/officeKeys.ts).
 * With an app ID and key given for this run only (the CLI's --app-id, the demo), keys come from
 * those the same way, and are still kept for the next run.
 */
import type { Credentials } from '../auth/credentials';
import { keepRefreshKey, officeKeySource } from '../auth/officeKeys';
import type { Logger } from '../log/logger';
import type { AppCredentials, SikkaClient } from '../sikka/client';
import type { AuthorizedPractice } from '../sikka/authorizedPractices';
import type { RequestKey, RequestKeySource } from '../sikka/keys';

export interface KeySourcesOptions {
  readonly client: SikkaClient;
  readonly credentials: Credentials;
  /** App credentials for this run only; absent: the stored ones. */
  readonly app?: AppCredentials | undefined;
  readonly logger?: Logger | undefined;
}

export function keySources(options: KeySourcesOptions): (practice: Pick<AuthorizedPractice, 'officeId' | 'secretKey'>) => RequestKeySource {
  const { client, credentials, app, logger } = options;
  return ({ officeId, secretKey }) => {
    if (app === undefined) return officeKeySource({ client, credentials, officeId, secretKey, logger });
    const kept = { initialKey: credentials.requestKey(officeId), onKeyIssued: (key: RequestKey) => { credentials.saveRequestKey(officeId, key); } };
    if (client.apiVersion === 'v4') {
      return client.refreshKeySource(
        { ...app, officeId, secretKey, refreshKey: credentials.refreshKey(officeId) },
        { ...kept, onRefreshKey: (refreshKey) => { keepRefreshKey(credentials, officeId, refreshKey, logger); } },
      );
    }
    return client.appKeySource({ ...app, officeId, secretKey }, kept);
  };
}
