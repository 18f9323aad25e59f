// `nostr-tui relay plan` against real relays on loopback: the follow list and
// relay lists are read from the relays, and each followed person is routed to
// the relays their own list names.
import fs from 'node:fs';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { nsecEncode } from 'nostr-tools/nip19';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = Math.floor(Date.now() / 1000);
const me = generateSecretKey();
const alice = generateSecretKey();
const bob = generateSecretKey();
const [ALICE, BOB] = [getPublicKey(alice), getPublicKey(bob)];

describe('relay plan', () => {
  let mine: TestRelay;
  let aliceOut: TestRelay;
  let indexer: TestRelay;
  beforeAll(async () => {
    [mine, aliceOut, indexer] = await Promise.all([startRelay(), startRelay(), startRelay()]);
    await mine.seed(finalizeEvent({ kind: 3, created_at: NOW - 100, tags: [['p', ALICE], ['p', BOB]], content: '' }, me));
    await indexer.seed(finalizeEvent({ kind: 10002, created_at: NOW - 100, tags: [['r', aliceOut.url, 'write'], ['r', 'wss://nsfw.example', 'read']], content: '' }, alice));
  });
  afterAll(async () => {
    await Promise.all([mine, aliceOut, indexer].map((relay) => relay?.stop()));
  });

  it('your read relays are asked for everyone, each person besides on the relays their list names; people without a list on every relay', async () => {
    const cli = cliHome();
    const env = { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url };
    expect((await cli.run(['key', 'import'], { stdin: nsecEncode(me) })).code).toBe(0);
    fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: [{ url: mine.url, read: true, write: true }] }));
    const json = await cli.run(['relay', 'plan', '--json'], { env });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      budget: 20,
      discoveryRelays: [indexer.url],
      follows: 2,
      withRelayList: 1,
      relays: [
        { url: mine.url, role: 'yours', authors: [ALICE, BOB] },
        { url: aliceOut.url, role: 'outbox', authors: [ALICE, BOB] },
      ],
      fallback: [BOB],
      uncovered: [],
    });
    const human = await cli.run(['relay', 'plan'], { env });
    const [first, second] = [aliceOut.url, mine.url].sort();
    expect(human.stdout).toBe(
      [
        '2 people followed, 1 with a relay list; 2 of at most 20 relays:',
        `  ${first}  ${first === mine.url ? 'yours' : 'outbox'}, 2 people`,
        `  ${second}  ${second === mine.url ? 'yours' : 'outbox'}, 2 people`,
        '1 without a relay list are read from your relays and every outbox relay above.',
        '',
      ].join('\n'),
    );
  });

  it('with --relay, as timeline: only the relays named, for everyone; no outbox relays', async () => {
    const cli = cliHome();
    const env = { NOSTR_TUI_DISCOVERY_RELAYS: indexer.url };
    expect((await cli.run(['key', 'import'], { stdin: nsecEncode(me) })).code).toBe(0);
    const json = await cli.run(['relay', 'plan', '--json', '--relay', mine.url], { env });
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({
      budget: 20,
      discoveryRelays: [],
      follows: 2,
      withRelayList: null,
      relays: [{ url: mine.url, role: 'yours', authors: [ALICE, BOB] }],
      fallback: [],
      uncovered: [],
    });
    const human = await cli.run(['relay', 'plan', '--relay', mine.url], { env });
    expect(human.stdout).toBe(`2 people followed, all read from the relays --relay named (no outbox relays, no relay lists looked up):\n  ${mine.url}\n`);
  });

  it('a budget that is not a number is bad input', async () => {
    const cli = cliHome();
    expect((await cli.run(['key', 'import'], { stdin: nsecEncode(me) })).code).toBe(0);
    const result = await cli.run(['relay', 'plan', '--relay', mine.url], { env: { NOSTR_TUI_MAX_RELAYS: 'lots' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nostr-tui: NOSTR_TUI_MAX_RELAYS must be a whole number from 1 to 200, like 20 (it is "lots")\n');
  });
});
