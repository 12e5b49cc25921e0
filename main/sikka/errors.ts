import type { AppError } from '../../shared/result';
import {
  isSikkaErrorCode,
  SIKKA_ERRORS,
  TRANSPORT_ERRORS,
  type RetryAdvice,
  type SikkaClientErrorCode,
  type SikkaErrorCode,
  type TransportErrorCode,
} from '../../shared/sikka/errorCodes';

export interface SikkaApiErrorInit {
  readonly code: SikkaClientErrorCode;
  readonly httpStatus?: number | undefined;
  /** What went wrong in the app's own words, for transport faults (never secrets or record data). */
  readonly detail?: string | undefined;
  /** Overrides the table's advice where this instance knows better (e.g. a 4xx HTML page). */
  readonly retryable?: boolean | undefined;
  readonly officeId?: string | undefined;
  /** Epoch ms when an office stopped by a daily limit may call Sikka again. */
  readonly resumesAt?: number | undefined;
  /** What the server asked us to wait (Retry-After), in ms. */
  readonly retryAfterMs?: number | undefined;
  /** An error code Sikka sent that its table does not list (e.g. API1029), kept for support. */
  readonly sikkaCode?: string | undefined;
}

/**
 * Every failure of the Sikka client: a code from the guide's table or one of the app's transport
 * codes, with the table's messages and the plain-words explanation. Messages are built only from
 * the table and the app's own words, never from the response body, so they cannot carry keys,
 * tokens or patient data.
 */
export class SikkaApiError extends Error {
  override readonly name = 'SikkaApiError';
  readonly code: SikkaClientErrorCode;
  readonly httpStatus: number | undefined;
  readonly shortMessage: string;
  readonly longMessage: string;
  readonly moreInformation: string;
  readonly retry: RetryAdvice;
  /** Whether repeating the same call soon can help (the client's own retries use this). */
  readonly retryable: boolean;
  readonly explanation: string;
  readonly officeId: string | undefined;
  readonly resumesAt: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly sikkaCode: string | undefined;

  constructor(init: SikkaApiErrorInit) {
    const table = describe(init.code);
    const shortMessage = table.shortMessage || init.detail || '';
    const longMessage = table.longMessage || init.detail || '';
    super(composeMessage(init, shortMessage, longMessage));
    this.code = init.code;
    this.httpStatus = init.httpStatus ?? table.httpStatus;
    this.shortMessage = shortMessage;
    this.longMessage = longMessage;
    this.moreInformation = table.moreInformation;
    this.retry = table.retry;
    this.retryable = init.retryable ?? table.retry === 'now';
    this.explanation = table.explanation;
    this.officeId = init.officeId;
    this.resumesAt = init.resumesAt;
    this.retryAfterMs = init.retryAfterMs;
    this.sikkaCode = init.sikkaCode;
  }

  /** The same error for another office or with the time it clears, keeping everything else. */
  with(changes: Partial<Pick<SikkaApiErrorInit, 'officeId' | 'resumesAt' | 'retryAfterMs'>>): SikkaApiError {
    return new SikkaApiError({
      code: this.code,
      httpStatus: this.httpStatus,
      detail: this.detailText(),
      retryable: this.retryable,
      officeId: this.officeId,
      resumesAt: this.resumesAt,
      retryAfterMs: this.retryAfterMs,
      sikkaCode: this.sikkaCode,
      ...changes,
    });
  }

  /** How the error crosses IPC. */
  toAppError(): AppError {
    return { code: this.code, message: this.explanation };
  }

  private detailText(): string | undefined {
    return isSikkaErrorCode(this.code) ? undefined : this.shortMessage || undefined;
  }
}

interface TableEntry {
  readonly httpStatus: number | undefined;
  readonly shortMessage: string;
  readonly longMessage: string;
  readonly moreInformation: string;
  readonly retry: RetryAdvice;
  readonly explanation: string;
}

function describe(code: SikkaClientErrorCode): TableEntry {
  if (isSikkaErrorCode(code)) return SIKKA_ERRORS[code];
  const transport = TRANSPORT_ERRORS[code];
  return { httpStatus: undefined, shortMessage: '', longMessage: '', moreInformation: '', retry: transport.retry, explanation: transport.explanation };
}

function composeMessage(init: SikkaApiErrorInit, shortMessage: string, longMessage: string): string {
  const words = [shortMessage, longMessage].filter((part, index, all) => part !== '' && all.indexOf(part) === index).join(': ');
  const status = init.httpStatus === undefined ? '' : ` (HTTP ${init.httpStatus})`;
  const office = init.officeId === undefined ? '' : ` [office ${init.officeId}]`;
  const until = init.resumesAt === undefined ? '' : ` until ${new Date(init.resumesAt).toISOString()}`;
  const sikka = init.sikkaCode === undefined ? '' : ` [Sikka ${init.sikkaCode}]`;
  return `${init.code}${words === '' ? '' : ` ${words}`}${status}${sikka}${office}${until}`;
}

export function sikkaError(code: SikkaErrorCode, httpStatus?: number, extra?: Omit<SikkaApiErrorInit, 'code' | 'httpStatus'>): SikkaApiError {
  return new SikkaApiError({ ...extra, code, httpStatus });
}

export function transportError(code: TransportErrorCode, detail: string, extra?: Omit<SikkaApiErrorInit, 'code' | 'detail'>): SikkaApiError {
  return new SikkaApiError({ ...extra, code, detail });
}

export function isSikkaApiError(value: unknown): value is SikkaApiError {
  return value instanceof SikkaApiError;
}

/** The daily per-practice limits: waiting until the limit resets is the only cure. */
export function isDailyLimit(code: SikkaClientErrorCode): boolean {
  return code === 'API2011' || code === 'API2012';
}
