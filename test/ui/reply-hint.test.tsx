// A reply names a relay its note was seen on (NIP-10 `e` tag relay hint), from
// the cache's record of who delivered it (issue #19 item 2): not `''`. A reply
// the user deletes leaves the feed and its note's count.
import { render } from 'ink-testing-library';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { realServices } from '../helpers/real-services.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';
import { keys, waitForFrame } from './frames.js';

vi.setConfig({ testTimeout: 30_000 });

const NOW = Math.floor(Date.now() / 1000);
let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

describe('replies the UI publishes', () => {
  it("a reply from the composer tags the note with the relay it came from", async () => {
    const target = finalizeEvent({ kind: 1, created_at: NOW - 60, tags: [], content: 'answer me' }, generateSecretKey());
    await relay.seed(target);
    const secretKey = generateSecretKey();
    const run = realServices({ pubkey: getPublicKey(secretKey), secretKey, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-hint-' });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    try {
      const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);
      await frame((f) => f.includes('answer me'));
      await until(() => run.services.relayHint!(target.id), 'the note cached with its relay');
      app.stdin.write('r');
      await frame((f) => f.includes('── Reply to'));
      app.stdin.write('here you go');
      await frame((f) => f.includes('here you go▏'));
      app.stdin.write(keys.enter);
      await frame((f) => f.includes(': sent to 1/1 relays'));
      const [sent] = await relay.find({ kinds: [1], authors: [getPublicKey(secretKey)] });
      expect(sent!.tags).toContainEqual(['e', target.id, relay.url, 'root', target.pubkey]);
    } finally {
      app.unmount();
      await run.close();
    }
  });

  it('a reply the user deletes leaves the feed, and its note no longer counts it', async () => {
    const own = await startRelay();
    const target = finalizeEvent({ kind: 1, created_at: NOW - 60, tags: [], content: 'count my replies' }, generateSecretKey());
    await own.seed(target);
    const secretKey = generateSecretKey();
    const run = realServices({ pubkey: getPublicKey(secretKey), secretKey, relays: [own.url], nowSec: NOW, prefix: 'nostr-tui-withdraw-' });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    try {
      const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);
      await frame((f) => f.includes('count my replies'));
      app.stdin.write('r');
      await frame((f) => f.includes('── Reply to'));
      app.stdin.write('soon gone');
      await frame((f) => f.includes('soon gone▏'));
      app.stdin.write(keys.enter);
      // The reply is on top and selected; its note counts it.
      await frame((f) => f.includes('▌ soon gone') && /count my replies\n +↩ 1/.test(f));
      app.stdin.write('d');
      await frame((f) => f.includes('delete? y/n'));
      app.stdin.write('y');
      const after = await frame((f) => f.includes('delete your note: sent to 1/1 relays'));
      expect(after).not.toContain('soon gone');
      await frame((f) => !/↩ 1/.test(f));
    } finally {
      app.unmount();
      await run.close();
      await own.stop();
    }
  });
});
