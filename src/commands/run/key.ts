// The work behind `nostr-tui key`, loaded when the command runs (its options are in ../key.ts).
import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey } from 'nostr-tools/pure';
import { failure, noKeyYet, usageError } from '../../core/errors.js';
import { npub, parseKeyInput, type KeyInput } from '../../core/identifiers.js';
import { derivePublicKey } from '../../core/derive-key.js';
import { KeySecurity, KeyStore, encryptSecret, type StoredKey } from '../../store/keys.js';
import { askPassphrase, canReadHidden, MIN_PASSPHRASE, readAllStdin, readHidden, type PromptIO } from '../../store/passphrase.js';
import { unlockSecret } from '../../store/unlock.js';
import { writeLine, type CommandContext } from '../context.js';
import type { KeyArgs } from '../key.js';
import { adoptPublishedSetup } from '../../client/adopt.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { withClient } from '../with-client.js';
import { adoptionReport } from './key-adopt-report.js';

const io = (ctx: CommandContext): PromptIO => ctx as PromptIO;

const keys = (ctx: CommandContext) => new KeyStore(ctx.paths.configDir);

function printPublic(ctx: CommandContext, pubkey: string, json: boolean): void {
  if (json) writeLine(ctx.stdout, JSON.stringify({ npub: npub(pubkey), pubkey }));
  else writeLine(ctx.stdout, npub(pubkey));
}

function requireKey(store: KeyStore): StoredKey {
  const key = store.load();
  if (!key) throw noKeyYet();
  return key;
}

export async function generate(ctx: CommandContext, args: KeyArgs): Promise<void> {
  const store = keys(ctx);
  const existing = store.load();
  if (existing && !args.force) {
    throw failure(
      `a key is already stored (${npub(existing.pubkey)}); \`--force\` replaces it, and it is lost for good unless you keep a copy (\`nostr-tui key show --secret\`).`,
    );
  }
  const secretKey = generateSecretKey();
  const pubkey = derivePublicKey(secretKey);
  if (args.encrypt) {
    const passphrase = await askPassphrase(io(ctx), { prompt: 'New passphrase: ', confirm: true, minLength: MIN_PASSPHRASE });
    // Never stored or shown in plain: NIP-49 "known not to have been handled insecurely".
    store.save({ pubkey, secret: { type: 'encrypted', ncryptsec: encryptSecret(secretKey, passphrase, KeySecurity.secure) } }, { over: existing });
  } else {
    store.save({ pubkey, secret: { type: 'plain', secretKey } }, { over: existing });
  }
  writeLine(ctx.stderr, `Created a new key${args.encrypt ? ', encrypted with your passphrase,' : ''} in ${store.file}`);
  printPublic(ctx, pubkey, args.json === true);
}

/** The key to import: the argument, else typed without echo, else the first line of piped stdin. */
async function readKeyInput(ctx: CommandContext, arg: string | undefined): Promise<KeyInput> {
  let text = arg;
  if (text === undefined) {
    text = canReadHidden(io(ctx))
      ? await readHidden(io(ctx), 'Key (nsec1…, hex, ncryptsec1… or npub1…): ')
      : (await readAllStdin(ctx.stdin)).split(/\r?\n/)[0]!;
  }
  if (text.trim() === '') throw usageError('no key given: pass it as an argument or on stdin, e.g. `nostr-tui key import < key.txt`.');
  return parseKeyInput(text);
}

export async function importKey(ctx: CommandContext, args: KeyArgs): Promise<void> {
  const input = await readKeyInput(ctx, args.key);
  if (args.encrypt && input.type === 'public') throw usageError('an npub is public: there is nothing to encrypt. Leave out --encrypt.');
  const store = keys(ctx);
  const existing = store.load();

  let key: StoredKey;
  if (input.type === 'public') {
    key = { pubkey: input.pubkey };
  } else if (input.type === 'encrypted') {
    // Decrypt once to learn (and prove) the public key; the ncryptsec is stored as given.
    const secretKey = await unlockSecret(io(ctx), input.ncryptsec);
    key = { pubkey: derivePublicKey(secretKey), secret: { type: 'encrypted', ncryptsec: input.ncryptsec } };
  } else {
    const pubkey = derivePublicKey(input.secretKey);
    key = args.encrypt
      ? {
          pubkey,
          // It was typed or pasted in plain: NIP-49 "known to have been handled insecurely".
          secret: { type: 'encrypted', ncryptsec: encryptSecret(input.secretKey, await askPassphrase(io(ctx), { prompt: 'New passphrase: ', confirm: true, minLength: MIN_PASSPHRASE }), KeySecurity.insecure) },
        }
      : { pubkey, secret: { type: 'plain', secretKey: input.secretKey } };
  }

  if (existing && existing.pubkey !== key.pubkey && !args.force) {
    throw failure(`a different key is already stored (${npub(existing.pubkey)}); add --force to replace it. Nothing was changed.`);
  }
  if (existing?.secret?.type === 'encrypted' && key.secret?.type === 'plain' && !args.force) {
    // The same key, typed in plain: storing it so would quietly undo `key encrypt`.
    throw failure(
      'the stored key is encrypted with a passphrase; importing it unencrypted would remove that protection. Add --encrypt to keep it encrypted (or --force to store it unencrypted). Nothing was changed.',
    );
  }
  if (existing?.secret && !key.secret) {
    throw failure(`the stored key already has its secret; importing its npub would make it read-only. Nothing was changed.`);
  }
  store.save(key, { over: existing });
  const how = key.secret ? (key.secret.type === 'encrypted' ? 'encrypted' : 'unencrypted') : 'public key only: read-only, nothing can be signed';
  writeLine(ctx.stderr, `Imported (${how}) into ${store.file}`);
  if (args.key !== undefined && input.type === 'secret') {
    writeLine(
      ctx.stderr,
      'Note: the secret key was on the command line, so your shell may have saved it in its history, and other users could see it in the process list while this ran. Remove it from your history; next time leave it out and `nostr-tui key import` asks for it.',
    );
  }
  printPublic(ctx, key.pubkey, args.json === true);
  if (args.adopt !== false) await adopt(ctx, args, key.pubkey);
}

/** The key is stored whatever happens here: a lookup that fails is one line, not a failed import. */
async function adopt(ctx: CommandContext, args: KeyArgs, pubkey: string): Promise<void> {
  try {
    const adopted = await withClient(ctx, args, (client) => adoptPublishedSetup(client, pubkey));
    for (const line of adoptionReport(adopted)) writeLine(ctx.stderr, line);
  } catch (error) {
    writeLine(ctx.stderr, `Could not look up your published relay and follow lists: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`);
  }
}

export async function show(ctx: CommandContext, args: KeyArgs): Promise<void> {
  const key = requireKey(keys(ctx));
  if (args.secret) {
    if (!key.secret) throw failure('only a public key is stored (read-only); there is no secret key to show.');
    const secretKey = key.secret.type === 'plain' ? key.secret.secretKey : await unlockSecret(io(ctx), key.secret.ncryptsec);
    writeLine(ctx.stdout, nsecEncode(secretKey));
    return;
  }
  if (args.json) return printPublic(ctx, key.pubkey, true);
  const state = !key.secret ? 'none stored (read-only)' : key.secret.type === 'encrypted' ? 'encrypted with a passphrase (NIP-49)' : 'stored unencrypted';
  writeLine(ctx.stdout, `npub    ${npub(key.pubkey)}`);
  writeLine(ctx.stdout, `pubkey  ${key.pubkey}`);
  writeLine(ctx.stdout, `secret  ${state}`);
}

export async function encryptStored(ctx: CommandContext, args: KeyArgs = {}): Promise<void> {
  const store = keys(ctx);
  const key = requireKey(store);
  if (!key.secret) throw failure('only a public key is stored (read-only); there is no secret key to encrypt.');
  if (key.secret.type === 'encrypted') {
    writeLine(ctx.stdout, 'The secret key is already encrypted; nothing to do.');
    return;
  }
  // --force: the user knowingly takes a passphrase shorter than the minimum.
  const passphrase = await askPassphrase(io(ctx), { prompt: 'New passphrase: ', confirm: true, ...(args.force ? {} : { minLength: MIN_PASSPHRASE }) });
  // It sat on disk in plain: NIP-49 "known to have been handled insecurely".
  const ncryptsec = encryptSecret(key.secret.secretKey, passphrase, KeySecurity.insecure);
  store.save({ pubkey: key.pubkey, secret: { type: 'encrypted', ncryptsec } }, { over: key });
  writeLine(ctx.stdout, `Encrypted the secret key in ${store.file}; the unencrypted copy is gone from it. You will be asked for the passphrase when signing.`);
}

export async function decryptStored(ctx: CommandContext): Promise<void> {
  const store = keys(ctx);
  const key = requireKey(store);
  if (!key.secret) throw failure('only a public key is stored (read-only); there is no secret key to decrypt.');
  if (key.secret.type === 'plain') {
    writeLine(ctx.stdout, 'The secret key is not encrypted; nothing to do.');
    return;
  }
  const secretKey = await unlockSecret(io(ctx), key.secret.ncryptsec);
  store.save({ pubkey: key.pubkey, secret: { type: 'plain', secretKey } }, { over: key });
  writeLine(ctx.stdout, `Stored the secret key unencrypted in ${store.file} (mode 0600).`);
}
