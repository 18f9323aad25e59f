// `nostr-tui follow <who>`, `unfollow <who>` and `following`: the user's follow
// list (NIP-02), edited one person at a time from the newest version on the relays.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/follow.js');

export interface FollowArgs extends GlobalArgs {
  who?: string;
  json?: boolean;
}

const whoPositional = (yargs: Argv) =>
  yargs
    .positional('who', { type: 'string', describe: 'npub1…, nprofile1…, nostr: URI, hex public key or NIP-05 address (name@domain)' })
    .option('json', { type: 'boolean', describe: 'Print {"changed","id","event","relays"}' });

export const followCommand: CommandFactory = (ctx) => ({
  command: 'follow <who>',
  describe: 'Follow someone: adds them to your follow list, keeping everything else in it',
  builder: whoPositional,
  handler: async (args) => (await run()).editFollows(ctx, args as FollowArgs, 'follow'),
});

export const unfollowCommand: CommandFactory = (ctx) => ({
  command: 'unfollow <who>',
  describe: 'Stop following someone',
  builder: whoPositional,
  handler: async (args) => (await run()).editFollows(ctx, args as FollowArgs, 'unfollow'),
});

export const followingCommand: CommandFactory = (ctx) => ({
  command: 'following',
  describe: 'List the people you follow, as your relays have it now',
  builder: (yargs: Argv) => yargs.option('json', { type: 'boolean', describe: 'Print a JSON array of {"pubkey","npub","relay","petname"}' }),
  handler: async (args) => (await run()).following(ctx, args as FollowArgs),
});
