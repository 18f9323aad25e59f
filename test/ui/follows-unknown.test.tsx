// "You follow nobody" only when a relay said so. The UI's start-up lookup of
// the follow list waits 2.5 s before showing anything else; a relay still
// working then (a slow link, a busy machine) gets the pool's whole wait, and a
// relay that cannot be reached leaves the list unknown, which the footer says,
// instead of claiming the user follows nobody.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { startFaultRelay } from '../helpers/fault-relay.js';
import { closedPort, startRelay } from '../helpers/relay.js';
import { realServices } from '../helpers/real-services.js';
import { keys, waitForFrame } from './frames.js';

vi.setConfig({ testTimeout: 30_000 });

const NOW = Math.floor(Date.now() / 1000);
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function start(relays: string[], me: Uint8Array) {
  const run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays, nowSec: NOW, prefix: 'nostr-tui-follows-unknown-' });
  const app = render(<App services={run.services} size={{ columns: 100, rows: 24 }} color={false} />);
  cleanup.push(() => run.close());
  cleanup.push(() => app.unmount());
  return {
    frame: (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000),
    press: (key: string) => app.stdin.write(key),
  };
}

describe('the follow list at start-up', () => {
  it('a relay that answers the follow list late (past 2.5 s) still opens Home with it', async () => {
    const me = generateSecretKey();
    const alice = generateSecretKey();
    const list = finalizeEvent({ kind: 3, created_at: NOW - 60, tags: [['p', getPublicKey(alice)]], content: '' }, me);
    const note = finalizeEvent({ kind: 1, created_at: NOW - 30, tags: [], content: 'from alice' }, alice);
    const stranger = finalizeEvent({ kind: 1, created_at: NOW - 20, tags: [], content: 'from a stranger' }, generateSecretKey());
    const asked: number[] = [];
    const relay = await startFaultRelay({
      onReq(req) {
        // The lookups (limit 1); the watch for lists published later (since) gets the plain answer below.
        if (req.filters.some((filter) => filter.kinds?.includes(3) && filter.limit === 1)) {
          asked.push(Date.now());
          // Busy for the first request (it never answers that one), free for the next.
          if (asked.length === 1) return;
          req.event(list);
          return req.eose();
        }
        const matches = (event: Event) => req.filters.some((f) => (!f.authors || f.authors.includes(event.pubkey)) && (!f.kinds || f.kinds.includes(event.kind)));
        for (const event of [note, stranger]) if (matches(event)) req.event(event);
        req.eose();
      },
    });
    cleanup.push(() => relay.stop());
    const { frame } = start([relay.url], me);
    const home = await frame((f) => f.includes(' · Home') && f.includes('from alice'));
    expect(home).not.toContain('follow nobody');
    expect(home).not.toContain('from a stranger');
    expect(asked).toHaveLength(2);
    expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(2_400);
  });

  it('relays that cannot be reached leave the list unknown: the footer says so, not "you follow nobody"', async () => {
    const { frame, press } = start([await closedPort()], generateSecretKey());
    const shown = await frame((f) => f.includes(' · Global') && f.includes('could not read your follow list'));
    expect(shown).toContain('none of your 1 relays answered, so whom you follow is unknown');
    expect(shown).not.toContain('follow nobody');
    // Home says what is wrong, not that the user follows nobody.
    press(keys.tab);
    press(keys.tab);
    const home = await frame((f) => f.includes(' · Home') && !f.includes('loading'));
    expect(home).not.toContain('follow nobody');
  });

  it('a key just created follows nobody: its message stays, not replaced by relays that cannot be reached', async () => {
    const run = realServices({ relays: [await closedPort()], nowSec: NOW, prefix: 'nostr-tui-follows-new-key-' });
    // Wide enough for the message with the test's long home path.
    const app = render(<App services={run.services} size={{ columns: 160, rows: 24 }} color={false} />);
    cleanup.push(() => run.close());
    cleanup.push(() => app.unmount());
    await waitForFrame(app.lastFrame, (f) => f.includes('You have no Nostr key yet.'));
    app.stdin.write('c');
    // Global, with the relays' failure in its body once they were asked.
    const shown = await waitForFrame(app.lastFrame, (f) => f.includes(' · Global') && f.includes('no relay reachable'), 15_000);
    const footer = shown.split('\n').slice(-2).map((line) => line.trim()).join(' ');
    expect(footer).toContain(`key created and stored in ${run.home}/keys.json; P shows your profile, where e sets your name`);
    expect(shown).not.toContain('could not read your follow list');
    // Home: a new key follows nobody, which is known without asking; what is wrong is the relays.
    app.stdin.write(keys.tab);
    app.stdin.write(keys.tab);
    const home = await waitForFrame(app.lastFrame, (f) => f.includes(' · Home') && f.includes('no relay reachable'));
    expect(home).not.toContain('unknown');
  });

  it('f refused because a relay never answers says so in one row of 80 columns, with what helps: R removes dead ones', async () => {
    const relay = await startRelay();
    cleanup.push(() => relay.stop());
    const alice = generateSecretKey();
    await relay.seed(finalizeEvent({ kind: 1, created_at: NOW - 30, tags: [], content: 'follow me' }, alice));
    const me = generateSecretKey();
    const run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url, await closedPort()], nowSec: NOW, prefix: 'nostr-tui-follow-dead-' });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    cleanup.push(() => run.close());
    cleanup.push(() => app.unmount());
    await waitForFrame(app.lastFrame, (f) => f.includes(' · Global') && f.includes('follow me'), 15_000);
    app.stdin.write('f');
    const refused = await waitForFrame(app.lastFrame, (f) => f.includes('did not answer (R'), 15_000);
    const line = ' follow: nothing changed, 1 of 2 relays did not answer (R removes dead ones)';
    expect(refused.split('\n').at(-2)).toBe(line);
    expect(line.length).toBeLessThanOrEqual(80);
  });
});
