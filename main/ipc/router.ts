/**
 * One router for every way into the main process. It knows the contract, validates arguments
 * with the channel's schema, runs the handler and answers a Result — so typed errors survive the
 * boundary and nothing but a code and plain words ever leaves it.
 */
import type { ContractShape, ParsedArgsOf, ResultOf } from '../../shared/ipc/define';
import type { AppError, Result } from '../../shared/result';
import type { Logger } from '../log/logger';

/** Who is calling, as far as the adapter could tell. */
export interface CallContext {
  readonly via: 'electron' | 'http' | 'test';
}

export type Handlers<C extends ContractShape> = {
  readonly [K in keyof C]: (args: ParsedArgsOf<C[K]>, context: CallContext) => Promise<ResultOf<C[K]>> | ResultOf<C[K]>;
};

export interface Router {
  readonly channels: readonly string[];
  invoke(channel: string, args: unknown, context: CallContext): Promise<Result<unknown>>;
}

export const IPC_ERRORS = {
  UNKNOWN_CHANNEL: 'The app asked for something it does not offer.',
  INVALID_ARGUMENTS: 'The app sent a request it should not have. Nothing was changed.',
  INTERNAL_ERROR: 'Something went wrong inside Practice Companion. Try again; if it keeps happening, restart the app.',
} as const;

/**
 * Errors meant for people carry a code and an `explanation` in plain words (the Sikka client's,
 * the cache's, the vault's). Anything else may hold a file path, SQL or a patient's name in its
 * message, so it leaves as INTERNAL_ERROR and its message is not logged.
 */
export function toAppError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, explanation } = error as { code?: unknown; explanation?: unknown };
  return typeof code === 'string' && typeof explanation === 'string' ? { code, message: explanation } : undefined;
}

export function createRouter<C extends ContractShape>(contract: C, handlers: Handlers<C>, logger: Logger): Router {
  const fail = (code: keyof typeof IPC_ERRORS): Result<never> => ({ ok: false, error: { code, message: IPC_ERRORS[code] } });
  return {
    channels: Object.keys(contract),
    async invoke(channel, args, context) {
      if (!Object.hasOwn(contract, channel)) {
        logger.warn('ipc.unknown_channel', { via: context.via });
        return fail('UNKNOWN_CHANNEL');
      }
      const spec = contract[channel];
      const handler = handlers[channel] as ((args: unknown, context: CallContext) => unknown) | undefined;
      if (spec === undefined || handler === undefined) return fail('UNKNOWN_CHANNEL');
      const parsed = spec.args.safeParse(args);
      if (!parsed.success) {
        // Issue paths only: the rejected values may be anything the renderer typed.
        logger.warn('ipc.invalid_arguments', { channel, via: context.via, paths: parsed.error.issues.map((issue) => issue.path.join('.')).join(',') });
        return fail('INVALID_ARGUMENTS');
      }
      try {
        return { ok: true, value: await handler(parsed.data, context) };
      } catch (error) {
        const appError = toAppError(error);
        if (appError !== undefined) {
          logger.info('ipc.failed', { channel, errorCode: appError.code });
          return { ok: false, error: appError };
        }
        logger.error('ipc.internal_error', { channel, errorName: error instanceof Error ? error.name : typeof error });
        return fail('INTERNAL_ERROR');
      }
    },
  };
}
