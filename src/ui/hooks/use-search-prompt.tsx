// `/` and `#`: a one-line prompt at the bottom for a search or a hashtag. Enter
// opens the results as a view over the current one (Esc there returns to where
// the user was); Esc in the prompt closes it. A note1/nevent1 or npub1/nprofile1
// given to `/` opens that note's thread or that person's profile instead. For `#`
// on a note, the note's hashtags are offered first (Tab for the next one). `n` on
// Messages asks whom to write to (npub, nprofile, hex, name@domain, or the name of
// someone followed or written with) and opens that conversation.
import type { Event } from 'nostr-tools';
import { Box } from 'ink';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { hashtagsIn, normalizeHashtag } from '../../core/hashtags.js';
import type { EventRef } from '../../core/event-ref.js';
import { nostrAddress } from '../../core/nostr-address.js';
import { nameQuery } from '../../core/people-by-name.js';
import { holdsSecretKey } from '../../core/secret-in-text.js';
import { shortNpub } from '../../core/identifiers.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { truncate } from '../../core/text-layout.js';
import { useColor } from '../context.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { NavAction } from '../navigation.js';
import type { SearchFeedLike, UiServices } from '../services.js';
import { SafeText } from '../SafeText.js';
import type { StatusMessage } from '../status.js';

export type PromptKind = 'search' | 'hashtag' | 'message';

interface PromptState {
  kind: PromptKind;
  text: string;
  /** The note's hashtags, for Tab. */
  suggestions: string[];
  at: number;
}

/** A note's hashtags: its `t` tags (NIP-24) and the #words of its text. */
export function hashtagsOf(event: Event): string[] {
  const tagged = event.tags.filter((tag) => tag[0] === 't' && typeof tag[1] === 'string' && tag[1].trim()).map((tag) => tag[1]!.toLowerCase());
  return [...new Set([...hashtagsIn(event.content), ...tagged])].slice(0, 20);
}

export function useSearchPrompt(opts: {
  services: UiServices;
  navigate(action: NavAction): void;
  setStatus(status: StatusMessage): void;
  /** Opens the private conversation with these people (the `message` prompt's Enter). */
  openChat(peers: string[]): void;
  /** Whom the user follows (undefined: not known): a name typed as whom to write to is one of them. */
  follows: readonly string[] | undefined;
  width: number;
}) {
  const color = useColor();
  // In a ref as well: `/` and the words typed in the same read go to the prompt.
  const state = useRef<PromptState | undefined>(undefined);
  const [, redraw] = useState(0);
  const set = (next: PromptState | undefined) => {
    state.current = next;
    redraw((n) => n + 1);
  };
  // The header counts (cache N · relays M) change as relays answer: the shell is drawn again.
  const [searchFeed, setSearchFeed] = useState<SearchFeedLike | undefined>();
  useEffect(() => {
    if (!searchFeed) return;
    const off = searchFeed.onChange(() => redraw((n) => n + 1));
    // What changed before this subscription (effects run after the frame) is drawn too.
    redraw((n) => n + 1);
    return off;
  }, [searchFeed]);

  // Why a search, hashtag or address was refused: the footer shows it whole, over both rows when long.
  const refused = (error: unknown) => opts.setStatus({ text: sanitizeLine(error instanceof Error ? error.message : String(error)), tone: 'error' });

  /** A note named by its id (and the nevent's hints): its thread once found, from the cache or the relays. */
  const openNote = (ref: EventRef) => {
    const { quotes } = opts.services;
    if (!quotes) throw new Error('notes cannot be looked up here');
    const opened = () => {
      const note = quotes.get(ref.id);
      if (note === undefined) return false;
      if (note) opts.navigate({ type: 'push', view: { type: 'thread', event: note } });
      else opts.setStatus({ text: 'that note was not found on your relays or the ones its address names', tone: 'error' });
      return true;
    };
    quotes.request([{ id: ref.id, relays: ref.relays, ...(ref.author ? { author: ref.author } : {}) }]);
    if (opened()) return;
    opts.setStatus({ text: 'looking for the note…', tone: 'info' });
    const off = quotes.onChange(() => {
      if (opened()) off();
    });
  };

  const submit = (now: PromptState) => {
    const text = now.text.trim();
    if (!text) return set(undefined);
    set(undefined);
    // A note or a person, as copied from another client, is opened rather than searched for.
    try {
      const address = now.kind === 'search' ? nostrAddress(text, opts.services.publicKey()) : undefined;
      if (now.kind === 'message') {
        const { resolvePerson } = opts.services;
        if (!resolvePerson || !opts.services.dms) throw new Error('private messages are not available here');
        // A name@domain is looked up over HTTPS (NIP-05), a name among the profiles of the people
        // followed: the footer says so meanwhile. A secret is neither: resolvePerson refuses it.
        const name = holdsSecretKey(text, opts.services.publicKey()) ? undefined : nameQuery(text);
        const looked = name ? `"${truncate(sanitizeLine(name), 24)}"` : text.includes('@') ? sanitizeLine(text) : undefined;
        if (looked) opts.setStatus({ text: name ? `looking for ${looked} among the people you follow…` : `looking up ${looked}…`, tone: 'info' });
        resolvePerson(text, opts.follows).then(
          (pubkey) => {
            if (looked) opts.setStatus({ text: `${looked} is ${shortNpub(pubkey)}`, tone: 'ok' });
            opts.openChat([pubkey]);
          },
          refused,
        );
      } else if (now.kind === 'hashtag') {
        if (!opts.services.openHashtagFeed) throw new Error('hashtag feeds are not available here');
        opts.navigate({ type: 'push', view: { type: 'hashtag', tag: normalizeHashtag(text, opts.services.publicKey()) } });
      } else if (address) {
        if (address.type === 'profile') opts.navigate({ type: 'push', view: { type: 'profile', pubkey: address.pubkey } });
        else openNote(address.ref);
      } else {
        if (!opts.services.search) throw new Error('search is not available here');
        const feed = opts.services.search(text);
        setSearchFeed(feed);
        opts.navigate({ type: 'push', view: { type: 'search', query: text, feed } });
      }
    } catch (error) {
      refused(error);
    }
  };

  useKeypress(
    (input, key, event) => {
      const now = state.current;
      if (!now) return false;
      if (key.escape) set(undefined);
      else if (key.return) submit(now);
      else if (key.tab && now.suggestions.length > 0) {
        const at = (now.at + 1) % now.suggestions.length;
        set({ ...now, at, text: now.suggestions[at]! });
      } else if (key.backspace || key.delete) set({ ...now, text: [...now.text].slice(0, -1).join('') });
      else if (event.paste || (input && !key.ctrl && !key.meta)) {
        set({ ...now, text: now.text + input.replace(/[\r\n\t]+/g, ' ') });
        return 'text';
      }
      return true;
    },
    // Always listening (it passes every key on while closed): the words typed in the same
    // burst as `/` must reach the prompt before a render could switch a handler on.
    { priority: KeyPriority.overlay, paste: true },
  );

  const now = state.current;
  const label = now?.kind === 'hashtag' ? '#' : now?.kind === 'message' ? 'message to: ' : 'search: ';
  const hint =
    now?.kind === 'hashtag' && now.suggestions.length > 1
      ? 'Enter open · Tab next tag · Esc cancel'
      : now?.kind === 'message'
        ? 'name, npub or name@domain · Enter · Esc cancel'
        : 'Enter · Esc cancel';
  const element: ReactElement | null = now ? (
    <Box>
      <SafeText bold color={color('cyan')} wrap="truncate">
        {truncate(`${label}${sanitizeLine(now.text)}▏  (${hint})`, opts.width)}
      </SafeText>
    </Box>
  ) : null;
  return {
    isOpen: now !== undefined,
    element,
    open(kind: PromptKind, suggestions: string[] = []) {
      set({ kind, text: suggestions[0] ?? '', suggestions, at: 0 });
    },
  };
}
