// Opening a web link with the system's opener (issue #13, `o`): xdg-open on Linux and the BSDs,
// open on macOS, explorer.exe on Windows. Spawned without a shell, the URL one argument of its
// own, so nothing in it (`;`, `$(…)`, spaces) can be read as a command; the URL is a validated
// http(s) href (core/links.ts safeUrl) and is checked again here.
import { safeUrl } from '../core/links.js';

/** The opener for a platform (`process.platform`). */
export function openerFor(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'open';
  if (platform === 'win32') return 'explorer.exe';
  return 'xdg-open';
}

/**
 * Starts the opener and resolves once it has started (it is not waited for: a browser may keep
 * it alive); rejects with a one-line reason when it cannot start. `command` is for tests.
 */
export async function openUrl(url: string, opts: { command?: string; platform?: NodeJS.Platform } = {}): Promise<void> {
  const href = safeUrl(url);
  if (href !== url) throw new Error('not a web link that can be opened');
  const command = opts.command ?? openerFor(opts.platform ?? process.platform);
  // Loaded when a link is opened, not with the UI: child_process and what it loads (dgram, …) cost every start.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    let child;
    try {
      // Its output would tear the full-screen UI: it goes nowhere.
      child = spawn(command, [href], { shell: false, stdio: 'ignore', detached: true, windowsHide: true });
    } catch (error) {
      reject(new Error(`could not start ${command}: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'ENOENT' ? `${command} not found: open the link yourself` : `could not start ${command}: ${error.message}`)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
