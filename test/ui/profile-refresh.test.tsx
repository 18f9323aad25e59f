// A profile opened with `p` is asked for again each time: one published or changed after this run
// first asked for its author showed the old name (or none) for the rest of the run, while
// `nostr-tui profile <npub>` printed the new one at once. The known one is drawn meanwhile.
// Over the real services and relay.
import { render } from 'ink-testing-library';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { relayForFile } from '../helpers/file-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { keys, waitForFrame } from './frames.js';

const relay = relayForFile();
let run: RealServices | undefined;
let unmount: (() => void) | undefined;
afterEach(async () => {
  unmount?.();
  await run?.close();
});

const profile = (author: Uint8Array, created_at: number, name: string) =>
  finalizeEvent({ kind: 0, created_at, tags: [], content: JSON.stringify({ name, about: `about ${name}` }) }, author);

describe('the profile view (p)', () => {
  it('shows the newest profile the relays hold each time it opens', async () => {
    const [me, author] = [generateSecretKey(), generateSecretKey()];
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      profile(author, now - 500, 'First Name'),
      finalizeEvent({ kind: 1, created_at: now - 100, tags: [], content: 'a note to open the profile from' }, author),
      finalizeEvent({ kind: 3, created_at: now - 900, tags: [['p', getPublicKey(author)]], content: '' }, me),
    );
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-profile-refresh-', configured: true });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000);
    await frame((f) => f.includes('a note to open the profile from') && f.includes('First Name'));
    app.stdin.write('p');
    await frame((f) => f.includes('Profile: First Name') && f.includes('about First Name'));
    app.stdin.write(keys.escape);
    await frame((f) => f.includes(' · Home'));

    // Changed on another device while this run goes on.
    await relay.seed(profile(author, now - 50, 'Second Name'));
    app.stdin.write('p');
    const again = await frame((f) => f.includes('Profile: Second Name'));
    expect(again).toContain('about Second Name');
  });
});
