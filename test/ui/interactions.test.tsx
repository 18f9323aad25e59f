// Likes, reposts and deletion with state, in the real App on the real client
// services against the real relay (which applies NIP-09 deletions): `l l` sends
// one reaction, `l` on a liked note asks and deletes the reaction, `t` asks,
// `d` deletes your own note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { createClient, type Client } from '../../src/client/client.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { App } from '../../src/ui/App.js';
import { createServices, type WiredServices } from '../../src/ui/wire.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { waitForFrame } from './frames.js';

vi.setConfig({ testTimeout: 30_000 });

const NOW = 1_700_000_000;
let relay: TestRelay;
const cleanup: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});
afterAll(async () => {
  await relay?.stop();
});

/** The real App on real services for a new user, following nobody (so Global shows). */
function start() {
  let clockMs = NOW * 1000;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-interact-'));
  const secretKey = generateSecretKey();
  const me = getPublicKey(secretKey);
  new KeyStore(home).save({ pubkey: me, secret: { type: 'plain', secretKey } });
  const client: Client = createClient({
    paths: resolvePaths({ NOSTR_TUI_HOME: home }),
    env: { NOSTR_TUI_HOME: home },
    // A clock that moves: two likes a second apart would be two different events, not one
    // id the relay stores once (that would hide a double like).
    clock: { now: () => (clockMs += 1000) },
    relayOverride: [relay.url],
    stdin: new PassThrough(),
    stderr: new PassThrough(),
  } as Parameters<typeof createClient>[0]);
  const services: WiredServices = createServices(client);
  const app = render(<App services={services} size={{ columns: 80, rows: 24 }} color={false} />);
  cleanup.push(() => fs.rmSync(home, { recursive: true, force: true }), () => services.close(), () => app.unmount());
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check, 10_000);
  return { client, me, secretKey, frame, press: (k: string) => app.stdin.write(k) };
}

const note = (content: string, at: number, key = generateSecretKey()) => finalizeEvent({ kind: 1, created_at: at, tags: [], content }, key);
const headerOf = (frame: string, text: string) => {
  const lines = frame.split('\n');
  return lines[lines.findIndex((l) => l.includes(text)) - 1] ?? '';
};

describe('likes with state (NIP-25, NIP-09)', () => {
  it('l l sends one reaction; l on the liked note asks, and y publishes a kind-5 deletion of it', async () => {
    const target = note(`like me ${Math.random()}`, NOW - 10);
    await relay.seed(target);
    const { client, me, frame, press } = start();
    await frame((f) => f.includes(target.content));
    press('l');
    press('l');
    const liked = await frame((f) => f.includes(': sent to 1/1 relays') && headerOf(f, target.content).endsWith('♥'));
    expect(headerOf(liked, target.content)).toMatch(/ · \S+ ♥$/);
    const reactions = await relay.find({ kinds: [7], authors: [me] });
    expect(reactions).toHaveLength(1);
    expect(reactions[0]!.tags).toContainEqual(['e', target.id, relay.url, target.pubkey]);

    press('l');
    await frame((f) => f.includes(' unlike? y/n'));
    press('y');
    const unliked = await frame((f) => f.includes("unlike npub") && f.includes(': sent to 1/1 relays'));
    expect(headerOf(unliked, target.content)).not.toContain('♥');
    expect(await relay.find({ kinds: [7], authors: [me] })).toEqual([]);
    const [deletion] = client.store().events.query([{ kinds: [5], authors: [me] }]);
    expect(deletion!.tags).toEqual([
      ['e', reactions[0]!.id],
      ['k', '7'],
    ]);
  });

  it('"ll" in one read also sends one reaction', async () => {
    const target = note(`like me once ${Math.random()}`, NOW - 5);
    await relay.seed(target);
    const { me, frame, press } = start();
    await frame((f) => f.includes(target.content));
    press('ll');
    await frame((f) => f.includes(': sent to 1/1 relays') && headerOf(f, target.content).endsWith('♥'));
    expect(await relay.find({ kinds: [7], authors: [me], '#e': [target.id] })).toHaveLength(1);
  });

  it('l on your own note says "like your note" (not "you\'s note"), as does the unlike after it', async () => {
    const { me, secretKey, frame, press } = start();
    const mine = note(`my note to like ${Math.random()}`, NOW - 4, secretKey);
    await relay.seed(mine);
    await frame((f) => f.includes(mine.content));
    press('l');
    await frame((f) => f.includes(' like your note: sent to 1/1 relays'));
    expect(await relay.find({ kinds: [7], authors: [me], '#e': [mine.id] })).toHaveLength(1);
    press('l');
    await frame((f) => f.includes(' unlike? y/n'));
    press('y');
    await frame((f) => f.includes(' unlike your note: sent to 1/1 relays'));
  });

  it('a like made earlier (on the relays, not in the cache) shows ♥, and l then asks to unlike', async () => {
    const target = note(`liked before ${Math.random()}`, NOW - 3);
    const { me, secretKey, frame, press } = start();
    const earlier = finalizeEvent({ kind: 7, created_at: NOW - 2, content: '+', tags: [['e', target.id], ['p', target.pubkey]] }, secretKey);
    await relay.seed(target, earlier);
    await frame((f) => headerOf(f, target.content).endsWith('♥'));
    press('l');
    await frame((f) => f.includes(' unlike? y/n'));
    press('n');
    await frame((f) => f.includes(' cancelled'));
    expect(await relay.find({ kinds: [7], authors: [me] })).toHaveLength(1);
  });
});

describe('reposts with confirmation (NIP-18) and deleting your own note', () => {
  it('t asks; n sends nothing; y reposts and shows ↻; t again offers to undo with a kind-5 (k 6)', async () => {
    const target = note(`repost me ${Math.random()}`, NOW - 1);
    await relay.seed(target);
    const { client, me, frame, press } = start();
    await frame((f) => f.includes(target.content));
    press('t');
    await frame((f) => f.includes(' repost? y/n'));
    press('n');
    await frame((f) => f.includes(' cancelled'));
    expect(await relay.find({ kinds: [6], authors: [me] })).toEqual([]);
    press('t');
    await frame((f) => f.includes(' repost? y/n'));
    press('y');
    await frame((f) => f.includes(': sent to 1/1 relays') && headerOf(f, target.content).endsWith('↻'));
    const [repost] = await relay.find({ kinds: [6], authors: [me] });
    expect(repost).toBeDefined();
    press('t');
    await frame((f) => f.includes(' undo repost? y/n'));
    press('y');
    await frame((f) => f.includes('undo repost of') && f.includes(': sent to 1/1 relays'));
    expect(await relay.find({ kinds: [6], authors: [me] })).toEqual([]);
    const [deletion] = client.store().events.query([{ kinds: [5], authors: [me] }]);
    expect(deletion!.tags).toEqual([
      ['e', repost!.id],
      ['k', '6'],
    ]);
  });

  it("d on your own note asks, then deletes it from the view, the cache and the relay; on someone else's it refuses", async () => {
    const { client, secretKey, frame, press } = start();
    const mine = note(`my own note ${Math.random()}`, NOW, secretKey);
    const theirs = note(`their note ${Math.random()}`, NOW - 100);
    await relay.seed(mine, theirs);
    await frame((f) => f.includes(mine.content) && f.includes(theirs.content));
    press('d');
    await frame((f) => f.includes(' delete? y/n'));
    press('y');
    await frame((f) => f.includes('delete your note: sent to 1/1 relays') && !f.includes(mine.content));
    expect(await relay.find({ ids: [mine.id] })).toEqual([]);
    expect(client.store().events.query([{ ids: [mine.id] }])).toEqual([]);
    // The selection is now on their note.
    press('d');
    await frame((f) => f.includes(' you can only delete your own notes'));
    expect(await relay.find({ ids: [theirs.id] })).toHaveLength(1);
  });

  it('j then l in separate reads, before the frame of j: the like goes to the note j moved to', async () => {
    // A relay of its own, holding only these two: the first note on screen, then the one j moves to.
    const shared = relay;
    relay = await startRelay();
    cleanup.push(async () => {
      await relay.stop();
      relay = shared;
    });
    const newer = note(`the newer note ${Math.random()}`, NOW - 20);
    const older = note(`the older note ${Math.random()}`, NOW - 30);
    await relay.seed(newer, older);
    const { me, frame, press } = start();
    await frame((f) => f.includes(newer.content) && f.includes(older.content));
    press('j');
    // The next read comes before React has drawn the move (its render runs in a later task).
    await Promise.resolve();
    press('l');
    await frame((f) => f.includes(': sent to 1/1 relays'));
    const reactions = await relay.find({ kinds: [7], authors: [me] });
    expect(reactions.map((reaction) => reaction.tags.find((tag) => tag[0] === 'e')?.[1])).toEqual([older.id]);
  });
});
