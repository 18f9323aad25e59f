// `@` + letters in the composer offers people you follow and people in the
// thread by name; Tab or Enter picks (writing `nostr:npub1…`, which becomes a
// `p` tag), ↑/↓ choose, Esc closes the offer. The offer is shown in the
// composer's title line, so the layout does not move while typing.
import type { Event } from 'nostr-tools';
import { useCallback, useEffect, useRef, useState } from 'react';
import { profileName } from '../../client/profiles.js';
import { matchPeople, mentionQuery, mentionText, type Person } from '../../core/mention-complete.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { truncate } from '../../core/text-layout.js';
import type { ComposerAction, ComposerState } from '../composer/composer-state.js';
import { useServices } from '../context.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import { useNames } from './use-names.js';
import { isHex64 } from '../../core/event-shape.js';

export interface MentionOptions {
  /** The composer is open and takes keys. */
  active: boolean;
  /** The draft as rendered. */
  draft: ComposerState;
  /** The draft now (keys of one read may arrive before React renders the last one). */
  getDraft(): ComposerState;
  edit(action: ComposerAction): void;
  follows: readonly string[] | undefined;
  replyTo?: Event | undefined;
}


export function useMentionCompletion(opts: MentionOptions): { hint: string } {
  const { profiles } = useServices();
  const names = useNames();
  // A ref (and a redraw): the next key of the same read must see the new choice.
  // The choice belongs to one query ("start:query"); a new query starts at the first name.
  const selectedRef = useRef({ for: '', index: 0 });
  const [, redraw] = useState(0);
  const choiceFor = (o: { start: number; query: string; people: Person[] }) =>
    selectedRef.current.for === `${o.start}:${o.query}` ? Math.min(selectedRef.current.index, o.people.length - 1) : 0;
  const choose = (o: { start: number; query: string }, index: number) => {
    selectedRef.current = { for: `${o.start}:${o.query}`, index };
    redraw((v) => v + 1);
  };
  const dismissed = useRef<number | undefined>(undefined);
  const latest = useRef(opts);
  latest.current = opts;

  /** Whom the user can mention: people they follow, then the thread's people. */
  const candidates = useCallback((): string[] => {
    const { follows = [], replyTo } = latest.current;
    const thread = replyTo ? [replyTo.pubkey, ...replyTo.tags.filter((t) => t[0] === 'p' && isHex64(t[1])).map((t) => t[1]!)] : [];
    return [...new Set([...thread, ...follows])];
  }, []);

  const offer = useCallback(
    (draft: ComposerState): { start: number; query: string; people: Person[] } | undefined => {
      const query = mentionQuery(draft.text, draft.cursor);
      if (!query || query.start === dismissed.current) return undefined;
      const people: Person[] = [];
      for (const pubkey of candidates()) {
        const name = profileName(profiles.get(pubkey));
        const shown = name ? sanitizeLine(name).trim() : '';
        if (shown) people.push({ pubkey, name: shown });
      }
      const matches = matchPeople(query.query, people);
      return matches.length > 0 ? { ...query, people: matches } : undefined;
    },
    // `names.version`: profiles arriving change the offer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [profiles, candidates, names.version],
  );

  const current = opts.active ? offer(opts.draft) : undefined;
  const start = mentionQuery(opts.draft.text, opts.draft.cursor)?.start;
  // A new `@`: ask for the names of everyone who could be meant, once per mention.
  useEffect(() => {
    if (opts.active && start !== undefined) profiles.request(candidates());
    if (start === undefined) dismissed.current = undefined;
  }, [opts.active, start, profiles, candidates]);

  useKeypress(
    (input, key) => {
      const now = offer(latest.current.getDraft());
      if (!now) return false;
      const pick = choiceFor(now);
      if (key.tab || key.return) {
        // `@query` out, `nostr:npub1… ` in, with the composer's own editing actions.
        for (let i = [...`@${now.query}`].length; i > 0; i--) latest.current.edit({ type: 'backspace' });
        latest.current.edit({ type: 'insert', text: mentionText(now.people[pick]!.pubkey) });
        return true;
      }
      if (key.downArrow || key.upArrow) {
        const n = now.people.length;
        choose(now, (pick + (key.downArrow ? 1 : n - 1)) % n);
        return true;
      }
      if (key.escape) {
        dismissed.current = now.start;
        choose(now, 0);
        return true;
      }
      return false;
    },
    // Above the composer, only while it is open: Tab/Enter/arrows/Esc mean "pick" while an offer shows.
    { priority: KeyPriority.composer + 10, isActive: opts.active },
  );

  if (!current) return { hint: '' };
  const pick = choiceFor(current);
  const list = current.people.map((p, i) => (i === pick ? `[@${truncate(p.name, 20)}]` : `@${truncate(p.name, 20)}`));
  return { hint: ` · ${list.join(' ')} (Tab picks)` };
}
