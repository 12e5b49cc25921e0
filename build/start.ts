/**
 * `npm start`: builds the desktop app and launches it in Electron, for development (see
 * electronDev.ts for why the SQLite addon is rebuilt on the side). Where Electron's binary is
 * missing this says so and names the browser harness instead.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, electronSqliteBinding, NO_ELECTRON_MESSAGE, ROOT } from './electronDev';

if (electronBinary() === undefined) {
  process.stderr.write(`Practice Companion cannot start here: ${NO_ELECTRON_MESSAGE}\nMeanwhile the same app runs in your browser:  npm run web\n`);
  process.exit(1);
}

const binding = await electronSqliteBinding();
const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PRACTICE_COMPANION_SQLITE_BINDING: binding },
});
child.on('exit', (code) => { process.exit(code ?? 1); });
