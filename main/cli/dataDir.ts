/**
 * A data directory as the headless commands use it: the plain-Node key protector
 * (PRACTICE_COMPANION_PASSPHRASE, else the per-user machine key) and settings through conf.
 */
import { openDataDirWith, type DataDir } from '../app/dataDir';
import { createNodeKeyProtector } from '../auth/keyProtectorNode';
import { openNodeSettings } from '../settings/settings';

export type { DataDir } from '../app/dataDir';

export function openDataDir(dir: string, env: Readonly<Record<string, string | undefined>>): DataDir {
  return openDataDirWith(dir, { protector: createNodeKeyProtector({ env }), settings: openNodeSettings });
}
