/**
 * How a ringing phone reaches the app: a phone client opens `practice-companion://call?from=NUMBER`
 * (the installer registers the scheme) or starts the app with `--caller NUMBER`, and Electron
 * hands the link or the command line to the running instance. Both are read here and nothing
 * else is accepted: another host, a path, a user or port, a fragment, any parameter besides one
 * `from`, control characters, overlong text, or a value that is not a phone number (letters,
 * quotes, markup, non-ASCII digits) is refused with a reason and no echo of what was sent. What
 * is passed on is the number read (shared/phone), never the text that arrived.
 */
import { canonicalPhoneText, MAX_PHONE_TEXT, parsePhoneNumber, type PhoneNumber } from '../../shared/phone/phoneNumber';

export const CALLER_SCHEME = 'practice-companion';
export const CALLER_SWITCH = '--caller';

/** Links longer than this are not from a phone client. */
const MAX_LINK_CHARS = 512;
// eslint-disable-next-line no-control-regex -- finding control characters is its purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export type CallerRefusal =
  /** Not `practice-companion://call?from=…` exactly: another host, path, parameter, or a malformed link. */
  | 'not-a-caller-link'
  /** `from` or `--caller` is not a phone number. */
  | 'not-a-phone-number'
  | 'too-long'
  /** The command line names two different numbers. */
  | 'conflicting-numbers';

export type CallerLaunch =
  | { readonly kind: 'none' }
  | { readonly kind: 'caller'; readonly number: PhoneNumber }
  | { readonly kind: 'refused'; readonly reason: CallerRefusal };

const refused = (reason: CallerRefusal): CallerLaunch => ({ kind: 'refused', reason });

function callerNumber(value: string): CallerLaunch {
  if (value.length > MAX_PHONE_TEXT) return refused('too-long');
  if (CONTROL.test(value)) return refused('not-a-phone-number');
  const number = parsePhoneNumber(value);
  return number === null ? refused('not-a-phone-number') : { kind: 'caller', number };
}

/** `practice-companion://call?from=NUMBER` (a trailing slash after `call` is allowed, as Windows adds one). */
export function callerFromUrl(link: string): CallerLaunch {
  if (link.length > MAX_LINK_CHARS) return refused('too-long');
  // The URL parser would silently drop tabs and newlines: refuse them before it sees them.
  if (CONTROL.test(link)) return refused('not-a-caller-link');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return refused('not-a-caller-link');
  }
  if (url.protocol !== `${CALLER_SCHEME}:` || url.host.toLowerCase() !== 'call' || (url.pathname !== '' && url.pathname !== '/')) return refused('not-a-caller-link');
  if (url.username !== '' || url.password !== '' || url.hash !== '' || link.includes('#')) return refused('not-a-caller-link');
  const parameters = url.search.replace(/^\?/, '').split('&');
  const [parameter] = parameters;
  if (parameters.length !== 1 || parameter === undefined) return refused('not-a-caller-link');
  const separator = parameter.indexOf('=');
  if (separator === -1 || parameter.slice(0, separator) !== 'from') return refused('not-a-caller-link');
  let value: string;
  try {
    // A leading + is the number's own (E.164); any later + is a form-encoded space.
    const raw = parameter.slice(separator + 1);
    value = decodeURIComponent(raw.slice(0, 1) + raw.slice(1).replaceAll('+', ' '));
  } catch {
    return refused('not-a-caller-link');
  }
  return callerNumber(value);
}

/**
 * A launch's command line (the first instance's own, or a second launch's handed over):
 * `--caller NUMBER`, `--caller=NUMBER` or a caller link. Other arguments (Electron's and
 * Chromium's own switches, the app's path) are not this module's business and are passed by.
 */
export function callerFromArgv(argv: readonly string[]): CallerLaunch {
  const found: CallerLaunch[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === CALLER_SWITCH) {
      const value = argv[i + 1];
      found.push(value === undefined ? refused('not-a-phone-number') : callerNumber(value));
      i += 1;
    } else if (arg.startsWith(`${CALLER_SWITCH}=`)) {
      found.push(callerNumber(arg.slice(CALLER_SWITCH.length + 1)));
    } else if (arg.slice(0, CALLER_SCHEME.length + 1).toLowerCase() === `${CALLER_SCHEME}:`) {
      found.push(callerFromUrl(arg));
    }
  }
  const refusal = found.find((launch) => launch.kind === 'refused');
  if (refusal !== undefined) return refusal;
  const numbers = new Set(found.flatMap((launch) => (launch.kind === 'caller' ? [canonicalPhoneText(launch.number)] : [])));
  if (numbers.size > 1) return refused('conflicting-numbers');
  return found[0] ?? { kind: 'none' };
}
