// The composer's state: whether it is open and for what, and one draft per
// target (the new note, each reply by the replied-to event's id), kept while the
// program runs. Open/closed lives in a ref read by the key handler, so the key
// that opens the composer sends the rest of the same read to it, whatever React
// has rendered yet. A note's draft may carry a content warning (NIP-36, Alt-W):
// its reason is asked on a line of its own and published as the user typed it.
import type { Key } from 'ink';
import type { Event } from 'nostr-tools';
import { noteEncode } from 'nostr-tools/nip19';
import { isHex64 } from '../../core/event-shape.js';
import { useCallback, useRef, useState } from 'react';
import { commandFor, type Command } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import { composerReducer, emptyDraft, withQuote, type ComposerAction, type ComposerState } from './composer-state.js';

/** Which draft: 'new' for a new note, else the id of the event replied to. */
export const draftKey = (replyTo?: Event): string => replyTo?.id ?? 'new';

export interface ComposerControl {
  open: boolean;
  replyTo?: Event;
  sending: boolean;
  draft: ComposerState;
  /** The open draft's content warning (NIP-36): its reason, '' for none given; undefined: no warning. */
  warning: string | undefined;
  /** The reason being typed (Alt-W), while it is asked. */
  asking: ComposerState | undefined;
  /** The open target's draft now (keys of one read may arrive before React renders the last one). */
  getDraft(): ComposerState;
  edit(action: ComposerAction): void;
  /** Opens the composer on the target's own draft. */
  show(replyTo?: Event): void;
  /**
   * Opens the new note's draft with `reference` (a `nostr:nevent1…`, NIP-18 quote) on a line of
   * its own at the end, the cursor before it: nothing is sent until Enter.
   */
  quote(reference: string): void;
  hide(): void;
}

/** The reducer action for an editing command of the key table. */
export const edits: Partial<Record<Command, ComposerAction>> = {
  wordLeft: { type: 'wordLeft' }, wordRight: { type: 'wordRight' }, lineStart: { type: 'home' }, lineEnd: { type: 'end' },
  deleteChar: { type: 'delete' }, deleteWord: { type: 'deleteWordBack' },
  killToStart: { type: 'killToStart' }, killToEnd: { type: 'killToEnd' }, newline: { type: 'insert', text: '\n' },
};

/** Backspace and the arrows (and Ctrl-B/Ctrl-F) work as everywhere; the help does not list them. */
export function arrow(input: string, key: Key): ComposerAction | undefined {
  if (key.meta) return undefined;
  if (key.backspace) return { type: 'backspace' };
  if (key.leftArrow || (key.ctrl && input === 'b')) return { type: 'left' };
  if (key.rightArrow || (key.ctrl && input === 'f')) return { type: 'right' };
  if (key.upArrow) return { type: 'up' };
  if (key.downArrow) return { type: 'down' };
  return undefined;
}

interface Target {
  replyTo?: Event;
  sending: boolean;
  /** The content warning's reason while it is typed. */
  asking?: ComposerState;
}

/**
 * `send` publishes (outbox first) and resolves true once the note is safe; the
 * draft is then cleared and the composer closed (or left open, empty: `stayOpen`). `onDrafts` is told every
 * non-empty draft after each edit, so unsent drafts survive a quit.
 */
export function useComposer(opts: {
  /** `warning`: the draft's content warning (NIP-36), its reason or ''. */
  send(text: string, replyTo?: Event, warning?: string): Promise<boolean>;
  /** Nothing to send: say so. */
  onEmpty(): void;
  onDrafts?(drafts: string[]): void;
  /** Keys are ignored (the first-run key offer is up). */
  disabled?: boolean;
  /** Open again, empty, after a send (a chat: the next message is written where the last one was). */
  stayOpen?: boolean;
  /** Alt-W marks the draft with a content warning (public notes, not private messages); told each change. */
  onWarning?(warning: string | undefined): void;
  /**
   * Where the drafts live, when they must outlast the component (a chat's screen is gone once the
   * user goes back, its draft is not); by default the composer's own.
   */
  drafts?: Map<string, ComposerState>;
}): ComposerControl {
  const own = useRef(new Map<string, ComposerState>()).current;
  const drafts = opts.drafts ?? own;
  // By draft, like the drafts: a reply's warning never turns up on the new note.
  const warnings = useRef(new Map<string, string>()).current;
  const target = useRef<Target | undefined>(undefined);
  // Re-render on every change; the truth is in the refs.
  const [, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const latest = useRef(opts);
  latest.current = opts;

  /**
   * Every non-empty draft, told after each change, so unsent drafts survive a quit; a reply's says
   * which note it answers (`post --reply` takes that id), a marked one its warning.
   */
  const reportDrafts = useCallback(
    () =>
      latest.current.onDrafts?.(
        [...drafts]
          .filter(([, d]) => d.text.trim())
          .map(([key, d]) =>
            [
              d.text,
              ...(key !== 'new' && isHex64(key) ? [`(a reply to ${noteEncode(key)})`] : []),
              ...(warnings.has(key) ? [`(content warning: ${warnings.get(key) || 'no reason given'})`] : []),
            ].join('\n'),
          ),
      ),
    [drafts, warnings],
  );
  const setWarning = (key: string, warning: string | undefined) => {
    if (warning === undefined) warnings.delete(key);
    else warnings.set(key, warning);
    reportDrafts();
    latest.current.onWarning?.(warning);
  };

  const edit = useCallback(
    (action: ComposerAction) => {
      const key = draftKey(target.current?.replyTo);
      const next = composerReducer(drafts.get(key) ?? emptyDraft, action);
      if (next.text) drafts.set(key, next);
      else drafts.delete(key);
      reportDrafts();
      bump();
    },
    [drafts, bump, reportDrafts],
  );

  const show = useCallback(
    (replyTo?: Event) => {
      target.current = { replyTo, sending: false };
      bump();
    },
    [bump],
  );
  const quote = useCallback(
    (reference: string) => {
      target.current = { sending: false };
      const key = draftKey();
      const draft = drafts.get(key) ?? emptyDraft;
      if (!draft.text.includes(reference)) {
        drafts.set(key, withQuote(draft, reference));
        reportDrafts();
      }
      bump();
    },
    [drafts, bump, reportDrafts],
  );
  const hide = useCallback(() => {
    target.current = undefined;
    bump();
  }, [bump]);

  const send = () => {
    const now = target.current!;
    const key = draftKey(now.replyTo);
    const text = (drafts.get(key)?.text ?? '').trim();
    if (!text) return latest.current.onEmpty();
    now.sending = true;
    bump();
    void latest.current.send(text, now.replyTo, warnings.get(key)).then((ok) => {
      now.sending = false;
      // Published means saved in the outbox first: the draft is safe to clear.
      if (ok) {
        drafts.delete(key);
        warnings.delete(key);
        reportDrafts();
        if (target.current === now) target.current = latest.current.stayOpen ? { replyTo: now.replyTo, sending: false } : undefined;
      }
      bump();
    });
  };

  useKeypress(
    (input, key, event) => {
      const now = target.current;
      if (!now) return false;
      // Ctrl-C quits from here too (the draft is kept and printed on the way out).
      if (!event.paste && commandFor(['global'], input, key) === 'quitNow' && key.ctrl) return false;
      if (now.sending) return true;
      if (now.asking) {
        askReason(now, now.asking, input, key, event.paste ? event.input : undefined);
        return 'text';
      }
      if (event.paste) {
        edit({ type: 'insert', text: event.input });
        return 'text';
      }
      const command = commandFor(['composer'], input, key);
      if (command === 'contentWarning') {
        // On a marked draft it takes the mark off; on another it asks the reason (optional) first.
        if (!latest.current.onWarning) return 'text';
        const marked = draftKey(now.replyTo);
        if (warnings.has(marked)) setWarning(marked, undefined);
        else now.asking = emptyDraft;
        bump();
        return 'text';
      }
      if (command === 'send' || command === 'cancel') {
        if (command === 'send') send();
        else hide();
        return true;
      }
      // Edits change the draft only (kept in refs): the next key needs no render first.
      const action = (command && edits[command]) || arrow(input, key);
      if (action) edit(action);
      else if (input && !key.ctrl && !key.meta) edit({ type: 'insert', text: input });
      return 'text';
    },
    { priority: KeyPriority.composer, isActive: !opts.disabled, paste: true },
  );

  /** The reason's line: Enter marks the draft, Esc leaves it as it was; one line, so a line break or tab is a space. */
  function askReason(now: Target, reason: ComposerState, input: string, key: Key, pasted: string | undefined) {
    const command = pasted === undefined ? commandFor(['composer'], input, key) : undefined;
    if (command === 'send') {
      now.asking = undefined;
      setWarning(draftKey(now.replyTo), reason.text.trim());
    } else if (command === 'cancel') {
      now.asking = undefined;
    } else {
      const typed = pasted ?? (input && !key.ctrl && !key.meta ? input : undefined);
      const action = typed !== undefined ? { type: 'insert' as const, text: typed.replace(/[\r\n\t]+/g, ' ') } : command && command !== 'newline' ? edits[command] : arrow(input, key);
      if (action) now.asking = composerReducer(reason, action);
    }
    bump();
  }

  const now = target.current;
  const key = draftKey(now?.replyTo);
  return {
    open: !!now,
    warning: warnings.get(key),
    asking: now?.asking,
    replyTo: now?.replyTo,
    sending: now?.sending ?? false,
    draft: drafts.get(key) ?? emptyDraft,
    getDraft: () => drafts.get(draftKey(target.current?.replyTo)) ?? emptyDraft,
    edit,
    show,
    quote,
    hide,
  };
}
