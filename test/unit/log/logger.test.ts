import { describe, expect, it } from 'vitest';
import { createLogger, type LogEntry } from '../../../main/log/logger';

function capture() {
  const entries: LogEntry[] = [];
  const logger = createLogger({ sink: (entry) => entries.push(entry), level: 'debug', now: () => new Date('2026-01-02T03:04:05Z') });
  return { entries, logger };
}

describe('logger', () => {
  it('writes the event and its scalar fields with a timestamp', () => {
    const { entries, logger } = capture();
    logger.info('sync.page', { office: 'D1', rows: 4999 });
    expect(entries).toEqual([{ time: '2026-01-02T03:04:05.000Z', level: 'info', event: 'sync.page', fields: { office: 'D1', rows: 4999 } }]);
  });

  it('redacts fields named like secrets but keeps error codes', () => {
    const { entries, logger } = capture();
    logger.warn('auth', { request_key: 'abc', appKey: 'k', refreshToken: 't', errorCode: 'API1025' });
    expect(entries[0]?.fields).toEqual({ request_key: '[redacted]', appKey: '[redacted]', refreshToken: '[redacted]', errorCode: 'API1025' });
  });

  it('strips query strings from URLs inside values', () => {
    const { entries, logger } = capture();
    logger.debug('http', { url: 'https://api.sikkasoft.com/v2/patients?request_key=SECRET&offset=1' });
    expect(entries[0]?.fields['url']).toBe('https://api.sikkasoft.com/v2/patients?[redacted]');
  });

  it('drops entries below the level and carries child fields', () => {
    const entries: LogEntry[] = [];
    const logger = createLogger({ sink: (entry) => entries.push(entry), level: 'warn' }).child({ office: 'D1' });
    logger.info('ignored');
    logger.error('failed', { attempt: 2 });
    expect(entries.map((entry) => [entry.event, entry.fields])).toEqual([['failed', { office: 'D1', attempt: 2 }]]);
  });
});
