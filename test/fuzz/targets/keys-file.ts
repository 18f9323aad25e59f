// Fuzz target: the key store's loader (keys.json) and NIP-49 decryption of a stored ncryptsec.
// Only UserError may leave; a crafted scrypt cost must be refused, not attempted (the hang
// watchdog would catch an attempt at 2^255).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../../src/core/errors.js';
import { decryptSecret, KeyStore } from '../../../src/store/keys.js';
import { unsafeCharacters } from '../../helpers/hostile-strings.js';
import { hostileKeys, type KeysInput } from '../keys-inputs.js';
import type { FuzzTarget } from '../types.js';

let dir = '';
const outcomes: Record<string, number> = {};
const count = (outcome: string) => (outcomes[outcome] = (outcomes[outcome] ?? 0) + 1);

function refusal(error: unknown, what: string): string | undefined {
  if (!(error instanceof UserError)) throw error;
  count(`${what} refused`);
  if (error.message.includes('\n') || unsafeCharacters(error.message).length > 0) return `${what}: error is not one clean line`;
  return undefined;
}

export const target: FuzzTarget<KeysInput> = {
  setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-keys-fuzz-'));
  },
  teardown() {
    fs.rmSync(dir, { recursive: true, force: true });
  },
  generate: hostileKeys,
  coverage: () => outcomes,
  check(input) {
    const store = new KeyStore(dir);
    fs.writeFileSync(store.file, input.file, { mode: 0o600 });
    try {
      const key = store.load();
      count(`loaded ${key?.secret?.type ?? 'public only'}`);
      if (key && !/^[0-9a-f]{64}$/.test(key.pubkey)) return 'loaded a malformed public key';
      if (key?.secret?.type === 'plain' && key.secret.secretKey.length !== 32) return 'loaded a secret that is not 32 bytes';
    } catch (error) {
      const problem = refusal(error, 'load');
      if (problem) return problem;
    }
    if (input.ncryptsec !== undefined) {
      try {
        decryptSecret(input.ncryptsec, 'not the passphrase');
        return 'decrypted with a wrong passphrase';
      } catch (error) {
        return refusal(error, 'decrypt');
      }
    }
    return undefined;
  },
};
