// A secret key pasted by mistake into text that leaves the machine is refused before anything is
// signed or asked: a search (search relays would see it), a hashtag, a mute word (the list is
// published), a profile field, a private message, a note (a relay hint in it too), a deletion's
// reason. Any nsec, and the user's own secret as 64 hex. Exit 2, one line that never repeats the key.
import fs from 'node:fs';
import { neventEncode, nprofileEncode, nsecEncode, npubEncode } from 'nostr-tools/nip19';
import { bytesToHex } from 'nostr-tools/utils';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_IN } from '../../src/core/secret-in-text.js';
import { KeyStore } from '../../src/store/keys.js';
import { runInProcess, tempHome } from '../helpers/in-process-cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { startSearchRelay, type SearchRelay } from '../helpers/search-relay.js';

const nowSec = Math.floor(Date.now() / 1000);
const nsec = nsecEncode(generateSecretKey());
const mine = generateSecretKey();
const myHex = bytesToHex(mine);
const someonesHex = getPublicKey(generateSecretKey());

describe('a secret key in text that would leave the machine', () => {
  let relay: TestRelay;
  let searcher: SearchRelay;
  let home: string;
  const run = (argv: string[]) => runInProcess(argv, { home, nowSec, env: { NOSTR_TUI_SEARCH_RELAYS: searcher.url, NOSTR_TUI_DISCOVERY_RELAYS: '' } });

  beforeAll(async () => {
    relay = await startRelay();
    searcher = await startSearchRelay([]);
    home = tempHome('nostr-tui-secret-out-');
    new KeyStore(home).save({ pubkey: getPublicKey(mine), secret: { type: 'plain', secretKey: mine } });
    fs.writeFileSync(`${home}/config.json`, JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }), { mode: 0o600 });
  });
  afterAll(async () => {
    await relay.stop();
    await searcher.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it.each([
    ['search', ['search', 'where is', nsec], SECRET_IN.search],
    ['a hashtag', ['timeline', '--tag', `#${nsec}`], SECRET_IN.hashtag],
    ['a muted word', ['mute', `spoiler ${nsec}`], SECRET_IN.mute],
    ['a muted hashtag', ['mute', `#${nsec}`], SECRET_IN.mute],
    ['a profile field', ['profile', 'set', '--about', `backup: ${nsec}`], SECRET_IN.profile],
    ['a private message', ['dm', 'send', npubEncode(getPublicKey(generateSecretKey())), `keep this safe ${nsec}`], SECRET_IN.message],
    ['your own secret as hex, searched', ['search', myHex.toUpperCase()], SECRET_IN.search],
    ['your own secret as hex, posted', ['post', `backup ${myHex}`], SECRET_IN.note],
    ['your own secret as hex, as a hashtag', ['timeline', '--tag', myHex], SECRET_IN.hashtag],
    ['your own secret as hex, in a profile', ['profile', 'set', '--name', myHex], SECRET_IN.profile],
    ['a deletion reason', ['delete', 'cd'.repeat(32), '--reason', `oops ${nsec}`], SECRET_IN.deletion],
    ['your own secret as hex, in a deletion reason', ['delete', 'cd'.repeat(32), `--reason=${myHex}`], SECRET_IN.deletion],
    ['an nsec in a quoted note’s relay hint', ['post', `see nostr:${neventEncode({ id: 'cd'.repeat(32), relays: [`wss://r.example/${nsec}`] })}`], SECRET_IN.note],
    ['your own secret as hex in a person’s relay hint', ['post', `hi nostr:${nprofileEncode({ pubkey: someonesHex, relays: [`wss://r.example/?k=${myHex}`] })}`], SECRET_IN.note],
  ])('%s: refused, exit 2, the key never repeated', async (_what, argv, line) => {
    const result = await run(argv);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `nostr-tui: ${line}\n` });
  });

  it('nothing reached a relay: no search asked, nothing published', async () => {
    expect(searcher.searches).toEqual([]);
    expect(await relay.find({})).toEqual([]);
    // The same search without the key is asked, so the empty list above means something; so is
    // someone's public key in hex, which only looks like a secret.
    expect((await run(['search', 'where is'])).code).toBe(0);
    expect((await run(['search', someonesHex])).code).toBe(0);
    expect(searcher.searches).toEqual(['where is', someonesHex]);
  });
});
