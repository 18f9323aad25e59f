// Issue #13 on the selected note: `o` opens its web link with the system opener after showing
// the domain and asking (digits choose when it has several), `y` copies its nevent1… and `Y` its
// author's npub1… to the clipboard through the terminal (OSC 52), the value shown in the footer
// too, and Enter on the note a thread was opened for opens the note it quotes.
import type { Event } from 'nostr-tools';
import { neventEncode, npubEncode } from 'nostr-tools/nip19';
import { useStdout } from 'ink';
import { useCallback, useRef } from 'react';
import { domainOf, uniqueLinks } from '../../core/links.js';
import { renderMentions } from '../../core/mentions.js';
import { quoteRefs } from '../../core/quotes.js';
import { sanitize } from '../../core/sanitize.js';
import { useScreenSize } from '../context.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { NavAction } from '../navigation.js';
import { targetNote } from '../../core/reposts.js';
import type { NoteRow } from '../notes/note-source.js';
import type { UiServices } from '../services.js';
import { errorStatus, type StatusMessage } from '../status.js';
import type { NoteCommand } from './use-list-keys.js';

/** What the footer says before a copied value. */
const COPIED = 'copied ';
/** Links offered by digit: 1-9. */
const MAX_CHOICES = 9;

type Pending = { type: 'choose'; urls: string[] } | { type: 'confirm'; url: string };

/** OSC 52 "set the clipboard" (xterm); base64 of the value, BEL-terminated like the client's OSC 8. */
export const osc52 = (value: string): string => `\u001b]52;c;${Buffer.from(value, 'utf8').toString('base64')}\u0007`;

/**
 * The note's nevent1…: id, author and kind, and the relay it was seen on when that is where the
 * note itself came from, unless that makes it longer than `room` (it must be readable whole in
 * the footer's two rows; the note is still found through its author's relays).
 */
export function noteAddress(row: NoteRow, room = Infinity): string {
  const note = targetNote(row.event);
  const pointer = { id: note.id, author: note.pubkey, kind: note.kind };
  const hinted = row.relay && note === row.event ? neventEncode({ ...pointer, relays: [row.relay] }) : undefined;
  return hinted && hinted.length <= room ? hinted : neventEncode(pointer);
}

/** The web links of a note, as its text shows them (mentions rendered, sanitised first). */
const linksOf = (note: Event): string[] => uniqueLinks(sanitize(renderMentions(note.content, () => undefined)));

export function useNoteLinks(deps: { services: UiServices; navigate(action: NavAction): void; setStatus(status: StatusMessage): void }) {
  const { services, navigate, setStatus } = deps;
  const { stdout } = useStdout();
  const { columns } = useScreenSize();
  // A ref: the answer may come in the same read as `o`, before React renders.
  const pending = useRef<Pending | undefined>(undefined);

  const open = useCallback(
    (url: string) => {
      const domain = domainOf(url);
      if (!services.openUrl) return setStatus({ text: `cannot open links here: ${url}`, tone: 'error' });
      setStatus({ text: `opening ${domain}…`, tone: 'info' });
      services.openUrl(url).then(
        () => setStatus({ text: `opened ${domain} with the system's opener`, tone: 'ok' }),
        (error: unknown) => setStatus(errorStatus(`open ${domain}`, error)),
      );
    },
    [services, setStatus],
  );

  const confirm = useCallback(
    (url: string) => {
      pending.current = { type: 'confirm', url };
      setStatus({ text: `open ${domainOf(url)}? y/n · ${url}`, tone: 'info', question: true });
    },
    [setStatus],
  );

  useKeypress(
    (input, key) => {
      const question = pending.current;
      if (!question) return false;
      pending.current = undefined;
      if (question.type === 'choose') {
        const choice = /^[1-9]$/.test(input) && !key.ctrl && !key.meta ? question.urls[Number(input) - 1] : undefined;
        if (choice) confirm(choice);
        else setStatus({ text: 'cancelled', tone: 'info' });
      } else if (input === 'y' && !key.ctrl && !key.meta) open(question.url);
      else setStatus({ text: 'cancelled', tone: 'info' });
      return true;
    },
    // Above the screens and the global keys: q or Esc answers no, and does nothing else.
    { priority: KeyPriority.overlay },
  );

  const copy = useCallback(
    (value: string) => {
      stdout.write(osc52(value));
      setStatus({ text: `${COPIED}${value}`, tone: 'ok' });
    },
    [stdout, setStatus],
  );

  /** Runs the command when it is one of these; false when it is not. */
  return useCallback(
    (command: NoteCommand, row: NoteRow): boolean => {
      const note = targetNote(row.event);
      switch (command) {
        case 'openLink': {
          const urls = linksOf(note).slice(0, MAX_CHOICES);
          if (urls.length === 0) setStatus({ text: 'this note has no web link', tone: 'info' });
          else if (urls.length === 1) confirm(urls[0]!);
          else {
            pending.current = { type: 'choose', urls };
            setStatus({ text: `open which link? ${urls.map((url, i) => `${i + 1} ${domainOf(url)}`).join('  ')}`, tone: 'info', question: true });
          }
          return true;
        }
        case 'copyNote':
          // The footer's two rows, less its margin and the word before the value.
          copy(noteAddress(row, 2 * columns - 2 - COPIED.length));
          return true;
        case 'copyAuthor':
          copy(npubEncode(note.pubkey));
          return true;
        case 'openQuote': {
          const ref = quoteRefs(note)[0];
          if (!ref) return false; // not a quoting note: Enter opens its thread as anywhere else
          const quoted = services.quotes?.get(ref.id);
          if (quoted) navigate({ type: 'push', view: { type: 'thread', event: quoted } });
          else setStatus({ text: quoted === null ? 'the quoted note was not found on the relays' : 'the quoted note is still loading', tone: 'info' });
          return true;
        }
        default:
          return false;
      }
    },
    [services, navigate, setStatus, confirm, copy, columns],
  );
}
