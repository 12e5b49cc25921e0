/**
 * "Now" as the office's wall clock: appointment dates and times are the practice's local time,
 * and Sikka names the practice's zone the Windows way ("Eastern Standard Time").
 */
import { findIana } from 'windows-iana';

export interface LocalMoment {
  /** yyyy-mm-dd */
  readonly date: string;
  /** Minutes after local midnight. */
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const id = timeZone ?? '';
  let formatter = formatters.get(id);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      ...(timeZone === undefined ? {} : { timeZone }),
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    formatters.set(id, formatter);
  }
  return formatter;
}

/** The IANA zone for a Windows zone name (or an IANA name given as is); undefined when unknown. */
export function ianaZone(windowsOrIana: string | null): string | undefined {
  if (windowsOrIana === null || windowsOrIana === '') return undefined;
  const candidates = [...findIana(windowsOrIana), windowsOrIana];
  return candidates.find((zone) => {
    try {
      formatterFor(zone);
      return true;
    } catch {
      return false;
    }
  });
}

/** The office's local date and minute at `now`; the computer's own zone when the office's is unknown. */
export function officeLocalMoment(now: number, windowsZone: string | null): LocalMoment {
  const parts = Object.fromEntries(formatterFor(ianaZone(windowsZone)).formatToParts(now).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year ?? '0000'}-${parts.month ?? '01'}-${parts.day ?? '01'}`,
    minute: Number(parts.hour ?? 0) * 60 + Number(parts.minute ?? 0),
  };
}
