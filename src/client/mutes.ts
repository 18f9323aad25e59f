// The user's mute list (NIP-51 kind 10000), edited one entry at a time from
// the newest copy on the relays, like the follow list (src/client/newest-copy.ts):
// never rebuilt from a partial view. Only public tags are changed; the
// encrypted private part (`content`) and every other tag are kept exactly.
import type { Event } from 'nostr-tools';
import { getRepostedEvent } from 'nostr-tools/nip18';
import { isSecretOf, secretWherePublic } from '../core/identifiers.js';
import { refuseSecretIn } from '../core/secret-in-text.js';
import {
  addMute, EMPTY_MUTES, isEmptyMuteSet, isMuted, isMutedEntry, MUTE_LIST_KIND, muteEntries, muteSet, removeMute, type MuteEntry, type MuteSet,
} from '../core/mutes.js';
import { ownKey, type Client } from './client.js';
import { fetchNewest, localCopy, type NewestLookup } from './newest-copy.js';
import { editOwnList, type ListChange } from './own-list-edit.js';
import type { PublishHooks } from './publish.js';

export interface CurrentMutes extends NewestLookup {
  entries: MuteEntry[];
}

export type MuteChange = ListChange<'self' | 'already-muted' | 'not-muted'>;

/** The user's mute list as the relays have it now (the local copy when newer). */
export async function currentMutes(client: Client, pubkey = ownKey(client), skip?: ReadonlySet<string>): Promise<CurrentMutes> {
  const lookup = await fetchNewest(client, MUTE_LIST_KIND, pubkey, skip ? { skip } : {});
  return { ...lookup, entries: lookup.event ? muteEntries(lookup.event.tags) : [] };
}

/** The local copy only, at once (the UI's first frame, an offline search); empty without one or without a readable key. */
export function localMutes(client: Client): MuteEntry[] {
  try {
    const pubkey = client.publicKey();
    if (!pubkey) return [];
    const event = localCopy(client, MUTE_LIST_KIND, pubkey);
    return event ? muteEntries(event.tags) : [];
  } catch {
    return [];
  }
}

export const mute = (client: Client, entry: MuteEntry, hooks?: PublishHooks): Promise<MuteChange> => edit(client, entry, 'mute', hooks);
export const unmute = (client: Client, entry: MuteEntry, hooks?: PublishHooks): Promise<MuteChange> => edit(client, entry, 'unmute', hooks);

async function edit(client: Client, entry: MuteEntry, action: 'mute' | 'unmute', hooks?: PublishHooks): Promise<MuteChange> {
  const own = ownKey(client);
  const noLookup: NewestLookup = { relays: [], answered: 0 };
  if (entry.type === 'pubkey' && isSecretOf(entry.value, own)) throw secretWherePublic();
  if (entry.type !== 'pubkey') refuseSecretIn('mute', entry.value, own);
  if (action === 'mute' && entry.type === 'pubkey' && entry.value === own) return { changed: false, unchanged: 'self', results: [], lookup: noLookup };
  return editOwnList(client, own, { kind: MUTE_LIST_KIND, noun: 'mute list' }, (tags) => {
    const muted = isMutedEntry(tags, entry);
    if (action === 'mute') return muted ? { unchanged: 'already-muted' as const } : addMute(tags, entry);
    return muted ? removeMute(tags, entry) : { unchanged: 'not-muted' as const };
  }, hooks);
}

/**
 * What to hide in this run: the relays' newest mute list (not asked of the
 * relays in `skip`, which already stalled), else the local copy; nothing without a key. Never fails: a mute list that cannot be read hides nothing more.
 */
export async function loadMuteSet(client: Client, skip?: ReadonlySet<string>): Promise<MuteSet> {
  if (!client.publicKey()) return EMPTY_MUTES;
  try {
    return muteSet((await currentMutes(client, undefined, skip)).entries);
  } catch {
    return muteSet(localMutes(client));
  }
}

/** isMuted with a repost's inner note read from its content (NIP-18) when it carries one. */
export function isMutedEvent(event: Event, set: MuteSet): boolean {
  if (isEmptyMuteSet(set)) return false;
  let inner: Event | undefined;
  if (event.kind === 6 || event.kind === 16) {
    try {
      inner = getRepostedEvent(event) ?? undefined;
    } catch {
      inner = undefined;
    }
  }
  return isMuted(event, set, inner);
}

/** The mute list as the UI holds it: the local copy at once, the relays' newest when it arrives, and each edit. */
export interface MuteState {
  current(): MuteSet;
  onChange(listener: () => void): () => void;
  mute(entry: MuteEntry): Promise<MuteChange>;
  unmute(entry: MuteEntry): Promise<MuteChange>;
}

export function createMuteState(client: Client): MuteState {
  let set = muteSet(localMutes(client));
  const listeners = new Set<() => void>();
  const replace = (entries: MuteEntry[]) => {
    set = muteSet(entries);
    for (const listener of listeners) listener();
  };
  if (client.publicKey()) {
    currentMutes(client).then(
      (found) => found.answered > 0 && replace(found.entries),
      () => {},
    );
  }
  const after = (change: MuteChange): MuteChange => {
    // The edit is in the outbox and the local copy even when no relay took it yet: it applies now.
    if (change.event) replace(muteEntries(change.event.tags));
    return change;
  };
  return {
    current: () => set,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    mute: async (entry) => after(await mute(client, entry)),
    unmute: async (entry) => after(await unmute(client, entry)),
  };
}
