/**
 * The Sikka API client, v2 or v4 per connection behind one interface: app-key, v4 key-grant and
 * OAuth key calls, collections as pages, change logs (a resource's own or practice_events), typed
 * errors, retries, pacing and daily-limit stops. No Electron; the outside world is injected.
 */
export {
  createSikkaClient,
  type AppCredentials,
  type CallOptions,
  type ChangeOptions,
  type ChangeSource,
  type ChangeWindow,
  type CollectionOptions,
  type KeptKeys,
  type OAuthClientCredentials,
  type OfficeApi,
  type OfficeCredentials,
  type OfficeOptions,
  type Page,
  type RecordOptions,
  type RefreshKeyCredentials,
  type ResponseFormat,
  type SikkaClient,
  type SikkaClientOptions,
  type Sleep,
} from './client';
export { readAuthorizedPractice, type AuthorizedPractice } from './authorizedPractices';
export { changeKindOf, type ChangeEntry, type ChangeKind } from './changes';
export { readDataSyncStatus, type DataSyncStatusRecord } from './dataSyncStatus';
export { sikkaEndpoints, SIKKA_API_VERSIONS, SIKKA_PRODUCTION_ORIGIN, type SikkaApiVersion, type SikkaEndpoints } from './endpoints';
export { isDailyLimit, isSikkaApiError, SikkaApiError, type SikkaApiErrorInit } from './errors';
export type { KeyGrant, RequestKeyInfo } from './keyGrants';
export type { RequestKey, RequestKeySource } from './keys';
export { buildAuthorizationUrl, type AuthorizationUrlOptions, type TokenSet } from './oauth';
export { MAX_PAGE_SIZE, MAX_PAGE_SIZE_V4, maxPageSize, rowsOfPage, type PageCursor } from './pagination';
export { DEFAULT_RETRY, type RetryOptions } from './retry';
export { nodeHttpTransport, type HttpMethod, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';
