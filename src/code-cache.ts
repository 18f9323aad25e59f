// Loads a CommonJS bundle with V8's code cache (issue #17, first frame).
//
// The interactive start runs ~2 MB of JavaScript (React's reconciler, Ink, yargs,
// nostr-tools, ws) before its first frame, and an ES module is compiled again on
// every start: Node 20 keeps no compiled code for ES modules between runs
// (module.enableCompileCache is Node 22.1+). A script compiled through vm.Script
// can be given the code V8 kept from an earlier run (`cachedData`), so the
// interactive path is one CommonJS bundle (scripts/build.mjs) loaded here; the
// first start saves the cache, later ones skip the compiling (measured in the
// note of #17 with bench/figures/first-frame.ts).
//
// V8 checks the cache against its own version, its flags and the source's length
// only, so a cache is named by a hash of the source: a changed bundle of the same
// length is never run with another bundle's code. It lives in the user's own
// cache directory (store/paths.ts codeCacheDir), read only when no other user can
// write there (a cache anyone else could write would be code they could make us
// run), written like the key files (safe-file.ts); anything wrong with it only
// means compiling as before.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { privateDirState } from './store/private-dir.js';

export type CacheState = 'used' | 'absent' | 'rejected';

export interface LoadedBundle {
  /** What the bundle's `module.exports` holds. */
  readonly exports: unknown;
  /** Whether the compiled code came from the cache. */
  readonly cache: CacheState;
  /** Writes the code compiled so far to the cache, unless it came from there; true when written. */
  save(): Promise<boolean>;
}

/** Runs the CommonJS file `file`, with the code cache kept in `cacheDir` (created 0700 when saving). */
export function loadBundle(file: string, cacheDir: string): LoadedBundle {
  const bytes = fs.readFileSync(file);
  // A one-byte string when the bundle is ASCII (esbuild escapes nearly everything): 2 ms instead of 9 to decode.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = path.join(cacheDir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}-${process.version}-${process.arch}.v8`);
  const cachedData = readCache(cacheDir, cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache: CacheState = !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    get exports() {
      return module.exports;
    },
    cache,
    async save() {
      if (cache === 'used') return false;
      try {
        // Loaded only now: the start does not wait for the sanitiser its messages use.
        const { ensurePrivateDir, writePrivateFile } = await import('./store/safe-file.js');
        ensurePrivateDir(cacheDir);
        removeOthers(cacheDir);
        writePrivateFile(cacheFile, script.createCachedData());
        return true;
      } catch {
        // A directory we may not write to, a full disk: the next start compiles, as without a cache.
        return false;
      }
    },
  };
}

function readCache(cacheDir: string, cacheFile: string): Buffer | undefined {
  try {
    if (privateDirState(cacheDir).kind !== 'private') return undefined;
    const stat = fs.lstatSync(cacheFile);
    return stat.isFile() ? fs.readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

/** One cache at a time: those of earlier bundles or Node versions are of no more use. */
function removeOthers(cacheDir: string): void {
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.endsWith('.v8')) fs.rmSync(path.join(cacheDir, name), { force: true });
  }
}
