// Counts on notes (`↩ 3  ↻ 2  ♥ 14  ⚡ 2.1k`): direct replies (NIP-10), reposts
// (NIP-18), reactions (NIP-25, dislikes "-" left out) and zapped sats (NIP-57
// receipts), gathered from events the caller has verified. Pure; each event
// counts once (by id), a person's reactions or reposts of a note count once.
// Muted people, and replies the thread would hide, are left out when read, so
// `↩ 1` never leads to a thread with no reply in it (NIP-51 mutes).
import type { Event } from 'nostr-tools';
import { parse as parseThread } from 'nostr-tools/nip10';
import { compactAmount, reactionTarget, repostTarget } from './notifications.js';
import { ZAP_RECEIPT_KIND, zapRequestToCheck, zapSats } from './zap-receipt.js';
import { isHex64 } from './event-shape.js';
import { EMPTY_MUTES, isEmptyMuteSet, isMuted, type MuteSet } from './mutes.js';

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

interface Tally {
  /** Ids of the events counted for the note (each counts once). */
  seen: Set<string>;
  /** The replies themselves: whether one is muted is read from its text. */
  replies: Map<string, Event>;
  reposters: Set<string>;
  reactors: Set<string>;
  /** Receipt id -> sats and the zap request (NIP-57): its author zapped, with its comment. */
  zaps: Map<string, { sats: number; request: Event }>;
}

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

export class NoteCounter {
  private readonly tallies = new Map<string, Tally>();

  /** `me`: the user, whose own likes and reposts are marked. */
  constructor(private readonly me?: string) {}

  /** Counts the event for its note when that note is one of `tracked`; returns the note changed, if any. */
  add(event: Event, tracked?: { has(id: string): boolean }): string | undefined {
    const counted = countedFor(event);
    if (!counted || (tracked && !tracked.has(counted.note))) return undefined;
    let tally = this.tallies.get(counted.note);
    if (!tally) {
      tally = { seen: new Set(), replies: new Map(), reposters: new Set(), reactors: new Set(), zaps: new Map() };
      this.tallies.set(counted.note, tally);
    }
    if (tally.seen.has(event.id)) return undefined;
    tally.seen.add(event.id);
    switch (counted.as) {
      case 'reply':
        tally.replies.set(event.id, event);
        break;
      case 'repost':
        tally.reposters.add(event.pubkey);
        break;
      case 'reaction':
        tally.reactors.add(event.pubkey);
        break;
      case 'zap':
        tally.zaps.set(event.id, { sats: zapSats(event), request: counted.request! });
        break;
    }
    return counted.note;
  }

  /**
   * The user deleted these events of their own (NIP-09): a reply of theirs no longer counts under
   * its note. (Their likes and reposts are marked through their own state, not here.) The notes changed.
   */
  withdraw(ids: Iterable<string>): string[] {
    const changed: string[] = [];
    for (const id of ids) {
      for (const [note, tally] of this.tallies) if (tally.replies.delete(id)) changed.push(note);
    }
    return changed;
  }

  /** Drops a note's counts (and what was counted for it): counted again from scratch if asked again. */
  forget(note: string): void {
    this.tallies.delete(note);
  }

  /** The note's counts, leaving out what `mutes` hides. */
  get(note: string, mutes: MuteSet = EMPTY_MUTES): NoteCounts {
    const tally = this.tallies.get(note);
    if (!tally) return NO_COUNTS;
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
      reposts: shown(tally.reposters),
      reactions: shown(tally.reactors),
      zapSats: sats,
      liked: this.me !== undefined && tally.reactors.has(this.me),
      reposted: this.me !== undefined && tally.reposters.has(this.me),
    };
  }
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
