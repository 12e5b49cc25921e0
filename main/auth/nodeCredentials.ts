/**
 * The credentials of a data directory under plain Node (CLI, scripts, tests): the vault with the
 * documented Node protector (PRACTICE_COMPANION_PASSPHRASE, else the per-user machine key).
 */
import { Credentials } from './credentials';
import { createNodeKeyProtector } from './keyProtectorNode';
import { Vault } from './vault';

export function openNodeCredentials(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Credentials {
  return new Credentials(Vault.open({ dataDir, protector: createNodeKeyProtector({ env }) }));
}
