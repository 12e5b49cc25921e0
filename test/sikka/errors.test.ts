import { describe, expect, it } from 'vitest';
import { SIKKA_ERRORS, TRANSPORT_ERRORS, type SikkaErrorCode, type TransportErrorCode } from '../../shared/sikka/errorCodes';
import { isDailyLimit, SikkaApiError } from '../../main/sikka/errors';

describe('typed errors', () => {
  it.each(Object.keys(SIKKA_ERRORS) as SikkaErrorCode[])('%s carries the table\u2019s status, messages, advice and explanation', (code) => {
    const info = SIKKA_ERRORS[code];
    const error = new SikkaApiError({ code, httpStatus: info.httpStatus });
    expect(error).toMatchObject({
      code,
      httpStatus: info.httpStatus,
      shortMessage: info.shortMessage,
      longMessage: info.longMessage,
      moreInformation: info.moreInformation,
      retry: info.retry,
      retryable: info.retry === 'now',
      explanation: info.explanation,
    });
    expect(error.message.startsWith(code)).toBe(true);
    expect(error.toAppError()).toEqual({ code, message: info.explanation });
  });

  it.each(Object.keys(TRANSPORT_ERRORS) as TransportErrorCode[])('%s carries its advice and explanation', (code) => {
    const error = new SikkaApiError({ code, detail: 'What happened.' });
    expect(error).toMatchObject({ code, retry: TRANSPORT_ERRORS[code].retry, explanation: TRANSPORT_ERRORS[code].explanation, shortMessage: 'What happened.' });
  });

  it('keeps the office, the resume time and the server\u2019s wait when copied', () => {
    const error = new SikkaApiError({ code: 'API2012', httpStatus: 429 }).with({ officeId: 'D1', resumesAt: Date.UTC(2026, 0, 2), retryAfterMs: 5000 });
    expect(error).toMatchObject({ code: 'API2012', httpStatus: 429, officeId: 'D1', resumesAt: Date.UTC(2026, 0, 2), retryAfterMs: 5000 });
    expect(error.message).toContain('2026-01-02T00:00:00.000Z');
  });

  it('lets an instance override the table\u2019s retry advice', () => {
    expect(new SikkaApiError({ code: 'UNEXPECTED_RESPONSE', httpStatus: 401, retryable: false }).retryable).toBe(false);
  });

  it('knows the two daily limits', () => {
    expect(isDailyLimit('API2011')).toBe(true);
    expect(isDailyLimit('API2012')).toBe(true);
    expect(isDailyLimit('API2002')).toBe(false);
  });
});
