// `nostr-tui mute <who|#hashtag|word>`, `unmute …` and `mutes`: the user's mute
// list (NIP-51 kind 10000, public tags), edited one entry at a time from the
// newest version on the relays. Muted people, hashtags and words are hidden
// in the UI and in `timeline`.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

const run = () => import('./run/mute.js');

export interface MuteArgs extends GlobalArgs {
  what?: string;
  json?: boolean;
}

const whatPositional = (yargs: Argv) =>
  yargs
    .positional('what', { type: 'string', describe: 'npub1…/nprofile1…/hex key or name@domain (a person), #hashtag, or a word' })
    .option('json', { type: 'boolean', describe: 'Print {"changed","id","event","relays"}' });

export const muteCommand: CommandFactory = (ctx) => ({
  command: 'mute <what>',
  describe: 'Mute a person, #hashtag or word: hidden everywhere, on every device reading your mute list',
  builder: whatPositional,
  handler: async (args) => (await run()).editMutes(ctx, args as MuteArgs, 'mute'),
});

export const unmuteCommand: CommandFactory = (ctx) => ({
  command: 'unmute <what>',
  describe: 'Take a person, #hashtag or word off your mute list',
  builder: whatPositional,
  handler: async (args) => (await run()).editMutes(ctx, args as MuteArgs, 'unmute'),
});

export const mutesCommand: CommandFactory = (ctx) => ({
  command: 'mutes',
  describe: 'List what you muted, as your relays have it now',
  builder: (yargs: Argv) => yargs.option('json', { type: 'boolean', describe: 'Print a JSON array of {"type","value"} (type: pubkey, hashtag or word)' }),
  handler: async (args) => (await run()).listMutes(ctx, args as MuteArgs),
});
