// An edit of the user's lists asks the discovery relays (indexers) too: on a new machine whose
// relays never had the follow list, `follow` must not publish a list of one that would replace the
// real one. An indexer that is down refuses nothing; `--relay` asks only the relays it names.
import fs from 'node:fs';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

let relay: TestRelay;
let indexer: TestRelay;
let downUrl: string;
beforeAll(async () => {
  [relay, indexer] = await Promise.all([startRelay(), startRelay()]);
  const gone = await startRelay();
  downUrl = gone.url;
  await gone.stop();
});
afterAll(async () => {
  await Promise.all([relay?.stop(), indexer?.stop()]);
});

const nowSec = () => Math.floor(Date.now() / 1000);
const someone = () => getPublicKey(generateSecretKey());

/** A new machine: the key imported, `relay` configured, nothing cached. */
async function newMachine(indexers: string) {
  const secretKey = generateSecretKey();
  const cli = cliHome('nostr-tui-indexers-');
  const env = { NOSTR_TUI_DISCOVERY_RELAYS: indexers };
  expect((await cli.run(['key', 'import', '--no-adopt', nsecEncode(secretKey)], { env })).code).toBe(0);
  fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
  return { run: (args: string[]) => cli.run(args, { env }), secretKey, pubkey: getPublicKey(secretKey) };
}

const newestList = async (where: TestRelay, pubkey: string) =>
  (await where.find({ kinds: [3], authors: [pubkey] })).sort((a, b) => b.created_at - a.created_at)[0];

describe('editing a list the indexers hold', () => {
  it('follow starts from the indexer’s copy when the user’s relays have none', async () => {
    const { run, secretKey, pubkey } = await newMachine(indexer.url);
    const [x, y, z] = [someone(), someone(), someone()];
    await indexer.seed(finalizeEvent({ kind: 3, created_at: nowSec() - 60, tags: [['p', x], ['p', y]], content: '' }, secretKey));
    const result = await run(['follow', z]);
    expect(result.code).toBe(0);
    expect((await newestList(relay, pubkey))?.tags).toEqual([['p', x], ['p', y], ['p', z]]);
  });

  it('following and Home read the indexer’s copy when the user’s relays have none', async () => {
    const { run, secretKey } = await newMachine(indexer.url);
    const [x, y] = [someone(), someone()];
    await indexer.seed(finalizeEvent({ kind: 3, created_at: nowSec() - 60, tags: [['p', x], ['p', y]], content: '' }, secretKey));
    const following = await run(['following', '--json']);
    expect(JSON.parse(following.stdout).map((entry: { pubkey: string }) => entry.pubkey)).toEqual([x, y]);
    await relay.seed(finalizeEvent({ kind: 1, created_at: nowSec() - 30, tags: [], content: 'from someone not followed' }, generateSecretKey()));
    const timeline = await run(['timeline', '--json']);
    // Home, not Global: the note of someone not followed is not shown, and nothing says "you follow no one".
    expect(timeline.stderr).not.toContain('you follow no one');
    expect(timeline.stdout).toBe('');
  });

  it('an indexer that is down refuses nothing', async () => {
    const { run, pubkey } = await newMachine(downUrl);
    const x = someone();
    expect((await run(['follow', x])).code).toBe(0);
    expect((await newestList(relay, pubkey))?.tags).toEqual([['p', x]]);
  });

  it('with --relay only the relays named are asked', async () => {
    const { run, secretKey, pubkey } = await newMachine(indexer.url);
    const [x, z] = [someone(), someone()];
    await indexer.seed(finalizeEvent({ kind: 3, created_at: nowSec() - 60, tags: [['p', x]], content: '' }, secretKey));
    expect((await run(['follow', z, '--relay', relay.url])).code).toBe(0);
    expect((await newestList(relay, pubkey))?.tags).toEqual([['p', z]]);
  });
});
