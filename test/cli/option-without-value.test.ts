// An option that takes a value, given none (`post hi --relay` as the last word, or `--relay $EMPTY`
// unquoted), is bad input: exit 2, one line naming what it needs, nothing signed or sent. yargs
// dropped it before, and the note went to every configured relay.
import fs from 'node:fs';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { runInProcess, tempHome } from '../helpers/in-process-cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const nowSec = Math.floor(Date.now() / 1000);
const mine = generateSecretKey();

describe('an option given no value', () => {
  let relay: TestRelay;
  let home: string;
  const run = (argv: string[]) => runInProcess(argv, { home, nowSec, env: { NOSTR_TUI_DISCOVERY_RELAYS: '' } });

  beforeAll(async () => {
    relay = await startRelay();
    home = tempHome('nostr-tui-no-value-');
    new KeyStore(home).save({ pubkey: getPublicKey(mine), secret: { type: 'plain', secretKey: mine } });
    fs.writeFileSync(`${home}/config.json`, JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }), { mode: 0o600 });
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it.each([
    [['post', 'meant for one relay', '--relay'], '--relay needs a relay URL, like `--relay wss://nos.lol`'],
    [['post', 'a reply', '--reply'], '--reply needs the note to reply to: note1…, nevent1… or its hex id'],
    [['post', '--reply', '--relay', 'wss://nos.lol', 'a reply'], '--reply needs the note to reply to: note1…, nevent1… or its hex id'],
    [['delete', 'cd'.repeat(32), '--reason'], '--reason needs the reason as text (`--reason ""` for none)'],
    [['profile', 'set', '--about'], '--about needs its new value (`--about ""` removes it)'],
    [['timeline', '--since'], '--since needs a time: 30m, 2h, 1d, 2w or a unix time'],
    [['timeline', '--tag'], '--tag needs a hashtag, like `--tag nostr`'],
    [['search', 'cats', '--author'], '--author needs a person: npub1…, nprofile1… or hex'],
    [['--relay'], '--relay needs a relay URL, like `--relay wss://nos.lol`'],
  ])('%j: exit 2, one line', async (argv, needs) => {
    const result = await run(argv);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `nostr-tui: ${needs}; nothing was done.\n` });
  });

  it('nothing was signed, sent or saved; the same post with its relay named goes there', async () => {
    expect(await relay.find({})).toEqual([]);
    expect(fs.existsSync(`${home}/data`)).toBe(false);
    expect((await run(['post', 'meant for one relay', '--relay', relay.url])).code).toBe(0);
    expect((await relay.find({})).map((event) => event.content)).toEqual(['meant for one relay']);
  });
});
