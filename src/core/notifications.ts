// What an event addressed to the user is, as a notification: a reply, a
// mention, a quote, a repost, a reaction or a zap, and the note of the user's
// it is about. Pure: the caller gives the user's key; no I/O.
//   replies and mentions: NIP-10 (e tags, read by nostr-tools' nip10 parser) and NIP-27 (p tags)
//   quotes: NIP-18 `q` tags; reposts: NIP-18 kinds 6 and 16; reactions: NIP-25 kind 7
//   zaps: NIP-57 zap receipts (kind 9735), the amount from their bolt11 invoice
import type { Event, Filter } from 'nostr-tools';
import { parse as parseThread } from 'nostr-tools/nip10';
import { getReactedEventPointer } from 'nostr-tools/nip25';
import { isHex64 } from './event-shape.js';
import { ZAP_RECEIPT_KIND, zapRequestOf, zapRequestToCheck, zapSats } from './zap-receipt.js';

export type NotificationType = 'reply' | 'mention' | 'quote' | 'repost' | 'reaction' | 'zap';

/** The kinds a notification can be (what the `#p` query for the user asks for). */
export const NOTIFICATION_KINDS = [1, 6, 16, 7, 9735];

export interface Notification {
  type: NotificationType;
  event: Event;
  /** The note the notification is about (the one replied to, quoted, liked, reposted or zapped), when the event names one. */
  target?: string;
  /** Who did it: the author, or for a zap the sender named in the receipt's zap request (NIP-57). */
  actor: string;
  /** Zaps: the amount in sats, from the receipt's bolt11 invoice (0 when it cannot be read). */
  sats?: number;
  /** Reactions: the reaction's content ("+", an emoji); zaps: the sender's comment. */
  text?: string;
}

const tagsOf = (event: Event, name: string) => event.tags.filter((tag) => tag[0] === name && isHex64(tag[1]));

/** The note a reaction is about (NIP-25: the last `e` tag). */
export function reactionTarget(event: Event): string | undefined {
  const id = getReactedEventPointer(event)?.id ?? event.tags.findLast((t) => t[0] === 'e')?.[1];
  return isHex64(id) ? id : undefined;
}

/** The note a repost is about (NIP-18: its `e` tag). */
export function repostTarget(event: Event): string | undefined {
  return tagsOf(event, 'e')[0]?.[1];
}

/**
 * Who sent a zap: the zap request's author (NIP-57; the pool checked its signature and that it
 * matches the receipt), else the receipt's `P` tag, else the receipt's signer (the wallet).
 */
export function zapSender(receipt: Event): string {
  return zapRequestOf(receipt)?.pubkey ?? tagsOf(receipt, 'P')[0]?.[1] ?? receipt.pubkey;
}

/**
 * The notification this event is for the user `me`, or undefined when it is
 * none: the user's own events, events that do not tag the user, and dislikes
 * (NIP-25 "-") are not notifications.
 */
export function classify(event: Event, me: string): Notification | undefined {
  if (event.pubkey === me) return undefined;
  if (!event.tags.some((t) => t[0] === 'p' && t[1] === me)) return undefined;
  switch (event.kind) {
    case 7: {
      if (event.content === '-') return undefined;
      const target = reactionTarget(event);
      return { type: 'reaction', event, actor: event.pubkey, ...(target ? { target } : {}), text: event.content };
    }
    case 6:
    case 16: {
      const target = repostTarget(event);
      return { type: 'repost', event, actor: event.pubkey, ...(target ? { target } : {}) };
    }
    case ZAP_RECEIPT_KIND: {
      // One that does not agree with its zap request is no zap (a receipt cached before the pool checked them).
      if (!zapRequestToCheck(event)) return undefined;
      const target = tagsOf(event, 'e')[0]?.[1];
      const comment = zapRequestOf(event)?.content;
      const actor = zapSender(event);
      if (actor === me) return undefined;
      return { type: 'zap', event, actor, sats: zapSats(event), ...(target ? { target } : {}), ...(comment ? { text: comment } : {}) };
    }
    case 1: {
      const thread = parseThread(event);
      // A `q` tag naming another author's note (its 4th field, NIP-18) is not a quote of the user's.
      const quote = event.tags.find((t) => t[0] === 'q' && isHex64(t[1]) && (!isHex64(t[3]) || t[3] === me))?.[1];
      if (quote) return { type: 'quote', event, actor: event.pubkey, target: quote };
      const parent = thread.reply ?? thread.root;
      if (parent && parent.id !== event.id) return { type: 'reply', event, actor: event.pubkey, target: parent.id };
      return { type: 'mention', event, actor: event.pubkey };
    }
    default:
      return undefined;
  }
}

/** One line of the Notifications view: a single notification, or the reactions or reposts of one note together. */
export interface NotificationGroup {
  /** Stable across arrivals: the event id, or `reaction:<note>` / `repost:<note>`. */
  key: string;
  type: NotificationType;
  target?: string;
  /** Newest first. */
  items: Notification[];
  /** The newest item's time. */
  created_at: number;
}

/** Reactions and reposts of the same note are one group (`♥ Alice, Bob and 3 others liked: …`); everything else stands alone. */
const grouped = (n: Notification) => (n.type === 'reaction' || n.type === 'repost') && n.target !== undefined;

/**
 * Groups notifications (given newest first) for the view: newest group first,
 * a group placed by its newest member. One person's several reactions to a
 * note count once in its list of names.
 */
export function groupNotifications(newestFirst: Iterable<Notification>): NotificationGroup[] {
  const groups: NotificationGroup[] = [];
  const byKey = new Map<string, NotificationGroup>();
  for (const n of newestFirst) {
    const key = grouped(n) ? `${n.type}:${n.target}` : n.event.id;
    const known = byKey.get(key);
    if (known) {
      known.items.push(n);
      continue;
    }
    const group: NotificationGroup = { key, type: n.type, ...(n.target ? { target: n.target } : {}), items: [n], created_at: n.event.created_at };
    byKey.set(key, group);
    groups.push(group);
  }
  return groups;
}

/** The distinct people of a group, newest first. */
export function actorsOf(group: NotificationGroup): string[] {
  return [...new Set(group.items.map((n) => n.actor))];
}

/** `Alice`, `Alice and Bob`, `Alice, Bob and Carol`, `Alice, Bob and 3 others`. */
export function namesList(names: readonly string[], shown = 2): string {
  if (names.length <= 1) return names[0] ?? 'someone';
  if (names.length <= shown + 1) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const others = names.length - shown;
  return `${names.slice(0, shown).join(', ')} and ${others} other${others === 1 ? '' : 's'}`;
}

/** Notifications newer than the last one seen (`seenAt`, unix seconds), not counting those dated ahead of `now`. */
export function unreadCount(notifications: Iterable<Notification>, seenAt: number, now: number): number {
  let count = 0;
  for (const n of notifications) if (n.event.created_at > seenAt && n.event.created_at <= now) count++;
  return count;
}

/** A sats amount in a few characters: `21`, `2.1k`, `14k`, `1.2M`. */
export function compactAmount(n: number): string {
  if (n < 1000) return String(n);
  const [value, unit] = n < 1_000_000 ? [n / 1000, 'k'] : n < 1_000_000_000 ? [n / 1_000_000, 'M'] : [n / 1_000_000_000, 'G'];
  const text = value < 10 ? (Math.floor(value * 10) / 10).toFixed(1).replace(/\.0$/, '') : String(Math.floor(value));
  return text + unit;
}

/** The events addressed to the user (NIP-01 `#p`) that can be notifications: one filter. */
export function notificationFilters(me: string, since: number, limit: number, until?: number): Filter[] {
  return [{ kinds: [...NOTIFICATION_KINDS], '#p': [me], since, ...(until === undefined ? {} : { until }), limit }];
}
