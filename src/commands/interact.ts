// `nostr-tui like|unlike|repost|unrepost <note>`: what `l` and `t` do in the timeline, for scripts
// (NIP-25 reactions, NIP-18 reposts, undone by NIP-09 deletion requests).
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs. */
const run = () => import('./run/interact.js');

export type Interaction = 'like' | 'unlike' | 'repost' | 'unrepost';

export interface InteractArgs extends GlobalArgs {
  note?: string;
  json?: boolean;
}

const described: Record<Interaction, string> = {
  like: 'Like a note (a NIP-25 reaction "+", to your write relays); never twice',
  unlike: 'Take your like of a note back (a NIP-09 deletion request of your reaction)',
  repost: 'Repost a note to your followers (NIP-18); never twice',
  unrepost: 'Take your repost of a note back (a NIP-09 deletion request of your repost)',
};

const interaction = (action: Interaction): CommandFactory => (ctx) => ({
  command: `${action} <note>`,
  describe: described[action],
  builder: (yargs: Argv) =>
    yargs
      .positional('note', { type: 'string', describe: 'note1…, nevent1…, nostr: URI or hex event id' })
      .option('json', { type: 'boolean', describe: 'Print {"note","event","relays":[{"url","ok","message"}]}, or {"note","unchanged"} when nothing was sent' }),
  handler: async (args) => (await run()).interact(ctx, args as InteractArgs, action),
});

export const likeCommand = interaction('like');
export const unlikeCommand = interaction('unlike');
export const repostCommand = interaction('repost');
export const unrepostCommand = interaction('unrepost');
