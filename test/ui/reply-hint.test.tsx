// A reply names a relay its note was seen on (NIP-10 `e` tag relay hint), from
// the cache's record of who delivered it (issue #19 item 2): not `''`. A reply
// the user deletes leaves the feed and its note's count.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { realServices } from '../helpers/real-services.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { relayForFile } from '../helpers/file-relay.js';
import { until } from '../helpers/until.js';
import { keys, waitForFrame } from './frames.js';

vi.setConfig({ testTimeout: 30_000 });

const NOW = Math.floor(Date.now() / 1000);
const relay = relayForFile();

/**
 * The user's app on `on`, showing a note by someone else (`content`), and `reply` sent to it from
 * the composer; `ready` runs once the note is on screen, before the reply.
 */
async function replied(on: TestRelay, content: string, reply: string, ready?: (run: ReturnType<typeof realServices>, target: Event) => Promise<unknown>) {
  const target = finalizeEvent({ kind: 1, created_at: NOW - 60, tags: [], content }, generateSecretKey());
  await on.seed(target);
  const secretKey = generateSecretKey();
  const run = realServices({ pubkey: getPublicKey(secretKey), secretKey, relays: [on.url], nowSec: NOW, prefix: 'nostr-tui-reply-' });
  const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
  const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);
  const close = async () => {
    app.unmount();
    await run.close();
  };
  try {
    await frame((f) => f.includes(content));
    await ready?.(run, target);
    app.stdin.write('r');
    await frame((f) => f.includes('── Reply to'));
    app.stdin.write(reply);
    await frame((f) => f.includes(`${reply}▏`));
    app.stdin.write(keys.enter);
  } catch (error) {
    await close();
    throw error;
  }
  return { app, frame, target, me: getPublicKey(secretKey), close };
}

describe('replies the UI publishes', () => {
  it("a reply from the composer tags the note with the relay it came from", async () => {
    const wait = (run: ReturnType<typeof realServices>, target: Event) => until(() => run.services.relayHint!(target.id), 'the note cached with its relay');
    const { frame, target, me, close } = await replied(relay, 'answer me', 'here you go', wait);
    try {
      await frame((f) => f.includes(': sent to 1/1 relays'));
      const [sent] = await relay.find({ kinds: [1], authors: [me] });
      expect(sent!.tags).toContainEqual(['e', target.id, relay.url, 'root', target.pubkey]);
    } finally {
      await close();
    }
  });

  it('a reply the user deletes leaves the feed, and its note no longer counts it', async () => {
    const own = await startRelay();
    const { app, frame, close } = await replied(own, 'count my replies', 'soon gone');
    try {
      // The reply is on top and selected; its note counts it. Its relays have answered (the composer
      // closed when it was saved): their message would otherwise come during the delete.
      await frame((f) => f.includes('▌ soon gone') && /count my replies\n +↩ 1/.test(f) && f.includes(': sent to 1/1 relays'));
      app.stdin.write('d');
      await frame((f) => f.includes('delete? y/n'));
      app.stdin.write('y');
      const after = await frame((f) => f.includes('delete your note: sent to 1/1 relays'));
      expect(after).not.toContain('soon gone');
      await frame((f) => !/↩ 1/.test(f));
    } finally {
      await close();
      await own.stop();
    }
  });
});
