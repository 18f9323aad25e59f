// Issue #17: WAL checkpoint steps run in a worker thread with its own connection
// (src/store/checkpointer.ts), so the main thread never waits for the copy and
// the sync. The first step, and any before the worker has loaded, run inline.
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
    expect(inline).toBe(1); // a command writing a little: one step, no thread
    // Later steps start the worker; until it has loaded they still run here.
    await until(() => {
      const before = inline;
      checkpoints.step();
      return inline === before;
    }, 'the worker to take a step');
    const before = inline;
    write(2_000);
    const size = fs.statSync(file).size;
    checkpoints.step();
    expect(inline).toBe(before);
    await until(() => fs.statSync(file).size > size, 'the worker to copy the WAL into the file');
  });
});
