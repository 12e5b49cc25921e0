/**
 * The machinery of the typed IPC contract: a channel is an argument schema plus a result type,
 * an event is a payload type. From one contract object the main process builds its router, and
 * the preload and the browser harness build `window.companion` — so adding a channel means adding
 * it to the contract and nowhere else.
 */
import type { z } from 'zod';
import type { AppError, Result } from '../result';

declare const resultType: unique symbol;
declare const payloadType: unique symbol;

export interface ChannelSpec<Args extends z.ZodType, R> {
  readonly args: Args;
  /** Type-only: never read at run time. */
  readonly [resultType]?: R;
}

export interface EventSpec<P> {
  readonly [payloadType]?: P;
}

/** `channel<ResultType>()(argsSchema)`: the result type is given, the argument type inferred. */
export function channel<R>() {
  return <Args extends z.ZodType>(args: Args): ChannelSpec<Args, R> => ({ args });
}

export function event<P>(): EventSpec<P> {
  return {};
}

export type ContractShape = Readonly<Record<string, ChannelSpec<z.ZodType, unknown>>>;
export type EventsShape = Readonly<Record<string, EventSpec<unknown>>>;

export type ArgsOf<S> = S extends ChannelSpec<infer A, unknown> ? z.input<A> : never;
export type ParsedArgsOf<S> = S extends ChannelSpec<infer A, unknown> ? z.output<A> : never;
export type ResultOf<S> = S extends ChannelSpec<z.ZodType, infer R> ? R : never;
export type PayloadOf<S> = S extends EventSpec<infer P> ? P : never;

/** What the renderer sees: one method per channel, and typed event subscriptions. */
export type CompanionApiOf<C extends ContractShape, E extends EventsShape> = {
  readonly [K in keyof C]: (args: ArgsOf<C[K]>) => Promise<Result<ResultOf<C[K]>>>;
} & {
  readonly on: <K extends keyof E & string>(event: K, listener: (payload: PayloadOf<E[K]>) => void) => () => void;
};

/** How a built API reaches the main process: Electron IPC in the app, HTTP in the harness. */
export interface CompanionTransport {
  invoke(channel: string, args: unknown): Promise<Result<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export const TRANSPORT_FAILED = 'IPC_TRANSPORT_FAILED';

/** Electron channel names, namespaced so they cannot collide with Electron's own. */
export const invokeChannelName = (channel: string): string => `companion:${channel}`;
export const eventChannelName = (event: string): string => `companion-event:${event}`;

/**
 * Builds `window.companion` from the contract's channel names. The transport's answer is already
 * a Result; a transport that throws (the app is quitting, the harness went away) still gives the
 * renderer a Result, so screens have one error path.
 */
export function createCompanionApi<C extends ContractShape, E extends EventsShape>(
  contract: C,
  events: E,
  transport: CompanionTransport,
): CompanionApiOf<C, E> {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(contract)) {
    api[name] = async (args: unknown): Promise<Result<unknown>> => {
      try {
        return await transport.invoke(name, args);
      } catch {
        const error: AppError = { code: TRANSPORT_FAILED, message: 'The app did not answer. Try again in a moment.' };
        return { ok: false, error };
      }
    };
  }
  api['on'] = (name: string, listener: (payload: unknown) => void): (() => void) => {
    if (!Object.hasOwn(events, name)) throw new TypeError(`Unknown event: ${name}`);
    return transport.subscribe(name, listener);
  };
  return Object.freeze(api) as CompanionApiOf<C, E>;
}
