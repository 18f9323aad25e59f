// `nostr-tui key …`: create, import, show, encrypt and decrypt the user's key.
// The secret is printed only by `key show --secret`; passphrases come from the
// terminal without echo or from NOSTR_TUI_PASSPHRASE.
import type { Argv } from 'yargs';
import type { CommandFactory } from './index.js';

/** The work itself, loaded only when the command runs (`--help` and other commands never pay for it). */
const run = () => import('./run/key.js');

export interface KeyArgs {
  json?: boolean;
  force?: boolean;
  encrypt?: boolean;
  secret?: boolean;
  key?: string;
  /** `key import`: look up the user's published relay and follow lists (default true). */
  adopt?: boolean;
  relay?: string[];
}

export const keyCommand: CommandFactory = (ctx) => ({
  command: 'key',
  describe: 'Create, import, show or encrypt your key',
  builder: (yargs: Argv) =>
    yargs
      .command<KeyArgs>({
        command: 'generate',
        describe: 'Create a new key, store it and print its npub',
        builder: (y) =>
          y
            .option('force', { type: 'boolean', describe: 'Replace the stored key (it is lost unless you have a copy)' })
            .option('encrypt', { type: 'boolean', describe: 'Store it encrypted with a passphrase (NIP-49)' })
            .option('json', { type: 'boolean', describe: 'Print {"npub","pubkey"}' }),
        handler: async (args) => (await run()).generate(ctx, args),
      })
      .command<KeyArgs>({
        command: 'import [key]',
        describe: 'Store an nsec, hex secret, ncryptsec or (read-only) npub; with no argument it is read from stdin',
        builder: (y) =>
          y
            .positional('key', { type: 'string', describe: 'The key; leave it out to keep it out of your shell history' })
            .option('force', { type: 'boolean', describe: 'Replace a different stored key, or an encrypted one with its unencrypted copy' })
            .option('encrypt', { type: 'boolean', describe: 'Store it encrypted with a passphrase (NIP-49)' })
            .option('adopt', {
              type: 'boolean',
              default: true,
              describe: 'Look up your published relay list (NIP-65) and follow list on the discovery relays (or --relay); the relay list becomes yours when none is configured. --no-adopt: stay offline',
            })
            .option('json', { type: 'boolean', describe: 'Print {"npub","pubkey"}' }),
        handler: async (args) => (await run()).importKey(ctx, args),
      })
      .command<KeyArgs>({
        command: 'show',
        describe: 'Print your npub and hex public key',
        builder: (y) =>
          y
            .option('json', { type: 'boolean', describe: 'Print {"npub","pubkey"}' })
            .option('secret', { type: 'boolean', describe: 'Print the secret key (nsec) instead; keep it private' })
            .conflicts('json', 'secret'),
        handler: async (args) => (await run()).show(ctx, args),
      })
      .command<KeyArgs>({
        command: 'encrypt',
        describe: 'Encrypt the stored secret key with a passphrase (NIP-49), removing the plain key from the file',
        builder: (y) => y.option('force', { type: 'boolean', describe: 'Accept a passphrase shorter than 8 characters' }),
        handler: async (args) => (await run()).encryptStored(ctx, args),
      })
      .command({
        command: 'decrypt',
        describe: 'Store the secret key unencrypted again',
        handler: async () => (await run()).decryptStored(ctx),
      })
      .demandCommand(1, 'Say what to do: `nostr-tui key generate`, `import`, `show`, `encrypt` or `decrypt`'),
  handler: () => {},
});
