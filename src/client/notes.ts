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
import { mayBeOnARelay } from '../store/outbox.js';
import { repostedNote } from '../core/reposts.js';
import { publicRelayHint } from '../core/note-tags.js';
import { isHex64 } from '../core/event-shape.js';

export interface Found {
  event: Event;
  /** A relay it was seen on ('' when none is known): the hint a reply, reaction or repost names (NIP-10/18/25). */
  relay: string;
}

/**
 * The event with this id: from the cache when it holds it, else from every
 * configured relay (read and write: the user's own notes are on the write
 * relays) and the ref's relay hints. Undefined when nobody has it.
 */
export async function findEvent(client: Client, ref: Pick<EventRef, 'id'> & Partial<EventRef>): Promise<Found | undefined> {
  const events = client.store().events;
  const cached = events.query([{ ids: [ref.id], limit: 1 }])[0];
  if (cached) return { event: cached, relay: safely(() => events.relaysOf?.([ref.id]).get(ref.id)?.[0], undefined) ?? ref.relays?.[0] ?? '' };
  // A relay that stalled this run is not waited for.
  const answer = await queryPastStalled(client.pool(), [{ ids: [ref.id] }], { relays: [...new Set([...allUrls(client.relays()), ...(ref.relays ?? [])])] }, client.stalled);
  const event = answer.events.find((found) => found.id === ref.id);
  // One id was asked: a relay that delivered an event delivered this one.
  return event && { event, relay: answer.relays.find((outcome) => outcome.events > 0)?.url ?? ref.relays?.[0] ?? '' };
}

/**
 * The note a repost (NIP-18 kind 6/16) carries, which `l` and `t` act on in the timeline
 * (src/core/reposts.ts targetNote): from its content, signature checked, else looked up by its
 * `e` tag. Its relay hint: one the cache saw it on, else the repost's own hint when it is fit to
 * sign (src/core/note-tags.ts publicRelayHint). Undefined when nobody has it.
 */
export async function noteInRepost(client: Client, repost: Event): Promise<Found | undefined> {
  const tag = repost.tags.find((t) => t[0] === 'e');
  const claimed = publicRelayHint(tag?.[2]);
  const inner = repostedNote(repost);
  if (inner) {
    const seen = safely(() => client.store().events.relaysOf?.([inner.id]).get(inner.id)?.[0], undefined);
    return { event: inner, relay: seen ?? claimed };
  }
  return isHex64(tag?.[1]) ? findEvent(client, { id: tag[1], relays: claimed ? [claimed] : [] }) : undefined;
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
  withdrawn?: 'unsent' | 'maybe-sent';
}

/** Nobody has the note, and the user's own deletion request for it is in the cache: asked before. */
export interface AlreadyDeleted {
  alreadyDeleted: string;
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
  const target = (await findEvent(client, ref))?.event;
  if (!target && deletedByMe(client, me, ref.id)) return { alreadyDeleted: ref.id };
  if (!target) throw failure('could not find that note in the cache or on your relays; nothing was deleted.');
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
