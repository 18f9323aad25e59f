// Authors are named from their profiles wherever those are: the user's read relays, or the
// discovery relays, which keep everyone's (as `nostr-tui timeline` looks them up). A profile
// only an indexer held left its author an npub on screen. Over the real services and relays.
import { render } from 'ink-testing-library';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { relayForFile } from '../helpers/file-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { waitForFrame } from './frames.js';

const relay = relayForFile();
let run: RealServices | undefined;
let indexer: TestRelay | undefined;
let unmount: (() => void) | undefined;
afterEach(async () => {
  unmount?.();
  await run?.close();
  await indexer?.stop();
});

describe('names from the discovery relays', () => {
  it('an author whose profile only an indexer holds is shown by name', async () => {
    const [me, author] = [generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    indexer = await startRelay();
    await indexer.seed(finalizeEvent({ kind: 0, created_at: now - 500, tags: [], content: JSON.stringify({ name: 'Indexed Ivy' }) }, author));
    await relay.seed(finalizeEvent({ kind: 1, created_at: now - 100, tags: [], content: 'a note by someone named elsewhere' }, author));
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-names-indexer-', discovery: [indexer.url], configured: true });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const shown = await waitForFrame(app.lastFrame, (f) => f.includes('Indexed Ivy'), 15_000);
    expect(shown).toContain('a note by someone named elsewhere');
  });
});
