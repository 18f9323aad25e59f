// With an encrypted key (NIP-49) the passphrase is asked once per run, however
// many seals, wraps and unwraps the run makes: reading the inbox and sending a
// message (a seal for each recipient, the user's own copy) share one unlock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import * as nip17 from 'nostr-tools/nip17';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { sendDm } from '../../src/client/dm-send.js';
import { createDms } from '../../src/client/dms.js';
import { systemClock } from '../../src/core/clock.js';
import { encryptSecret, KeySecurity, KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { relayForFile } from '../helpers/file-relay.js';

const relay = relayForFile();

/** A terminal that types the passphrase whenever it is asked for, and counts the prompts. */
function terminal(passphrase: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  let prompts = 0;
  const stderr = new Writable({
    write(chunk, _encoding, done) {
      if (chunk.toString().includes('Passphrase')) {
        prompts++;
        setImmediate(() => stdin.write(`${passphrase}\r`));
      }
      done();
    },
  });
  return { stdin, stderr, prompts: () => prompts };
}

describe('an encrypted key and private messages', () => {
  it('asks for the passphrase once for reading and sending', async () => {
    const me = generateSecretKey();
    const alice = generateSecretKey();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-dm-pass-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'encrypted', ncryptsec: encryptSecret(me, 'correct horse', KeySecurity.secure, 8) } });
    await relay.seed(
      finalizeEvent({ kind: 10050, created_at: Math.floor(Date.now() / 1000) - 10, tags: [['relay', relay.url]], content: '' }, alice),
      nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'one'),
      nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'two'),
    );
    const tty = terminal('correct horse');
    const client = createClient({
      paths: resolvePaths({ NOSTR_TUI_HOME: home }),
      env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' },
      clock: systemClock,
      relayOverride: [relay.url],
      stdin: tty.stdin,
      stderr: tty.stderr,
    });
    try {
      const dms = createDms(client);
      await dms.load();
      expect(dms.messages().map((m) => m.rumor.content)).toEqual(expect.arrayContaining(['one', 'two']));
      const sent = await sendDm(client, [getPublicKey(alice)], 'three');
      expect(sent.wraps).toHaveLength(2);
      expect(sent.wraps.every((wrap) => wrap.results.some((result) => result.ok))).toBe(true);
      expect(tty.prompts()).toBe(1);
    } finally {
      await client.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
