// The lease one edit of a list holds (src/store/edit-leases.ts), on a real database file shared by
// two connections, as two nostr-tui processes share it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, closeDatabase, type Db } from '../../src/store/database.js';
import { EditLeases } from '../../src/store/edit-leases.js';
import { manualClock } from '../helpers/store.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) closeDatabase(db);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Two connections to one file: this process, and `other` (a process on `host` with `pid`, running while `alive`). */
function twoProcesses(other: { host?: string; pid: number; alive: () => boolean }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-leases-'));
  dirs.push(dir);
  const open = () => {
    const { db } = openDatabase(dir, { clock: manualClock(0) });
    dbs.push(db);
    return db;
  };
  const here = new EditLeases(open(), 'this-host', 100, (pid) => pid === other.pid && other.alive());
  const there = new EditLeases(open(), other.host ?? 'this-host', other.pid, () => true);
  return { here, there };
}

describe('EditLeases', () => {
  it('one holder at a time; free again once released, and only by its holder', () => {
    const { here, there } = twoProcesses({ pid: 200, alive: () => true });
    expect(there.take('kind-3', 'a', 1_000, 31_000)).toBe(true);
    expect(here.take('kind-3', 'b', 2_000, 32_000)).toBe(false);
    // Another list is another lease.
    expect(here.take('kind-10000', 'b', 2_000, 32_000)).toBe(true);
    here.release('kind-3', 'b');
    expect(here.take('kind-3', 'b', 3_000, 33_000)).toBe(false);
    there.release('kind-3', 'a');
    expect(here.take('kind-3', 'b', 4_000, 34_000)).toBe(true);
  });

  it('a lease whose process died is taken at once', () => {
    let alive = true;
    const { here, there } = twoProcesses({ pid: 200, alive: () => alive });
    expect(there.take('kind-3', 'a', 1_000, 31_000)).toBe(true);
    expect(here.take('kind-3', 'b', 2_000, 32_000)).toBe(false);
    alive = false;
    expect(here.take('kind-3', 'b', 2_001, 32_001)).toBe(true);
  });

  it('a lease held on another host (whose processes cannot be seen) lasts until its time', () => {
    const { here, there } = twoProcesses({ host: 'other-host', pid: 200, alive: () => false });
    expect(there.take('kind-3', 'a', 1_000, 31_000)).toBe(true);
    expect(here.take('kind-3', 'b', 30_999, 60_999)).toBe(false);
    expect(here.take('kind-3', 'b', 31_000, 61_000)).toBe(true);
  });

  it('a damaged row holds nothing', () => {
    const { here } = twoProcesses({ pid: 200, alive: () => true });
    const db = dbs[0]!;
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('edit-lease:kind-3', '{"host":');
    expect(here.take('kind-3', 'b', 1_000, 31_000)).toBe(true);
  });
});
