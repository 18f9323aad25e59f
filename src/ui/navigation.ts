// Which screen is shown: a stack of views over the feed, as a pure reducer.
import type { Event } from 'nostr-tools';
import type { SearchFeedLike } from './services.js';

/** Notifications (replies, mentions, quotes, reposts, reactions, zaps: issue 13) took the place of Mentions; Messages are private messages (NIP-17). */
export type FeedKind = 'home' | 'notifications' | 'global' | 'messages';
export const feedKinds: readonly FeedKind[] = ['home', 'notifications', 'global', 'messages'];
export const feedTitle: Record<FeedKind, string> = { home: 'Home', notifications: 'Notifications', global: 'Global', messages: 'Messages' };

export type View =
  | { type: 'feed' }
  | { type: 'thread'; event: Event }
  | { type: 'profile'; pubkey: string }
  | { type: 'relays' }
  /** One private conversation (NIP-17), by the other members' public keys. */
  | { type: 'chat'; peers: string[] }
  | { type: 'help' }
  // Issue #15: a search's results (the feed is opened when the search is asked), a hashtag's notes.
  | { type: 'search'; query: string; feed: SearchFeedLike }
  | { type: 'hashtag'; tag: string }
  /** The user's bookmarked notes (NIP-51), `B`. */
  | { type: 'bookmarks' };

export interface NavState {
  feed: FeedKind;
  /** Never empty; the feed is always at the bottom. */
  stack: View[];
}

/**
 * `showFeed`: the user asked for that feed (its view alone). `feedUnder`: the app put another feed
 * in place (Home has no follow list: Global), under whatever the user opened on top of it since.
 */
export type NavAction = { type: 'push'; view: View } | { type: 'back' } | { type: 'cycleFeed' } | { type: 'showFeed'; feed: FeedKind } | { type: 'feedUnder'; feed: FeedKind };

export const initialNav = (feed: FeedKind): NavState => ({ feed, stack: [{ type: 'feed' }] });

export const currentView = (nav: NavState): View => nav.stack[nav.stack.length - 1]!;

export function navReducer(nav: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'push': {
      // Help and the relays panel are overlays: opening one again goes back instead of stacking.
      const top = currentView(nav);
      if ((action.view.type === 'help' || action.view.type === 'relays') && top.type === action.view.type) {
        return navReducer(nav, { type: 'back' });
      }
      return { ...nav, stack: [...nav.stack, action.view] };
    }
    case 'back':
      return nav.stack.length > 1 ? { ...nav, stack: nav.stack.slice(0, -1) } : nav;
    case 'cycleFeed': {
      const next = feedKinds[(feedKinds.indexOf(nav.feed) + 1) % feedKinds.length]!;
      return initialNav(next);
    }
    case 'showFeed':
      return initialNav(action.feed);
    case 'feedUnder':
      return { ...nav, feed: action.feed };
  }
}
