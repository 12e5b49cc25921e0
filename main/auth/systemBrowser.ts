/**
 * Opens a web address in the system browser from plain Node (the CLI; the app uses Electron's
 * shell.openExternal). The address is passed as one argument, never through a shell, so nothing
 * in it can run as a command; only http and https are opened.
 */
import { spawn } from 'node:child_process';

/** The opener of each system, as Go's pkg/browser and GitHub CLI use them. */
export function browserCommand(url: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'win32') return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  return { command: 'xdg-open', args: [url] };
}

/** Resolves once the opener started; rejects when there is none (e.g. a server without a desktop). */
export function openSystemBrowser(url: string): Promise<void> {
  if (!/^https?:$/.test(new URL(url).protocol)) return Promise.reject(new RangeError('Only web addresses are opened.'));
  const { command, args } = browserCommand(url);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, shell: false, windowsHide: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
