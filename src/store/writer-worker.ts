// The cache's writer thread (issue #17), built to dist/store-writer.cjs: its own
// connection to the database file and the same SqliteEventStore as the main
// thread, so what a stream writes obeys the same rules (NIP-01 replaceables,
// NIP-09 deletions, NIP-40 expirations, the size cap) while commits, file-system
// waits and WAL checkpoints happen here instead of between the UI's frames.
// The protocol is in writer-thread.ts.
import type Database from 'better-sqlite3';
import type { Event } from 'nostr-tools';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { configureConnection, isDamage } from './database.js';
import { SqliteEventStore } from './events.js';
import { appendAll } from './grouped.js';
import { openSqlite } from './sqlite.js';
import { LOADED, STOP, WRITTEN, type WriterData, type WriterMessage, type WriterReply } from './writer-protocol.js';

/** Events per transaction when the thread has fallen behind (see transactions()). */
const TRANSACTION_EVENTS = 2_000;
/**
 * Quiet this long after a write, the thread copies the WAL into the file. Otherwise what a burst
 * left there (up to wal_autocheckpoint's 64 MB) was copied by the last connection to close, the
 * main thread's, as the user quit: 290 ms of a 370 ms quit after a 30,000-note burst.
 */
const IDLE_CHECKPOINT_MS = 1_000;

const data = workerData as WriterData;
const port = parentPort!;
const reply = (message: WriterReply) => port.postMessage(message);
const signal = new Int32Array(data.signal);
/** The main thread's clock at its last message: NIP-40 expirations are judged by it. */
let now = 0;
let db: Database.Database | undefined;
let store: SqliteEventStore | undefined;
/** The checkpoint once quiet (IDLE_CHECKPOINT_MS), put off by every write. */
let idle: ReturnType<typeof setTimeout> | undefined;

yieldToMainThread();
try {
  db = openSqlite(data.file, { fileMustExist: true });
  // Its checkpoints (SQLite's automatic ones) hold up only this thread.
  configureConnection(db);
  store = new SqliteEventStore(db, {
    ...(data.clocked ? { clock: { now: () => now } } : {}),
    maxBytes: data.maxBytes,
    ...(data.ownPubkey === undefined ? {} : { ownPubkey: data.ownPubkey }),
    onDamage: (error) => reply({ damage: error instanceof Error ? error.message : String(error) }),
  });
  reply({ ready: true });
  loaded(1);
} catch (error) {
  db?.close();
  reply({ failed: error instanceof Error ? error.message : String(error) });
  loaded(2);
}

/** A close() that came while this thread loaded waits for this before ending it (writer-thread.ts). */
function loaded(state: 1 | 2): void {
  Atomics.store(signal, LOADED, state);
  Atomics.notify(signal, LOADED);
}

port.on('message', (first: WriterMessage) => {
  // Everything that waited meanwhile is written with it (see transactions()): a commit costs per
  // commit (every index page it touched), so a thread that fell behind catches up in bigger ones.
  const messages = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) messages.push(next.message as WriterMessage);
  const last = messages.at(-1)!;
  now = last.now;
  let error: string | undefined;
  try {
    for (const part of transactions(messages)) {
      // The main thread stopped waiting (it is quitting): the rest is left, finished between transactions.
      if (Atomics.load(signal, STOP) !== 0) break;
      writeAll(part);
    }
  } catch (caught) {
    // Busy past the timeout, or damage the store did not take as such: these batches are lost to
    // the cache (the events themselves are in the timeline); later ones are tried again.
    error = caught instanceof Error ? caught.message : String(caught);
    if (isDamage(caught)) reply({ damage: error });
  }
  const closing = messages.some((message) => message.close);
  if (closing) {
    clearTimeout(idle);
    try {
      store?.close();
      db?.close();
    } catch {
      // Closing a damaged file: the next open finds out.
    }
  } else checkpointWhenIdle();
  for (const message of messages) reply({ done: message.serial, ...(error === undefined ? {} : { error }) });
  // A synchronous flush() on the main thread waits on this (Atomics.wait): written, then woken.
  Atomics.store(signal, WRITTEN, last.serial);
  Atomics.notify(signal, WRITTEN);
  if (closing) port.close();
});

/**
 * Whole messages (a repeat never travels apart from its event) in transactions of about
 * TRANSACTION_EVENTS: big enough that a commit's cost is spread thin, small enough that a
 * write on the main thread (the user's own post) waits for the lock no longer than one.
 */
function* transactions(messages: WriterMessage[]): Generator<WriterMessage[]> {
  let part: WriterMessage[] = [];
  let size = 0;
  for (const message of messages) {
    part.push(message);
    for (const [, list] of message.events) size += list.length;
    if (size >= TRANSACTION_EVENTS) {
      yield part;
      part = [];
      size = 0;
    }
  }
  if (part.length > 0) yield part;
}

function checkpointWhenIdle(): void {
  clearTimeout(idle);
  idle = setTimeout(() => {
    try {
      // PASSIVE: it waits for no reader or writer, and leaves what it cannot copy for later.
      db?.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or closing: the next quiet moment, or the last close, copies it.
    }
  }, IDLE_CHECKPOINT_MS);
  // The port keeps this thread alive while it is wanted, not this timer.
  idle.unref();
}

/** Events per relay, then repeats (marked once their events are stored), in one transaction. */
function writeAll(messages: WriterMessage[]): void {
  const events = new Map<string | undefined, Event[]>();
  const seen = new Map<string, string[]>();
  for (const message of messages) {
    for (const [relay, list] of message.events) appendAll(events, relay, list);
    for (const [relay, ids] of message.seen) appendAll(seen, relay, ids);
  }
  db!.transaction(() => {
    for (const [relay, list] of events) store!.putMany(list, relay);
    for (const [relay, ids] of seen) store!.addSeen(ids, relay);
  }).immediate();
}

/**
 * Linux: this thread runs ten nice steps below the process, as the verify workers do
 * (src/net/background-thread.ts has the measurements): the main thread and V8's collector
 * get the cores first, and a cache that lags a burst is not seen. Elsewhere nothing changes.
 */
function yieldToMainThread(): void {
  try {
    const tid = Number(fs.readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
    os.setPriority(tid, Math.min(19, os.getPriority(tid) + 10));
  } catch {
    // Not Linux, or not allowed: the thread runs at the process's priority.
  }
}
