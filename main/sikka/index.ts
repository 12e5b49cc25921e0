/**
 * The Sikka API client: app-key and OAuth key calls, collections as pages, change logs, typed
 * errors, retries, pacing and daily-limit stops. No Electron; the outside world is injected.
 */
export {
  createSikkaClient,
  type AppCredentials,
  type CallOptions,
  type ChangeOptions,
  type ChangeWindow,
  type CollectionOptions,
  type KeptKeys,
  type OAuthClientCredentials,
  type OfficeApi,
  type OfficeCredentials,
  type OfficeOptions,
  type Page,
  type RecordOptions,
  type ResponseFormat,
  type SikkaClient,
  type SikkaClientOptions,
  type Sleep,
} from './client';
export { readAuthorizedPractice, type AuthorizedPractice } from './authorizedPractices';
export { changeKindOf, type ChangeEntry, type ChangeKind } from './changes';
export { sikkaEndpoints, SIKKA_PRODUCTION_ORIGIN, type SikkaEndpoints } from './endpoints';
export { isDailyLimit, isSikkaApiError, SikkaApiError, type SikkaApiErrorInit } from './errors';
export type { RequestKey, RequestKeySource } from './keys';
export { buildAuthorizationUrl, type AuthorizationUrlOptions, type TokenSet } from './oauth';
export { MAX_PAGE_SIZE, rowsOfPage, type PageCursor } from './pagination';
export { DEFAULT_RETRY, type RetryOptions } from './retry';
export { nodeHttpTransport, type HttpMethod, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';
