/** Every command of `npm run cli`, in the order the help lists them. */
import type { CliCommand } from '../command';
import { loginCommand } from './login';
import { logoutCommand } from './logout';

export const COMMANDS: readonly CliCommand[] = [
  loginCommand,
  logoutCommand,
];
