/**
 * Running the desktop app from this checkout (`npm start`, the Electron end-to-end test).
 *
 * The SQLCipher addon in node_modules is built for Node (the CLI, the harness and the tests use
 * it), and Electron needs one built for its own ABI. Rebuilding node_modules in place would break
 * the tests, so a copy is rebuilt once per Electron version under node_modules/.cache and the app
 * is pointed at it through PRACTICE_COMPANION_SQLITE_BINDING.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

/** Electron's binary as its package records it — without requiring 'electron', which would try to download it. */
export function electronBinary(): string | undefined {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export function electronVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

/** The SQLCipher addon rebuilt for this Electron (once per version). */
export async function electronSqliteBinding(version = electronVersion()): Promise<string> {
  const buildPath = join(ROOT, 'node_modules', '.cache', 'practice-companion', `electron-${version}`);
  const binding = join(buildPath, 'node_modules', SQLITE_MODULE, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  process.stderr.write(`Building the SQLCipher addon for Electron ${version} (once)\u2026\n`);
  rmSync(buildPath, { recursive: true, force: true });
  mkdirSync(join(buildPath, 'node_modules'), { recursive: true });
  writeFileSync(join(buildPath, 'package.json'), JSON.stringify({ name: 'electron-sqlite', private: true, dependencies: { [SQLITE_MODULE]: '*' } }));
  cpSync(join(ROOT, 'node_modules', SQLITE_MODULE), join(buildPath, 'node_modules', SQLITE_MODULE), { recursive: true });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion: version, onlyModules: [SQLITE_MODULE], force: true, buildFromSource: true });
  return binding;
}

export const NO_ELECTRON_MESSAGE = [
  'Electron\u2019s binary is not installed.',
  '(npm skips it when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and its download needs github.com.)',
  'Where the network allows, install it with:  npx install-electron',
].join('\n');
