// A client told it may not prompt (the interactive UI once it draws) never reads the terminal
// for a passphrase: keys typed then are the UI's. It says how to unlock the key instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { encryptSecret, KeySecurity, KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';

function encryptedClient(mayPrompt: () => boolean, env: NodeJS.ProcessEnv = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-no-prompt-'));
  const secretKey = generateSecretKey();
  new KeyStore(home).save({ pubkey: getPublicKey(secretKey), secret: { type: 'encrypted', ncryptsec: encryptSecret(secretKey, 'passphrase', KeySecurity.unknown, 4) } });
  // A terminal that records being put in raw mode, which reading a passphrase does first.
  const raw: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => raw.push(mode) });
  const client = createClient({ paths: resolvePaths({ NOSTR_TUI_HOME: home }), env: { NOSTR_TUI_HOME: home, ...env }, clock: { now: () => 0 }, stdin, stderr: new PassThrough(), mayPrompt });
  return { client, raw, secretKey };
}

describe('a client that may not prompt', () => {
  it('refuses to unlock an encrypted key without touching the terminal, and says how', async () => {
    const { client, raw } = encryptedClient(() => false);
    await expect(client.signer()).rejects.toThrow('your key is encrypted and was not unlocked when nostr-tui started; quit and start it again to type the passphrase.');
    expect(raw).toEqual([]);
    await client.close();
  });

  it('still takes NOSTR_TUI_PASSPHRASE, which asks nothing of the terminal', async () => {
    const { client, raw, secretKey } = encryptedClient(() => false, { NOSTR_TUI_PASSPHRASE: 'passphrase' });
    expect(await (await client.signer()).getPublicKey()).toBe(getPublicKey(secretKey));
    expect(raw).toEqual([]);
    await client.close();
  });

  it('may prompt: asks on the terminal', async () => {
    const { client, raw } = encryptedClient(() => true);
    const unlocking = client.signer();
    await expect.poll(() => raw).toEqual([true]);
    unlocking.catch(() => {});
    await client.close();
  });
});
