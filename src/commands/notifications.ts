// `nostr-tui notifications [--json] [--since 2h|1d|<unix>] [--limit N]`: the
// Notifications view's list, once: replies, mentions, quotes, reposts,
// reactions and zaps addressed to the user, newest first.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

const run = () => import('./run/notifications.js');

export interface NotificationsArgs extends GlobalArgs {
  json?: boolean;
  limit?: number;
  since?: string;
  /** `--stream`: then print each new one as it arrives, until Ctrl-C. */
  stream?: boolean;
}

export const NOTIFICATIONS_SINCE = '7d';
export const NOTIFICATIONS_LIMIT = 50;

export const notificationsCommand: CommandFactory = (ctx) => ({
  command: 'notifications',
  describe: 'Print who replied to, mentioned, quoted, reposted, liked or zapped you, and exit',
  builder: (yargs: Argv) =>
    yargs
      .option('json', { type: 'boolean', describe: 'One line per event: {"type","actor","sats"?,"event","note"} (the event exactly as received, the note it is about or null)' })
      .option('limit', { type: 'number', requiresArg: true, describe: `How many events, newest first (default ${NOTIFICATIONS_LIMIT})` })
      .option('since', { type: 'string', requiresArg: true, describe: `How far back: 30m, 2h, 1d, 2w or a unix time (default ${NOTIFICATIONS_SINCE})` })
      .option('stream', { type: 'boolean', describe: 'Then keep printing new ones as they arrive (oldest first, the newest last), until Ctrl-C' }),
  handler: async (args) => (await run()).notifications(ctx, args as NotificationsArgs),
});
