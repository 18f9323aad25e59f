// One entry per kind of view: how it is drawn, its title, the keys its footer
// lists, and what an empty list says. The shell asks this table instead of
// switching on the view type in several places.
import type { ReactElement } from 'react';
import type { ComposerState } from './composer/composer-state.js';
import type { Command } from './keys/bindings.js';
import type { FeedView } from './hooks/use-feed.js';
import type { NoteCommand } from './hooks/use-list-keys.js';
import { feedTitle, type FeedKind, type View } from './navigation.js';
import type { NoteRow } from './notes/note-source.js';
import { FeedScreen } from './screens/FeedScreen.js';
import { ChatScreen } from './screens/ChatScreen.js';
import { HelpScreen } from './screens/HelpScreen.js';
import { NotificationsScreen } from './screens/NotificationsScreen.js';
import { MessagesScreen } from './screens/MessagesScreen.js';
import { ProfileScreen } from './screens/ProfileScreen.js';
import { RelaysScreen } from './screens/RelaysScreen.js';
import { BookmarksScreen, HashtagScreen, SearchScreen, searchTitle } from './screens/SearchScreen.js';
import { ThreadScreen } from './screens/ThreadScreen.js';
import type { StatusMessage } from './status.js';

/** What every view may draw from; each takes what it needs. */
export interface ViewContext {
  rows: number;
  /** Only the view on top of the stack, with no composer or offer over it, takes keys. */
  active: boolean;
  feed: FeedKind;
  feedView: FeedView;
  perform(command: NoteCommand, row: NoteRow): void;
  topSignal: number;
  follows: string[] | undefined;
  /** The follow list could not be read (no relay answered): not the same as following nobody. */
  followsUnknown?: boolean;
  hasKey: boolean;
  nameOf(pubkey: string): string;
  setStatus(status: StatusMessage): void;
  /** The footer's problem line (no relay reachable), shown in an empty feed too. */
  relayProblem?: string;
  /** Opens a private conversation (the Messages view's Enter). */
  openChat?(peers: string[]): void;
  /** Asks whom to write to, then opens that conversation (the Messages view's `n`). */
  newMessage?(): void;
  /** One chat's drafts (`source`: its peers), kept while the app runs, so leaving the chat loses none. */
  chatDrafts?(source: string): Map<string, ComposerState>;
  /** Unsent drafts of one composer (`source`), printed on quit with the others. */
  reportDrafts?(source: string, drafts: string[]): void;
  /** The footer's keys while a form is open on the view (undefined: the view's own again). */
  setFormHints?(hints: string | undefined): void;
}

interface ViewEntry<V extends View> {
  render(view: V, ctx: ViewContext): ReactElement;
  title(view: V, ctx: ViewContext): string;
  /** The commands the footer names on this view. */
  footer: readonly Command[];
}

type Registry = { [K in View['type']]: ViewEntry<Extract<View, { type: K }>> };

const noteFooter: Command[] = ['down', 'open', 'reply', 'like', 'profile', 'back', 'help'];

export const views: Registry = {
  feed: {
    render: (_view, ctx) =>
      ctx.feed === 'notifications' ? (
        <NotificationsScreen key={ctx.feed} view={ctx.feedView} rows={ctx.rows} active={ctx.active} perform={ctx.perform} empty={ctx.relayProblem ?? emptyFeedText(ctx.feed, ctx.hasKey, 0)} />
      ) : ctx.feed === 'messages' ? (
        <MessagesScreen rows={ctx.rows} active={ctx.active} nameOf={ctx.nameOf} openChat={(peers) => ctx.openChat?.(peers)} newMessage={() => ctx.newMessage?.()} />
      ) : (
      <FeedScreen
        key={ctx.feed}
        view={ctx.feedView}
        rows={ctx.rows}
        active={ctx.active}
        perform={ctx.perform}
        empty={ctx.relayProblem ?? emptyFeedText(ctx.feed, ctx.hasKey, ctx.follows?.length ?? 0, ctx.followsUnknown)}
        topSignal={ctx.topSignal}
      />
      ),
    title: (_view, ctx) => feedTitle[ctx.feed],
    footer: ['down', 'open', 'reply', 'like', 'compose', 'cycleFeed', 'help', 'quit'],
  },
  thread: {
    render: (view, ctx) => <ThreadScreen event={view.event} rows={ctx.rows} active={ctx.active} perform={ctx.perform} />,
    title: () => 'Thread',
    footer: noteFooter,
  },
  profile: {
    render: (view, ctx) => (
      <ProfileScreen pubkey={view.pubkey} following={ctx.follows?.includes(view.pubkey)} rows={ctx.rows} active={ctx.active} perform={ctx.perform} setStatus={ctx.setStatus} setFormHints={ctx.setFormHints} />
    ),
    title: (view, ctx) => `Profile: ${ctx.nameOf(view.pubkey)}`,
    footer: noteFooter,
  },
  relays: {
    render: (_view, ctx) => <RelaysScreen rows={ctx.rows} active={ctx.active} setStatus={ctx.setStatus} />,
    title: () => 'Relays',
    footer: ['down', 'addRelay', 'removeRelay', 'toggleRead', 'toggleWrite', 'back', 'quitNow'],
  },
  chat: {
    render: (view, ctx) => <ChatScreen peers={view.peers} rows={ctx.rows} active={ctx.active} nameOf={ctx.nameOf} setStatus={ctx.setStatus} onDrafts={ctx.reportDrafts} drafts={ctx.chatDrafts?.(view.peers.join(','))} />,
    title: (view, ctx) => `Chat: ${view.peers.map(ctx.nameOf).join(', ')}`,
    // Esc closes the composer, then goes back: one Esc in the footer. PgUp scrolls back, composer open or not.
    footer: ['send', 'newline', 'pageUp', 'back'],
  },
  help: {
    render: (_view, ctx) => <HelpScreen rows={ctx.rows} active={ctx.active} />,
    title: () => 'Keys',
    footer: ['down', 'back', 'quitNow'],
  },
  search: {
    render: (view, ctx) => <SearchScreen feed={view.feed} rows={ctx.rows} active={ctx.active} perform={ctx.perform} />,
    title: (view) => searchTitle(view.feed),
    footer: noteFooter,
  },
  hashtag: {
    render: (view, ctx) => <HashtagScreen tag={view.tag} rows={ctx.rows} active={ctx.active} perform={ctx.perform} />,
    title: (view) => `#${view.tag}`,
    footer: noteFooter,
  },
  bookmarks: {
    render: (_view, ctx) => <BookmarksScreen rows={ctx.rows} active={ctx.active} perform={ctx.perform} setStatus={ctx.setStatus} />,
    title: () => 'Bookmarks',
    footer: noteFooter,
  },
};

export function renderView(view: View, ctx: ViewContext): ReactElement {
  return (views[view.type] as ViewEntry<View>).render(view, ctx);
}

export function viewTitle(view: View, ctx: ViewContext): string {
  return (views[view.type] as ViewEntry<View>).title(view, ctx);
}

/** The Messages view sits where the feeds are; its keys are a list's and Enter opens a chat. */
const messagesFooter: readonly Command[] = ['down', 'open', 'cycleFeed', 'newMessage', 'help', 'quit'];

export const viewFooter = (view: View, feed?: FeedKind): readonly Command[] =>
  view.type === 'feed' && feed === 'messages' ? messagesFooter : views[view.type].footer;

/** What a footer key does on this view, where that is not its usual meaning. */
export const viewFooterNames = (view: View, feed?: FeedKind): Partial<Record<Command, string>> | undefined =>
  view.type === 'feed' && feed === 'messages' ? { open: 'open chat' } : view.type === 'chat' ? { pageUp: 'earlier' } : undefined;

/** A stable key per stacked view, so a view keeps its state (the reader's place) while others cover it. */
export function viewKey(view: View, depth: number, feed: FeedKind): string {
  switch (view.type) {
    case 'feed':
      return `feed:${feed}`;
    case 'thread':
      return `${depth}:thread:${view.event.id}`;
    case 'profile':
      return `${depth}:profile:${view.pubkey}`;
    case 'chat':
      return `${depth}:chat:${view.peers.join(',')}`;
    default:
      return `${depth}:${view.type}`;
  }
}

export function emptyFeedText(feed: FeedKind, hasKey: boolean, following: number, followsUnknown = false): string {
  if (feed === 'notifications' && !hasKey) return 'no key, so no notifications to show';
  if (feed === 'notifications') return 'nobody has replied to, mentioned or reacted to you on these relays yet';
  if (feed === 'home' && following === 0 && followsUnknown) return 'no relay answered, so whom you follow is unknown; Global (Tab) shows everyone';
  if (feed === 'home' && following === 0) return 'you follow nobody yet: press f on a note in Global (Tab), or run `nostr-tui follow npub…`';
  if (feed === 'home') return 'nothing from the people you follow yet';
  return 'the relays sent no notes yet';
}
