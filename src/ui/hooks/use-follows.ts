import { useEffect, useState } from 'react';
import { sanitizeLine } from '../../core/sanitize.js';
import { useServices } from '../context.js';
import type { StatusMessage } from '../status.js';

export const NO_FOLLOWS_HINT: StatusMessage = { text: 'You follow nobody yet: press f on a note, or run `nostr-tui follow npub…`', tone: 'info' };

/**
 * Whom the user follows (undefined while the lookup runs). `known` is the list
 * start-up already found, so the first frame can show the feed. Following
 * nobody, or a failed lookup, calls `onNone` (the shell shows Global instead).
 * `created`: a key made in this run, which no relay can hold a follow list of, so
 * it follows nobody without asking (a failed lookup would only bury the message
 * saying where the key is stored).
 */
export function useFollows(
  publicKey: string | undefined,
  known: string[] | undefined,
  onNone: (why?: StatusMessage) => void,
  created?: string,
) {
  const services = useServices();
  const [follows, setFollows] = useState<string[] | undefined>(known);
  useEffect(() => {
    let live = true;
    const load = publicKey && publicKey !== created ? services.follows() : Promise.resolve([]);
    load.then(
      (list) => {
        if (!live) return;
        setFollows(list);
        if (list.length === 0) onNone(publicKey ? NO_FOLLOWS_HINT : undefined);
      },
      (error: unknown) => {
        if (!live) return;
        setFollows([]);
        onNone({ text: `could not read your follow list: ${sanitizeLine(String((error as Error)?.message ?? error))}`, tone: 'error' });
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [services, publicKey]);
  return [follows, setFollows] as const;
}
