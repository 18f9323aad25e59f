import { useEffect, useMemo, useState } from 'react';
import type { Event } from 'nostr-tools';
import type { QuoteRef } from '../../core/quotes.js';
import { useServices } from '../context.js';

/**
 * Quoted notes (issue #13) for layout: the timeline's own copy when it holds the note, else the
 * quote directory's; re-renders when a batch arrives. Without a directory (some tests) quotes
 * stay short references in the text.
 */
export function useQuotes(eventOf?: (id: string) => Event | undefined) {
  const { quotes } = useServices();
  const [version, setVersion] = useState(0);
  useEffect(() => quotes?.onChange(() => setVersion((v) => v + 1)), [quotes]);
  return useMemo(
    () =>
      quotes
        ? {
            version,
            quoteOf: (ref: QuoteRef): Event | null | undefined => eventOf?.(ref.id) ?? quotes.get(ref.id),
            request: (refs: QuoteRef[]) => quotes.request(refs),
          }
        : undefined,
    [quotes, version, eventOf],
  );
}
