// The user's mute list (NIP-51 kind 10000), edited one entry at a time from
// the newest copy on the relays, like the follow list (src/client/newest-copy.ts):
// never rebuilt from a partial view. Only public tags are changed; the
// encrypted private part (`content`) and every other tag are kept exactly.
// What it hides includes the private part (other clients mute there, some by
// default), read with the user's key when it is at hand without asking.
import type { Event } from 'nostr-tools';
import { getRepostedEvent } from 'nostr-tools/nip18';
import { isSecretOf, secretWherePublic } from '../core/identifiers.js';
import { refuseSecretIn } from '../core/secret-in-text.js';
import {
  addMute, EMPTY_MUTES, isEmptyMuteSet, isMuted, isMutedEntry, MUTE_LIST_KIND, muteEntries, muteSet, removeMute, sameMuteSet,
  type MuteEntry, type MuteSet,
} from '../core/mutes.js';
import { ownKey, type Client } from './client.js';
import { fetchNewest, localCopy, type NewestLookup } from './newest-copy.js';
import { editOwnList, type ListChange } from './own-list-edit.js';
import { privateItems } from './private-items.js';
import type { PublishHooks } from './publish.js';

export interface CurrentMutes extends NewestLookup {
  /** The public entries, which `mute` and `unmute` edit. */
  entries: MuteEntry[];
  /** The private part's entries (NIP-51), read when the key is at hand; none otherwise. */
  privateEntries: MuteEntry[];
}

/**
 * The entries of the private part of the user's mute list `event` (NIP-44, or NIP-04 from older
 * clients, encrypted to the user's own key): none when there is none, when the key is not at
 * hand (an encrypted key is never asked for just to read), or when it cannot be read.
 */
export const privateMutes = async (client: Client, event: Event | undefined): Promise<MuteEntry[]> => muteEntries(await privateItems(client, event));

/** Everything a mute list hides: its public entries and, when they can be read, its private ones. */
const hiddenBy = async (client: Client, event: Event | undefined): Promise<MuteEntry[]> =>
  event ? [...muteEntries(event.tags), ...(await privateMutes(client, event))] : [];

export type MuteChange = ListChange<'self' | 'already-muted' | 'not-muted' | 'muted-privately'>;

/** The user's mute list as the relays have it now (the local copy when newer). */
export async function currentMutes(client: Client, pubkey = ownKey(client), skip?: ReadonlySet<string>): Promise<CurrentMutes> {
  const lookup = await fetchNewest(client, MUTE_LIST_KIND, pubkey, skip ? { skip } : {});
  return { ...lookup, entries: lookup.event ? muteEntries(lookup.event.tags) : [], privateEntries: await privateMutes(client, lookup.event) };
}

/** What the local copy hides (its private part too, when the key is at hand): at once, without the relays. */
export async function localMuteSet(client: Client): Promise<MuteSet> {
  try {
    const pubkey = client.publicKey();
    return muteSet(pubkey ? await hiddenBy(client, localCopy(client, MUTE_LIST_KIND, pubkey)) : []);
  } catch {
    return EMPTY_MUTES;
  }
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
  return editOwnList(client, own, { kind: MUTE_LIST_KIND, noun: 'mute list' }, async (tags, newest) => {
    const muted = isMutedEntry(tags, entry);
    if (muted) return action === 'mute' ? { unchanged: 'already-muted' as const } : removeMute(tags, entry);
    // Muted in the private part (by another client): a public copy would tell everyone, and that
    // part is left as it is, so it cannot be unmuted here either.
    const privately = (await privateMutes(client, newest)).some((one) => one.type === entry.type && one.value === entry.value);
    if (privately) return { unchanged: 'muted-privately' as const };
    return action === 'mute' ? addMute(tags, entry) : { unchanged: 'not-muted' as const };
  }, hooks);
}

/**
 * What to hide in this run: the relays' newest mute list (not asked of the
 * relays in `skip`, which already stalled), else the local copy; nothing without a key. Never fails: a mute list that cannot be read hides nothing more.
 */
export async function loadMuteSet(client: Client, skip?: ReadonlySet<string>): Promise<MuteSet> {
  if (!client.publicKey()) return EMPTY_MUTES;
  try {
    const found = await currentMutes(client, undefined, skip);
    return muteSet([...found.entries, ...found.privateEntries]);
  } catch {
    return localMuteSet(client);
  }
}

/**
 * Something that hides muted events (a feed), opened at once with the local copy's list and, when
 * `newest` (the relays' list, loadMuteSet, asked alongside) hides something else, opened again
 * with it: no round trip waits for the list, and what is shown is hidden by the newest one.
 */
export async function openHiding<T extends { close(): void }>(client: Client, newest: Promise<MuteSet>, open: (mutes: MuteSet) => T): Promise<T> {
  const local = await localMuteSet(client);
  let opened = open(local);
  const mutes = await newest;
  if (!sameMuteSet(mutes, local)) {
    opened.close();
    opened = open(mutes);
  }
  return opened;
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
  const replaceSet = (next: MuteSet) => {
    set = next;
    for (const listener of listeners) listener();
  };
  const replace = (entries: MuteEntry[]) => replaceSet(muteSet(entries));
  if (client.publicKey()) {
    // The local copy's private part as soon as it is read, unless the relays' newest came first.
    let answered = false;
    void localMuteSet(client).then((local) => !answered && !sameMuteSet(local, set) && replaceSet(local));
    currentMutes(client).then(
      (found) => {
        if (found.answered === 0) return;
        answered = true;
        replace([...found.entries, ...found.privateEntries]);
      },
      () => {},
    );
  }
  const after = async (change: MuteChange): Promise<MuteChange> => {
    // The edit is in the outbox and the local copy even when no relay took it yet: it applies now.
    if (change.event) replace(await hiddenBy(client, change.event));
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
