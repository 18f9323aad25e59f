// One keypress provider for the whole app: a single ink useInput, and handlers
// registered with a priority. The highest-priority active handler sees a key
// first; returning true consumes it, false passes it down.
import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => boolean;

interface Registration {
  priority: number;
  handler: { current: KeyHandler };
}

const KeypressContext = createContext<Set<Registration> | undefined>(undefined);

export function KeypressProvider({ children }: { children: ReactNode }) {
  const registry = useRef(new Set<Registration>()).current;
  useInput((input, key) => {
    const dispatch = (i: string, k: Key) => {
      const ordered = [...registry].sort((a, b) => b.priority - a.priority);
      for (const { handler } of ordered) if (handler.current(i, k)) return true;
      return false;
    };
    if (dispatch(input, key)) return;
    // Several keys read at once (auto-repeat while busy, "jjj", two Tabs) reach Ink as
    // one string, which it reports like a paste; outside the composer they are keys.
    const chars = [...input];
    if (chars.length > 1) for (const char of chars) dispatch(char, plainKey(char));
  });
  return <KeypressContext.Provider value={registry}>{children}</KeypressContext.Provider>;
}

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

/** The Key Ink would have reported for this one character typed alone. */
function plainKey(char: string): Key {
  return {
    ...noKey,
    tab: char === '\t',
    return: char === '\r',
    delete: char === '\u007f',
    backspace: char === '\b',
    shift: /^[A-Z]$/.test(char),
  };
}

/** Priorities: the composer types over everything, overlays over screens, screens over globals. */
export const KeyPriority = { global: 0, screen: 10, overlay: 50, offer: 90, composer: 100 } as const;

export function useKeypress(handler: KeyHandler, opts: { priority: number; isActive?: boolean }): void {
  const registry = useContext(KeypressContext);
  if (!registry) throw new Error('useKeypress outside <KeypressProvider>');
  const ref = useRef(handler);
  ref.current = handler;
  const active = opts.isActive ?? true;
  // A layout effect: the handler is in place before the frame that shows its
  // screen is written, so keys typed right after that frame are never lost.
  useLayoutEffect(() => {
    if (!active) return;
    const registration: Registration = { priority: opts.priority, handler: ref };
    registry.add(registration);
    return () => void registry.delete(registration);
  }, [registry, active, opts.priority]);
}
