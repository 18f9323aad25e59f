// `nostr-tui profile [who] [--json]` shows a profile (NIP-01 kind 0, NIP-05
// checked); `nostr-tui profile set --name … …` publishes the user's own, edited
// from the newest copy on the relays so every other field is kept.
import type { Argv } from 'yargs';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/profile.js');

export interface ProfileArgs extends GlobalArgs {
  who?: string;
  json?: boolean;
  name?: string;
  displayName?: string;
  about?: string;
  picture?: string;
  banner?: string;
  website?: string;
  nip05?: string;
  lud16?: string;
}

const field = (describe: string) => ({ type: 'string' as const, requiresArg: true, describe: `${describe} ("" removes it)` });

export const profileCommand: CommandFactory = (ctx) => ({
  command: 'profile',
  describe: "Show a profile (yours, or someone's), or set yours with `profile set`",
  builder: (yargs: Argv) =>
    yargs
      .command<ProfileArgs>({
        command: 'set',
        describe: 'Publish your profile with these fields changed; every other field of your newest profile is kept',
        builder: (y) =>
          y
            .option('name', field('Your name'))
            .option('display-name', field('A longer name to show'))
            .option('about', field('A few words about you'))
            .option('picture', field('Picture URL (https://…)'))
            .option('banner', field('Banner URL (https://…)'))
            .option('website', field('Website URL (https://…)'))
            .option('nip05', field('Your NIP-05 address (name@domain)'))
            .option('lud16', field('Your lightning address (name@domain)'))
            .option('json', { type: 'boolean', describe: 'Print {"id","event","relays"}' }),
        handler: async (args) => (await run()).setProfileCommand(ctx, args),
      })
      .command<ProfileArgs>({
        command: '$0 [who]',
        describe: 'Show a profile',
        builder: (y) =>
          y
            .positional('who', { type: 'string', describe: 'npub1…, nprofile1…, hex or name@domain (default: you)' })
            .option('json', { type: 'boolean', describe: 'Print the newest kind-0 event exactly as signed' }),
        handler: async (args) => (await run()).showProfile(ctx, args),
      }),
  handler: () => {},
});
