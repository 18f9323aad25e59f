// Every SQLite connection opens here, with better-sqlite3's native addon found by path. The
// interactive bundle holds better-sqlite3's JavaScript, so that it compiles through V8's code
// cache (src/code-cache.ts) instead of on every start (6 ms of it, with the package's
// resolution). better-sqlite3 finds its addon with the `bindings` package, which looks next to
// the file that calls it: in the bundle that is dist/, where there is no addon.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type SqliteOptions = Omit<Database.Options, 'nativeBinding'>;

let addon: object | undefined;

export function openSqlite(file: string, options: SqliteOptions = {}): Database.Database {
  // The addon itself, which better-sqlite3 takes as well as a path (its types name only the path).
  return new Database(file, { ...options, nativeBinding: (addon ??= loadAddon()) as unknown as string });
}

function loadAddon(): object {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('better-sqlite3/package.json'));
  // Where its install puts it (a prebuilt download or a build from source)...
  const built = path.join(root, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(built)) return require(built) as object;
  // ...else wherever `bindings` finds it, searching from better-sqlite3's directory as it would.
  const bindings = createRequire(path.join(root, 'package.json'))('bindings') as (opts: object) => object;
  return bindings({ bindings: 'better_sqlite3.node', module_root: root });
}
