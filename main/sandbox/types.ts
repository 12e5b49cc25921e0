import type { SikkaRecord } from '../../shared/domain/records';
import type { SikkaErrorCode } from '../../shared/sikka/errorCodes';
import type { Logger } from '../log/logger';

export type SandboxDomain = 'Dental' | 'Veterinary' | 'Audiology' | 'Optometry';

/** The Sikka APIs the sandbox serves side by side, from the same data: `/v2/…` and `/v4/…`. */
export type SandboxApiVersion = 'v2' | 'v4';

export interface SandboxOfficeSpec {
  /** Unique key, e.g. 'D16001'. */
  officeId: string;
  secretKey: string;
  domain: SandboxDomain;
  practiceName: string;
  /** Default '1' — practice_id repeats across offices on purpose. */
  practiceId?: string;
  /** Base patient (or pet) count. */
  patients: number;
  /** Default ceil(patients / 2). */
  guarantors?: number;
  /** Default 3. */
  appointmentsPerPatient?: number;
  /** Default 6. */
  providers?: number;
  /** Default 5. */
  operatories?: number;
  /** Windows zone name, default 'Eastern Standard Time'. */
  timeZone?: string;
  /** Default by domain: Dentrix, Cornerstone, Sycle, Compulink. */
  pms?: { name: string; version: string };
  /**
   * How long before the sandbox started SPC last read the practice system (default 25): a large
   * value is an SPC that stopped, while the copy of what Sikka has can still be minutes old.
   */
  spcLastReadMinutesAgo?: number;
}

export interface SandboxOptions {
  /** Default 0 (random); always binds 127.0.0.1. */
  port?: number;
  /** Default 1 — same seed, same data. */
  seed?: number;
  appId?: string;
  appKey?: string;
  /** Default demoOffices(): one Dental and one Veterinary, about 2,000 patients each. */
  offices?: SandboxOfficeSpec[];
  /** Injected clock (ms since epoch); appointments are spread around its "today" at start. */
  now?: () => number;
  logger?: Logger;
  /**
   * The app's registered OAuth callback. A redirect_uri may be any loopback
   * (http://127.0.0.1:<port>/… or http://localhost:<port>/…) or lie under this URL; when the
   * authorize call leaves redirect_uri out, the consent redirects here.
   */
  registeredCallback?: string;
}

/** The resources a sandbox serves; veterinary_patients are the pets of a Veterinary office. */
export const SANDBOX_RESOURCES = ['practices', 'providers', 'guarantors', 'patients', 'veterinary_patients', 'appointments', 'transactions', 'practice_schedule'] as const;
export type SandboxResource = (typeof SANDBOX_RESOURCES)[number];

export type MutableResource = 'patients' | 'appointments' | 'guarantors' | 'providers';

export interface SandboxChange {
  add?: number;
  edit?: number;
  delete?: number;
  /** Default 'patients' (the pets of a Veterinary office). */
  resource?: MutableResource;
}

export interface SandboxChangeSummary {
  readonly officeId: string;
  readonly resource: MutableResource;
  /** The clock's time of the change (ms), which every change-log entry of this call carries. */
  readonly at: number;
  /** The office's new data_insert_date ('yyyy-MM-dd HH:mm:ss', office local time). */
  readonly dataInsertDate: string;
  readonly added: readonly string[];
  readonly edited: readonly string[];
  readonly deleted: readonly string[];
}

export interface SandboxRequest {
  readonly method: string;
  /** Without the query string (which carries keys). */
  readonly path: string;
  readonly officeId?: string;
  readonly resource?: string;
  /** 0 when the socket was destroyed before an answer. */
  readonly status: number;
  /** The injected clock's time when the request arrived. */
  readonly at: number;
}

export interface SandboxFaults {
  /** 0..1: answer 503 + API2002 body. */
  serviceUnavailableRate: number;
  /** A request key expires after N data calls made since this was set → 400 API1025. */
  expireKeysAfterCalls: number | null;
  /** Per office: data calls beyond N a day → 429 API2012 (+ Retry-After). */
  requestQuotaPerDay: number | null;
  /** Per office: once N bytes were sent in a day → 429 API2011. */
  dataQuotaBytesPerDay: number | null;
  /** Added before each response. */
  latencyMs: number;
  /** The next N data responses are cut mid-body. */
  truncateNext: number;
  /** The next N data responses are invalid JSON / XML. */
  malformedNext: number;
  /** The next N responses are an HTML 502 page. */
  htmlErrorNext: number;
  /** The next N requests have their socket destroyed. */
  resetNext: number;
  /** The next `count` requests answer this code of the guide's table. */
  forceErrorNext: { code: SikkaErrorCode; count: number } | null;
  /** X-Rate-Limit-* headers; 429 without error_code when exceeded. */
  rateLimit: { limit: number; windowSeconds: number } | null;
  /** Office ids answering 401 API2007. */
  notAuthorized: Set<string>;
  /** Office ids answering 500 API2010. */
  dataNotUploaded: Set<string>;
  /** The next N v4 data answers carry `Data-Insert: in progress` (with their data, as Sikka would). */
  dataInsertNext: number;
  /** Office ids whose every v4 data answer says `Data-Insert: in progress` until removed. */
  dataInserting: Set<string>;
  /** Office ids v4's data_sync_status reports as "not_refresh" (Sikka cannot reach the practice system). */
  spcNotRefreshing: Set<string>;
  /** All back to defaults. */
  reset(): void;
}

export interface Sandbox {
  /** 'http://127.0.0.1:PORT' */
  readonly baseUrl: string;
  readonly appId: string;
  readonly appKey: string;
  readonly offices: readonly SandboxOfficeSpec[];
  readonly faults: SandboxFaults;
  /** Requests served, oldest first (the most recent 50,000). */
  readonly requests: readonly SandboxRequest[];
  clearRequests(): void;
  /** Simulate the PMS changing data (adds, edits, deletes) and SPC uploading it: moves data_insert_date. */
  mutate(officeId: string, change: SandboxChange): SandboxChangeSummary;
  /**
   * Current live records of a resource exactly as GET would return them in JSON: the v2 shape by
   * default; for 'v4' with flattened `*_href` links and every field (`fields=get_all`).
   */
  records(officeId: string, resource: string, apiVersion?: SandboxApiVersion): Iterable<SikkaRecord>;
  count(officeId: string, resource: string): number;
  close(): Promise<void>;
}
