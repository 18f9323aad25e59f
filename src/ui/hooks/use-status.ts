// The footer's message. A y/n question (src/ui/confirm/use-confirm.ts) stays until its key: a
// message from work still running when it was asked (a post's relays answering after its composer
// closed) waits behind it, so the user never answers a question no longer on screen. A message
// longer than one row takes both until the next key (StatusMessage.seen).
import { useCallback, useRef, useState, type SetStateAction } from 'react';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { StatusMessage } from '../status.js';

export function useStatus(initial: () => StatusMessage | undefined) {
  const [status, show] = useState(initial);
  /** The last message that came while a question waited for its key. */
  const held = useRef<StatusMessage | undefined>(undefined);
  const setStatus = useCallback(
    (next: SetStateAction<StatusMessage | undefined>) =>
      show((shown) => {
        const value = typeof next === 'function' ? next(shown) : next;
        if (!shown?.question || shown.seen || !value || value.question || value === shown) return value;
        held.current = value;
        return shown;
      }),
    [],
  );
  // Sees every key first and takes none: the question's key is its answer, which says what
  // follows (the action's own message, or "cancelled"); a message held behind it shows until then.
  useKeypress(
    () => {
      const waiting = held.current;
      held.current = undefined;
      show((shown) => (waiting && shown?.question ? { ...waiting, seen: true } : shown && !shown.seen ? { ...shown, seen: true } : shown));
      return false;
    },
    { priority: KeyPriority.first, paste: true },
  );
  return [status, setStatus] as const;
}
