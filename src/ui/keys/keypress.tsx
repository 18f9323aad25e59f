// One keypress provider for the whole app. It reads what Ink reads from the
// terminal, splits each read into keys (./parse.ts) and hands them out ONE AT A
// TIME to the handlers registered with a priority: the highest-priority active
// handler sees a key first; returning true consumes it, false passes it down.
// After a key that may have changed what is on screen, the next key waits until
// React has rendered (and layout effects have re-registered the handlers): a key
// that opens a screen sends the rest of the same read to that screen. Text typed
// into a field (the handler answers 'text') needs no wait, so a long unbracketed
// paste into the composer costs one render, not one per character.
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
  /** Offers one key to the handlers in force now; what the one that took it answered. */
  dispatch(event: KeyEvent): boolean | 'text';
}

const KeypressContext = createContext<Keypress | undefined>(undefined);

function createKeypress(): Keypress {
  const registry = new Set<Registration>();
  return {
    registry,
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
    const { dispatch } = keypress.current!;
    const parser = new KeyParser();
    let timer: NodeJS.Timeout | undefined;
    let live = true;
    const queue: KeyEvent[] = [];
    let draining = false;
    // React renders an update in a task it schedules from a microtask: a microtask
    // queued after the handler, then an immediate, runs once that render is committed.
    const rendered = () => new Promise<void>((resolve) => queueMicrotask(() => setImmediate(resolve)));
    const drain = async () => {
      if (draining) return;
      draining = true;
      try {
        while (live && queue.length > 0) {
          const taken = dispatch(queue.shift()!);
          if (taken !== 'text' && queue.length > 0) await rendered();
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

/** Priorities: the composer types over everything, overlays over screens, screens over globals. */
export const KeyPriority = { global: 0, screen: 10, overlay: 50, offer: 90, composer: 100 } as const;

export function useKeypress(handler: KeyHandler, opts: { priority: number; isActive?: boolean; paste?: boolean }): void {
  const keypress = useContext(KeypressContext);
  if (!keypress) throw new Error('useKeypress outside <KeypressProvider>');
  const ref = useRef(handler);
  ref.current = handler;
  const active = opts.isActive ?? true;
  const paste = opts.paste ?? false;
  // A layout effect: the handler is in place before the frame that shows its
  // screen is written, so keys typed right after that frame are never lost.
  useLayoutEffect(() => {
    if (!active) return;
    const registration: Registration = { priority: opts.priority, paste, handler: ref };
    keypress.registry.add(registration);
    return () => void keypress.registry.delete(registration);
  }, [keypress, active, opts.priority, paste]);
}
