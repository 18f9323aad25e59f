// `key import` brings the user's setup (issue #12): their published relay list
// (NIP-65) and follow list (NIP-02), looked up on the discovery relays. The
// relay list becomes the config's only when none was configured; nothing is
// published; a lookup nobody answers never fails the import.
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigStore } from '../../src/store/config.js';
import { openStore } from '../../src/store/open.js';
import { resolvePaths } from '../../src/store/paths.js';
import { cliHome } from '../helpers/cli.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = Math.floor(Date.now() / 1000);
const me = generateSecretKey();
const ME = getPublicKey(me);
const [ALICE, BOB] = [getPublicKey(generateSecretKey()), getPublicKey(generateSecretKey())];

describe('key import adopts the published relay and follow lists', () => {
  let indexer: TestRelay;
  let dead: string;
  const follows = finalizeEvent({ kind: 3, created_at: NOW - 100, tags: [['p', ALICE], ['p', BOB]], content: '' }, me);
  beforeAll(async () => {
    [indexer, dead] = await Promise.all([startRelay(), closedPort()]);
    const relays = [['r', 'wss://home.example/', 'write'], ['r', 'wss://inbox.example/', 'read'], ['r', 'ws://192.168.1.20:7777/']];
    await indexer.seed(
      finalizeEvent({ kind: 10002, created_at: NOW - 200, tags: [['r', 'wss://old.example/']], content: '' }, me),
      finalizeEvent({ kind: 10002, created_at: NOW - 100, tags: relays, content: '' }, me),
      follows,
    );
  });
  afterAll(async () => {
    await indexer?.stop();
  });

  it('on a fresh home, the newest relay list becomes the configured relays and the follow list is cached', async () => {
    const cli = cliHome();
    const result = await cli.run(['key', 'import'], { stdin: nsecEncode(me), env: { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Adopted your published relay list (NIP-65): 3 relays');
    expect(result.stderr).toContain('Found your follow list: 2 people.');
    // The user's own signed list may name a home relay on a private network.
    expect(new ConfigStore(cli.home).relays()).toEqual([
      { url: 'wss://home.example', read: false, write: true },
      { url: 'wss://inbox.example', read: true, write: false },
      { url: 'ws://192.168.1.20:7777', read: true, write: true },
    ]);
    const store = openStore(resolvePaths({ NOSTR_TUI_HOME: cli.home }).dataDir, { clock: { now: () => Date.now() } });
    try {
      expect(store.events.query([{ kinds: [3], authors: [ME] }]).map((event) => event.id)).toEqual([follows.id]);
    } finally {
      store.close();
    }
    // Nothing was published: the indexer holds only what it was seeded with.
    expect(await indexer.find({ authors: [ME] })).toHaveLength(2);
  });

  it('the own list is taken whole, up to the 200 relays config.json holds; what is beyond is said', async () => {
    for (const [count, kept] of [[25, 25], [205, 200]] as const) {
      const key = generateSecretKey();
      const tags = Array.from({ length: count }, (_, i) => ['r', `wss://relay${i}.example`]);
      await indexer.seed(finalizeEvent({ kind: 10002, created_at: NOW - 100, tags, content: '' }, key));
      const cli = cliHome();
      const result = await cli.run(['key', 'import'], { stdin: nsecEncode(key), env: { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url } });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`Adopted your published relay list (NIP-65): ${kept} relays`);
      const leftOut = `Your published relay list names 5 more after the first 200, left out: nostr-tui keeps at most 200.`;
      if (count > kept) expect(result.stderr).toContain(leftOut);
      else expect(result.stderr).not.toContain('left out');
      expect(new ConfigStore(cli.home).relays().map((relay) => relay.url)).toEqual(tags.slice(0, kept).map((tag) => tag[1]));
    }
  });

  it('relays the user configured are kept; the published list is only reported', async () => {
    const cli = cliHome();
    new ConfigStore(cli.home).setRelays([{ url: 'wss://mine.example', read: true, write: true }]);
    const result = await cli.run(['key', 'import'], { stdin: nsecEncode(me), env: { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Your published relay list names 3 relays; your configured relays were kept.');
    expect(new ConfigStore(cli.home).relays()).toEqual([{ url: 'wss://mine.example', read: true, write: true }]);
  });

  it('no relay answering is one line, and the key is still imported; --no-adopt asks nobody', async () => {
    const cli = cliHome();
    const unreachable = await cli.run(['key', 'import', '--json'], { stdin: nsecEncode(me), env: { NOSTR_TUI_DISCOVERY_RELAYS: dead } });
    expect(unreachable.code).toBe(0);
    expect(JSON.parse(unreachable.stdout)).toEqual({ npub: expect.stringMatching(/^npub1/), pubkey: ME });
    expect(unreachable.stderr).toContain(`No relay answered the lookup of your published relay and follow lists (${dead})`);
    expect(new ConfigStore(cli.home).hasOwnRelays()).toBe(false);

    const offline = cliHome();
    const skipped = await offline.run(['key', 'import', '--no-adopt'], { stdin: nsecEncode(me), env: { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url } });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).not.toMatch(/relay list|follow list/);
    expect(new ConfigStore(offline.home).hasOwnRelays()).toBe(false);
  });
});
