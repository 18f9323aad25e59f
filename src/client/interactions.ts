// What the user has done to notes: liked them (NIP-25 kind 7) or reposted them
// (NIP-18 kind 6/16), learnt from the cache and then the relays, and the means
// to do or undo it (undo = a NIP-09 deletion of the user's own reaction or
// repost, with a `k` tag). A like or repost is never sent twice by accident:
// while one is on its way the same action is refused, and before sending the
// relays are asked whether it was already done. One done earlier that only the
// cache still holds (a relay dropped it, or the user's relays changed) is sent
// to the relays again as it was signed, never made a second time. One the user
// deleted counts as undone, though a relay may still send it (NIP-09 lets relays
// keep deleted events): the user's kind 5s naming it are looked for too.
import type { Event, EventTemplate, Filter } from 'nostr-tools';
import { getReactedEventPointer } from 'nostr-tools/nip25';
import { unixNow, type Clock } from '../core/clock.js';
import { deletionTemplate, reactionTemplate, repostTemplate } from '../core/interactions.js';
import { DELETION_KIND, deletedKeys } from '../core/deletion.js';
import type { PublishResult } from '../net/types.js';
import { isHex64 } from '../core/event-shape.js';
import { RecentMap } from '../core/recent.js';

export interface NoteInteractions {
  /** The user has a live like (a reaction other than "-") on the note. */
  liked: boolean;
  reposted: boolean;
  /** An action on this note is on its way. */
  busy: boolean;
}

export interface InteractionOutcome {
  /** The event published (reaction, repost or deletion request). */
  event?: Event;
  results: PublishResult[];
  /** Why nothing was published: the same action is already on its way, or there is nothing to do. */
  unchanged?: 'busy' | 'already' | 'not-done' | 'not-yours' | 'no-key';
  /** `event` is the user's own from earlier, which no relay sent back: sent again, not made again. */
  resent?: true;
  /** A note deleted while still in the outbox was taken out of it (src/client/notes.ts deleteEvent). */
  withdrawn?: 'unsent' | 'maybe-sent';
}

export interface Interactions {
  state(noteId: string): NoteInteractions;
  /** Looks up the user's reactions and reposts of these notes (batched; each note once). */
  request(noteIds: Iterable<string>): void;
  /** Called after lookups and actions; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  like(note: Event, relayHint?: string): Promise<InteractionOutcome>;
  unlike(note: Event): Promise<InteractionOutcome>;
  repost(note: Event, relayHint?: string): Promise<InteractionOutcome>;
  unrepost(note: Event): Promise<InteractionOutcome>;
  /** A NIP-09 deletion of one of the user's own notes. */
  deleteNote(note: Event): Promise<InteractionOutcome>;
  /** The user deleted this note in this run (views that hold notes of their own drop it). */
  deleted(noteId: string): boolean;
}

export interface InteractionDeps {
  clock: Clock;
  /** The user's public key, or undefined without a key. */
  me(): string | undefined;
  /** The cache's answer (NIP-01 filter semantics); [] when there is none. */
  cached(filters: Filter[]): Event[];
  /** The relays' answer; also caches what it finds. */
  fetch(filters: Filter[]): Promise<Event[]>;
  /** Sign, outbox, publish (src/client/publish.ts). */
  publish(template: EventTemplate): Promise<{ event: Event; results: PublishResult[] }>;
  /** Outbox, publish an event the user signed earlier, unchanged (src/client/publish.ts resendEvent). */
  resend(event: Event): Promise<{ event: Event; results: PublishResult[] }>;
  /**
   * Deletes one of the user's notes (src/client/notes.ts deleteEvent: a note still in the outbox is
   * taken out of it); without it, a deletion request is published.
   */
  deleteNote?(note: Event): Promise<InteractionOutcome & { event: Event }>;
  /** How long `request` gathers note ids into one lookup, ms. */
  batchMs?: number;
}

const REPOST_KINDS = [6, 16];
/** Notes whose lookup is remembered at most (see `lookups`). */
export const MAX_LOOKUPS = 2_000;

/** The note a reaction or repost of the user's is about. */
function targetOf(event: Event): string | undefined {
  if (event.kind === 7) return getReactedEventPointer(event)?.id ?? event.tags.findLast((t) => t[0] === 'e')?.[1];
  if (REPOST_KINDS.includes(event.kind)) return event.tags.find((t) => t[0] === 'e')?.[1];
  return undefined;
}

const isLike = (event: Event) => event.kind === 7 && event.content !== '-';
const isRepost = (event: Event) => REPOST_KINDS.includes(event.kind);

export function createInteractions(deps: InteractionDeps): Interactions {
  /** Per note: the user's reactions and reposts of it that are known (deleted ones are in `withdrawn`). */
  const mine = new Map<string, Event[]>();
  /** The user's reactions and reposts a deletion request of theirs names (NIP-09): undone, whatever a relay still sends. */
  const withdrawn = new Set<string>();
  /**
   * Per note: the lookup under way or done; the notes asked about longest ago are forgotten past
   * MAX_LOOKUPS (issue #16 item 5: one per note that scrolled through a long session) and looked
   * up again if asked again. What the user did (`mine`) is kept: it grows with their actions only.
   */
  const lookups = new RecentMap<string, Promise<void>>(MAX_LOOKUPS);
  /** The user's reactions and reposts a relay sent back, or that this run sent: none needs sending again. */
  const onRelays = new Set<string>();
  /** "like:<id>" / "repost:<id>": an action on its way. */
  const busy = new Set<string>();
  /** Notes the user deleted in this run. */
  const gone = new Set<string>();
  const listeners = new Set<() => void>();
  let batch: Set<string> | undefined;
  let batchDone: (() => void) | undefined;
  let batchPromise: Promise<void> | undefined;

  const notify = () => {
    for (const listener of listeners) listener();
  };

  const remember = (events: Event[], me: string) => {
    for (const event of events) {
      if (event.pubkey !== me) continue;
      const target = targetOf(event);
      if (!target || !lookups.has(target)) continue;
      const known = mine.get(target) ?? [];
      if (!known.some((e) => e.id === event.id)) known.push(event);
      mine.set(target, known);
    }
  };

  /**
   * Which of the user's `events` a deletion request of theirs names, in the cache or on the relays:
   * a relay that keeps deleted events sends back a like undone long ago, and the cache keeps the
   * request made here. A relay that could not be asked leaves what the cache says.
   */
  const learnWithdrawn = async (events: Event[], me: string): Promise<void> => {
    const ids = [...new Set(events.map((event) => event.id))];
    if (ids.length === 0) return;
    const filters: Filter[] = [{ kinds: [DELETION_KIND], authors: [me], '#e': ids }];
    const deleted = deletedKeys([...deps.cached(filters), ...(await deps.fetch(filters).catch((): Event[] => []))]);
    for (const id of ids) if (deleted.has(`${id}:${me}`)) withdrawn.add(id);
  };

  const lookUp = async (ids: string[]): Promise<void> => {
    const me = deps.me();
    if (!me || ids.length === 0) return;
    const filters: Filter[] = [{ kinds: [7, ...REPOST_KINDS], authors: [me], '#e': ids }];
    // The cache paints first; the relays decide (a like made on another device).
    const cached = deps.cached(filters);
    remember(cached, me);
    notify();
    try {
      const found = (await deps.fetch(filters)).filter((event) => event.pubkey === me);
      await learnWithdrawn([...cached, ...found], me);
      for (const event of found) onRelays.add(event.id);
      remember(found, me);
    } catch {
      // The relays could not be asked: what the cache knows stands.
    }
    notify();
  };

  const flush = () => {
    const ids = [...(batch ?? [])];
    const done = batchDone!;
    batch = undefined;
    batchPromise = undefined;
    void lookUp(ids).finally(done);
  };

  const request = (noteIds: Iterable<string>): void => {
    if (!deps.me()) return;
    for (const id of noteIds) {
      // Asked again (still on screen): moved to the end of the line, so not the one forgotten.
      if (!isHex64(id) || lookups.touch(id)) continue;
      if (!batch) {
        batch = new Set();
        batchPromise = new Promise<void>((resolve) => (batchDone = resolve));
        setTimeout(flush, deps.batchMs ?? 30);
      }
      batch.add(id);
      lookups.set(id, batchPromise!);
    }
  };

  /** Resolves once the user's reactions and reposts of the note are known (or could not be asked). */
  const loaded = (id: string): Promise<void> => {
    request([id]);
    return lookups.get(id) ?? Promise.resolve();
  };

  /** The user's reactions and reposts of the note, without those they deleted. */
  const live = (id: string): Event[] => (mine.get(id) ?? []).filter((event) => !withdrawn.has(event.id));

  const state = (id: string): NoteInteractions => {
    const known = live(id);
    return {
      liked: known.some(isLike),
      reposted: known.some(isRepost),
      busy: busy.has(`like:${id}`) || busy.has(`repost:${id}`),
    };
  };

  /** One action per note and kind at a time; the busy mark is set before anything is awaited. */
  const exclusive = async (key: string, run: () => Promise<InteractionOutcome>): Promise<InteractionOutcome> => {
    if (!deps.me()) return { results: [], unchanged: 'no-key' };
    if (busy.has(key)) return { results: [], unchanged: 'busy' };
    busy.add(key);
    notify();
    try {
      return await run();
    } finally {
      busy.delete(key);
      notify();
    }
  };

  const add = (id: string, event: Event) => mine.set(id, [...(mine.get(id) ?? []), event]);

  /**
   * Asked for something already done: nothing new is signed. When no relay sent it back (only
   * the cache has it), the newest such event goes to the relays again, as it was signed.
   */
  const doneBefore = async (events: Event[]): Promise<InteractionOutcome> => {
    if (events.some((event) => onRelays.has(event.id))) return { results: [], unchanged: 'already' };
    const newest = events.reduce((a, b) => (b.created_at > a.created_at ? b : a));
    const outcome = await deps.resend(newest);
    onRelays.add(newest.id);
    return { ...outcome, resent: true };
  };
  const now = () => unixNow(deps.clock);

  /** A like or repost (`done` picks the user's own of that kind): sent once, or, done before, as `doneBefore` says. */
  const once = (note: Event, done: (event: Event) => boolean, template: (at: number) => EventTemplate) => async (): Promise<InteractionOutcome> => {
    await loaded(note.id);
    const earlier = live(note.id).filter(done);
    if (earlier.length > 0) return doneBefore(earlier);
    // Dated after the one the user deleted: liked again within the same second, the same
    // template would give the deleted event's id, which relays that honour the deletion refuse.
    const undone = (mine.get(note.id) ?? []).filter((event) => done(event) && withdrawn.has(event.id));
    const outcome = await deps.publish(template(Math.max(now(), ...undone.map((event) => event.created_at + 1))));
    add(note.id, outcome.event);
    onRelays.add(outcome.event.id);
    return outcome;
  };

  /** Deletes the user's own events of the note that `pick` selects (NIP-09, `k` per kind). */
  const undo = async (note: Event, pick: (event: Event) => boolean): Promise<InteractionOutcome> => {
    await loaded(note.id);
    const targets = live(note.id).filter(pick);
    if (targets.length === 0) return { results: [], unchanged: 'not-done' };
    const outcome = await deps.publish(deletionTemplate(targets, now()));
    // Saved in the outbox: from now on it is undone, whatever the relays said or send later.
    for (const target of targets) withdrawn.add(target.id);
    return outcome;
  };

  return {
    state,
    request,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    like: (note, relayHint = '') => exclusive(`like:${note.id}`, once(note, isLike, (at) => reactionTemplate(note, at, relayHint))),
    unlike: (note) => exclusive(`like:${note.id}`, () => undo(note, isLike)),
    repost: (note, relayHint = '') => exclusive(`repost:${note.id}`, once(note, isRepost, (at) => repostTemplate(note, at, relayHint))),
    unrepost: (note) => exclusive(`repost:${note.id}`, () => undo(note, isRepost)),
    deleteNote: (note) =>
      exclusive(`delete:${note.id}`, async () => {
        if (note.pubkey !== deps.me()) return { results: [], unchanged: 'not-yours' };
        const outcome = await (deps.deleteNote?.(note) ?? deps.publish(deletionTemplate([note], now())));
        gone.add(note.id);
        return outcome;
      }),
    deleted: (noteId) => gone.has(noteId),
  };
}
