// `nostr-tui timeline [--json] [--limit N] [--since 2h|1d|<unix>] [--until …]`: the
// interactive timeline's start-up query, run once. The merged timeline goes to
// stdout, newest first; how each relay did goes to stderr.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/timeline.js');

export interface TimelineArgs extends GlobalArgs {
  json?: boolean;
  limit?: number;
  since?: string;
  until?: string;
  global?: boolean;
  /** `--tag <tag>` (repeatable): notes with any of these hashtags (`#t`), from everyone. */
  tag?: string[];
  /** `--stream`: then print each note as it arrives, until Ctrl-C. */
  stream?: boolean;
}

export const DEFAULT_SINCE = '24h';
export const DEFAULT_LIMIT = 50;

export const timelineCommand: CommandFactory = (ctx) => ({
  command: 'timeline',
  describe: 'Print the timeline of the people you follow (or everyone, with no follows) and exit',
  builder: (yargs: Argv) =>
    yargs
      .option('json', { type: 'boolean', describe: 'One signed event per line, exactly as received' })
      .option('limit', { type: 'number', requiresArg: true, describe: `How many notes, newest first, any count (default ${DEFAULT_LIMIT})` })
      .option('since', { type: 'string', requiresArg: true, describe: `How far back: 30m, 2h, 1d, 2w or a unix time (default ${DEFAULT_SINCE} before --until or now)` })
      .option('until', { type: 'string', requiresArg: true, describe: 'Only notes up to this time: 30m, 2h, 1d, 2w ago or a unix time (default now)' })
      .option('global', { type: 'boolean', describe: 'Everyone on your relays, not only the people you follow' })
      .option('tag', { type: 'string', requiresArg: true, array: true, describe: 'Notes with this hashtag (repeatable: any of them), from everyone' })
      .option('stream', { type: 'boolean', describe: 'Then keep printing notes as they arrive (oldest first, the newest last), until Ctrl-C' }),
  handler: async (args) => (await run()).timeline(ctx, args as TimelineArgs),
});
