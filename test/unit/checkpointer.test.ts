// Issue #17: WAL checkpoint steps run in a worker thread with its own connection
// (src/store/checkpointer.ts), so the main thread never waits for the copy and
// the sync. None runs inline: the first is skipped, and so are those asked while
// the worker loads.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backgroundCheckpoints, type Checkpointer } from '../../src/store/checkpointer.js';
import { until } from '../helpers/until.js';

describe('background checkpoints', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const step of cleanup.splice(0).reverse()) step();
  });

  it('copies the WAL into the database file from another thread once loaded; the main thread only asks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-checkpointer-'));
    const file = path.join(dir, 'test.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE notes (text TEXT)');
    const insert = db.prepare('INSERT INTO notes VALUES (?)');
    const write = (n: number) => db.transaction(() => { for (let i = 0; i < n; i++) insert.run('x'.repeat(500)); })();
    let inline = 0;
    const checkpoints: Checkpointer = backgroundCheckpoints(file, () => {
      inline++;
      db.pragma('wal_checkpoint(PASSIVE)');
    });
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => db.close(), () => checkpoints.close());

    write(100);
    checkpoints.step();
    // A command writing a little asks once: nothing runs, here or in a thread.
    expect(inline).toBe(0);
    write(2_000);
    const size = fs.statSync(file).size;
    // A stream asks again: the worker starts, skips the steps asked while it loads, then copies.
    await until(() => {
      checkpoints.step();
      return fs.statSync(file).size > size;
    }, 'the worker to copy the WAL into the file');
    expect(inline).toBe(0);
  });
});
