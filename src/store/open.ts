// The local store: event cache and outbox in one SQLite file in the data directory.
import type { Clock } from '../core/clock.js';
import { closeDatabase, markDamaged, openDatabase } from './database.js';
import { SqliteEventStore } from './events.js';
import { SqliteOutbox } from './outbox.js';

export interface OpenStoreOptions {
  clock: Clock;
  /** Size cap of the event cache, bytes; pruned oldest first. */
  maxBytes?: number;
  /** The user's pubkey (hex): their own events, profile and follow list are never pruned. */
  ownPubkey?: string;
  /** A problem the user should hear about but that did not stop the store (e.g. a damaged file replaced). */
  onWarning?(message: string): void;
}

export interface LocalStore {
  events: SqliteEventStore;
  outbox: SqliteOutbox;
  /** The database file. */
  file: string;
  close(): void;
}

export function openStore(dataDir: string, opts: OpenStoreOptions): LocalStore {
  const { db, file } = openDatabase(dataDir, { clock: opts.clock, ...(opts.onWarning ? { onWarning: opts.onWarning } : {}) });
  let reported = false;
  const events = new SqliteEventStore(db, {
    onDamage(error) {
      markDamaged(file);
      if (reported) return;
      reported = true;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      opts.onWarning?.(`the local cache ${file} is damaged (${reason}); it will be checked and rebuilt on the next start.`);
    },
    ...(opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes }),
    ...(opts.ownPubkey === undefined ? {} : { ownPubkey: opts.ownPubkey }),
  });
  const outbox = new SqliteOutbox(db, opts.clock);
  return {
    events,
    outbox,
    file,
    close() {
      events.close();
      outbox.close();
      closeDatabase(db);
    },
  };
}
