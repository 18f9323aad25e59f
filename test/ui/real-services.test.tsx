// The UI over the real services (src/ui/wire.ts -> client -> pool) against the real relay:
// no stand-in records what the app asked for; the frame shows what the relay and the
// feed really did. f and u on an open Home change it at once (in place, without
// reopening the feed), and the follow list on the relay says the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { systemClock } from '../../src/core/clock.js';
import { App } from '../../src/ui/App.js';
import { createServices, type WiredServices } from '../../src/ui/wire.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { waitForFrame } from './frames.js';

const me = generateSecretKey();
const alice = generateSecretKey();
const bob = generateSecretKey();
const sign = (sk: Uint8Array, kind: number, created_at: number, content: string, tags: string[][] = []): Event =>
  finalizeEvent({ kind, created_at, tags, content }, sk);

/** The user's newest follow list on the relay: who it names. */
async function followedOnRelay(relay: TestRelay): Promise<string[]> {
  const lists = await relay.find({ kinds: [3], authors: [getPublicKey(me)] });
  const newest = lists.sort((a, b) => b.created_at - a.created_at)[0];
  return (newest?.tags ?? []).filter((t) => t[0] === 'p').map((t) => t[1]!);
}

describe('the UI over the real services, on the real relay', () => {
  let relay: TestRelay;
  let home: string;
  let services: WiredServices | undefined;
  let unmount: (() => void) | undefined;

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-real-ui-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    const now = Math.floor(Date.now() / 1000);
    const bobsNote = sign(bob, 1, now - 300, 'bob: the reposted note');
    await relay.seed(
      sign(me, 3, now - 1_000, '', [['p', getPublicKey(alice)]]),
      sign(alice, 0, now - 1_000, JSON.stringify({ name: 'alice' })),
      sign(bob, 0, now - 1_000, JSON.stringify({ name: 'bob' })),
      sign(alice, 1, now - 100, 'alice: hello from alice'),
      bobsNote,
      // NIP-18: alice reposts bob's note, so bob's note is on Home while only alice is followed.
      sign(alice, 6, now - 50, JSON.stringify(bobsNote), [['e', bobsNote.id, ''], ['p', bobsNote.pubkey]]),
      sign(bob, 1, now - 200, 'bob: a note of his own'),
    );
  });
  afterEach(async () => {
    unmount?.();
    await services?.close();
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('f on the open Home follows the reposted author and their notes join it; u removes them again', async () => {
    // No discovery relays (public indexers by default): tests talk to 127.0.0.1 only.
    const env = { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' };
    const client = createClient({ paths: resolvePaths(env), env, clock: systemClock, relayOverride: [relay.url], retryOutbox: false });
    services = createServices(client);
    const app = render(<App services={services} size={{ columns: 80, rows: 30 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean, ms = 10_000) => waitForFrame(app.lastFrame, check, ms);

    // Home: alice's note and her repost of bob's note (selected, the newest); not bob's own note.
    const first = await frame((f) => f.includes('alice: hello from alice') && f.includes('bob: the reposted note'));
    expect(first).not.toContain('bob: a note of his own');

    app.stdin.write('f'); // on the repost: follows the reposted note's author, bob
    await frame((f) => /\n follow (bob|npub1\S+): sent to 1\/1 relays/.test(f));
    await frame((f) => f.includes('bob: a note of his own'));
    expect(await followedOnRelay(relay)).toEqual([getPublicKey(alice), getPublicKey(bob)]);

    // Select bob's own note and unfollow him: his notes leave Home at once.
    const lines = app.lastFrame()!;
    expect(lines).toContain('bob: a note of his own');
    const selection = (f: string) => f.split('\n').filter((l) => l.startsWith('▌')).join('\n');
    let selected = selection(lines);
    for (let i = 0; i < 5 && !selected.includes('bob: a note of his own'); i++) {
      const before = selected;
      app.stdin.write('j');
      selected = selection(await frame((f) => selection(f) !== before));
    }
    expect(selected).toContain('bob: a note of his own');
    app.stdin.write('u');
    await frame((f) => /\n unfollow (bob|npub1\S+): sent to 1\/1 relays/.test(f));
    const after = await frame((f) => !f.includes('bob: a note of his own'));
    expect(after).toContain('alice: hello from alice');
    expect(await followedOnRelay(relay)).toEqual([getPublicKey(alice)]);
  }, 60_000);
});
