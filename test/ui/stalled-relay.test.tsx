// Issue 10, point 2 in the UI: a relay that never answers is waited for once
// per run. Start-up gives it 2.5 s on the follow-list lookup; Home, opened at
// the first list another relay sends, shows notes meanwhile and stops waiting
// for it then (not after the pool's 5 s).
import { render } from 'ink-testing-library';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EOSE_TIMEOUT_MS } from '../../src/net/pool.js';
import { App } from '../../src/ui/App.js';
import { type WiredServices } from '../../src/ui/wire.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { waitForFrame } from './frames.js';
import { realServices, type RealServices } from '../helpers/real-services.js';

const NOW = 1_700_000_000;
const me = generateSecretKey();
const quiet = generateSecretKey();
const reader = generateSecretKey();
const writer = generateSecretKey();
const note = signed(writer, { created_at: NOW - 60, content: 'written by someone followed' });
const liker = generateSecretKey();
/** The follow-list lookup's wait for the relays (src/ui/follows-wire.ts). */
const FOLLOWS_WAIT_MS = 2_500;

describe('the UI with a stalled relay', () => {
  let real: TestRelay;
  let stalled: FaultRelay;
  let ui: RealServices;
  let services: WiredServices;

  beforeAll(async () => {
    real = await startRelay();
    // Following someone who wrote nothing: Home reads "loading…" until it settles.
    await real.seed(signed(me, { kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(quiet)]] }));
    await real.seed(signed(reader, { kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(writer)]] }));
    await real.seed(note);
    await real.seed(signed(liker, { kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(writer)]] }));
    // Liked on another device: only the relays know.
    await real.seed(signed(liker, { kind: 7, created_at: NOW - 30, content: '+', tags: [['e', note.id], ['p', getPublicKey(writer)], ['k', '1']] }));
    stalled = await startFaultRelay({});
    ui = realServices({ pubkey: getPublicKey(me), relays: [real.url, stalled.url], nowSec: NOW, prefix: 'nostr-tui-stalled-' });
    services = ui.services;
  });
  afterAll(async () => {
    await ui?.close();
    await Promise.all([real?.stop(), stalled?.stop()]);
  });

  it('settles Home without a second timeout', async () => {
    const started = performance.now();
    const app = render(<App services={services} size={{ columns: 70, rows: 12 }} color={false} />);
    try {
      const frame = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('nothing from the people you follow yet'), 10_000);
      const elapsed = performance.now() - started;
      expect(frame).not.toContain('loading…');
      // The follow-list lookup's own wait (2.5 s) is the one timeout; the pool's 5 s is not paid on top.
      expect(elapsed).toBeLessThan(DEFAULT_EOSE_TIMEOUT_MS);
      expect(stalled.received.filter((r) => r.message[0] === 'REQ').length).toBeGreaterThanOrEqual(2);
      // Connected, but not counted as answering; the relays panel says why.
      await waitForFrame(app.lastFrame, (f) => expect(f).toContain('relays 1/2'));
      app.stdin.write('R');
      await waitForFrame(app.lastFrame, (f) => expect(f).toContain(`${stalled.url}  stalled`));
    } finally {
      app.unmount();
    }
  }, 20_000);

  it('shows the notes of the people followed before the silent relay\'s wait is over', async () => {
    const started = performance.now();
    const other = realServices({ pubkey: getPublicKey(reader), relays: [real.url, stalled.url], nowSec: NOW, prefix: 'nostr-tui-stalled-' });
    const app = render(<App services={other.services} size={{ columns: 70, rows: 12 }} color={false} />);
    try {
      await waitForFrame(app.lastFrame, (f) => expect(f).toContain('written by someone followed'), 10_000);
      // Before this change Home opened when the lookup's wait for the silent relay was over.
      expect(performance.now() - started).toBeLessThan(FOLLOWS_WAIT_MS);
    } finally {
      app.unmount();
      await other.close();
    }
  }, 20_000);

  it('marks a note liked without waiting for a relay this run already found stalled', async () => {
    const started = performance.now();
    const other = realServices({ pubkey: getPublicKey(liker), relays: [real.url, stalled.url], nowSec: NOW, prefix: 'nostr-tui-stalled-' });
    other.client.stalled.add(stalled.url);
    const app = render(<App services={other.services} size={{ columns: 70, rows: 12 }} color={false} />);
    try {
      await waitForFrame(app.lastFrame, (f) => expect(f).toMatch(/· \S+ ♥\n▌ written by someone followed/), 10_000);
      // Before, the lookup of the user's own reactions waited the pool's 5 s for it.
      expect(performance.now() - started).toBeLessThan(FOLLOWS_WAIT_MS);
    } finally {
      app.unmount();
      await other.close();
    }
  }, 20_000);
});
