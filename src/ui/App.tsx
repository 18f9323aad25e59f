// The root: providers, then a thin shell that picks the screen. Logic lives in
// hooks, reducers and src/core; the shell only wires them together.
import { Box, Text, useApp } from 'ink';
import type { Event } from 'nostr-tools';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { sanitizeLine } from '../core/sanitize.js';
import { textWidth, truncate } from '../core/text-layout.js';
import { ComposerView, composerHeight, useComposerKeys } from './composer/Composer.js';
import { composerReducer, emptyDraft, type ComposerAction } from './composer/composer-state.js';
import { ScreenSizeProvider, ServicesProvider, ThemeProvider, useColor, useScreenSize, useServices, type ScreenSize } from './context.js';
import { useActions } from './hooks/use-actions.js';
import { useFeed } from './hooks/use-feed.js';
import { useMentionCompletion } from './hooks/use-mention-completion.js';
import { useNames } from './hooks/use-names.js';
import { commandFor, hints, type Command } from './keys/bindings.js';
import { KeyPriority, KeypressProvider, useKeypress } from './keys/keypress.js';
import { currentView, feedTitle, initialNav, navReducer, type View } from './navigation.js';
import { FeedScreen } from './screens/FeedScreen.js';
import { HelpScreen } from './screens/HelpScreen.js';
import { KeyOffer } from './screens/KeyOffer.js';
import { ProfileScreen } from './screens/ProfileScreen.js';
import { RelaysScreen } from './screens/RelaysScreen.js';
import { ThreadScreen } from './screens/ThreadScreen.js';
import type { UiServices } from './services.js';
import type { StatusMessage } from './status.js';

export interface AppProps {
  services: UiServices;
  /** Fixed screen size (tests); otherwise the terminal's, following resizes. */
  size?: ScreenSize;
  /** False under NO_COLOR. */
  color?: boolean;
  /** Told the draft's text on every edit, so an unsent draft survives a quit. */
  onDraft?(text: string): void;
}

export function App({ services, size, color = true, onDraft }: AppProps) {
  return (
    <ServicesProvider value={services}>
      <ThemeProvider value={{ color }}>
        <ScreenSizeProvider fixed={size}>
          <KeypressProvider>
            <Shell onDraft={onDraft} />
          </KeypressProvider>
        </ScreenSizeProvider>
      </ThemeProvider>
    </ServicesProvider>
  );
}

const NO_FOLLOWS_HINT: StatusMessage = { text: 'You follow nobody yet: press f on a note, or run `nostr-tui follow npub…`', tone: 'info' };

const HEADER_ROWS = 1;
const FOOTER_ROWS = 2;

const listHints: Command[] = ['down', 'open', 'reply', 'like', 'compose', 'cycleFeed', 'help', 'quit'];

function Shell({ onDraft }: { onDraft?: ((text: string) => void) | undefined }) {
  const services = useServices();
  const { columns, rows } = useScreenSize();
  const { exit } = useApp();
  const names = useNames();
  const [publicKey, setPublicKey] = useState(() => services.publicKey());
  const [offerKey, setOfferKey] = useState(() => !services.publicKey());
  // Known already when start-up's lookup finished while Ink loaded: the first frame shows the feed
  // (the effect below then confirms the same list).
  const [known] = useState(() => (publicKey ? services.knownFollows?.() : undefined));
  const [nav, navigate] = useReducer(navReducer, initialNav(known?.length === 0 ? 'global' : 'home'));
  const [status, setStatus] = useState<StatusMessage | undefined>(() => (known?.length === 0 ? NO_FOLLOWS_HINT : undefined));
  const [follows, setFollows] = useState<string[] | undefined>(known);
  const [composer, setComposer] = useState<{ open: boolean; replyTo?: Event; sending: boolean }>({ open: false, sending: false });
  // The draft also lives in a ref: Enter may arrive before React re-renders the last keystroke.
  const draftRef = useRef(emptyDraft);
  const [draft, setDraft] = useState(emptyDraft);
  const edit = useCallback((action: ComposerAction) => {
    draftRef.current = composerReducer(draftRef.current, action);
    setDraft(draftRef.current);
    onDraft?.(draftRef.current.text);
  }, [onDraft]);
  const [topSignal, setTopSignal] = useState(0);

  // Whom the user follows decides Home; following nobody, Global is shown with a hint.
  useEffect(() => {
    let live = true;
    const load = publicKey ? services.follows() : Promise.resolve([]);
    load.then(
      (list) => {
        if (!live) return;
        setFollows(list);
        if (list.length === 0) {
          navigate({ type: 'showFeed', feed: 'global' });
          // A message already showing (e.g. "key created") stays; the hint is for a quiet footer.
          if (publicKey) setStatus((s) => s ?? NO_FOLLOWS_HINT);
        }
      },
      (error: unknown) => {
        if (!live) return;
        setFollows([]);
        navigate({ type: 'showFeed', feed: 'global' });
        setStatus({ text: `could not read your follow list: ${sanitizeLine(String((error as Error)?.message ?? error))}`, tone: 'error' });
      },
    );
    return () => {
      live = false;
    };
  }, [services, publicKey]);

  // Warnings from the services (e.g. a damaged cache) land in the footer, never on the frame.
  useEffect(() => services.onNotice?.((text) => setStatus({ text: sanitizeLine(text), tone: 'error' })), [services]);

  // The user's own name for the header.
  useEffect(() => {
    if (publicKey) names.request([publicKey]);
  }, [publicKey, names]);

  // A follow or unfollow does not reopen the feed under the reader (the list would
  // jump): an open Home asks for the new author's notes, or drops the old one's, in place.
  const feedView = useFeed(
    () => (follows === undefined ? undefined : services.openFeed(nav.feed, follows)),
    [services, nav.feed, follows === undefined, publicKey],
  );

  const openComposer = useCallback((replyTo?: Event) => setComposer({ open: true, replyTo, sending: false }), []);
  const onPublished = useCallback(
    (event: Event) => {
      // The user deleted a note (NIP-09): it leaves the open feed at once.
      if (event.kind === 5) return void feedView.feed?.timeline.applyDeletion?.(event);
      if (event.kind !== 1 || !feedView.feed) return;
      feedView.feed.timeline.add(event);
      setTopSignal((n) => n + 1);
    },
    [feedView.feed],
  );
  const onFollowsChanged = useCallback(
    ({ pubkey, following }: { pubkey: string; following: boolean }) => {
      setFollows((list = []) => (following ? [...new Set([...list, pubkey])] : list.filter((pk) => pk !== pubkey)));
      if (nav.feed !== 'home') return;
      if (following) feedView.feed?.followed?.(pubkey);
      else feedView.feed?.unfollowed?.(pubkey);
    },
    [nav.feed, feedView.feed],
  );
  const { perform, send } = useActions({
    services, navigate, setStatus, openComposer, hasKey: !!publicKey, nameOf: names.nameOf, onFollowsChanged, onPublished,
  });

  useComposerKeys(composer.open && !composer.sending, edit, {
    send() {
      const text = draftRef.current.text.trim();
      if (!text) return setStatus({ text: 'nothing to send: type a note, or Esc to cancel', tone: 'info' });
      setComposer((c) => ({ ...c, sending: true }));
      void send(text, composer.replyTo).then((ok) => {
        // Published means saved in the outbox first: the draft is safe to clear.
        if (ok) edit({ type: 'clear' });
        setComposer((c) => ({ open: !ok, replyTo: c.replyTo, sending: false }));
      });
    },
    cancel: () => setComposer((c) => ({ ...c, open: false })),
  });

  // `@name` completion in the composer (src/ui/hooks/use-mention-completion.ts).
  const mention = useMentionCompletion({ active: composer.open && !composer.sending, draft, getDraft: () => draftRef.current, edit, follows, replyTo: composer.replyTo });

  const view = currentView(nav);
  useKeypress(
    (input, key) => {
      const command = commandFor(['global'], input, key);
      switch (command) {
        case 'quit':
          exit();
          return true;
        case 'compose':
          if (!publicKey) setStatus({ text: 'you have no key: run `nostr-tui key import`, or restart to create one', tone: 'error' });
          else openComposer();
          return true;
        case 'cycleFeed':
          navigate({ type: 'cycleFeed' });
          return true;
        case 'relays':
          navigate({ type: 'push', view: { type: 'relays' } });
          return true;
        case 'help':
          navigate({ type: 'push', view: { type: 'help' } });
          return true;
        case 'back':
          navigate({ type: 'back' });
          return true;
        default:
          return false;
      }
    },
    { priority: KeyPriority.global, isActive: !composer.open },
  );

  const composerRows = composer.open ? composerHeight(draft, columns) : 0;
  const bodyRows = Math.max(1, rows - HEADER_ROWS - FOOTER_ROWS - composerRows);
  const screensActive = !composer.open && !offerKey;
  const name = publicKey ? names.nameOf(publicKey) : 'no key';

  let body;
  if (offerKey) {
    body = (
      <KeyOffer
        rows={bodyRows}
        onDone={(created) => {
          setOfferKey(false);
          if (created) {
            setPublicKey(services.publicKey());
            setStatus({ text: `key created and stored in ${services.keyLocation}`, tone: 'ok' });
          }
        }}
      />
    );
  } else {
    body = renderView(view, {
      rows: bodyRows,
      active: screensActive,
      perform,
      feedView,
      topSignal,
      follows,
      emptyFeed: emptyText(nav.feed, !!publicKey, follows?.length ?? 0),
      feedKey: nav.feed,
    });
  }

  const title = offerKey ? 'Welcome' : viewTitle(view, nav.feed, names.nameOf);
  const footerHints = composer.open
    ? hints(['send', 'newline', 'cancel'], 'composer')
    : offerKey
      ? hints(['createKey', 'skipKey', 'quit'])
      : view.type === 'feed' || view.type === 'thread' || view.type === 'profile'
        ? hints(view.type === 'feed' ? listHints : ['down', 'open', 'reply', 'like', 'profile', 'back', 'help'])
        : hints(['back', 'quit']);

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header name={name} title={title} />
      {body}
      {composer.open ? (
        <ComposerView
          draft={draft}
          title={(composer.replyTo ? `Reply to ${names.nameOf(composer.replyTo.pubkey)}` : 'New note') + mention.hint}
          width={columns}
          sending={composer.sending}
        />
      ) : null}
      <Footer status={status} hints={footerHints} />
    </Box>
  );
}

interface ViewProps {
  rows: number;
  active: boolean;
  perform: ReturnType<typeof useActions>['perform'];
  feedView: ReturnType<typeof useFeed>;
  topSignal: number;
  follows: string[] | undefined;
  emptyFeed: string;
  /** A new feed gets a new list (cursor, window, what counts as new). */
  feedKey: string;
}

function renderView(view: View, p: ViewProps) {
  switch (view.type) {
    case 'feed':
      return <FeedScreen key={p.feedKey} view={p.feedView} rows={p.rows} active={p.active} perform={p.perform} empty={p.emptyFeed} topSignal={p.topSignal} />;
    case 'thread':
      return <ThreadScreen key={view.event.id} event={view.event} rows={p.rows} active={p.active} perform={p.perform} />;
    case 'profile':
      return (
        <ProfileScreen key={view.pubkey} pubkey={view.pubkey} following={p.follows?.includes(view.pubkey)} rows={p.rows} active={p.active} perform={p.perform} />
      );
    case 'relays':
      return <RelaysScreen rows={p.rows} />;
    case 'help':
      return <HelpScreen rows={p.rows} active={p.active} />;
  }
}

function viewTitle(view: View, feed: keyof typeof feedTitle, nameOf: (pk: string) => string): string {
  switch (view.type) {
    case 'feed':
      return feedTitle[feed];
    case 'thread':
      return 'Thread';
    case 'profile':
      return `Profile: ${nameOf(view.pubkey)}`;
    case 'relays':
      return 'Relays';
    case 'help':
      return 'Keys';
  }
}

function emptyText(feed: keyof typeof feedTitle, hasKey: boolean, following: number): string {
  if (feed === 'mentions' && !hasKey) return 'no key, so no mentions to show';
  if (feed === 'mentions') return 'nobody has mentioned you on these relays yet';
  if (feed === 'home' && following === 0) return 'you follow nobody yet: press f on a note in Global (Tab), or run `nostr-tui follow npub…`';
  if (feed === 'home') return 'nothing from the people you follow yet';
  return 'the relays sent no notes yet';
}

function Header({ name, title }: { name: string; title: string }) {
  const services = useServices();
  const color = useColor();
  const { columns } = useScreenSize();
  const [status, setStatus] = useState(() => services.relayStatus());
  useEffect(() => services.onRelayStatus(setStatus), [services]);
  const configured = services.relays().length;
  const connected = status.filter((s) => s.state === 'connected' || s.state === 'eose').length;
  const right = `relays ${connected}/${configured} `;
  const left = truncate(` ${name} · ${title}`, columns - right.length - 1);
  const gap = Math.max(1, columns - textWidth(left) - right.length);
  return (
    <Text inverse bold color={color('blue')} wrap="truncate">
      {left + ' '.repeat(gap) + right}
    </Text>
  );
}

function Footer({ status, hints: keys }: { status?: StatusMessage; hints: string }) {
  const color = useColor();
  const { columns } = useScreenSize();
  const tone = status?.tone === 'error' ? color('red') : status?.tone === 'ok' ? color('green') : undefined;
  return (
    <Box flexDirection="column">
      <Text color={tone} wrap="truncate">
        {status ? truncate(` ${status.text}`, columns) : ' '}
      </Text>
      <Text dimColor wrap="truncate">
        {truncate(` ${keys}`, columns)}
      </Text>
    </Box>
  );
}
