import envPaths from 'env-paths';
import path from 'node:path';

export interface Paths {
  /** Holds config.json and keys.json. */
  configDir: string;
  /** Holds the SQLite event store and outbox. */
  dataDir: string;
}

/**
 * Where nostr-tui keeps its files: the platform's directories, or all of them
 * under $NOSTR_TUI_HOME when it is set (tests and portable installs).
 */
export function resolvePaths(env: NodeJS.ProcessEnv = process.env): Paths {
  const home = env.NOSTR_TUI_HOME;
  if (home) {
    const root = path.resolve(home);
    return { configDir: root, dataDir: path.join(root, 'data') };
  }
  const dirs = envPaths('nostr-tui', { suffix: '' });
  return { configDir: dirs.config, dataDir: dirs.data };
}

/**
 * Where V8's compiled code for the interactive start is kept (src/code-cache.ts):
 * the platform's cache directory, or $NOSTR_TUI_HOME/cache. Apart from the data, so
 * that deleting it (or the data) loses nothing of the other.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.NOSTR_TUI_HOME;
  if (home) return path.join(path.resolve(home), 'cache');
  return envPaths('nostr-tui', { suffix: '' }).cache;
}
