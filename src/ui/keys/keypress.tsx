// One keypress provider for the whole app. It reads what Ink reads from the
// terminal, splits each read into keys (./parse.ts) and hands them out ONE AT A
// TIME to the handlers registered with a priority: the highest-priority active
// handler sees a key first; returning true consumes it, false passes it down.
// After a key a handler took, the next key waits until React has committed the
// render it caused (every component with a key handler reports its commits), so
// handlers are re-registered and read fresh state: a key that opens a screen
// sends the rest of the same read to that screen, "jr" replies to the next note.
// Text typed into a field (the handler answers 'text') needs no wait, so keys typed
// ahead into the composer cost one render, not one per character.
import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useStdin, type Key } from 'ink';
import { KeyParser, type KeyEvent } from './parse.js';

/** true: consumed; false: pass it on; 'text': consumed as text, nothing else changed. */
export type KeyHandler = (input: string, key: Key, event: KeyEvent) => boolean | 'text';

interface Registration {
  priority: number;
  /** Whether this handler takes bracketed pastes (only text fields do). */
  paste: boolean;
  handler: { current: KeyHandler };
}

interface Keypress {
  registry: Set<Registration>;
  /** Called by every key-handling component after each of its commits. */
  committed(): void;
  /** Resolves once React has committed the render the last key caused, or found none to do. */
  settled(): Promise<void>;
  /** Offers one key to the handlers in force now; what the one that took it answered. */
  dispatch(event: KeyEvent): boolean | 'text';
}

const KeypressContext = createContext<Keypress | undefined>(undefined);

function createKeypress(): Keypress {
  const registry = new Set<Registration>();
  let commits = 0;
  return {
    registry,
    committed() {
      commits++;
    },
    // React renders an update in a task of its scheduler (an immediate, queued from a
    // microtask; under load it may yield and queue the rest for a later turn). Turns of
    // the event loop are taken until a commit is seen, or for a few turns when none comes
    // (the key changed nothing): never a guessed time.
    async settled() {
      const before = commits;
      for (let turn = 0; turn < SETTLE_TURNS && commits === before; turn++) await new Promise((resolve) => setImmediate(resolve));
    },
    dispatch(event) {
      const ordered = [...registry].sort((a, b) => b.priority - a.priority);
      for (const { handler, paste } of ordered) {
        // A paste outside a text field is never a string of commands.
        if (event.paste && !paste) continue;
        const taken = handler.current(event.input, event.key, event);
        if (taken) return taken;
      }
      return false;
    },
  };
}

export function KeypressProvider({ children }: { children: ReactNode }) {
  const { internal_eventEmitter: emitter, setRawMode, isRawModeSupported } = useStdin();
  const keypress = useRef<Keypress | undefined>(undefined);
  keypress.current ??= createKeypress();
  // Ink has already cut each read at escape sequences (and held a trailing ESC for a
  // moment); the parser joins the pieces again where a sequence or a paste spans them.
  useLayoutEffect(() => {
    const { dispatch, settled } = keypress.current!;
    const parser = new KeyParser();
    let timer: NodeJS.Timeout | undefined;
    let live = true;
    const queue: KeyEvent[] = [];
    let draining = false;
    const drain = async () => {
      if (draining) return;
      draining = true;
      try {
        while (live && queue.length > 0) {
          const taken = dispatch(queue.shift()!);
          // A key that acted waits for its render before the next is dispatched, also one that
          // arrives later in its own read: until then the handlers still see the state before it
          // (j then l, read apart, liked the note j had left).
          if (taken === true) await settled();
        }
      } finally {
        draining = false;
      }
    };
    const deliver = (events: KeyEvent[]) => {
      if (events.length === 0) return;
      queue.push(...events);
      void drain();
    };
    const onInput = (data: string) => {
      clearTimeout(timer);
      deliver(parser.push(data));
      const wait = parser.pending();
      if (wait !== undefined) timer = setTimeout(() => deliver(parser.flush()), wait);
    };
    if (isRawModeSupported) setRawMode(true);
    emitter.on('input', onInput);
    return () => {
      live = false;
      clearTimeout(timer);
      emitter.off('input', onInput);
      if (isRawModeSupported) setRawMode(false);
    };
  }, [emitter, setRawMode, isRawModeSupported]);
  return <KeypressContext.Provider value={keypress.current}>{children}</KeypressContext.Provider>;
}

/** Event-loop turns a key waits for the render of the key before it (one that changed nothing renders nothing). */
const SETTLE_TURNS = 10;

/**
 * Priorities: the composer types over everything, overlays over screens, screens over globals;
 * `first` sees every key before them all, and must take none.
 */
export const KeyPriority = { global: 0, screen: 10, overlay: 50, offer: 90, composer: 100, first: 1000 } as const;

export function useKeypress(handler: KeyHandler, opts: { priority: number; isActive?: boolean; paste?: boolean }): void {
  const keypress = useContext(KeypressContext);
  if (!keypress) throw new Error('useKeypress outside <KeypressProvider>');
  const ref = useRef(handler);
  ref.current = handler;
  const active = opts.isActive ?? true;
  const paste = opts.paste ?? false;
  // Every commit of this component: a key waiting for the last key's render may go on.
  useLayoutEffect(() => keypress.committed());
  // A layout effect: the handler is in place before the frame that shows its
  // screen is written, so keys typed right after that frame are never lost.
  useLayoutEffect(() => {
    if (!active) return;
    const registration: Registration = { priority: opts.priority, paste, handler: ref };
    keypress.registry.add(registration);
    return () => void keypress.registry.delete(registration);
  }, [keypress, active, opts.priority, paste]);
}
