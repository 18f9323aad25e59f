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
