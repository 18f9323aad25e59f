// The user's key in keys.json (mode 0600, in a 0700 directory), separate from
// the config so the config can be shared or edited without touching a secret.
// It holds the public key always, and the secret either as hex or encrypted
// with a passphrase (NIP-49 ncryptsec); with only the public key the client is
// read-only.
import type { EventTemplate, VerifiedEvent } from 'nostr-tools';
import { bech32 } from '@scure/base';
import { decrypt, encrypt } from 'nostr-tools/nip49';
import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent } from 'nostr-tools/pure';
import { bytesToHex, hexToBytes } from 'nostr-tools/utils';
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../core/errors.js';
import { derivePublicKey } from '../core/derive-key.js';
import { isHex64 } from '../core/event-shape.js';
import { sanitizeLine } from '../core/sanitize.js';
import { fileError, readJsonObject } from './config.js';
import { withFileLock } from './file-lock.js';
import { checkPrivateDir, ensurePrivateDir, readPrivateFile, writePrivateFile, type DirCheck } from './safe-file.js';
import type { Signer } from '../core/signer.js';

export type StoredSecret = { type: 'plain'; secretKey: Uint8Array } | { type: 'encrypted'; ncryptsec: string };

export interface StoredKey {
  /** Hex public key. */
  pubkey: string;
  /** Absent in read-only mode. */
  secret?: StoredSecret;
}

/**
 * NIP-49 key security byte: 0x00 the key has been handled insecurely (stored or
 * pasted unencrypted), 0x01 it has not, 0x02 unknown.
 */
export const KeySecurity = { insecure: 0x00, secure: 0x01, unknown: 0x02 } as const;
export type KeySecurity = (typeof KeySecurity)[keyof typeof KeySecurity];

/**
 * NIP-49 scrypt cost: log2(N). 16 takes about 0.1-1 s and 64 MiB, the NIP's
 * lowest suggested value. Decrypting refuses more than 2^20 (1 GiB, the most
 * the scrypt implementation allows): a crafted ncryptsec must not hang or
 * exhaust the machine.
 */
const LOG_N = 16;
const MAX_LOG_N = 20;

/** The public key of a secret, kept for the process: the stored key is checked on every load. */
let lastDerived: { secretHex: string; pubkey: string } | undefined;
function publicKeyOf(secretKey: Uint8Array): string {
  const secretHex = bytesToHex(secretKey);
  if (lastDerived?.secretHex !== secretHex) lastDerived = { secretHex, pubkey: derivePublicKey(secretKey) };
  return lastDerived.pubkey;
}

export class LocalSigner implements Signer {
  readonly #secretKey: Uint8Array;
  readonly #pubkey: string;

  constructor(secretKey: Uint8Array) {
    this.#secretKey = secretKey;
    this.#pubkey = publicKeyOf(secretKey);
  }

  async getPublicKey(): Promise<string> {
    return this.#pubkey;
  }

  async signEvent(template: EventTemplate): Promise<VerifiedEvent> {
    return finalizeEvent(template, this.#secretKey);
  }

  /** NIP-44 v2 (nostr-tools), for NIP-17 seals; the conversation key is derived per call, never kept. */
  readonly nip44 = {
    encrypt: async (peer: string, plaintext: string): Promise<string> => nip44.v2.encrypt(plaintext, nip44.v2.utils.getConversationKey(this.#secretKey, peer)),
    decrypt: async (peer: string, ciphertext: string): Promise<string> => nip44.v2.decrypt(ciphertext, nip44.v2.utils.getConversationKey(this.#secretKey, peer)),
  };

  /**
   * NIP-04, to read the private items other clients put in a NIP-51 list with it. Loaded when
   * first needed: its AES module cost every start ~8 ms (first-frame's start-up trace).
   */
  readonly nip04 = {
    decrypt: async (peer: string, ciphertext: string): Promise<string> => (await import('nostr-tools/nip04')).decrypt(this.#secretKey, peer, ciphertext),
  };

  /** Keeps the secret out of console.log / util.inspect output. */
  toJSON(): { pubkey: string } {
    return { pubkey: this.#pubkey };
  }
}

export function encryptSecret(secretKey: Uint8Array, passphrase: string, security: KeySecurity, logN = LOG_N): string {
  return encrypt(secretKey, passphrase, logN, security);
}

export const WRONG_PASSPHRASE = 'wrong passphrase: the key could not be decrypted. Try again (or check NOSTR_TUI_PASSPHRASE).';

/** Decrypts a NIP-49 ncryptsec; a wrong passphrase is a failure the user can retry (exit 1). */
export function decryptSecret(ncryptsec: string, passphrase: string): Uint8Array {
  const header = ncryptsecHeader(ncryptsec);
  if (!header || header.version !== 2) {
    throw failure('the encrypted key (ncryptsec) is malformed or of an unknown version; it cannot be decrypted.');
  }
  if (header.logN > MAX_LOG_N) {
    throw failure(`the encrypted key asks for an scrypt cost of 2^${header.logN}, more than nostr-tui allows (2^${MAX_LOG_N}).`);
  }
  // The header check fixed the length at 91 bytes, so the ciphertext is 48: a
  // 32-byte key and its 16-byte tag. Whatever decrypts is a 32-byte key.
  try {
    return decrypt(ncryptsec, passphrase);
  } catch {
    throw failure(WRONG_PASSPHRASE);
  }
}

/** NIP-49: version (1 byte), log_n (1), salt (16), nonce (24), key security (1), ciphertext (48). */
const NCRYPTSEC_BYTES = 91;

/**
 * Version and scrypt cost (NIP-49 bytes 0 and 1), read before the decrypt so
 * a crafted cost is refused rather than attempted.
 */
function ncryptsecHeader(ncryptsec: string): { version: number; logN: number } | undefined {
  try {
    // bech32's 90-character limit is for addresses; an ncryptsec is 162 (nostr-tools decodes it the same way).
    const { prefix, words } = bech32.decode(ncryptsec as `${string}1${string}`, 5000);
    const data = bech32.fromWords(words);
    if (prefix !== 'ncryptsec' || data.length !== NCRYPTSEC_BYTES) return undefined;
    return { version: data[0]!, logN: data[1]! };
  } catch {
    return undefined;
  }
}

/** keys.json's fields for `key`. */
function keyFileData(key: StoredKey): Record<string, string> {
  const data: Record<string, string> = { pubkey: key.pubkey };
  if (key.secret?.type === 'plain') data.secretKey = bytesToHex(key.secret.secretKey);
  if (key.secret?.type === 'encrypted') data.ncryptsec = key.secret.ncryptsec;
  return data;
}

export class KeyStore {
  readonly file: string;
  readonly #dir: string;
  readonly #check: DirCheck;

  constructor(configDir: string, check: DirCheck = {}) {
    this.#dir = configDir;
    this.#check = check;
    this.file = path.join(configDir, 'keys.json');
  }

  /**
   * The stored key, or undefined when there is none. Refuses a secret others
   * can read, a keys.json that is a link or another user's, and a directory
   * another user owns or can write to.
   */
  load(): StoredKey | undefined {
    checkPrivateDir(this.#dir, this.#check);
    // Never through a link, nor another user's file: refused as doctor and a write refuse them.
    const data = readJsonObject(this.file, (file) => readPrivateFile(file, this.#check));
    if (!data) return undefined;
    const key = this.#validate(data);
    if (key.secret) this.#checkPrivate();
    return key;
  }

  /**
   * Writes `key`. With `over`, only while keys.json still holds that key (undefined: none), as
   * checked under the file's lock (file-lock.ts): a key another command stored since this one
   * looked is never replaced unseen (four `key generate` at once each printed a new npub, and
   * only one of those keys was kept).
   */
  save(key: StoredKey, expect?: { over: StoredKey | undefined }): void {
    ensurePrivateDir(this.#dir, this.#check);
    const data = keyFileData(key);
    withFileLock(this.file, () => {
      if (expect) {
        const now = readJsonObject(this.file, (file) => readPrivateFile(file, this.#check));
        const was = expect.over ? keyFileData(expect.over) : undefined;
        if (now?.pubkey !== was?.pubkey || now?.secretKey !== was?.secretKey || now?.ncryptsec !== was?.ncryptsec) {
          throw failure(
            `${sanitizeLine(this.file)} changed while this command ran (another nostr-tui ${now ? 'stored a key' : 'removed the key'}); ` +
              'nothing was written. Run `nostr-tui key show` to see what is stored, then run the command again.',
          );
        }
      }
      // A new 0600 file of ours renamed into place; a link at keys.json is refused, never followed.
      writePrivateFile(this.file, `${JSON.stringify(data, undefined, '\t')}\n`);
    });
  }

  #validate(data: Record<string, unknown>): StoredKey {
    const { pubkey, secretKey, ncryptsec } = data;
    if (!isHex64(pubkey)) throw fileError(this.file, 'field "pubkey" must be 64 lower-case hex characters');
    if (secretKey !== undefined && ncryptsec !== undefined) throw fileError(this.file, 'holds both "secretKey" and "ncryptsec"; keep one');
    if (secretKey !== undefined) {
      if (!isHex64(secretKey)) throw fileError(this.file, 'field "secretKey" must be 64 lower-case hex characters');
      const bytes = hexToBytes(secretKey);
      let derived: string;
      try {
        derived = publicKeyOf(bytes);
      } catch {
        throw fileError(this.file, 'field "secretKey" is not a valid secret key');
      }
      if (derived !== pubkey) throw fileError(this.file, 'field "pubkey" does not belong to "secretKey"');
      return { pubkey, secret: { type: 'plain', secretKey: bytes } };
    }
    if (ncryptsec !== undefined) {
      if (typeof ncryptsec !== 'string' || !/^ncryptsec1[02-9ac-hj-np-z]+$/.test(ncryptsec)) {
        throw fileError(this.file, 'field "ncryptsec" must be a NIP-49 ncryptsec1… string');
      }
      return { pubkey, secret: { type: 'encrypted', ncryptsec } };
    }
    return { pubkey };
  }

  #checkPrivate(): void {
    if (process.platform === 'win32') return;
    const mode = fs.statSync(this.file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw failure(
        `${sanitizeLine(this.file)} holds your secret key but other users can read it (mode ${mode.toString(8)}). ` +
          `Run \`chmod 600 '${sanitizeLine(this.file)}'\`, and consider the key exposed if others use this machine.`,
      );
    }
  }
}

/**
 * The stored public key, or undefined when there is none or the file cannot be
 * used: for refusing the user's own secret where a public key or URL is typed
 * (a damaged key file is reported by the commands that need the key).
 */
export function storedPubkey(configDir: string): string | undefined {
  try {
    return new KeyStore(configDir).load()?.pubkey;
  } catch {
    return undefined;
  }
}

/** The stored key as a signer, once its secret is known in plain. */
export function plainSecret(key: StoredKey): Uint8Array | undefined {
  return key.secret?.type === 'plain' ? key.secret.secretKey : undefined;
}
