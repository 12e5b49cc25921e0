/** Every command of `npm run cli`, in the order the help lists them. */
import type { CliCommand } from '../command';

export const COMMANDS: readonly CliCommand[] = [];
