// Issue #17: a stream is written to the cache by a thread with its own connection
// (src/store/writer-thread.ts, writer-worker.ts), so no commit or file-system wait
// holds the UI. The first deliveries are written on the main thread while the
// thread loads; the thread writes by the same rules; flush() returns only once
// everything is written, and close() at most a second for a backlog; a thread that
// cannot start leaves the main thread writing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { Event } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { cacheIngest } from '../../src/client/ingest.js';
import type { Db } from '../../src/store/database.js';
import type { SqliteEventStore } from '../../src/store/events.js';
import { startWriterThread, type StoreWriter } from '../../src/store/writer-thread.js';
import { manualClock, tempStores } from '../helpers/store.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
let counter = 0;
const note = (extra: Partial<Event> = {}): Event => ({
  id: (++counter).toString(16).padStart(64, '0'),
  pubkey: 'b'.repeat(64),
  created_at: NOW - 1_000 + (counter % 500),
  kind: 1,
  tags: [],
  content: `note ${counter}`,
  sig: 'c'.repeat(128),
  ...extra,
});

/** The store, with the writer thread it hands out and the events its main-thread connection wrote. */
function watched(events: SqliteEventStore) {
  const seen = { threads: [] as StoreWriter[], mainThreadWrites: 0 };
  const putMany = events.putMany.bind(events);
  const writerThread = events.writerThread.bind(events);
  events.putMany = (batch, relay) => ((seen.mainThreadWrites += batch.length), putMany(batch, relay));
  events.writerThread = () => {
    const thread = writerThread();
    if (thread) seen.threads.push(thread);
    return thread;
  };
  return seen;
}

/** The main thread's connection's automatic checkpoint, in pages (0: off). */
const autoCheckpoint = (events: SqliteEventStore) =>
  (events as unknown as { db: Db }).db.pragma('wal_autocheckpoint', { simple: true }) as number;

/** Takes the write lock of the database at argv[1], says so, holds it argv[2] ms, commits. */
const LOCK_HOLDER = `
const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
const db = new Database(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
`;

/**
 * The WAL-index (the -shm file, https://sqlite.org/walformat.html): frames in the WAL (mxFrame,
 * byte 16 of the header) and frames already copied into the database file (nBackfill, byte 96),
 * read without a connection, which would checkpoint as it closes.
 */
function walIndex(file: string): { frames: number; copied: number } {
  const shm = fs.readFileSync(`${file}-shm`);
  const u32 = os.endianness() === 'LE' ? (at: number) => shm.readUInt32LE(at) : (at: number) => shm.readUInt32BE(at);
  return { frames: u32(16), copied: u32(96) };
}

/** Has another process take the write lock of the database `file` for `ms`; resolves once it holds it. */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<unknown> }> {
  const holder = spawn(process.execPath, ['-e', LOCK_HOLDER, file, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise((resolve) => holder.on('exit', resolve));
  await new Promise((resolve) => holder.stdout.once('data', resolve));
  // In an object: an async function returning the promise itself would wait for it.
  return { released };
}

describe('the cache writer thread', () => {
  const open = tempStores();
  /** A store and a writer thread of its own, loaded. */
  const readyThread = async () => {
    const store = open({ clock: manualClock(NOW * 1000) });
    const thread = startWriterThread({ file: store.file, maxBytes: 1 << 30, onDamage: () => {} })!;
    await until(() => thread.ready, 'the writer thread to load');
    return { store, thread };
  };

  it('writes a stream past its first thousand deliveries on its own connection; flush() returns once all is written', async () => {
    const store = open({ clock: manualClock(NOW * 1000) });
    const seen = watched(store.events);
    const ingest = cacheIngest(() => store.events);
    const notes = Array.from({ length: 3_000 }, () => note());
    notes.slice(0, 1_000).forEach((event, i) => ingest.event(event, i % 2 ? 'wss://one' : 'wss://two'));
    expect(seen.threads).toHaveLength(1);
    await until(() => seen.threads[0]!.ready, 'the writer thread to load');
    // The first delivery after it is ready switches: what waited on the main thread is written first.
    notes.slice(1_000).forEach((event) => ingest.event(event, 'wss://one'));
    // While the thread writes, only its commits checkpoint: a rare main-thread commit never does.
    expect(autoCheckpoint(store.events)).toBe(0);
    ingest.seen(notes[2_999]!.id, 'wss://three');
    ingest.seen(notes[0]!.id, 'wss://three');
    ingest.flush();
    expect(autoCheckpoint(store.events)).toBe(16_384);
    // Not one of the last 2,000 went through the main thread's connection (nor those of the first
    // thousand it had not written when the thread was ready: the thread took them).
    expect(seen.mainThreadWrites).toBeLessThanOrEqual(1_000);
    expect(notes.filter((e) => !store.events.has(e.id))).toEqual([]);
    const relays = store.events.relaysOf([notes[0]!.id, notes[1]!.id, notes[2_999]!.id]);
    expect(relays.get(notes[0]!.id)).toEqual(['wss://two', 'wss://three']);
    expect(relays.get(notes[1]!.id)).toEqual(['wss://one']);
    expect(relays.get(notes[2_999]!.id)).toEqual(['wss://one', 'wss://three']);
  });

  it('writes by the same rules as the main thread: NIP-09 deletions, NIP-01 replaceables, NIP-40 expirations by the main clock', async () => {
    const store = open({ clock: manualClock(NOW * 1000) });
    const seen = watched(store.events);
    const ingest = cacheIngest(() => store.events);
    const filler = Array.from({ length: 1_000 }, () => note());
    const early = note();
    const profileNew = note({ kind: 0, created_at: NOW - 10, content: '{"name":"new"}' });
    filler.forEach((event) => ingest.event(event, 'wss://one'));
    ingest.event(early, 'wss://one');
    ingest.event(profileNew, 'wss://one');
    await until(() => seen.threads[0]?.ready, 'the writer thread to load');
    const late = note();
    const deletion = note({ kind: 5, tags: [['e', early.id], ['e', late.id]] });
    const profileOld = note({ kind: 0, created_at: NOW - 20, content: '{"name":"old"}' });
    const expired = note({ tags: [['expiration', String(NOW - 1)]] });
    const current = note({ tags: [['expiration', String(NOW + 60)]] });
    for (const event of [deletion, late, profileOld, expired, current]) ingest.event(event, 'wss://one');
    ingest.flush();
    expect(seen.mainThreadWrites).toBeLessThanOrEqual(1_002);
    expect(store.events.has(deletion.id)).toBe(true);
    // Stored by the main thread before the request, removed by the thread; named before it arrived, never stored.
    expect(store.events.has(early.id)).toBe(false);
    expect(store.events.has(late.id)).toBe(false);
    expect(store.events.query([{ kinds: [0], authors: ['b'.repeat(64)] }]).map((e) => e.content)).toEqual(['{"name":"new"}']);
    expect(store.events.has(expired.id)).toBe(false);
    expect(store.events.has(current.id)).toBe(true);
    // And the main thread's connection knows of the request the thread stored.
    expect(store.events.put(note({ id: early.id }))).toBe(false);
  });

  it('copies the WAL into the file once quiet, so the last close (a quit) has little left to copy', async () => {
    const { store, thread } = await readyThread();
    Array.from({ length: 2_000 }, () => note()).forEach((event) => thread.add(event, 'wss://one'));
    thread.flush();
    // Far below the automatic checkpoint (16,384 pages), which would otherwise copy it.
    expect(walIndex(store.file).frames).toBeGreaterThan(100);
    await until(() => {
      const { frames, copied } = walIndex(store.file);
      return copied === frames;
    }, 'the WAL copied into the file');
    thread.close();
  });

  it('closing waits at most a second for a backlog, then the thread stops after its current transaction', async () => {
    const { store, thread } = await readyThread();
    // Another process holds SQLite's write lock for 3 s: the thread's first transaction waits for it.
    const { released } = await holdWriteLock(store.file, 3_000);
    const notes = Array.from({ length: 2_500 }, () => note());
    notes.forEach((event) => thread.add(event, 'wss://one'));
    thread.close();
    await released;
    // The first 500 (one message, or the first 2,000 in one transaction) were written once the lock was free;
    // the last message's were not: the main thread had stopped waiting.
    expect(store.events.has(notes[0]!.id)).toBe(true);
    expect(store.events.has(notes[499]!.id)).toBe(true);
    expect(store.events.has(notes[2_499]!.id)).toBe(false);
  });

  it('hands back, after it dies, the batches it was sent and never confirmed, ahead of what still waits', async () => {
    const { store, thread } = await readyThread();
    // Another process holds the write lock, so the first batch (500) stays unwritten in the thread.
    const { released } = await holdWriteLock(store.file, 1_000);
    const notes = Array.from({ length: 600 }, () => note());
    notes.forEach((event) => thread.add(event, 'wss://one'));
    thread.seen(notes[0]!.id, 'wss://two');
    // The thread dies as a crash would end it: from outside, in the middle of its work.
    void (thread as unknown as { worker: Worker }).worker.terminate();
    await until(() => thread.failed, 'the thread to die');
    await released;
    const lost = thread.unsent();
    expect(lost.events.flatMap(([, list]) => list).map((e) => e.id)).toEqual(notes.map((e) => e.id));
    expect(lost.seen).toEqual([['wss://two', [notes[0]!.id]]]);
    expect(thread.unsent()).toEqual({ events: [], seen: [] });
    // Written again on the main thread's connection, nothing is missing.
    for (const [relay, list] of lost.events) store.events.putMany(list, relay);
    expect(notes.filter((e) => !store.events.has(e.id))).toEqual([]);
    thread.close();
  });

  it('writes on the main thread, at flush, what a thread that died after the last delivery never wrote', async () => {
    const store = open({ clock: manualClock(NOW * 1000) });
    const seen = watched(store.events);
    const ingest = cacheIngest(() => store.events);
    const notes = Array.from({ length: 1_600 }, () => note());
    notes.slice(0, 1_000).forEach((event) => ingest.event(event, 'wss://one'));
    await until(() => seen.threads[0]?.ready && notes.slice(0, 1_000).every((e) => store.events.has(e.id)), 'the first thousand written and the thread loaded');
    // The thread is given the rest while another process holds the write lock, and dies before writing it.
    const { released } = await holdWriteLock(store.file, 1_000);
    notes.slice(1_000).forEach((event) => ingest.event(event, 'wss://one'));
    void (seen.threads[0] as unknown as { worker: Worker }).worker.terminate();
    await until(() => seen.threads[0]!.failed, 'the thread to die');
    await released;
    ingest.flush();
    expect(notes.filter((e) => !store.events.has(e.id))).toEqual([]);
  });

  it('leaves the main thread writing when the thread cannot open the file, and hands back what it was not sent', async () => {
    const store = open({ clock: manualClock(NOW * 1000) });
    const thread = startWriterThread({ file: `${store.dir}/missing.db`, maxBytes: 1 << 20, onDamage: () => {} })!;
    const waiting = note();
    thread.add(waiting, 'wss://one');
    thread.seen(waiting.id, 'wss://two');
    await until(() => thread.failed, 'the thread to fail');
    expect(thread.ready).toBe(false);
    thread.flush(); // returns at once: nothing to wait for
    expect(thread.unsent()).toEqual({ events: [['wss://one', [waiting]]], seen: [['wss://two', [waiting.id]]] });
    thread.close();

    let failing: StoreWriter | undefined;
    store.events.writerThread = () => {
      // As the store's own: the main connection's automatic checkpoints wait until the thread is closed.
      const onClose = store.events.pauseAutoCheckpoint();
      return (failing = startWriterThread({ file: `${store.dir}/missing.db`, maxBytes: 1 << 20, onDamage: () => {}, onClose }));
    };
    const ingest = cacheIngest(() => store.events);
    const notes = Array.from({ length: 1_500 }, () => note());
    notes.slice(0, 1_000).forEach((event) => ingest.event(event, 'wss://one'));
    await until(() => failing?.failed, 'the thread to fail');
    notes.slice(1_000).forEach((event) => ingest.event(event, 'wss://one'));
    ingest.flush();
    expect(notes.filter((e) => !store.events.has(e.id))).toEqual([]);
    expect(autoCheckpoint(store.events)).toBe(16_384);
  });
});
