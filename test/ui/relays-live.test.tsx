// A relay added in the relays panel is used at once: the pool takes it as one
// of the user's (the header counts it), and Home, opened again over it, shows
// the notes only it holds, without a restart. Over the real services, a config
// (no --relay) and two real relays on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import * as nip17 from 'nostr-tools/nip17';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { resolvePaths } from '../../src/store/paths.js';
import { ConfigStore } from '../../src/store/config.js';
import { KeyStore } from '../../src/store/keys.js';
import { App } from '../../src/ui/App.js';
import { createServices } from '../../src/ui/wire.js';
import { startRelay } from '../helpers/relay.js';
import { keys, waitForFrame } from './frames.js';

vi.setConfig({ testTimeout: 30_000 });

const NOW = Math.floor(Date.now() / 1000);
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * The app over the real services for a new home holding `me`'s key and one configured relay (no
 * --relay, and no discovery relays beyond loopback); `addRelay` types a URL into the relays panel.
 */
function openApp(me: Uint8Array, relay: string) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-relays-live-'));
  cleanup.push(() => fs.rmSync(home, { recursive: true, force: true }));
  new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
  new ConfigStore(home).setRelays([{ url: relay, read: true, write: true }]);
  const env = { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' };
  const client = createClient({ paths: resolvePaths(env), env, clock: { now: () => Date.now() }, stdin: new PassThrough(), stderr: new PassThrough() } as Parameters<typeof createClient>[0]);
  const services = createServices(client);
  cleanup.push(() => services.close());
  const app = render(<App services={services} size={{ columns: 100, rows: 30 }} color={false} />);
  cleanup.push(() => app.unmount());
  const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000);
  const addRelay = async (url: string) => {
    app.stdin.write('R');
    await frame((f) => f.includes(' · Relays'));
    app.stdin.write('a');
    await frame((f) => f.includes('add relay: ▏'));
    app.stdin.write(url);
    await frame((f) => f.includes(`add relay: ${url}▏`));
    app.stdin.write(keys.enter);
  };
  return { app, frame, home, addRelay };
}

describe('the relays panel, live', () => {
  it('a relay added with a is used at once: counted in the header, and Home shows the notes only it holds', async () => {
    const [one, two] = [await startRelay(), await startRelay()];
    cleanup.push(() => one.stop(), () => two.stop());
    const me = generateSecretKey();
    const alice = generateSecretKey();
    await one.seed(
      finalizeEvent({ kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(alice)]], content: '' }, me),
      finalizeEvent({ kind: 1, created_at: NOW - 120, tags: [], content: 'alice on relay one' }, alice),
    );
    await two.seed(finalizeEvent({ kind: 1, created_at: NOW - 60, tags: [], content: 'alice only on relay two' }, alice));

    const { app, frame, home, addRelay } = openApp(me, one.url);

    const before = await frame((f) => f.includes(' · Home') && f.includes('alice on relay one') && f.includes('relays 1/1'));
    expect(before).not.toContain('alice only on relay two');

    await addRelay(two.url);
    await frame((f) => f.includes(`added ${two.url}: saved; in use now; published to 2 of 2 relays`));

    app.stdin.write(keys.escape);
    // The reader keeps their place: the note from the new relay is newer, so it waits above as new.
    await frame((f) => f.includes(' · Home') && f.includes('── 1 new post · g to show ──') && f.includes('relays 2/2'));
    app.stdin.write('g');
    const after = await frame((f) => f.includes('alice only on relay two'));
    expect(after.indexOf('alice only on relay two')).toBeLessThan(after.indexOf('alice on relay one'));
    // The relay list went to both, and the config holds both.
    expect(new ConfigStore(home).relays().map((relay) => relay.url)).toEqual([one.url, two.url]);
    expect(await two.find({ kinds: [10002], authors: [getPublicKey(me)] })).toHaveLength(1);
  });

  it('Messages read the inbox again from a relay added with a (no DM relay list: the read relays are the inbox)', async () => {
    const [one, two] = [await startRelay(), await startRelay()];
    cleanup.push(() => one.stop(), () => two.stop());
    const me = generateSecretKey();
    const alice = generateSecretKey();
    await one.seed(finalizeEvent({ kind: 0, created_at: NOW - 600, tags: [], content: '{"name":"alice"}' }, alice));
    // The only message is on the relay the user has not added yet.
    await two.seed(nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'hello on relay two'));

    const { app, frame, addRelay } = openApp(me, one.url);

    await frame((f) => f.includes(' · Global') && f.includes('relays 1/1'));
    app.stdin.write('M');
    await frame((f) => f.includes(' · Messages') && f.includes('no private messages yet'));

    await addRelay(two.url);
    await frame((f) => f.includes(`added ${two.url}: saved; in use now`));
    app.stdin.write(keys.escape);
    await frame((f) => f.includes(' · Messages') && f.includes('hello on relay two'));
  });
});
