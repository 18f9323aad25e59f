// Counts on notes (`↩ 3  ↻ 2  ♥ 14  ⚡ 2.1k`): direct replies (NIP-10), reposts
// (NIP-18), reactions (NIP-25, dislikes "-" left out) and zapped sats (NIP-57
// receipts), gathered from events the caller has verified. Pure; each event
// counts once (by id), a person's reactions or reposts of a note count once.
// Muted people, and replies the thread would hide, are left out when read, so
// `↩ 1` never leads to a thread with no reply in it (NIP-51 mutes); so is what
// its author withdrew, as the thread leaves it out: deleted by a request of the
// same author (NIP-09), or expired (NIP-40).
import type { Event } from 'nostr-tools';
import { parse as parseThread } from 'nostr-tools/nip10';
import { compactAmount, reactionTarget, repostTarget } from './notifications.js';
import { ZAP_RECEIPT_KIND, zapRequestToCheck, zapSats } from './zap-receipt.js';
import { isHex64 } from './event-shape.js';
import { EMPTY_MUTES, isEmptyMuteSet, isMuted, type MuteSet } from './mutes.js';
import { deletedIds } from './deletion.js';
import { expirationOf, isExpired } from './expiration.js';
import { RecentMap } from './recent.js';

/** The kinds that count on a note (asked for with `#e`). */
export const COUNTED_KINDS = [1, 6, 16, 7, ZAP_RECEIPT_KIND];

export interface NoteCounts {
  replies: number;
  reposts: number;
  reactions: number;
  /** Sats zapped, summed over receipts. */
  zapSats: number;
  /** The user reacted (not "-") / reposted. */
  liked: boolean;
  reposted: boolean;
}

export const NO_COUNTS: NoteCounts = { replies: 0, reposts: 0, reactions: 0, zapSats: 0, liked: false, reposted: false };

/** What an event counts as, and for which note. */
export function countedFor(event: Event): { note: string; as: 'reply' | 'repost' | 'reaction' | 'zap'; request?: Event } | undefined {
  switch (event.kind) {
    case 1: {
      const { reply, root } = parseThread(event);
      const parent = reply ?? root;
      return parent && parent.id !== event.id ? { note: parent.id, as: 'reply' } : undefined;
    }
    case 6:
    case 16: {
      const note = repostTarget(event);
      return note ? { note, as: 'repost' } : undefined;
    }
    case 7: {
      const note = event.content === '-' ? undefined : reactionTarget(event);
      return note ? { note, as: 'reaction' } : undefined;
    }
    case ZAP_RECEIPT_KIND: {
      // One that does not agree with its zap request is no zap (a receipt cached before the pool checked them).
      const request = zapRequestToCheck(event);
      const note = request && event.tags.find((t) => t[0] === 'e' && isHex64(t[1]))?.[1];
      return note ? { note, as: 'zap', request } : undefined;
    }
    default:
      return undefined;
  }
}

/** What a counted event was, kept so that it can be taken back out. */
interface Counted {
  as: 'reply' | 'repost' | 'reaction' | 'zap';
  pubkey: string;
}

interface Tally {
  /** The events counted for the note, and those withdrawn since: each counts once, and never again once withdrawn. */
  seen: Map<string, Counted>;
  /** The replies themselves: whether one is muted is read from its text. */
  replies: Map<string, Event>;
  /** Person -> their reposts / reactions of the note (a person counts once; one withdrawn leaves the others). */
  reposts: Map<string, Set<string>>;
  reactions: Map<string, Set<string>>;
  /** Receipt id -> sats and the zap request (NIP-57): its author zapped, with its comment. */
  zaps: Map<string, { sats: number; request: Event }>;
  /** Counted events that carry a NIP-40 expiration: id -> when they stop counting. */
  expiring: Map<string, number>;
}

/** Deletion requests remembered for events not (yet) counted: one may come before what it deletes. */
const WITHDRAWN_KEPT = 10_000;

export class NoteCounter {
  private readonly tallies = new Map<string, Tally>();
  /** Counted event id -> its note, to find what a deletion request names. */
  private readonly noteOf = new Map<string, string>();
  /** `id:pubkey` of events their author deleted (NIP-09), remembered for a while. */
  private readonly withdrawn = new RecentMap<string, true>(WITHDRAWN_KEPT);

  /** `me`: the user, whose own likes and reposts are marked. */
  constructor(private readonly me?: string) {}

  /**
   * Counts the event for its note when that note is one of `tracked`; returns the note changed, if
   * any. An event its author deleted, or expired at `now` (unix seconds, NIP-40), does not count.
   */
  add(event: Event, tracked?: { has(id: string): boolean }, now?: number): string | undefined {
    const counted = countedFor(event);
    if (!counted || (tracked && !tracked.has(counted.note))) return undefined;
    if ((now !== undefined && isExpired(event, now)) || this.withdrawn.has(`${event.id}:${event.pubkey}`)) return undefined;
    let tally = this.tallies.get(counted.note);
    if (!tally) {
      tally = { seen: new Map(), replies: new Map(), reposts: new Map(), reactions: new Map(), zaps: new Map(), expiring: new Map() };
      this.tallies.set(counted.note, tally);
    }
    if (tally.seen.has(event.id)) return undefined;
    tally.seen.set(event.id, { as: counted.as, pubkey: event.pubkey });
    this.noteOf.set(event.id, counted.note);
    const expiration = expirationOf(event);
    if (expiration !== undefined) tally.expiring.set(event.id, expiration);
    switch (counted.as) {
      case 'reply':
        tally.replies.set(event.id, event);
        break;
      case 'repost':
        addTo(tally.reposts, event.pubkey, event.id);
        break;
      case 'reaction':
        addTo(tally.reactions, event.pubkey, event.id);
        break;
      case 'zap':
        tally.zaps.set(event.id, { sats: zapSats(event), request: counted.request! });
        break;
    }
    return counted.note;
  }

  /**
   * A deletion request (NIP-09, kind 5): what it names by its own author stops counting, whoever
   * that is (a reply, a like, a repost taken back), now and when it comes again. The user's own
   * like or repost undone is also marked through their own state (withOwn). The notes changed.
   */
  withdraw(request: Event): string[] {
    const changed: string[] = [];
    // Only the request's own author's events (NIP-09): matched by id and pubkey, as deletedKeys does.
    for (const id of deletedIds(request)) {
      this.withdrawn.set(`${id}:${request.pubkey}`, true);
      const note = this.noteOf.get(id);
      const tally = note === undefined ? undefined : this.tallies.get(note);
      if (tally && this.uncount(tally, id, request.pubkey)) changed.push(note!);
    }
    return changed;
  }

  /** Takes a counted event back out when it is `pubkey`'s; true when it was counted. */
  private uncount(tally: Tally, id: string, pubkey: string): boolean {
    const counted = tally.seen.get(id);
    if (counted?.pubkey !== pubkey) return false;
    tally.expiring.delete(id);
    switch (counted.as) {
      case 'reply':
        return tally.replies.delete(id);
      case 'repost':
        return removeFrom(tally.reposts, pubkey, id);
      case 'reaction':
        return removeFrom(tally.reactions, pubkey, id);
      case 'zap':
        return tally.zaps.delete(id);
    }
  }

  /** Drops a note's counts (and what was counted for it): counted again from scratch if asked again. */
  forget(note: string): void {
    const tally = this.tallies.get(note);
    if (!tally) return;
    for (const id of tally.seen.keys()) this.noteOf.delete(id);
    this.tallies.delete(note);
  }

  /** The note's counts, leaving out what `mutes` hides and what has expired by `now` (unix seconds, NIP-40). */
  get(note: string, mutes: MuteSet = EMPTY_MUTES, now?: number): NoteCounts {
    const tally = this.tallies.get(note);
    if (!tally) return NO_COUNTS;
    if (now !== undefined) for (const [id, at] of tally.expiring) if (at <= now) this.uncount(tally, id, tally.seen.get(id)!.pubkey);
    const people = mutes.pubkeys;
    const shown = (who: Iterable<string>) => {
      let n = 0;
      for (const pubkey of who) if (!people.has(pubkey)) n++;
      return n;
    };
    let sats = 0;
    // A zap is muted by its request: who sent it, or a muted word in its comment (not the wallet that signed the receipt).
    for (const zap of tally.zaps.values()) if (!isMuted(zap.request, mutes)) sats += zap.sats;
    let replies = tally.replies.size;
    if (!isEmptyMuteSet(mutes)) for (const reply of tally.replies.values()) if (isMuted(reply, mutes)) replies--;
    return {
      replies,
      reposts: shown(tally.reposts.keys()),
      reactions: shown(tally.reactions.keys()),
      zapSats: sats,
      liked: this.me !== undefined && tally.reactions.has(this.me),
      reposted: this.me !== undefined && tally.reposts.has(this.me),
    };
  }
}

function addTo(byPerson: Map<string, Set<string>>, pubkey: string, id: string): void {
  let ids = byPerson.get(pubkey);
  if (!ids) byPerson.set(pubkey, (ids = new Set()));
  ids.add(id);
}

function removeFrom(byPerson: Map<string, Set<string>>, pubkey: string, id: string): boolean {
  const ids = byPerson.get(pubkey);
  if (!ids?.delete(id)) return false;
  if (ids.size === 0) byPerson.delete(pubkey);
  return true;
}

/**
 * The counts as shown under a note: `↩ 3  ↻ 2  ♥ 14  ⚡ 2.1k`, zero counts left
 * out ('' when all are zero). The user's own like or repost is marked on the
 * note's header (` ♥`, ` ↻`), as before counts existed.
 */
export function formatCounts(counts: NoteCounts): string {
  const parts: string[] = [];
  if (counts.replies > 0) parts.push(`↩ ${counts.replies}`);
  if (counts.reposts > 0) parts.push(`↻ ${counts.reposts}`);
  if (counts.reactions > 0) parts.push(`♥ ${counts.reactions}`);
  if (counts.zapSats > 0) parts.push(`⚡ ${compactAmount(counts.zapSats)}`);
  return parts.join('  ');
}

/**
 * The counts with the user's own like and repost as the interactions service
 * knows them (a like just made and not yet counted, or one just undone with a
 * NIP-09 deletion the counted events do not show).
 */
export function withOwn(counts: NoteCounts, own: { liked: boolean; reposted: boolean } | undefined): NoteCounts {
  if (!own) return counts;
  const adjust = (n: number, counted: boolean, mine: boolean) => Math.max(0, n + (mine && !counted ? 1 : !mine && counted ? -1 : 0));
  return {
    ...counts,
    reactions: adjust(counts.reactions, counts.liked, own.liked),
    reposts: adjust(counts.reposts, counts.reposted, own.reposted),
    liked: own.liked,
    reposted: own.reposted,
  };
}
