// A throwaway data directory and store for tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src/core/clock.js';
import { afterEach } from 'vitest';
import { openStore, type LocalStore, type OpenStoreOptions } from '../../src/store/open.js';

export function tempDir(prefix = 'nostr-tui-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): Clock & { set(ms: number): void; advance(ms: number): void } {
  let now = start;
  return { now: () => now, set: (ms) => void (now = ms), advance: (ms) => void (now += ms) };
}

export function openTempStore(opts: Partial<OpenStoreOptions> = {}, dir = tempDir()): LocalStore & { dir: string } {
  const store = openStore(dir, { clock: manualClock(), ...opts });
  return Object.assign(store, { dir });
}

/** For a describe block: `open()` gives a temporary store, closed after each test. */
export function tempStores(): (opts?: Partial<OpenStoreOptions>, dir?: string) => LocalStore & { dir: string } {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });
  return (opts, dir) => {
    const store = openTempStore(opts, dir);
    opened.push(store);
    return store;
  };
}
