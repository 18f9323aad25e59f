// The UI's notifications and counts on notes (issue 13), wired from the client
// services: one notifications service per key, opened when first asked (the
// header's unread count asks at start) and kept for the run, so leaving the
// Notifications view does not close the feed the count is read from.
import type { Event, Filter } from 'nostr-tools';
import type { Client } from '../client/client.js';
import { createCounts, type Counts } from '../client/counts.js';
import { createNotifications, type NotificationsService } from '../client/notifications.js';
import { queryPastStalled } from '../client/stalled-relays.js';
import { readUrls, writeUrls } from '../core/relay-spec.js';
import type { EventStore } from '../store/types.js';
import type { FeedLike, NotificationsLike } from './services.js';

export interface NotificationsWiring {
  notifications: NotificationsLike;
  counts: Counts;
  /** The Notifications list as a feed for the view (its close leaves the shared feed open); undefined without a key. */
  feed(): FeedLike | undefined;
  close(): void;
}

export function wireNotifications(deps: {
  client: Client;
  publicKey(): string | undefined;
  events(): EventStore | undefined;
  /** The feeds' window: from when, and how many per relay. */
  window(): { since: number; limit: number };
}): NotificationsWiring {
  const { client } = deps;
  let closed = false;
  let current: { pubkey: string; relays: string; service: NotificationsService } | undefined;
  // The views' listeners, told by whichever service is current (a new key, or new read relays, opens another).
  const listeners = new Set<() => void>();
  const service = (): NotificationsService | undefined => {
    const me = deps.publicKey();
    if (closed || !me) return undefined;
    const relays = client.relays();
    const key = readUrls(relays).join(' ');
    if (current?.pubkey !== me || current.relays !== key) {
      current?.service.close();
      let seen;
      try {
        seen = client.store().notificationsSeen;
      } catch {
        seen = undefined; // The count then lasts for this run only.
      }
      const opened = createNotifications(
        { pool: client.pool(), clock: client.clock, store: deps.events(), seen, me, readRelays: readUrls(relays), noteRelays: writeUrls(relays), stalled: client.stalled },
        deps.window(),
      );
      opened.onChange(() => {
        for (const listener of listeners) listener();
      });
      // Listeners read the new service's count once it is in place.
      if (current) queueMicrotask(() => listeners.forEach((listener) => listener()));
      current = { pubkey: me, relays: key, service: opened };
    }
    return current.service;
  };
  const counts = createCounts({
    me: deps.publicKey,
    cached: (filters: Filter[]) => (closed ? [] : (deps.events()?.query(filters) ?? [])),
    subscribe: (filters: Filter[], onevent: (event: Event) => void) =>
      closed ? { close() {} } : client.pool().subscribe(filters, { onevent: (event) => onevent(event) }, { relays: readUrls(client.relays()) }),
    // The deletion requests of what was counted, from the same relays (a stalled one is not waited for).
    query: async (filters: Filter[]) =>
      closed ? [] : (await queryPastStalled(client.pool(), filters, { relays: readUrls(client.relays()) }, client.stalled)).events,
    clock: client.clock,
  });
  return {
    notifications: {
      unread: (hidden) => service()?.unread(hidden) ?? 0,
      seenAt: () => service()?.seenAt() ?? 0,
      markSeen: (at) => service()?.markSeen(at),
      note: (id) => service()?.note(id),
      requestNotes: (ids) => service()?.requestNotes(ids),
      onChange(listener) {
        listeners.add(listener);
        service();
        return () => void listeners.delete(listener);
      },
    },
    counts,
    feed() {
      const shared = service();
      if (!shared) return undefined;
      return {
        timeline: shared.feed.timeline,
        onChange: (listener) => shared.feed.onChange(listener),
        settled: shared.feed.settled,
        loadOlder: () => shared.feed.loadOlder(),
        close() {},
      };
    },
    close() {
      closed = true;
      current?.service.close();
      counts.close();
    },
  };
}
