// `nostr-tui post <text>` / `post -`: a kind-1 note, signed, saved to the
// outbox, then sent to every write relay at once; `--reply <note>` makes it a
// reply (NIP-10).
import type { Argv } from 'yargs';
import { completionFlag } from './completion.js';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/post.js');

export interface PostArgs extends GlobalArgs {
  text?: string[];
  _?: (string | number)[];
  json?: boolean;
  reply?: string;
  contentWarning?: string;
}

export const postCommand: CommandFactory = (ctx) => ({
  command: 'post [text..]',
  describe: 'Publish a short note to your write relays (`post -` reads it from stdin)',
  builder: (yargs: Argv) =>
    completionFlag(yargs)
      // yargs re-parses positionals as options and would drop a lone `-`; with this it stays
      // text, and words that look like options are refused in noteText instead. (This replaces
      // the top-level parser settings, so greedy-arrays is said again.)
      .parserConfiguration({ 'unknown-options-as-args': true, 'greedy-arrays': false })
      .positional('text', { type: 'string', array: true, describe: 'The note; quote it, or give - to read stdin' })
      .option('content-warning', { type: 'string', describe: 'Mark it sensitive, with this reason ("" for none): readers see the warning first (NIP-36)' })
      .option('reply', { type: 'string', requiresArg: true, describe: "Reply to this note (note1…, nevent1… or hex id): tagged as its thread's reply (NIP-10)" })
      .option('json', { type: 'boolean', describe: 'Print {"id","event","relays":[{"url","ok","message"}]}' }),
  handler: async (args) => (await run()).post(ctx, args as PostArgs),
});
