// Kind-0 profiles (NIP-01 metadata) for the authors on screen: asked for in
// batches, newest wins, remembered for the session (and in the local store
// when there is one, so the next start shows names at once).
import type { Event } from 'nostr-tools';
import { RecentMap } from '../core/recent.js';
import type { RelayPool } from '../net/types.js';
import type { EventStore } from '../store/types.js';
import { AUTHORS_PER_FILTER, inGroupsOf } from '../core/filter-lists.js';
import { queryPastStalled, type StalledRelays } from './stalled-relays.js';

export interface Profile {
  name?: string;
  display_name?: string;
  about?: string;
  nip05?: string;
  picture?: string;
  banner?: string;
  website?: string;
  lud16?: string;
  /** created_at of the kind-0 it came from. */
  created_at: number;
}

export interface ProfileDirectory {
  get(pubkey: string): Profile | undefined;
  /** Ask for these authors' profiles; unknown ones are fetched in the next batch. */
  request(pubkeys: Iterable<string>): void;
  /**
   * Ask the relays again for these authors, known or not (a profile opened: it may have changed
   * since it was first asked for this session); what is known stays shown until a newer one comes.
   */
  refresh(pubkeys: Iterable<string>): void;
  /** A kind-0 obtained elsewhere (the user's own, just published): kept when newer than the one known. */
  learn(event: Event): void;
  /** Called when profiles arrived (once for all that came in one turn). */
  onChange(listener: () => void): () => void;
  close(): void;
}

export interface ProfileDeps {
  pool: RelayPool;
  store?: EventStore;
  /** How long requests are gathered before one query goes out. */
  batchMs?: number;
  eoseTimeoutMs?: number;
  /** The relays asked (default: the pool's read relays). */
  relays?(): string[];
  /** Relays that stalled this run (src/client/stalled-relays.ts): not waited for; one that stalls here is added. */
  stalled?: StalledRelays;
}

/**
 * Authors remembered at most (issue #16 item 5: every author who scrolled through a long Global
 * session stayed, with their whole profile). Past this, the author asked for longest ago is
 * forgotten; asked for again (on screen again), the cache and then the relays answer.
 */
export const MAX_PROFILES = 5_000;

/** The profile in a kind-0 event, or undefined when its content is not a JSON object. */
export function parseProfile(event: Event): Profile | undefined {
  let data: unknown;
  try {
    data = JSON.parse(event.content);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const pick = (field: string) => {
    const value = (data as Record<string, unknown>)[field];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  return {
    name: pick('name'),
    display_name: pick('display_name') ?? pick('displayName'),
    about: pick('about'),
    nip05: pick('nip05'),
    picture: pick('picture'),
    banner: pick('banner'),
    website: pick('website'),
    lud16: pick('lud16'),
    created_at: event.created_at,
  };
}

/** The name to show for a profile (raw: sanitise before display). */
export const profileName = (profile: Profile | undefined): string | undefined => profile?.display_name ?? profile?.name;

export function createProfileDirectory(deps: ProfileDeps): ProfileDirectory {
  /** Every author asked for: their profile once known (undefined until then). One map, so an author is forgotten whole. */
  const profiles = new RecentMap<string, Profile | undefined>(MAX_PROFILES);
  const queue = new Set<string>();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const notify = () => {
    for (const listener of listeners) listener();
  };

  /** Keeps the newest profile per author; true when something changed. */
  const accept = (events: Event[], asked = true): boolean => {
    let changed = false;
    for (const event of events) {
      if (event.kind !== 0) continue;
      // Only for authors still asked about (one forgotten meanwhile is asked again when shown).
      if (asked && !profiles.has(event.pubkey)) continue;
      const known = profiles.get(event.pubkey);
      if (known && known.created_at >= event.created_at) continue;
      const profile = parseProfile(event);
      if (!profile) continue;
      profiles.set(event.pubkey, profile);
      changed = true;
    }
    return changed;
  };

  /** What ends each request still open (close() ends them all). */
  const asking = new Set<AbortController>();
  let notifying = false;
  /** A profile as it arrives; one notice per turn, however many came in it. */
  const arrived = (event: Event) => {
    if (closed || !accept([event]) || notifying) return;
    notifying = true;
    queueMicrotask(() => {
      notifying = false;
      if (!closed) notify();
    });
  };

  /**
   * One group's profiles, each shown as it arrives: a relay slow to answer, or one that never
   * does, holds no name back until its timeout (a relay whose DNS never answered kept every name
   * off a first start's screen for 5 s); a newer copy from another relay replaces it (newest
   * wins). Answered once: the request ends when every relay has answered or timed out, and the
   * next group waits for that, so a relay that stalled this run is not asked (each group would
   * wait out its timeout).
   */
  const ask = async (authors: string[]) => {
    const stop = new AbortController();
    asking.add(stop);
    try {
      const relays = deps.relays?.();
      await queryPastStalled(
        deps.pool,
        [{ kinds: [0], authors }],
        { ...(relays ? { relays } : {}), eoseTimeoutMs: deps.eoseTimeoutMs, signal: stop.signal, onevent: arrived },
        deps.stalled,
      );
    } finally {
      asking.delete(stop);
    }
  };

  const flush = async () => {
    timer = undefined;
    const batch = [...queue];
    queue.clear();
    for (const authors of inGroupsOf(batch, AUTHORS_PER_FILTER)) {
      if (closed) return;
      try {
        await ask(authors);
      } catch {
        // A failed batch leaves short npubs on screen; it is asked again next session.
      }
    }
  };

  const request = (pubkeys: Iterable<string>) => {
    if (closed) return;
    const unknown = new Set<string>();
    for (const pk of pubkeys) {
      // Asked again (still on screen): moved to the end of the line, so not the one forgotten.
      if (!profiles.touch(pk)) unknown.add(pk);
    }
    const fresh = [...unknown];
    if (fresh.length === 0) return;
    for (const pk of fresh) profiles.set(pk, undefined);
    if (deps.store) {
      try {
        if (accept(deps.store.query([{ kinds: [0], authors: fresh }]))) queueMicrotask(notify);
      } catch {
        // The cache is a speed-up; the relays are asked anyway.
      }
    }
    for (const pk of fresh) queue.add(pk);
    timer ??= setTimeout(() => void flush(), deps.batchMs ?? 50);
  };

  return {
    get: (pubkey) => profiles.get(pubkey),
    request,
    refresh(pubkeys) {
      const authors = [...pubkeys];
      request(authors);
      if (closed) return;
      // The known ones too: the newest on the relays replaces the one shown (accept keeps the newest).
      for (const pk of authors) queue.add(pk);
      timer ??= setTimeout(() => void flush(), deps.batchMs ?? 50);
    },
    learn(event) {
      if (!closed && accept([event], false)) notify();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const stop of [...asking]) stop.abort();
      listeners.clear();
    },
  };
}
