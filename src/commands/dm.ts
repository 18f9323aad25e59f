// `nostr-tui dm send|list|read`: private messages (NIP-17, gift-wrapped with NIP-44/59).
import type { Argv } from 'yargs';
import { completionFlag } from './completion.js';
import type { GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/dm.js');

export interface DmArgs extends GlobalArgs {
  who?: string | string[];
  text?: string[];
  _?: (string | number)[];
  json?: boolean;
  limit?: number;
  toReadRelays?: boolean;
}

export const dmCommand: CommandFactory = (ctx) => ({
  command: 'dm',
  describe: 'Private messages (NIP-17): send, list conversations, read one',
  builder: (yargs: Argv) =>
    yargs
      .command<DmArgs>({
        command: 'send <who> [text..]',
        describe: 'Send a private message (`-` reads it from stdin); several people, comma-separated, make a group; a copy is kept for you',
        builder: (y) =>
          completionFlag(y)
            .parserConfiguration({ 'unknown-options-as-args': true, 'greedy-arrays': false })
            .positional('who', { type: 'string', describe: 'npub1…, nprofile1…, nostr: URI, hex public key or NIP-05 name@domain; several comma-separated (npub1a…,npub1b…) for a group' })
            .positional('text', { type: 'string', array: true, describe: 'The message; quote it, or give - to read stdin' })
            .option('to-read-relays', { type: 'boolean', describe: 'When they have no DM relay list (kind 10050), send to their read relays (NIP-65)' })
            .option('json', { type: 'boolean', describe: 'Print {"id","rumor","wraps":[{"recipient","id","route","relays":[{"url","ok","message"}]}]}' }),
        handler: async (args) => (await run()).send(ctx, args as DmArgs),
      })
      .command<DmArgs>({
        command: 'list',
        describe: 'Your conversations, newest first, with unread counts',
        builder: (y) => y.option('json', { type: 'boolean', describe: 'Print [{"peers","npubs","lastAt","count","unread"}]' }),
        handler: async (args) => (await run()).list(ctx, args as DmArgs),
      })
      .command<DmArgs>({
        command: 'read <who..>',
        describe: 'The messages of one conversation, oldest first (several people: a group); marks them read',
        builder: (y) =>
          y
            .positional('who', { type: 'string', array: true, describe: 'npub1…, nprofile1…, hex or name@domain; several for a group' })
            .option('limit', { type: 'number', requiresArg: true, describe: 'Only the newest N messages' })
            .option('json', { type: 'boolean', describe: 'One JSON line per message: {"rumor","from","mine"}' }),
        handler: async (args) => (await run()).read(ctx, args as DmArgs),
      })
      .demandCommand(1, 'Say what to do: `nostr-tui dm send <npub> <text>`, `dm list` or `dm read <npub>`'),
  handler: () => {},
});
