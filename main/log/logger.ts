/**
 * Structured logging that cannot carry PHI or secrets by construction: an event name plus a few
 * scalar fields. Fields whose names suggest a secret are dropped to "[redacted]", and any URL
 * loses its query string (where Sikka puts request keys and app keys).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LogEntry {
  readonly time: string;
  readonly level: LogLevel;
  readonly event: string;
  readonly fields: Readonly<Record<string, string | number | boolean>>;
}

export type LogSink = (entry: LogEntry) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /key|secret|token|password|passphrase|code|authorization|pin/i;
const URL_QUERY = /(https?:\/\/[^\s?#]*)[?#][^\s]*/gi;

export function redactValue(name: string, value: string | number | boolean): string | number | boolean {
  if (SECRET_FIELD.test(name) && !/^(error_?code|status_?code|http_?status|code_?kind)$/i.test(name)) return '[redacted]';
  return typeof value === 'string' ? value.replace(URL_QUERY, '$1?[redacted]') : value;
}

export function createLogger(options: {
  sink: LogSink;
  level?: LogLevel;
  now?: () => Date;
  base?: LogFields;
}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const make = (base: LogFields): Logger => {
    const write = (level: LogLevel, event: string, fields?: LogFields): void => {
      if (LEVELS[level] < threshold) return;
      const clean: Record<string, string | number | boolean> = {};
      for (const [name, value] of Object.entries({ ...base, ...fields })) {
        if (value !== undefined) clean[name] = redactValue(name, value);
      }
      options.sink({ time: now().toISOString(), level, event, fields: clean });
    };
    return {
      debug: (event, fields) => { write('debug', event, fields); },
      info: (event, fields) => { write('info', event, fields); },
      warn: (event, fields) => { write('warn', event, fields); },
      error: (event, fields) => { write('error', event, fields); },
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.base ?? {});
}

export const silentLogger: Logger = createLogger({ sink: () => undefined });

/** One JSON object a line, for a log file or stderr. */
export function jsonLineSink(write: (line: string) => void): LogSink {
  return (entry) => { write(`${JSON.stringify(entry)}\n`); };
}
