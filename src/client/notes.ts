// Finding one event by id (the cache first, then the relays) and deleting the
// user's own notes (NIP-09). Both faces use these: `nostr-tui delete` and `d` in the UI.
import type { Event } from 'nostr-tools';
import { unixNow } from '../core/clock.js';
import { failure, noKeyYet, usageError } from '../core/errors.js';
import { safely } from '../core/safely.js';
import type { EventRef } from '../core/event-ref.js';
import { deletionTemplate } from '../core/interactions.js';
import type { Client } from './client.js';
import { publishEvent, type Published, type PublishHooks } from './publish.js';
import { allUrls } from '../core/relay-spec.js';
import { queryPastStalled } from './stalled-relays.js';
import { mayBeOnARelay, type Withdrawn } from '../store/outbox.js';
import { repostedNote } from '../core/reposts.js';
import { publicRelayHint } from '../core/note-tags.js';
import { isHex64 } from '../core/event-shape.js';
import { sanitizeLine } from '../core/sanitize.js';

export interface Found {
  event: Event;
  /** A relay it was seen on ('' when none is known): the hint a reply, reaction or repost names (NIP-10/18/25). */
  relay: string;
}

/** A look-up by id: what was found, the relays asked and those that did not answer. */
export interface Lookup {
  found?: Found;
  /** The relays meant to be asked (configured and the ref's hints); none when the cache had it. */
  asked: string[];
  /** Those of `asked` that did not answer (down, refusing, silent, or stalled earlier this run). */
  silent: string[];
}

/**
 * The event with this id: from the cache when it holds it, else from every
 * configured relay (read and write: the user's own notes are on the write
 * relays) and the ref's relay hints, with which of them answered: "nobody has it"
 * is only true of the relays that did.
 */
export async function lookUpEvent(client: Client, ref: Pick<EventRef, 'id'> & Partial<EventRef>): Promise<Lookup> {
  const events = client.store().events;
  const cached = events.query([{ ids: [ref.id], limit: 1 }])[0];
  if (cached) {
    const relay = safely(() => events.relaysOf?.([ref.id]).get(ref.id)?.[0], undefined) ?? ref.relays?.[0] ?? '';
    return { found: { event: cached, relay }, asked: [], silent: [] };
  }
  const asked = [...new Set([...allUrls(client.relays()), ...(ref.relays ?? [])])];
  // A relay that stalled this run is not waited for.
  const answer = await queryPastStalled(client.pool(), [{ ids: [ref.id] }], { relays: asked }, client.stalled);
  const answered = new Set(answer.relays.filter((outcome) => outcome.eose).map((outcome) => outcome.url));
  const silent = asked.filter((url) => !answered.has(url));
  const event = answer.events.find((found) => found.id === ref.id);
  // One id was asked: a relay that delivered an event delivered this one.
  const relay = answer.relays.find((outcome) => outcome.events > 0)?.url ?? ref.relays?.[0] ?? '';
  return event ? { found: { event, relay }, asked, silent } : { asked, silent };
}

/** The event with this id (see lookUpEvent); undefined when nobody has it or no relay answered. */
export async function findEvent(client: Client, ref: Pick<EventRef, 'id'> & Partial<EventRef>): Promise<Found | undefined> {
  return (await lookUpEvent(client, ref)).found;
}

/** No relay asked answered: what the cache lacks may be on any of them. */
export const noRelayAnswered = (lookup: Lookup): boolean => lookup.asked.length > 0 && lookup.silent.length === lookup.asked.length;

/**
 * The failure (exit 1) for a note a look-up did not find, saying which it was: no relay answered
 * (then nobody can say it does not exist), or those that answered do not have it (naming those
 * that did not). `what`: the note ("that note"); `missing`: the sentence for the second case, when
 * not "could not find <what> in the cache or on your relays"; `hint`: an nevent's relay hints
 * would help; `then`: what was not done ("nothing was sent").
 */
export function noteNotFound(lookup: Lookup, opts: { what?: string; missing?: string; hint?: boolean; then?: string } = {}): Error {
  const what = opts.what ?? 'that note';
  const then = opts.then ? `; ${opts.then}` : '';
  if (noRelayAnswered(lookup)) {
    return failure(
      `could not look up ${what}: no relay answered (${lookup.asked.length} asked) and the cache does not have it${then}. ` +
        'Check your connection or relays (`nostr-tui relay list`).',
    );
  }
  const asides = [
    ...(lookup.silent.length > 0 ? [`${lookup.silent.map(sanitizeLine).join(', ')} did not answer`] : []),
    ...(opts.hint ? ['an nevent1… with relay hints helps'] : []),
  ];
  const sentence = opts.missing ?? `could not find ${what} in the cache or on your relays`;
  return failure(`${sentence}${asides.length > 0 ? ` (${asides.join('; ')})` : ''}${then}.`);
}

/**
 * The note a repost (NIP-18 kind 6/16) carries, which `l` and `t` act on in the timeline
 * (src/core/reposts.ts targetNote): from its content, signature checked, else looked up by its
 * `e` tag. Its relay hint: one the cache saw it on, else the repost's own hint when it is fit to
 * sign (src/core/note-tags.ts publicRelayHint). As lookUpEvent: nothing found when nobody has it.
 */
export async function noteInRepost(client: Client, repost: Event): Promise<Lookup> {
  const tag = repost.tags.find((t) => t[0] === 'e');
  const claimed = publicRelayHint(tag?.[2]);
  const inner = repostedNote(repost);
  if (inner) {
    const seen = safely(() => client.store().events.relaysOf?.([inner.id]).get(inner.id)?.[0], undefined);
    return { found: { event: inner, relay: seen ?? claimed }, asked: [], silent: [] };
  }
  return isHex64(tag?.[1]) ? lookUpEvent(client, { id: tag[1], relays: claimed ? [claimed] : [] }) : { asked: [], silent: [] };
}

export interface Deleted extends Published {
  /** The note deleted. */
  target: Event;
  /**
   * The note was still in the outbox (no relay had accepted it) and was taken out, so it is never
   * sent: 'unsent' when no relay can hold it (the deletion request was signed and applied here
   * only, `results` is empty), 'maybe-sent' when a relay may have received it without answering
   * (the deletion request went out too).
   */
  withdrawn?: Withdrawn;
}

/** Nobody has the note, and the user's own deletion request for it is in the cache: asked before. */
export interface AlreadyDeleted {
  alreadyDeleted: string;
  /** The note was taken out of the outbox before any relay had it: its deletion request was never sent either. */
  withdrawn?: 'unsent';
  /** How many relays were asked when none answered: whether one still has the note is not known. */
  noRelayAnswered?: number;
}

/**
 * Publishes a NIP-09 deletion of one of the user's own events (kind 5 with
 * `e` and `k` tags) through the outbox like every write. The cache applies it
 * at once, so the note leaves the user's views. Someone else's event is refused
 * (exit 2): a relay would ignore the request anyway, and it says something untrue.
 */
export async function deleteOwnEvent(client: Client, ref: EventRef, reason = '', hooks?: PublishHooks): Promise<Deleted | AlreadyDeleted> {
  const me = client.publicKey();
  if (!me) throw noKeyYet();
  if (ref.author && ref.author !== me) throw notYours();
  const lookup = await lookUpEvent(client, ref);
  const target = lookup.found?.event;
  if (!target && deletedByMe(client, me, ref.id)) {
    if (client.store().outbox.withdrawn(ref.id) === 'unsent') return { alreadyDeleted: ref.id, withdrawn: 'unsent' };
    return { alreadyDeleted: ref.id, ...(noRelayAnswered(lookup) ? { noRelayAnswered: lookup.asked.length } : {}) };
  }
  if (!target) throw noteNotFound(lookup, { then: 'nothing was deleted' });
  if (target.pubkey !== me) throw notYours();
  if (target.kind === 5) throw usageError('that is a deletion request; a deletion cannot be deleted (NIP-09).');
  return deleteEvent(client, target, reason, hooks);
}

/**
 * The NIP-09 deletion of `target` (the user's own, found), through the outbox. A note still in the
 * outbox is taken out first, so no later retry sends it; when no relay can hold it, the request is
 * only signed and applied to the cache (the note leaves every view), as there is nothing to delete
 * anywhere else and sending it would only announce the note's id.
 */
export async function deleteEvent(client: Client, target: Event, reason = '', hooks?: PublishHooks): Promise<Deleted> {
  const template = deletionTemplate([target], unixNow(client.clock), reason);
  // Unlocked before the note leaves the outbox: a wrong passphrase changes nothing.
  const signer = await client.signer();
  const unsent = client.store().outbox.withdraw(target.id);
  if (unsent && !mayBeOnARelay(unsent)) {
    const event = await signer.signEvent(template);
    client.store().events.put(event);
    return { event, results: [], target, withdrawn: 'unsent' };
  }
  const published = await publishEvent(client, template, hooks);
  return { ...published, target, ...(unsent ? { withdrawn: 'maybe-sent' as const } : {}) };
}

/** The user's own deletion request (NIP-09 kind 5) naming this id, as the cache keeps it. */
const deletedByMe = (client: Client, me: string, id: string): boolean =>
  safely(() => client.store().events.query([{ kinds: [5], authors: [me], '#e': [id], limit: 1 }]).length > 0, false);

const notYours = () => usageError('that note is by someone else: you can only delete your own notes.');
