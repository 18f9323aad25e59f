// A database set aside (src/store/aside.ts): put back when a new one cannot be opened either, and
// an outbox that could not be read when it was set aside is read again later, and carried over.
import fs from 'node:fs';
import path from 'node:path';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { asideOutboxes, moveAside, putBack, rememberUnread } from '../../src/store/aside.js';
import { closeDatabase, DATABASE_FILE, openDatabase } from '../../src/store/database.js';
import { openStore } from '../../src/store/open.js';
import { SqliteOutbox } from '../../src/store/outbox.js';
import { manualClock, tempDir } from '../helpers/store.js';

const unsent = finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: 'unsent' }, generateSecretKey());

describe('a database set aside', () => {
  it('is put back whole, with its -wal, over a new file that could not be opened', () => {
    const dataDir = tempDir('nostr-tui-aside-');
    const file = path.join(dataDir, DATABASE_FILE);
    fs.writeFileSync(file, 'old database');
    fs.writeFileSync(`${file}-wal`, 'old log');
    const aside = moveAside(file, manualClock());
    // What a failed open of a new database leaves: an empty file and an -shm.
    fs.writeFileSync(file, '');
    fs.writeFileSync(`${file}-shm`, '');
    putBack(aside, file);
    expect(fs.readdirSync(dataDir).sort()).toEqual([DATABASE_FILE, `${DATABASE_FILE}-wal`]);
    expect([fs.readFileSync(file, 'utf8'), fs.readFileSync(`${file}-wal`, 'utf8')]).toEqual(['old database', 'old log']);
  });

  it('whose outbox could not be read is tried again: read now, its unsent events are carried over once', () => {
    const dataDir = tempDir('nostr-tui-aside-');
    const clock = manualClock();
    const old = openStore(dataDir, { clock });
    old.outbox.add(unsent);
    old.close();
    const aside = moveAside(path.join(dataDir, DATABASE_FILE), clock);

    const { db, file } = openDatabase(dataDir, { clock });
    try {
      // As openDatabase records an outbox it could not read (a link or a permission in the way, since removed).
      rememberUnread(db, aside, 'unable to open database file');
      expect(asideOutboxes(db, file)).toEqual({ unread: [], carried: [{ file: aside, count: 1 }] });
      expect(new SqliteOutbox(db, clock).pending().map((entry) => entry.raw)).toEqual([JSON.stringify(unsent)]);
      expect(asideOutboxes(db, file)).toEqual({ unread: [], carried: [] });
    } finally {
      closeDatabase(db);
    }
  });
});
