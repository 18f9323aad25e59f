// `nostr-tui timeline` reads each followed person where they write (NIP-65):
// the user configured one relay; Alice publishes only to her own relay, named
// in her relay list on a discovery relay. `--relay` keeps a run to the relays named.
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = Math.floor(Date.now() / 1000);
const me = generateSecretKey();
const alice = generateSecretKey();
const ALICE = getPublicKey(alice);
const bob = generateSecretKey();
const BOB = getPublicKey(bob);

describe('timeline by the outbox model', () => {
  let mine: TestRelay;
  let aliceOut: TestRelay;
  let indexer: TestRelay;
  let bobInbox: TestRelay;
  const aliceNote = finalizeEvent({ kind: 1, created_at: NOW - 60, tags: [], content: 'only on my own relay' }, alice);
  beforeAll(async () => {
    [mine, aliceOut, indexer, bobInbox] = await Promise.all([startRelay(), startRelay(), startRelay(), startRelay()]);
    await indexer.seed(finalizeEvent({ kind: 10002, created_at: NOW - 100, tags: [['r', bobInbox.url, 'read'], ['r', aliceOut.url, 'write']], content: '' }, bob));
    const dead = await closedPort();
    await mine.seed(finalizeEvent({ kind: 3, created_at: NOW - 100, tags: [['p', ALICE]], content: '' }, me));
    await aliceOut.seed(aliceNote);
    // Alice also lists a relay that is down: it must not cost her notes.
    await indexer.seed(finalizeEvent({ kind: 10002, created_at: NOW - 100, tags: [['r', dead, 'write'], ['r', aliceOut.url, 'write']], content: '' }, alice));
  });
  afterAll(async () => {
    await Promise.all([mine, aliceOut, indexer, bobInbox].map((relay) => relay?.stop()));
  });

  it('shows the notes of a followed author who writes only to her own relays', async () => {
    const cli = cliHome();
    const env = { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url };
    expect((await cli.run(['key', 'import'], { stdin: nsecEncode(me) })).code).toBe(0);
    expect((await cli.run(['relay', 'add', mine.url, '--local'])).code).toBe(0);
    expect((await cli.run(['relay', 'remove', 'wss://relay.damus.io', '--local'])).code).toBe(0);
    expect((await cli.run(['relay', 'remove', 'wss://nos.lol', '--local'])).code).toBe(0);
    expect((await cli.run(['relay', 'remove', 'wss://relay.primal.net', '--local'])).code).toBe(0);
    const routed = await cli.run(['timeline', '--json'], { env });
    expect(routed.code).toBe(0);
    expect(routed.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([JSON.parse(JSON.stringify(aliceNote))]);
    expect(routed.stderr).toContain(aliceOut.url);
    // The relays named with --relay are the whole run: Alice's relay is not asked (and the cache forgot her note).
    expect((await cli.run(['cache', 'clear'])).code).toBe(0);
    const pinned = await cli.run(['timeline', '--json', '--relay', mine.url], { env });
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toBe('');
    expect(pinned.stderr).not.toContain(aliceOut.url);
  });

  it('a note that mentions someone also goes to the relays that person reads (their inbox), and --json lists them', async () => {
    const cli = cliHome();
    const env = { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url };
    expect((await cli.run(['key', 'import'], { stdin: nsecEncode(me) })).code).toBe(0);
    for (const url of ['wss://relay.damus.io', 'wss://nos.lol', 'wss://relay.primal.net']) expect((await cli.run(['relay', 'remove', url, '--local'])).code).toBe(0);
    expect((await cli.run(['relay', 'add', mine.url, '--local'])).code).toBe(0);
    const posted = await cli.run(['post', '--json', `hello nostr:${npubEncode(BOB)}`], { env });
    expect(posted.code).toBe(0);
    const out = JSON.parse(posted.stdout) as { id: string; relays: { url: string; ok: boolean }[] };
    expect(out.relays.map((r) => [r.url, r.ok]).sort()).toEqual([[bobInbox.url, true], [mine.url, true]].sort());
    expect((await bobInbox.find({ ids: [out.id] })).map((e) => e.id)).toEqual([out.id]);
    // Bob's write relay is where he publishes, not where he reads: it is not told.
    expect(await aliceOut.find({ ids: [out.id] })).toEqual([]);
  });
});
