/**
 * "Locked means no patient data", at the one door the renderer uses: each IPC handler is wrapped
 * so it runs only at the access its channel's rule asks for, and what it showed is audited in the
 * unlocked profile's name before the answer leaves. Events pass the same way.
 *
 * Deny by default: a channel or event without a rule counts as patient data (unlocked only), so a
 * channel added to the contract later is safe before anyone classifies it.
 */
import type { AuditAction } from '../../shared/domain/audit';
import { LOCKED_CALLER_MESSAGE, type LockedCallerCard, type StaffProfileView } from '../../shared/domain/staff';
import type { ContractShape, EventsShape, ParsedArgsOf, PayloadOf, ResultOf } from '../../shared/ipc/define';
import type { CallContext, Handlers } from '../ipc/router';
import type { AuditTrail } from './auditTrail';
import { securityError } from './errors';
import type { StaffSession } from './session';

/** `open`: any state, even needs-setup (nothing in it about patients); `unlocked`; `manager`. */
export type ChannelAccess = 'open' | 'unlocked' | 'manager';

/** What a channel's answer showed, for the audit trail. */
export interface AuditIntent {
  readonly action: AuditAction;
  readonly target?: string | null;
  readonly detail?: string | null;
  /**
   * The same profile, action and target again within the coalescing window adds no entry: a
   * search as someone types, or a record shown again after a sync, says nothing new.
   */
  readonly coalesce?: boolean;
}

export interface ChannelRule<Args, R> {
  readonly access: ChannelAccess;
  /** The answer holds patient data: dropped (LOCKED) if the app locked or changed hands during the call. */
  readonly patientData?: boolean;
  /** The entry to write once the handler answered; null writes none (e.g. nothing was found). */
  readonly audit?: (args: Args, result: R) => AuditIntent | null;
  /**
   * For an `unlocked` channel whose answer a locked app may show in part: while locked the
   * handler still runs, and only what this leaves of its answer is given (unaudited — nobody
   * was shown anything). E.g. a caller card reduced to "caller matched — unlock to view".
   */
  readonly whileLocked?: (result: R) => R;
}

export type ChannelPolicy<C extends ContractShape> = {
  readonly [K in keyof C]?: ChannelRule<ParsedArgsOf<C[K]>, ResultOf<C[K]>>;
};

const DEFAULT_RULE: ChannelRule<unknown, unknown> = { access: 'unlocked', patientData: true };

/** Default window in which repeated views and searches make one entry. */
export const AUDIT_COALESCE_MS = 60_000;

export interface GuardOptions {
  readonly session: Pick<StaffSession, 'require' | 'epoch' | 'view'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly now?: () => number;
  readonly coalesceMs?: number;
}

/** Auditing with coalescing; the window starts again with each new session. */
class AuditWriter {
  private readonly recent = new Map<string, number>();
  private epoch = -1;

  constructor(private readonly options: GuardOptions) {}

  write(profile: StaffProfileView, epoch: number, intent: AuditIntent): void {
    const now = (this.options.now ?? Date.now)();
    if (epoch !== this.epoch) {
      this.recent.clear();
      this.epoch = epoch;
    }
    const key = [profile.profileId, intent.action, intent.target ?? ''].join('\u0000');
    if (intent.coalesce === true) {
      const last = this.recent.get(key);
      if (last !== undefined && now - last < (this.options.coalesceMs ?? AUDIT_COALESCE_MS)) return;
    }
    this.options.audit.append({
      actor: profile.profileId,
      actorName: profile.displayName,
      action: intent.action,
      target: intent.target ?? null,
      detail: intent.detail ?? null,
    });
    if (intent.coalesce === true) this.recent.set(key, now);
  }
}

/**
 * The handlers, each behind its channel's rule: refused with NEEDS_SETUP, LOCKED or MANAGER_ONLY
 * before it runs (or, while locked, answered only with what `whileLocked` leaves); its patient
 * data dropped if the session changed meanwhile; audited after it answered — and if the entry
 * cannot be written, the answer is not given (fail closed).
 */
export function guardHandlers<C extends ContractShape>(handlers: Handlers<C>, policy: ChannelPolicy<C>, options: GuardOptions): Handlers<C> {
  const writer = new AuditWriter(options);
  const guarded: Record<string, (args: unknown, context: CallContext) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (args: unknown, context: CallContext) => unknown][]) {
    const rule = (policy as Readonly<Record<string, ChannelRule<unknown, unknown> | undefined>>)[channel] ?? DEFAULT_RULE;
    guarded[channel] = async (args, context) => {
      if (rule.access === 'open') return handler(args, context);
      if (rule.whileLocked !== undefined && options.session.view().state === 'locked') return rule.whileLocked(await handler(args, context));
      const profile = options.session.require(rule.access);
      const epoch = options.session.epoch();
      const result = await handler(args, context);
      if (rule.patientData === true && options.session.epoch() !== epoch) throw securityError('LOCKED');
      const intent = rule.audit?.(args, result) ?? null;
      if (intent !== null) writer.write(profile, epoch, intent);
      return result;
    };
  }
  return guarded as unknown as Handlers<C>;
}

export type EventRule<P> = 'open' | { readonly whileLocked: (payload: P) => P | undefined };

export type EventPolicy<E extends EventsShape> = {
  readonly [K in keyof E]?: EventRule<PayloadOf<E[K]>>;
};

export type EventEmitter<E extends EventsShape> = <K extends keyof E & string>(event: K, payload: PayloadOf<E[K]>) => void;

/**
 * An emitter that lets an event through as its rule says: `open` always; with `whileLocked`,
 * the redacted payload while not unlocked (undefined drops it); without a rule, only while
 * unlocked.
 */
export function guardEvents<E extends EventsShape>(session: Pick<StaffSession, 'view'>, policy: EventPolicy<E>, emit: EventEmitter<E>): EventEmitter<E> {
  return (event, payload) => {
    const rule = policy[event];
    if (rule === 'open' || session.view().state === 'unlocked') {
      emit(event, payload);
      return;
    }
    if (rule === undefined) return;
    const redacted = rule.whileLocked(payload);
    if (redacted !== undefined) emit(event, redacted);
  };
}

/**
 * A caller match as a locked app may show it: that the caller is known, and nothing else — no
 * name, no number of matches. No match at all shows nothing.
 */
export function redactCallerMatch(match: unknown): LockedCallerCard | null {
  const matched = Array.isArray(match) ? match.length > 0 : match !== null && match !== undefined;
  return matched ? { locked: true, message: LOCKED_CALLER_MESSAGE } : null;
}
