// Unlocking an encrypted key (NIP-49) with a passphrase typed on the terminal: three tries, as a
// login gives, an empty one counting as a try (no key is encrypted with an empty passphrase here:
// a new one is refused). NOSTR_TUI_PASSPHRASE is tried once: asking again could not change it.
import { failure } from '../core/errors.js';
import { decryptSecret, WRONG_PASSPHRASE } from './keys.js';
import { askPassphrase, canReadHidden, PASSPHRASE_ENV, readHidden, type PromptIO } from './passphrase.js';

export const UNLOCK_TRIES = 3;

const NO_PASSPHRASE = 'no passphrase typed, so the key could not be decrypted.';

/** The secret key in `ncryptsec`, after up to UNLOCK_TRIES passphrases; Esc or Ctrl-C cancels. */
export async function unlockSecret(io: PromptIO, ncryptsec: string, prompt = 'Passphrase: '): Promise<Uint8Array> {
  if (io.env[PASSPHRASE_ENV] || !canReadHidden(io)) return decryptSecret(ncryptsec, await askPassphrase(io, { prompt }));
  for (let tries = 1; ; tries++) {
    const typed = await readHidden(io, prompt);
    try {
      if (typed === '') throw failure(NO_PASSPHRASE);
      return decryptSecret(ncryptsec, typed);
    } catch (error) {
      const again = error instanceof Error && (error.message === WRONG_PASSPHRASE || error.message === NO_PASSPHRASE);
      if (!again || tries === UNLOCK_TRIES) throw error;
      io.stderr.write(typed === '' ? 'No passphrase typed; try again.\n' : 'Wrong passphrase; try again.\n');
    }
  }
}
