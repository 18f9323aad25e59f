// Issue 10, point 2 in the UI: a relay that never answers is waited for once
// per run. Start-up waits for it on the follow-list lookup (2.5 s); Home,
// opened next, must not wait for it again (5 s more) before it settles.
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

describe('the UI with a stalled relay', () => {
  let real: TestRelay;
  let stalled: FaultRelay;
  let ui: RealServices;
  let services: WiredServices;

  beforeAll(async () => {
    real = await startRelay();
    // Following someone who wrote nothing: Home reads "loading…" until it settles.
    await real.seed(signed(me, { kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(quiet)]] }));
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
    } finally {
      app.unmount();
    }
  }, 20_000);
});
