// The event cache's edges the mutation run found untested (npm run mutate,
// src/store/events.ts): filters that can match nothing beside ones that can,
// pruning exactly the excess, `cache clear` giving the space back, the
// stepwise checkpoint, and what counts as damage (and what is answered then).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../src/store/database.js';
import { SqliteEventStore } from '../../src/store/events.js';
import { openStore } from '../../src/store/open.js';
import { until } from '../helpers/until.js';
import { manualClock, openTempStore, tempDir, tempStores } from '../helpers/store.js';

const alice = 'a'.repeat(64);
const bob = 'b'.repeat(64);
/** The store does not verify, so these need no real signature. */
const event = (n: number, pubkey = bob, kind = 1, tags: string[][] = []): Event => ({
  id: n.toString(16).padStart(64, '0'),
  pubkey,
  created_at: 1_700_000_000 + n,
  kind,
  tags,
  content: `note ${n} `.repeat(80),
  sig: 'c'.repeat(128),
});
const range = (from: number, count: number, pubkey = bob) => Array.from({ length: count }, (_, i) => event(from + i, pubkey));

describe('event cache, exactly', () => {
  const open = tempStores();

  it('a filter that can match nothing leaves the other filters of a query, and authorsFrom, answering', () => {
    const { events } = open();
    events.putMany([event(1, alice), event(2, bob, 7)], 'wss://a.example');
    expect(events.query([{ ids: [] }, { kinds: [1] }]).map((e) => e.id)).toEqual([event(1).id]);
    expect(events.query([{ kinds: [7] }, { search: 'note' }, { kinds: [1] }]).map((e) => e.id)).toEqual([event(2).id, event(1).id]);
    expect(events.authorsFrom({ authors: [alice, bob], kinds: [] }, 'wss://a.example')).toEqual(new Set());
    expect(events.authorsFrom({ authors: [alice, bob], kinds: [1] }, 'wss://a.example')).toEqual(new Set([alice]));
  });

  it('prune removes nothing while the cache is within the target, and about the excess (oldest first) past it', () => {
    const { events } = open();
    const all = range(1, 1000);
    events.putMany(all);
    const used = events.stats().bytes;
    expect(events.prune(used * 2)).toBe(0);
    expect(events.prune(used)).toBe(0);
    expect(events.stats().events).toBe(1000);

    // A tenth too much: about a tenth of the events go (the estimate is per average event).
    const removed = events.prune(Math.floor(used * 0.9));
    expect(removed).toBeGreaterThanOrEqual(90);
    expect(removed).toBeLessThanOrEqual(110);
    expect(events.stats().events).toBe(1000 - removed);
    const left = events.query([{}]).map((e) => e.id);
    expect(left).toEqual(
      all
        .slice(removed)
        .reverse()
        .map((e) => e.id),
    );
  });

  it('a write prunes only once the cache is past its cap, not as soon as it is past the 90 % it prunes down to', () => {
    const dir = tempDir();
    const first = openTempStore({}, dir);
    first.events.putMany(range(1, 1000));
    const used = first.events.stats().bytes;
    first.close();
    // Reopened with a cap the cache is just under (past 90 % of it): writes keep everything.
    const second = open({ maxBytes: Math.floor(used / 0.95) }, dir);
    expect(second.events.putMany(range(2000, 3))).toBe(3);
    expect(second.events.stats().events).toBe(1003);
  });

  it('cache clear gives the space back to the disk: the file shrinks and the write-ahead log is emptied', () => {
    const store = open();
    store.events.putMany(range(1, 1500));
    const before = store.events.stats().fileBytes;
    expect(before).toBeGreaterThan(1024 * 1024);
    expect(store.events.clear()).toBe(1500);
    const after = store.events.stats();
    expect(after.events).toBe(0);
    expect(after.fileBytes).toBeLessThan(before / 10);
    expect(fs.statSync(`${store.file}-wal`).size).toBe(0);
  });

  it('checkpointStep: the first is skipped (a one-shot command), a stream\'s next ones copy the write-ahead log into the file', async () => {
    const store = open();
    store.events.putMany(range(1, 300));
    const before = fs.statSync(store.file).size;
    store.events.checkpointStep();
    expect(fs.statSync(store.file).size).toBe(before);
    // From a worker thread (src/store/checkpointer.ts): steps asked while it loads are skipped.
    await until(() => {
      store.events.checkpointStep();
      return fs.statSync(store.file).size > before + 300 * 500;
    }, 'a checkpoint step to copy the log');
  });
});

describe('what the event cache counts as damage', () => {
  it('an unreadable stored event is damage: reported when someone listens, thrown as it is otherwise', () => {
    const dir = tempDir();
    const { db } = openDatabase(dir, { clock: manualClock() });
    try {
      const reported: unknown[] = [];
      const listening = new SqliteEventStore(db, { onDamage: (error) => reported.push(error) });
      const deaf = new SqliteEventStore(db);
      listening.putMany([event(1), event(2)]);
      db.prepare(`UPDATE events SET json = '{"id":' WHERE id = ?`).run(event(1).id);
      expect(listening.query([{}])).toEqual([]);
      expect(reported).toHaveLength(1);
      expect(reported[0]).toBeInstanceOf(SyntaxError);
      expect(() => deaf.query([{}])).toThrow(SyntaxError);
    } finally {
      db.close();
    }
  });

  it('a mistake that is not damage (a closed database) is thrown, not reported as damage', () => {
    const dir = tempDir();
    const { db } = openDatabase(dir, { clock: manualClock() });
    const reported: unknown[] = [];
    const events = new SqliteEventStore(db, { onDamage: (error) => reported.push(error) });
    events.putMany([event(1)]);
    db.close();
    expect(() => events.query([{}])).toThrow(/not open/);
    expect(() => events.has(event(1).id)).toThrow(/not open/);
    expect(reported).toEqual([]);
  });

  it('damaged pages met by has() and relaysOf() answer as an empty cache would', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    const first = openStore(dir, { clock: manualClock() });
    const stored = range(1, 20);
    first.events.putMany(stored, 'wss://a.example');
    first.close();
    // Garbage over the root page of the index on events.id, which both look-ups use.
    const raw = new Database(file, { readonly: true });
    const root = raw.prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NULL`).pluck().get() as number;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);

    const warnings: string[] = [];
    const second = openStore(dir, { clock: manualClock(), onWarning: (m) => warnings.push(m) });
    try {
      expect(second.events.has(stored[3]!.id)).toBe(false);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/is damaged/);
      expect(second.events.relaysOf([stored[3]!.id, stored[4]!.id])).toEqual(new Map());
    } finally {
      second.close();
    }
  });
});
