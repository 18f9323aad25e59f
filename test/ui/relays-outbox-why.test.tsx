// The relays panel says why an author's own relay is connected: Home asks each
// followed author where they write (NIP-65), and R shows that relay as
// `outbox (not in your list)`. Over the real services and two real relays on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, it, vi } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { ConfigStore } from '../../src/store/config.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { App } from '../../src/ui/App.js';
import { createServices } from '../../src/ui/wire.js';
import { startRelay } from '../helpers/relay.js';
import { waitForFrame } from './frames.js';

vi.setConfig({ testTimeout: 30_000 });

const NOW = Math.floor(Date.now() / 1000);
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the relays panel, an outbox relay', () => {
  it("shows a followed author's write relay as `outbox (not in your list)`", async () => {
    const [mine, hers] = [await startRelay(), await startRelay()];
    cleanup.push(() => mine.stop(), () => hers.stop());
    const me = generateSecretKey();
    const alice = generateSecretKey();
    await mine.seed(
      finalizeEvent({ kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(alice)]], content: '' }, me),
      finalizeEvent({ kind: 10002, created_at: NOW - 600, tags: [['r', hers.url, 'write']], content: '' }, alice),
    );
    await hers.seed(finalizeEvent({ kind: 1, created_at: NOW - 60, tags: [], content: 'alice on her own relay' }, alice));

    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-outbox-why-'));
    cleanup.push(() => fs.rmSync(home, { recursive: true, force: true }));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    new ConfigStore(home).setRelays([{ url: mine.url, read: true, write: true }]);
    const env = { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' };
    const client = createClient({ paths: resolvePaths(env), env, clock: { now: () => Date.now() }, stdin: new PassThrough(), stderr: new PassThrough() } as Parameters<typeof createClient>[0]);
    const services = createServices(client);
    cleanup.push(() => services.close());
    const app = render(<App services={services} size={{ columns: 100, rows: 30 }} color={false} />);
    cleanup.push(() => app.unmount());

    await waitForFrame(app.lastFrame, (f) => f.includes('alice on her own relay'), 15_000);
    app.stdin.write('R');
    await waitForFrame(app.lastFrame, (f) => f.split('\n').some((line) => line.startsWith(`  ${hers.url}  `) && line.endsWith('  outbox (not in your list)')), 15_000);
  });
});
