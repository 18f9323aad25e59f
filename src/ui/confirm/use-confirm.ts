// A yes/no question before a public action that is hard to take back (unlike,
// repost, undo repost, delete): shown in the footer as `repost? y/n`, answered
// by the next key. `y` confirms; any other key (n, Esc, q…) cancels and is
// consumed, so an answer can never fall through to a command.
import { useCallback, useMemo, useRef } from 'react';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { StatusMessage } from '../status.js';

interface Question {
  onYes(): void;
  onNo?(): void;
}

export interface Confirm {
  /** Shows `question` (e.g. "unlike? y/n") and runs `onYes` if the next key is y, else `onNo`. */
  ask(question: string, onYes: () => void, onNo?: () => void): void;
}

export function useConfirm(setStatus: (status: StatusMessage) => void): Confirm {
  // A ref, not state: the key after the one that asked may arrive in the same read,
  // before React renders, and must still meet the question.
  const pending = useRef<Question | undefined>(undefined);
  useKeypress(
    (input, key) => {
      const question = pending.current;
      if (!question) return false;
      pending.current = undefined;
      if (input === 'y' && !key.ctrl && !key.meta) question.onYes();
      else {
        setStatus({ text: 'cancelled', tone: 'info' });
        question.onNo?.();
      }
      return true;
    },
    // Above the screens and the global keys (q must not quit while a question is open).
    { priority: KeyPriority.overlay },
  );
  const ask = useCallback(
    (question: string, onYes: () => void, onNo?: () => void) => {
      pending.current = onNo ? { onYes, onNo } : { onYes };
      setStatus({ text: question, tone: 'info', question: true });
    },
    [setStatus],
  );
  return useMemo(() => ({ ask }), [ask]);
}
