// The one way events enter the cache: the pool hands every verified event (and
// every repeat delivery) here, whichever request asked for it, and it is
// written in batches with the relays that delivered it (issue #19 item 2).
import type { Ingest } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { WriteBuffer } from '../store/write-buffer.js';
import type { Waiting } from '../store/grouped.js';
import type { StoreWriter } from '../store/writer-thread.js';

export interface CacheIngest extends Ingest {
  /** Writes what is waiting; call before the store closes. */
  flush(): void;
}

/**
 * Deliveries written on the main thread before a writer thread is asked for (issue #17): a
 * one-shot command's few never start one; a stream's first thousand are written while it loads.
 */
const THREAD_AFTER = 1_000;

/**
 * `store` is asked for on the first event, so a command that never receives
 * one never opens the database. The cache is an optimisation: when it cannot
 * be opened or written, events still flow to whoever asked for them.
 */
export function cacheIngest(store: () => EventStore | undefined): CacheIngest {
  let events: EventStore | undefined;
  let inline: WriteBuffer | undefined;
  let thread: StoreWriter | undefined;
  let deliveries = 0;
  let broken = false;
  /** A writer thread that failed: what it had not written (sent or not) is written here. */
  const replaceFailed = (open: EventStore) => {
    if (!thread?.failed) return;
    inline ??= new WriteBuffer(open);
    moveInto(inline, thread.unsent());
    thread.close();
    thread = undefined;
  };
  /** The writer thread once it is ready; the main thread's buffer until then, and for good if it fails. */
  const writer = (): WriteBuffer | StoreWriter | undefined => {
    events ??= store();
    if (!events) return undefined;
    replaceFailed(events);
    if (thread?.ready) {
      // What the main thread had not written yet goes first, so repeats still follow their events.
      if (inline) moveInto(thread, inline.unsent());
      inline = undefined;
      return thread;
    }
    if (++deliveries === THREAD_AFTER) thread = events.writerThread?.();
    return (inline ??= new WriteBuffer(events));
  };
  const safely = (write: (writer: WriteBuffer | StoreWriter) => void) => {
    if (broken) return;
    try {
      const target = writer();
      if (target) write(target);
    } catch {
      broken = true;
    }
  };
  return {
    event: (event, relay) => safely((w) => w.add(event, relay)),
    seen: (id, relay) => safely((w) => w.seen(id, relay)),
    flush: () => {
      try {
        // A thread that failed after the last delivery still holds what it never wrote.
        if (events && !broken) replaceFailed(events);
      } catch {
        broken = true;
      }
      for (const open of [thread, inline]) {
        try {
          open?.close();
        } catch {
          // Nothing more can be done for a cache that fails to write.
        }
      }
      thread = undefined;
      inline = undefined;
    },
  };
}

function moveInto(writer: WriteBuffer | StoreWriter, waiting: Waiting): void {
  for (const [relay, list] of waiting.events) for (const event of list) writer.add(event, relay);
  for (const [relay, ids] of waiting.seen) for (const id of ids) writer.seen(id, relay);
}
