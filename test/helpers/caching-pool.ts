// The real pool caching what it receives through the client's one ingest path
// (src/client/ingest.ts), as the client wires it: close() writes what waits.
import { cacheIngest } from '../../src/client/ingest.js';
import { createPool, type PoolOptions } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import type { EventStore } from '../../src/store/types.js';

export function cachingPool(events: EventStore, opts: PoolOptions): RelayPool & { flushCache(): void } {
  const ingest = cacheIngest(() => events);
  const pool = createPool({ ...opts, ingest });
  const close = pool.close.bind(pool);
  return Object.assign(pool, {
    flushCache: () => ingest.flush(),
    close: async () => {
      await close();
      ingest.flush();
    },
  });
}
