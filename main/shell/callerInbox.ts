/**
 * Between Electron telling the app about a caller and the app being able to show one: macOS
 * sends `open-url` before the app is ready when a link starts it, and the first instance reads
 * its own command line before its services exist. The inbox keeps the latest caller until it is
 * opened, then delivers each as it comes. Refusals are reported by reason only: a phone number
 * is a patient's, and what a refused link held may be anything.
 */
import type { PhoneNumber } from '../../shared/phone/phoneNumber';
import type { CallerLaunch, CallerRefusal } from './callerLaunch';

export interface CallerInboxOptions {
  readonly onRefused: (reason: CallerRefusal) => void;
}

export interface CallerInbox {
  /** What a launch, a second instance or a link said; true when it named a caller. */
  receive(launch: CallerLaunch): boolean;
  /** From now on callers go to `deliver`; the latest one received before is delivered at once. */
  open(deliver: (number: PhoneNumber) => void): void;
}

export function createCallerInbox(options: CallerInboxOptions): CallerInbox {
  let deliver: ((number: PhoneNumber) => void) | undefined;
  let waiting: PhoneNumber | undefined;
  return {
    receive(launch) {
      if (launch.kind === 'refused') options.onRefused(launch.reason);
      if (launch.kind !== 'caller') return false;
      if (deliver === undefined) waiting = launch.number;
      else deliver(launch.number);
      return true;
    },
    open(next) {
      deliver = next;
      const earlier = waiting;
      waiting = undefined;
      if (earlier !== undefined) next(earlier);
    },
  };
}
