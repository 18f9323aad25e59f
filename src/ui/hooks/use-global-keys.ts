import type { Event } from 'nostr-tools';
import { commandFor } from '../keys/bindings.js';
import { KeyPriority, useKeypress } from '../keys/keypress.js';
import type { NavAction, NavState } from '../navigation.js';
import { NO_KEY, type StatusMessage } from '../status.js';

/**
 * Keys that work on every screen. `q` goes back one screen and quits only from
 * the top view (as tig and lazygit do); `Q` and Ctrl-C quit from anywhere.
 */
export function useGlobalKeys(opts: {
  nav: NavState;
  navigate(action: NavAction): void;
  exit(): void;
  openComposer(replyTo?: Event): void;
  hasKey: boolean;
  /** The user's key: `P` opens its profile. */
  publicKey?: string | undefined;
  setStatus(status: StatusMessage): void;
  /** `/` and `#`: the search or hashtag prompt (src/ui/hooks/use-search-prompt.ts). */
  openPrompt?(kind: 'search' | 'hashtag'): void;
}): void {
  // Always in force, under everything: the composer and the key offer take what they
  // need first and pass on the rest (Ctrl-C from the composer, q from the offer).
  useKeypress(
    (input, key) => {
      // `#` with no note to act on (the list passed it on): a hashtag typed from scratch.
      const command = commandFor(['global'], input, key) ?? (commandFor(['list'], input, key) === 'hashtag' ? 'hashtag' : undefined);
      switch (command) {
        case 'quitNow':
          opts.exit();
          return true;
        case 'quit':
          if (opts.nav.stack.length > 1) opts.navigate({ type: 'back' });
          else opts.exit();
          return true;
        case 'compose':
          if (!opts.hasKey) opts.setStatus({ text: NO_KEY, tone: 'error' });
          else opts.openComposer();
          return true;
        case 'cycleFeed':
          opts.navigate({ type: 'cycleFeed' });
          return true;
        case 'messages':
          opts.navigate({ type: 'showFeed', feed: 'messages' });
          return true;
        case 'ownProfile':
          // Where a new user, with no note of their own yet to press `p` on, sets their name (`e`).
          if (!opts.publicKey) opts.setStatus({ text: NO_KEY, tone: 'error' });
          else opts.navigate({ type: 'push', view: { type: 'profile', pubkey: opts.publicKey } });
          return true;
        case 'relays':
          opts.navigate({ type: 'push', view: { type: 'relays' } });
          return true;
        case 'bookmarks':
          if (!opts.publicKey) opts.setStatus({ text: NO_KEY, tone: 'error' });
          else opts.navigate({ type: 'push', view: { type: 'bookmarks' } });
          return true;
        case 'help':
          opts.navigate({ type: 'push', view: { type: 'help' } });
          return true;
        case 'back':
          opts.navigate({ type: 'back' });
          return true;
        case 'search':
        case 'hashtag':
          if (!opts.openPrompt) return false;
          opts.openPrompt(command);
          return true;
        default:
          return false;
      }
    },
    { priority: KeyPriority.global },
  );
}
