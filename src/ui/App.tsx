// The root: providers, then a thin shell that stacks the views (./views.tsx),
// the composer, header and footer. Logic lives in hooks, reducers and src/core.
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { sanitizeLine } from '../core/sanitize.js';
import { ComposerView, composerHeight, composerLinesIn } from './composer/Composer.js';
import type { ComposerState } from './composer/composer-state.js';
import { useComposer } from './composer/use-composer.js';
import { ScreenSizeProvider, ServicesProvider, ThemeProvider, useScreenSize, useServices, type ScreenSize } from './context.js';
import { useActions } from './hooks/use-actions.js';
import { NO_FOLLOWS_HINT, useFollows } from './hooks/use-follows.js';
import { useGlobalKeys } from './hooks/use-global-keys.js';
import { useMentionCompletion } from './hooks/use-mention-completion.js';
import { useNames } from './hooks/use-names.js';
import { useRelayHealth } from './hooks/use-relay-health.js';
import { useShownFeed } from './hooks/use-shown-feed.js';
import { useStatus } from './hooks/use-status.js';
import { useUnread } from './hooks/use-unread.js';
import { hashtagsOf, useSearchPrompt } from './hooks/use-search-prompt.js';
import { hints } from './keys/bindings.js';
import { KeypressProvider } from './keys/keypress.js';
import { currentView, initialNav, navReducer } from './navigation.js';
import { KeyOffer } from './screens/KeyOffer.js';
import type { UiServices } from './services.js';
import { Footer } from './shell/Footer.js';
import { Header } from './shell/Header.js';
import { ViewStack } from './shell/ViewStack.js';
import { NO_KEY } from './status.js';
import { viewFooter, viewFooterNames, viewTitle, type ViewContext } from './views.js';

export interface AppProps {
  services: UiServices;
  /** Fixed screen size (tests); otherwise the terminal's, following resizes. */
  size?: ScreenSize;
  /** False under NO_COLOR. */
  color?: boolean;
  /** Told every unsent draft on each edit, so none is lost with a quit. */
  onDrafts?(drafts: string[]): void;
}

export function App({ services, size, color = true, onDrafts }: AppProps) {
  return (
    <ServicesProvider value={services}>
      <ThemeProvider value={{ color }}>
        <ScreenSizeProvider fixed={size}>
          <KeypressProvider>
            <Shell onDrafts={onDrafts} />
          </KeypressProvider>
        </ScreenSizeProvider>
      </ThemeProvider>
    </ServicesProvider>
  );
}

const HEADER_ROWS = 1;
const FOOTER_ROWS = 2;

function Shell({ onDrafts }: { onDrafts?: ((drafts: string[]) => void) | undefined }) {
  const services = useServices();
  const { columns, rows } = useScreenSize();
  const { exit } = useApp();
  const names = useNames();
  const health = useRelayHealth();
  const [publicKey, setPublicKey] = useState(() => services.publicKey());
  const unread = useUnread(publicKey);
  const [offerKey, setOfferKey] = useState(() => !services.publicKey());
  // Known already when start-up's lookup finished while Ink loaded: the first frame shows the feed.
  const [known] = useState(() => (publicKey ? services.knownFollows?.() : undefined));
  const [nav, navigate] = useReducer(navReducer, initialNav(known?.length === 0 ? 'global' : 'home'));
  const [status, setStatus] = useStatus(() => (known?.length === 0 ? NO_FOLLOWS_HINT : undefined));
  // A form on top of a view (the profile editor) names its own keys; the view's would mislead.
  const [formHints, setFormHints] = useState<string | undefined>();
  // The lookup failed (no relay answered): Home must not say the user follows nobody.
  const [followsUnknown, setFollowsUnknown] = useState(false);
  // A key made in this run (the welcome's `c`): it follows nobody yet.
  const [createdKey, setCreatedKey] = useState<string | undefined>();
  const [follows, setFollows] = useFollows(publicKey, known, (why) => {
    // The lookup ends when it ends: a thread or profile opened meanwhile stays open over Global.
    navigate({ type: 'feedUnder', feed: 'global' });
    setFollowsUnknown(why?.tone === 'error');
    // A message already showing (e.g. "key created") stays; a hint is for a quiet footer.
    if (why) setStatus((s) => (why.tone === 'error' ? why : (s ?? why)));
  }, createdKey);
  const { feedView, topSignal, onPublished, onFollowsChanged } = useShownFeed(nav.feed, follows, setFollows, publicKey);
  // Warnings from the services (e.g. a damaged cache) land in the footer, never on the frame.
  useEffect(() => services.onNotice?.((text) => setStatus({ text: sanitizeLine(text), tone: 'error' })), [services]);
  useEffect(() => {
    if (publicKey) names.request([publicKey]);
  }, [publicKey, names]);

  // Unsent drafts from every composer (notes, each private chat), so a quit loses none.
  const draftsBy = useRef(new Map<string, string[]>()).current;
  const reportDrafts = (source: string, drafts: string[]) => {
    draftsBy.set(source, drafts);
    onDrafts?.([...draftsBy.values()].flat());
  };
  // Each chat's drafts, by its peers: its screen goes when the user goes back, the draft stays.
  const chatDrafts = useRef(new Map<string, Map<string, ComposerState>>()).current;
  const draftsOfChat = (source: string) => {
    const found = chatDrafts.get(source) ?? new Map<string, ComposerState>();
    chatDrafts.set(source, found);
    return found;
  };
  // The composer reads `send` when Enter is pressed, long after this render.
  const composer = useComposer({
    send: (text, replyTo, warning) => actions.send(text, replyTo, warning),
    onEmpty: () => setStatus({ text: 'nothing to send: type a note, or Esc to cancel', tone: 'info' }),
    onDrafts: (drafts) => reportDrafts('notes', drafts),
    onWarning: (warning) => setStatus({ text: warning === undefined ? 'content warning off (Alt-W adds one)' : 'content warning on: readers see it first (Alt-W takes it off)', tone: 'info' }),
    disabled: offerKey,
  });
  const openChat = useCallback((peers: string[]) => navigate({ type: 'push', view: { type: 'chat', peers } }), []);
  const actions = useActions({
    services, navigate, setStatus, openComposer: composer.show, quoteInComposer: composer.quote, hasKey: !!publicKey, nameOf: names.nameOf, onFollowsChanged, onPublished, openChat,
  });
  // `/` and `#` (issue #15); `#` on a note offers its hashtags.
  const prompt = useSearchPrompt({ services, navigate, setStatus, openChat, follows, width: columns });
  const perform: typeof actions.perform = (command, row) => (command === 'hashtag' ? prompt.open('hashtag', hashtagsOf(row.event)) : actions.perform(command, row));
  useGlobalKeys({ nav, navigate, exit, openComposer: composer.show, hasKey: !!publicKey, publicKey, setStatus, openPrompt: (kind) => prompt.open(kind) });

  // `@name` completion in the composer (src/ui/hooks/use-mention-completion.ts).
  const mention = useMentionCompletion({
    active: composer.open && !composer.sending && !composer.asking, draft: composer.draft, getDraft: composer.getDraft, edit: composer.edit, follows, replyTo: composer.replyTo,
  });
  // What is left once the header, footer, prompt and one row of the view are drawn.
  const composerMax = composerLinesIn(rows - HEADER_ROWS - FOOTER_ROWS - 1 - (prompt.isOpen ? 1 : 0), !!composer.asking);
  const composerRows = composer.open ? composerHeight(composer.draft, columns, composer.asking, composerMax) : 0;
  const bodyRows = Math.max(1, rows - HEADER_ROWS - FOOTER_ROWS - composerRows - (prompt.isOpen ? 1 : 0));
  const ctx: ViewContext = {
    rows: bodyRows, active: false, feed: nav.feed, feedView, perform, topSignal, follows, followsUnknown, hasKey: !!publicKey,
    nameOf: names.nameOf, setStatus, openChat, reportDrafts, chatDrafts: draftsOfChat, setFormHints,
    newMessage: () => (publicKey ? prompt.open('message') : setStatus({ text: NO_KEY, tone: 'error' })), ...(health.problem ? { relayProblem: health.problem.text } : {}),
  };
  const top = currentView(nav);
  const keyDone = (created: boolean) => {
    setOfferKey(false);
    if (!created) return;
    const made = services.publicKey();
    setCreatedKey(made);
    setPublicKey(made);
    setStatus({ text: `key created and stored in ${services.keyLocation}; P shows your profile, where e sets your name`, tone: 'ok' });
  };
  const footerKeys = composer.asking
    ? hints(['send', 'cancel'], 'composer', { send: 'set the warning', cancel: 'no warning' })
    : composer.open
    ? hints(['send', 'newline', 'contentWarning', 'cancel'], 'composer')
    : offerKey
      ? hints(['createKey', 'skipKey', 'quit'])
      : (formHints ?? hints(viewFooter(top, nav.feed), undefined, viewFooterNames(top, nav.feed)));
  const name = publicKey ? names.nameOf(publicKey) : 'no key';
  const replyTitle = composer.replyTo ? `Reply to ${names.nameOf(composer.replyTo.pubkey)}` : 'New note';
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header name={name} title={offerKey ? 'Welcome' : viewTitle(top, ctx)} health={health} unread={unread} />
      {offerKey ? <KeyOffer rows={bodyRows} onDone={keyDone} /> : <ViewStack stack={nav.stack} feed={nav.feed} ctx={ctx} active={!composer.open && !prompt.isOpen} />}
      {prompt.element}
      {composer.open ? <ComposerView draft={composer.draft} title={replyTitle + mention.hint} width={columns} sending={composer.sending} warning={composer.warning} asking={composer.asking} maxLines={composerMax} /> : null}
      {/* A standing relay problem outranks a passing hint, not a result. */}
      <Footer status={status?.tone === 'info' && health.problem ? health.problem : (status ?? health.problem)} hints={footerKeys} />
    </Box>
  );
}
