/**
 * `npm start`: builds the desktop app and launches it in Electron, for development.
 *
 * The SQLCipher addon in node_modules is built for Node (the CLI, the harness and the tests use
 * it), and Electron needs one built for its own ABI. Rebuilding node_modules in place would break
 * the tests, so a copy is rebuilt once per Electron version under node_modules/.cache and the app
 * is pointed at it. Where Electron's binary is missing (ELECTRON_SKIP_BINARY_DOWNLOAD, or a
 * network that blocks its download) this says so and names the browser harness instead.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

/** Electron's binary as its package records it — without requiring 'electron', which would try to download it. */
function electronBinary(): string | undefined {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

async function electronSqliteBinding(electronVersion: string): Promise<string> {
  const buildPath = join(root, 'node_modules', '.cache', 'practice-companion', `electron-${electronVersion}`);
  const binding = join(buildPath, 'node_modules', SQLITE_MODULE, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  process.stderr.write(`Building the SQLCipher addon for Electron ${electronVersion} (once)…\n`);
  rmSync(buildPath, { recursive: true, force: true });
  mkdirSync(join(buildPath, 'node_modules'), { recursive: true });
  writeFileSync(join(buildPath, 'package.json'), JSON.stringify({ name: 'electron-sqlite', private: true, dependencies: { [SQLITE_MODULE]: '*' } }));
  cpSync(join(root, 'node_modules', SQLITE_MODULE), join(buildPath, 'node_modules', SQLITE_MODULE), { recursive: true });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion, onlyModules: [SQLITE_MODULE], force: true, buildFromSource: true });
  return binding;
}

if (electronBinary() === undefined) {
  process.stderr.write(
    [
      'Practice Companion cannot start here: Electron\u2019s binary is not installed.',
      '(npm skips it when ELECTRON_SKIP_BINARY_DOWNLOAD is set, and its download needs github.com.)',
      '',
      'Where the network allows, install it with:  npx install-electron',
      'Meanwhile the same app runs in your browser:  npm run web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const binding = await electronSqliteBinding(electronVersion);
const child = spawn(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRACTICE_COMPANION_SQLITE_BINDING: binding },
});
child.on('exit', (code) => { process.exit(code ?? 1); });
