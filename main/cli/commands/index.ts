/** Every command of `npm run cli`, in the order the help lists them. */
import type { CliCommand } from '../command';
import { callerCommand } from './caller';
import { auditCommand } from './audit';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { exportCommand } from './export';
import { searchCommand } from './search';
import { statusCommand } from './status';
import { syncCommand } from './sync';

export const COMMANDS: readonly CliCommand[] = [
  loginCommand,
  logoutCommand,
  syncCommand,
  statusCommand,
  searchCommand,
  callerCommand,
  exportCommand,
  auditCommand,
];
