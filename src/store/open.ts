// The local store: event cache and outbox in one SQLite file in the data directory.
import type { Clock } from '../core/clock.js';
import { usageError } from '../core/errors.js';
import { sanitizeLine } from '../core/sanitize.js';
import { asideOutboxes, type AsideReport } from './aside.js';
import { closeDatabase, markDamaged, openDatabase } from './database.js';
import { SqliteDelivery } from './delivery.js';
import { CacheOrder } from './cache-order.js';
import { DmReadMarks } from './dm-read.js';
import { SqliteEventStore } from './events.js';
import { SqliteOutbox } from './outbox.js';
import { RelayInfoCache } from './relay-info.js';
import { NotificationsSeen } from './notifications-seen.js';
import { RelayStalls } from './relay-stalls.js';
import { EditLeases } from './edit-leases.js';
import { buildSearchIndex, type IndexProgress } from './search-backfill.js';

export interface OpenStoreOptions {
  clock: Clock;
  /** Size cap of the event cache, bytes; pruned oldest first. */
  maxBytes?: number;
  /** The user's pubkey (hex): their own events, profile and follow list are never pruned. */
  ownPubkey?: string;
  /** A problem the user should hear about but that did not stop the store (e.g. a damaged file replaced). */
  onWarning?(message: string): void;
  /** Building the full-text index for events cached before it existed (once, on the first open after the upgrade). */
  onIndexProgress?(progress: IndexProgress): void;
}

export interface LocalStore {
  events: SqliteEventStore;
  outbox: SqliteOutbox;
  /** What relays delivered, for the outbox planner. */
  delivery: SqliteDelivery;
  /** Relays' NIP-11 limits, as last fetched. */
  relayInfo: RelayInfoCache;
  /** The newest notification the user has seen (the header's unread count). */
  notificationsSeen: NotificationsSeen;
  /** Private messages already read (rumor ids only). */
  dmRead: DmReadMarks;
  /** The order events entered the cache (private messages written in one second). */
  cacheOrder: CacheOrder;
  /** When each relay last stalled, for the next run's waits. */
  relayStalls: RelayStalls;
  /** Which process is editing which of the user's lists (one at a time). */
  editLeases: EditLeases;
  /** The database file. */
  file: string;
  /** Databases set aside whose outbox could not be read, tried again (src/store/aside.ts). */
  setAside(): AsideReport;
  close(): void;
}

/**
 * The cache's size cap from `NOSTR_TUI_CACHE_MB` (megabytes), or undefined for
 * the default. A value that is not a positive number is a usage error naming it.
 */
export function cacheCapFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.NOSTR_TUI_CACHE_MB;
  if (raw === undefined || raw.trim() === '') return undefined;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) {
    throw usageError(`NOSTR_TUI_CACHE_MB must be a number of megabytes above 0, like 500 (it is "${sanitizeLine(raw.slice(0, 40))}")`);
  }
  return Math.round(mb * 1024 * 1024);
}

const DELIVERED_KEPT_MS = 30 * 86_400_000;

export function openStore(dataDir: string, opts: OpenStoreOptions): LocalStore {
  const { db, file } = openDatabase(dataDir, { clock: opts.clock, ...(opts.onWarning ? { onWarning: opts.onWarning } : {}) });
  let reported = false;
  const events = new SqliteEventStore(db, {
    clock: opts.clock,
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
  try {
    // Events cached before the search index existed (src/store/search-backfill.ts).
    buildSearchIndex(db, opts.onIndexProgress);
  } catch {
    // Busy (another process writing) or damaged: the rest is indexed on a later open.
  }
  const outbox = new SqliteOutbox(db, opts.clock);
  try {
    // Delivered entries are kept a while, then dropped; a housekeeping failure stops nothing.
    outbox.forgetDelivered(opts.clock.now() - DELIVERED_KEPT_MS);
  } catch {
    // Busy (another process writing) or damaged: the next start tries again.
  }
  return {
    events,
    outbox,
    delivery: new SqliteDelivery(db),
    relayInfo: new RelayInfoCache(db, opts.clock),
    notificationsSeen: new NotificationsSeen(db),
    dmRead: new DmReadMarks(db, opts.clock),
    cacheOrder: new CacheOrder(db),
    relayStalls: new RelayStalls(db),
    editLeases: new EditLeases(db),
    file,
    setAside: () => asideOutboxes(db, file),
    close() {
      events.close();
      outbox.close();
      closeDatabase(db);
    },
  };
}
