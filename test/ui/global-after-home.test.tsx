// Issue 10, point 1 in the UI: Home fills the cache with the followed people's
// notes; Global opened next must still show everything the relay holds (it
// used to ask only for what was newer than the newest cached note, and showed
// one note of a dozen).
import { render } from 'ink-testing-library';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { type WiredServices } from '../../src/ui/wire.js';
import { signed } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { keys, waitForFrame } from './frames.js';
import { realServices, type RealServices } from '../helpers/real-services.js';

const NOW = 1_700_000_000;
const me = generateSecretKey();
const bob = generateSecretKey();
const strangers = [generateSecretKey(), generateSecretKey()];

describe('Global after Home, with the cache Home filled', () => {
  let relay: TestRelay;
  let ui: RealServices;
  let services: WiredServices;

  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(
      signed(me, { kind: 3, created_at: NOW - 86_400, tags: [['p', getPublicKey(bob)]] }),
      // The followed person's note is the newest; everyone else wrote earlier.
      signed(bob, { created_at: NOW - 60, content: 'bob newest' }),
      ...Array.from({ length: 12 }, (_, i) => signed(strangers[i % 2]!, { created_at: NOW - 600 - i * 600, content: `stranger ${i}` })),
    );
    ui = realServices({ pubkey: getPublicKey(me), relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-global-' });
    services = ui.services;
  });
  afterAll(async () => {
    await ui?.close();
    await relay?.stop();
  });

  it('shows every note of Global, down to the oldest', async () => {
    const app = render(<App services={services} size={{ columns: 60, rows: 20 }} color={false} />);
    try {
      await waitForFrame(app.lastFrame, (f) => expect(f).toContain('bob newest'), 8000);
      app.stdin.write(keys.tab); // Notifications
      app.stdin.write(keys.tab); // Global
      await waitForFrame(app.lastFrame, (f) => expect(f).toContain('stranger 0'), 8000);
      app.stdin.write('G');
      const bottom = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('stranger 11'), 8000);
      expect(bottom).toContain('stranger 10');
    } finally {
      app.unmount();
    }
  });
});
