// Issue 10, point 5: the user's own notes and reposts are part of Home, from
// the relays, and from the cache after a restart (here with the relay gone).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { createClient } from '../../src/client/client.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { createServices } from '../../src/ui/wire.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const me = generateSecretKey();
const bob = generateSecretKey();
const mine = signed(me, { created_at: NOW - 100, content: 'my own note' });
const myRepost = signed(me, { kind: 6, created_at: NOW - 50, tags: [['e', 'ab'.repeat(32)], ['p', getPublicKey(bob)]] });
const bobs = signed(bob, { created_at: NOW - 200, content: 'bob' });

function services(home: string, relays: string[]) {
  const client = createClient({
    paths: resolvePaths({ NOSTR_TUI_HOME: home }),
    env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' },
    clock: { now: () => NOW * 1000 },
    relayOverride: relays,
    stdin: new PassThrough(),
    stderr: new PassThrough(),
    eoseTimeoutMs: 2_000,
  } as Parameters<typeof createClient>[0]);
  return createServices(client);
}

describe('Home holds your own notes and reposts', () => {
  let relay: TestRelay;
  let home: string;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(signed(me, { kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(bob)]] }), mine, myRepost, bobs);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-own-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me) });
  });
  afterAll(async () => {
    await relay?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('from the relays, then from the cache across a restart', async () => {
    const first = services(home, [relay.url]);
    const follows = await first.follows();
    expect(follows).toEqual([getPublicKey(bob)]);
    const feed = first.openFeed('home', follows);
    await feed.settled;
    const ids = () => Array.from({ length: feed.timeline.view().length }, (_, i) => feed.timeline.view().at(i)!.event.id);
    expect(ids()).toEqual([myRepost.id, mine.id, bobs.id]);
    feed.close();
    await first.close();

    // The timeline command's Home too.
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c) => (printed += c));
    const code = await main(['timeline', '--json', '--relay', relay.url], {
      stdout: out,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' },
      clock: { now: () => NOW * 1000 },
      paths: resolvePaths({ NOSTR_TUI_HOME: home }),
      exitCode: 0,
    });
    expect(code).toBe(0);
    expect(printed.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([myRepost.id, mine.id, bobs.id]);

    // Restarted with the relay unreachable: the cache still has them.
    await relay.stop();
    const second = services(home, ['ws://127.0.0.1:1']);
    const again = second.openFeed('home', await second.follows());
    const view = again.timeline.view();
    expect(Array.from({ length: view.length }, (_, i) => view.at(i)!.event.id)).toEqual([myRepost.id, mine.id, bobs.id]);
    again.close();
    await second.close();
  });
});
