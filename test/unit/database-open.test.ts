// A database is opened in WAL mode with synchronous = NORMAL, whether it was just created (whose
// switch to WAL runs unsynced: src/store/database.ts) or opened again.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { manualClock, tempDir } from '../helpers/store.js';

describe('openDatabase', () => {
  it('leaves a new database, and a reopened one, in WAL mode with synchronous = NORMAL', () => {
    const dataDir = path.join(tempDir('nostr-tui-open-'), 'data');
    for (const start of ['new', 'again']) {
      const { db } = openDatabase(dataDir, { clock: manualClock() });
      expect([start, db.pragma('journal_mode', { simple: true }), db.pragma('synchronous', { simple: true })]).toEqual([start, 'wal', 1]);
      closeDatabase(db);
    }
  });
});
