// People by name in the text output of one-shot commands (issue #13): `Alice (npub1abcd…wxyz)`,
// from the kind-0 profiles the local cache holds (the interactive UI stores every profile it
// shows). No relay is asked: text output costs no more network than before, and --json, which
// never shows names, stays byte-exact.
import type { Event } from 'nostr-tools';
import { parseProfile, profileName } from '../../client/profiles.js';
import { isHex64 } from '../../core/event-shape.js';
import { newestByAuthor } from '../../core/events.js';
import { npub, shortNpub } from '../../core/identifiers.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { truncate } from '../../core/text-layout.js';
import type { EventStore } from '../../store/types.js';
import { AUTHORS_PER_FILTER, inGroupsOf } from '../../core/filter-lists.js';

export interface CachedNames {
  /** The name to show (sanitised, one line, at most 32 columns), when the cache knows one. */
  nameOf(pubkey: string): string | undefined;
  /** `Alice (npub1abcd…wxyz)`, or the short npub alone. */
  label(pubkey: string): string;
}

/** Names from the cache for these people; others are looked up (once each) when asked for. */
export function cachedNames(store: Pick<EventStore, 'query'> | undefined, pubkeys: Iterable<string> = []): CachedNames {
  const names = new Map<string, string | undefined>();
  const load = (keys: string[]) => {
    const wanted = keys.filter((pk) => isHex64(pk) && !names.has(pk));
    for (const pk of wanted) names.set(pk, undefined);
    if (!store) return;
    for (const authors of inGroupsOf(wanted, AUTHORS_PER_FILTER)) {
      let events: Event[];
      try {
        events = store.query([{ kinds: [0], authors }]);
      } catch {
        return; // the cache is a nicety here: keys are shown instead
      }
      for (const [pk, newest] of newestByAuthor(events)) {
        const raw = profileName(parseProfile(newest));
        const name = raw ? sanitizeLine(raw).trim() : '';
        if (name) names.set(pk, truncate(name, 32));
      }
    }
  };
  load([...pubkeys]);
  const nameOf = (pubkey: string): string | undefined => {
    if (!names.has(pubkey)) load([pubkey]);
    return names.get(pubkey);
  };
  return {
    nameOf,
    label(pubkey) {
      const name = nameOf(pubkey);
      return name ? `${name} (${shortNpub(pubkey)})` : shortNpub(pubkey);
    },
  };
}

/** A person in a list or a result line: `Alice (npub1abcd…wxyz)`, or the whole npub (to copy) when no name is known. */
export const personText = (names: CachedNames, pubkey: string): string => (names.nameOf(pubkey) ? names.label(pubkey) : npub(pubkey));
