// The local full-text index (src/store/search.ts): what it finds, and that it
// stays in step with the cache on every write, prune, deletion and replacement.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Event, EventTemplate } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/store/database.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { pendingSearchRows } from '../../src/store/search-backfill.js';
import { manualClock, openTempStore, tempDir } from '../helpers/store.js';

const alice = generateSecretKey();
const bob = generateSecretKey();
const alicePk = getPublicKey(alice);
let at = 1_700_000_000;
const sign = (sk: Uint8Array, template: Partial<EventTemplate>): Event =>
  finalizeEvent({ kind: 1, created_at: at++, tags: [], content: '', ...template }, sk);
const contents = (events: Event[]) => events.map((e) => e.content);
/** Bulk events for size and backfill tests: the store does not verify (that happens before it), so no signing cost. */
const unsigned = (i: number, pubkey: string, content: string, created_at = at++): Event =>
  ({ id: i.toString(16).padStart(64, '0'), pubkey, created_at, kind: 1, tags: [], content, sig: '0'.repeat(128) }) as Event;

describe('local search', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });
  const open = (...args: Parameters<typeof openTempStore>) => {
    const store = openTempStore(...args);
    opened.push(store);
    return store;
  };

  it('finds words whatever their case and accents, newest first, every term required', () => {
    const { events } = open();
    events.putMany([
      sign(alice, { content: 'Bitcoin fixes this' }),
      sign(bob, { content: 'Café talk about bitcoin, naïvely' }),
      sign(bob, { content: 'nothing to see' }),
      sign(alice, { content: 'nostrich is not the word' }),
    ]);
    expect(contents(events.search.notes({ text: 'BITCOIN', limit: 10 }))).toEqual(['Café talk about bitcoin, naïvely', 'Bitcoin fixes this']);
    expect(contents(events.search.notes({ text: 'cafe naively', limit: 10 }))).toEqual(['Café talk about bitcoin, naïvely']);
    expect(contents(events.search.notes({ text: 'bitcoin fixes', limit: 10 }))).toEqual(['Bitcoin fixes this']);
    // Whole words, unless a prefix is asked for.
    expect(events.search.notes({ text: 'nostr', limit: 10 })).toEqual([]);
    expect(contents(events.search.notes({ text: 'nostr*', limit: 10 }))).toEqual(['nostrich is not the word']);
    expect(contents(events.search.notes({ text: 'bitcoin', limit: 1 }))).toEqual(['Café talk about bitcoin, naïvely']);
    expect(contents(events.search.notes({ text: 'bitcoin', limit: 10, authors: [alicePk] }))).toEqual(['Bitcoin fixes this']);
  });

  it('finds CJK text by one, two or more characters, and emoji (skin tones aside)', () => {
    const { events } = open();
    events.putMany([
      sign(alice, { content: '今日は日本でラーメンを食べた' }),
      sign(alice, { content: '我的猫很可爱' }),
      sign(bob, { content: '오늘은세계여행' }),
      sign(bob, { content: 'party time 🎉🎉 with friends👍🏽' }),
      sign(bob, { content: '🇯🇵 trip' }),
    ]);
    const find = (text: string) => contents(events.search.notes({ text, limit: 10 }));
    expect(find('日本')).toEqual(['今日は日本でラーメンを食べた']);
    expect(find('ラーメン')).toEqual(['今日は日本でラーメンを食べた']);
    expect(find('猫')).toEqual(['我的猫很可爱']);
    expect(find('세계')).toEqual(['오늘은세계여행']);
    expect(find('本日')).toEqual([]); // the characters, but not in that order
    expect(find('🎉')).toEqual(['party time 🎉🎉 with friends👍🏽']);
    expect(find('👍')).toEqual(['party time 🎉🎉 with friends👍🏽']);
    expect(find('🇯🇵')).toEqual(['🇯🇵 trip']);
    expect(find('"*) OR (')).toEqual([]); // no FTS5 syntax gets through, and nothing to search for
  });

  it('never returns deleted (NIP-09), expired (NIP-40), pruned, replaced or hidden events', () => {
    const clock = manualClock(1_700_000_100_000);
    const { events } = open({ clock });
    const kept = sign(alice, { content: 'searchable kept' });
    const deleted = sign(alice, { content: 'searchable deleted' });
    const expired = sign(alice, { content: 'searchable expiring', tags: [['expiration', '1700000200']] });
    const muted = sign(bob, { content: 'searchable muted' });
    events.putMany([kept, deleted, expired, muted]);
    events.put(sign(alice, { kind: 5, tags: [['e', deleted.id]] }));
    clock.set(1_700_000_300_000);
    const hide = (event: Event) => event.pubkey === getPublicKey(bob);
    expect(contents(events.search.notes({ text: 'searchable', limit: 10, hide }))).toEqual(['searchable kept']);

    events.put(sign(alice, { kind: 0, content: JSON.stringify({ name: 'oldname' }) }));
    events.put(sign(alice, { kind: 0, content: JSON.stringify({ name: 'newname' }) }));
    expect(events.search.people({ text: 'oldname', limit: 5 })).toEqual([]);
    expect(events.search.people({ text: 'newname', limit: 5 })).toHaveLength(1);

    events.clear();
    expect(events.search.notes({ text: 'searchable', limit: 10 })).toEqual([]);
    expect(events.search.people({ text: 'newname', limit: 5 })).toEqual([]);
  });

  it('drops pruned events from the index', () => {
    const { events, dir } = open({ maxBytes: 400 * 1024 });
    const old = sign(bob, { content: 'ancientword '.repeat(10), created_at: 1_000 });
    events.put(old);
    const filler = Array.from({ length: 800 }, (_, i) => unsigned(i + 1, alicePk, `filler ${i} ${'x'.repeat(400)}`));
    for (let i = 0; i < filler.length; i += 100) events.putMany(filler.slice(i, i + 100));
    expect(events.has(old.id)).toBe(false);
    expect(events.search.notes({ text: 'ancientword', limit: 10 })).toEqual([]);
    // And the index holds no row for anything no longer cached.
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    const orphans = db.prepare(`SELECT COUNT(*) FROM search WHERE rowid NOT IN (SELECT seq FROM events)`).pluck().get();
    db.close();
    expect(orphans).toBe(0);
  });

  it('orders a common word newest first whatever order the events arrived in (matches the plain sort)', () => {
    const { events } = open();
    // 5,000 notes with one word in common, stored in a shuffled order of time (seeded), so
    // arrival order (seq) and time order disagree: the windowed read must still be exact.
    let x = 42;
    const times = Array.from({ length: 5000 }, (_, i) => 1_600_000_000 + i * 7);
    for (let i = times.length - 1; i > 0; i--) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const j = x % (i + 1);
      [times[i], times[j]] = [times[j]!, times[i]!];
    }
    const all = times.map((t, i) => unsigned(100_000 + i, alicePk, `common word ${i % 3 === 0 ? 'rare' : ''}`, t));
    for (let i = 0; i < all.length; i += 1000) events.putMany(all.slice(i, i + 1000));
    const expected = (filter: (e: Event) => boolean, limit: number) =>
      all.filter(filter).sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : 1)).slice(0, limit).map((e) => e.id);
    for (const limit of [1, 50, 3000, 6000]) {
      expect(events.search.notes({ text: 'common', limit }).map((e) => e.id)).toEqual(expected(() => true, limit));
      expect(events.search.notes({ text: 'common rare', limit }).map((e) => e.id)).toEqual(expected((e) => e.content.includes('rare'), limit));
    }
    const until = 1_600_000_000 + 2000 * 7;
    expect(events.search.notes({ text: 'common', limit: 20, until }).map((e) => e.id)).toEqual(expected((e) => e.created_at <= until, 20));
  });

  it('finds people by name, display name or NIP-05, the last word as a prefix', () => {
    const { events } = open();
    events.put(sign(alice, { kind: 0, content: JSON.stringify({ name: 'jack', display_name: 'Jack Dorsey', nip05: 'jack@cash.app', about: 'bitcoin' }) }));
    events.put(sign(bob, { kind: 0, content: JSON.stringify({ name: 'bob', about: 'likes jack' }) }));
    events.put(sign(bob, { kind: 1, content: 'jack' }));
    const names = (text: string) => events.search.people({ text, limit: 10 }).map((e) => (JSON.parse(e.content) as { name: string }).name);
    expect(names('jac')).toEqual(['jack']); // about text is not a name
    expect(names('dorsey')).toEqual(['jack']);
    expect(names('jack@cash.app')).toEqual(['jack']);
    expect(names('bitcoin')).toEqual([]);
  });

  it('indexes a cache from before the index existed on first open, reporting progress', () => {
    const dir = tempDir();
    // A database as the previous version left it: every migration but the search one.
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.exec(MIGRATIONS.slice(0, 4).join(';\n'));
    db.pragma('user_version = 4');
    const insert = db.prepare(`INSERT INTO events (id, pubkey, kind, created_at, d, json) VALUES (?, ?, ?, ?, NULL, ?)`);
    const old = Array.from({ length: 4500 }, (_, i) => unsigned(i + 1, alicePk, `note ${i}${i === 17 ? ' offlineword' : ''}`));
    db.transaction(() => {
      for (const event of old) insert.run(event.id, event.pubkey, event.kind, event.created_at, JSON.stringify(event));
    })();
    db.close();

    const progress: { done: number; total: number }[] = [];
    const store = open({ onIndexProgress: (p) => progress.push(p) }, dir);
    expect(progress[0]).toEqual({ done: 0, total: 4500 });
    expect(progress.at(-1)).toEqual({ done: 4500, total: 4500 });
    expect(progress.length).toBeGreaterThan(2);
    expect(contents(store.events.search.notes({ text: 'offlineword', limit: 10 }))).toEqual(['note 17 offlineword']);
    store.close();
    opened.pop();

    // Done once: the next open has nothing to build.
    const again: unknown[] = [];
    const reopened = open({ onIndexProgress: (p) => again.push(p) }, dir);
    expect(again).toEqual([]);
    expect(reopened.events.search.notes({ text: 'offlineword', limit: 10 })).toHaveLength(1);
    const raw = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(pendingSearchRows(raw)).toBe(0);
    raw.close();
  });
});
