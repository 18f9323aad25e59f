// The one way events enter the cache: the pool hands every verified event (and
// every repeat delivery) here, whichever request asked for it, and it is
// written in batches with the relays that delivered it (issue #19 item 2).
import type { Ingest } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { WriteBuffer } from '../store/write-buffer.js';

export interface CacheIngest extends Ingest {
  /** Writes what is waiting; call before the store closes. */
  flush(): void;
}

/**
 * `store` is asked for on the first event, so a command that never receives
 * one never opens the database. The cache is an optimisation: when it cannot
 * be opened or written, events still flow to whoever asked for them.
 */
export function cacheIngest(store: () => EventStore | undefined): CacheIngest {
  let buffer: WriteBuffer | undefined;
  let broken = false;
  const safely = (write: (buffer: WriteBuffer) => void) => {
    if (broken) return;
    try {
      if (!buffer) {
        const events = store();
        if (!events) return;
        buffer = new WriteBuffer(events);
      }
      write(buffer);
    } catch {
      broken = true;
    }
  };
  return {
    event: (event, relay) => safely((b) => b.add(event, relay)),
    seen: (id, relay) => safely((b) => b.seen(id, relay)),
    flush: () => {
      try {
        buffer?.close();
      } catch {
        // Nothing more can be done for a cache that fails to write.
      }
    },
  };
}
