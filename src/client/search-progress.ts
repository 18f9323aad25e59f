// Progress of the one-time build of the search index (src/store/search-backfill.ts),
// shown where the store's warnings go: updated in place on a terminal, else a
// line when it starts and one when it is done (the UI shows these as notices).
import type { IndexProgress } from '../store/search-backfill.js';

export function indexProgressWriter(stream: NodeJS.WritableStream & { isTTY?: boolean }): (progress: IndexProgress) => void {
  let lastPercent = -1;
  return ({ done, total }) => {
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    const finished = done >= total;
    if (stream.isTTY) {
      if (percent === lastPercent && !finished) return;
      stream.write(`\rnostr-tui: indexing the cache for search: ${percent}% (${done} of ${total} events)${finished ? '\n' : ''}`);
    } else if (done === 0) {
      stream.write(`nostr-tui: indexing ${total} cached events for search (once)…\n`);
    } else if (finished) {
      stream.write(`nostr-tui: search index ready (${total} events).\n`);
    }
    lastPercent = percent;
  };
}
