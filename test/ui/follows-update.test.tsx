// Home opens at once from the cached follow list; when the relays hold a newer one (someone was
// followed or unfollowed on another device, before or while the app runs), the open Home takes the
// difference in place: the new people's notes come in, the dropped people's go. Before, the newer
// list was only cached for the next start, and this run showed less than the relays hold. Over the
// real services and relay.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { startFaultRelay, type FaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { relayForFile } from '../helpers/file-relay.js';
import { startRelay } from '../helpers/relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { waitForFrame } from './frames.js';

const relay = relayForFile();
let run: RealServices | undefined;
let unmount: (() => void) | undefined;
let slow: FaultRelay | undefined;
afterEach(async () => {
  unmount?.();
  await run?.close();
  await slow?.stop();
});

const followList = (me: Uint8Array, created_at: number, people: Uint8Array[]) =>
  finalizeEvent({ kind: 3, created_at, tags: people.map((key) => ['p', getPublicKey(key)]), content: '' }, me);

/** The app over real services, with `cached` in the cache before it starts. */
function startWithKeys(me: Uint8Array, now: number, cached: Event[]) {
  run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-follows-update-' });
  for (const event of cached) run.client.store().events.put(event);
  const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
  unmount = app.unmount;
  return { frame: (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000), press: (keys: string) => app.stdin.write(keys) };
}
const start = (me: Uint8Array, now: number, cached: Event[]) => startWithKeys(me, now, cached).frame;

describe('a newer follow list on the relays than in the cache', () => {
  it('brings the notes of someone followed on another device into the open Home', async () => {
    const [me, alice, bob] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 1, created_at: now - 500, tags: [], content: 'alice was followed here' }, alice),
      finalizeEvent({ kind: 1, created_at: now - 400, tags: [], content: 'bob was followed elsewhere' }, bob),
      followList(me, now - 100, [alice, bob]),
    );
    const frame = start(me, now, [followList(me, now - 300, [alice])]);
    const shown = await frame((f) => f.includes('bob was followed elsewhere') && f.includes('alice was followed here'));
    expect(shown).toContain('Home');
  });

  it('takes a list published while it runs (someone followed on another device meanwhile)', async () => {
    const [me, alice, bob] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    const list = followList(me, now - 100, [alice]);
    await relay.seed(
      finalizeEvent({ kind: 1, created_at: now - 500, tags: [], content: 'alice, followed all along' }, alice),
      finalizeEvent({ kind: 1, created_at: now - 400, tags: [], content: 'bob, followed just now' }, bob),
      list,
    );
    const { frame, press } = startWithKeys(me, now, [list]);
    const before = await frame((f) => f.includes('alice, followed all along'));
    expect(before).not.toContain('bob, followed just now');
    await relay.seed(followList(me, now, [alice, bob]));
    // Above the note being read, it waits to be shown, as any new note does.
    await frame((f) => f.includes('1 new post · g to show'));
    press('g');
    await frame((f) => f.includes('bob, followed just now') && f.includes('alice, followed all along'));
  });

  it('answers every later ask with the newer list (a screen opened after it came gets it whole)', async () => {
    const [me, alice, bob] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(followList(me, now - 100, [alice, bob]));
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-follows-update-' });
    run.client.store().events.put(followList(me, now - 300, [alice]));
    const services = run.services;
    expect(await services.follows()).toEqual([getPublicKey(alice)]);
    const told = await new Promise<string[]>((resolve) => services.onFollowsUpdated!(resolve));
    const newer = [getPublicKey(alice), getPublicKey(bob)];
    expect(told).toEqual(newer);
    expect(await services.follows()).toEqual(newer);
    expect(services.knownFollows!()).toEqual(newer);
  });

  it('takes the notes of someone unfollowed on another device out of the open Home', async () => {
    const [me, alice, bob] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    const fromAlice = finalizeEvent({ kind: 1, created_at: now - 500, tags: [], content: 'alice is still followed' }, alice);
    const fromBob = finalizeEvent({ kind: 1, created_at: now - 400, tags: [], content: 'bob was unfollowed elsewhere' }, bob);
    await relay.seed(fromAlice, fromBob, followList(me, now - 100, [alice]));
    // Both notes are cached too, so both are painted with the cached list before the relays answer.
    const frame = start(me, now, [followList(me, now - 300, [alice, bob]), fromAlice, fromBob]);
    const shown = await frame((f) => f.includes('alice is still followed') && !f.includes('bob was unfollowed elsewhere'));
    expect(shown).toContain('Home');
  });

  it('on a first start, opens Home with the first list a relay sends and takes a newer one from a slower relay', async () => {
    const [me, alice, bob] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 1, created_at: now - 500, tags: [], content: 'alice, on the older list' }, alice),
      finalizeEvent({ kind: 1, created_at: now - 400, tags: [], content: 'bob, only on the newer list' }, bob),
      followList(me, now - 300, [alice]),
    );
    let listReq: FaultReq | undefined;
    slow = await startFaultRelay({
      onReq(req) {
        if (req.filters.some((f) => f.kinds?.includes(3) && f.authors?.includes(getPublicKey(me)))) listReq ??= req;
        else req.eose();
      },
    });
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url, slow.url], nowSec: now, prefix: 'nostr-tui-follows-update-' });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000);
    // Shown while the slower relay has not answered the list.
    const first = await frame((f) => f.includes('alice, on the older list'));
    expect(first).not.toContain('bob, only on the newer list');
    expect(listReq).toBeDefined();
    listReq!.event(followList(me, now - 100, [alice, bob]));
    listReq!.eose();
    // Above the note being read, it waits to be shown, as any new note does.
    await frame((f) => f.includes('1 new post · g to show'));
    app.stdin.write('g');
    await frame((f) => f.includes('bob, only on the newer list') && f.includes('alice, on the older list'));
  });
});

describe('no follow list on the user’s relays (a new machine)', () => {
  it('opens Home from the copy a discovery relay holds, not Global', async () => {
    const [me, alice, stranger] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    const indexer = await startRelay();
    try {
      await indexer.seed(followList(me, now - 100, [alice]));
      await relay.seed(
        finalizeEvent({ kind: 1, created_at: now - 300, tags: [], content: 'alice, followed on the old machine' }, alice),
        finalizeEvent({ kind: 1, created_at: now - 200, tags: [], content: 'a stranger, not followed' }, stranger),
      );
      run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-follows-indexer-', discovery: [indexer.url], configured: true });
      const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
      unmount = app.unmount;
      const shown = await waitForFrame(app.lastFrame, (f) => f.includes('alice, followed on the old machine'), 15_000);
      expect(shown).toContain('Home');
      expect(shown).not.toContain('a stranger, not followed');
    } finally {
      unmount?.();
      unmount = undefined;
      await indexer.stop();
    }
  });
});
