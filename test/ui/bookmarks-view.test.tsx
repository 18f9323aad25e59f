// B: the user's bookmarks (NIP-51 kind 10003) as a list of notes, by the relays' newest list; b
// there asks before taking one off, and the view reads the list again. Over the real services and
// relay, at 80x24.
import { render } from 'ink-testing-library';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { relayForFile } from '../helpers/file-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { keys, waitForFrame } from './frames.js';

const relay = relayForFile();
const me = generateSecretKey();
const alice = generateSecretKey();
let run: RealServices | undefined;
afterAll(async () => {
  await run?.close();
});

describe('the Bookmarks view', () => {
  it('shows the notes of the newest list; b there takes one off after y: the relays\' list and the view lose it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const kept = finalizeEvent({ kind: 1, created_at: now - 600, tags: [], content: 'a recipe worth keeping' }, alice);
    const other = finalizeEvent({ kind: 1, created_at: now - 500, tags: [], content: 'a talk worth keeping' }, alice);
    const unsaved = finalizeEvent({ kind: 1, created_at: now - 400, tags: [], content: 'nothing special' }, alice);
    await relay.seed(kept, other, unsaved, finalizeEvent({ kind: 10003, created_at: now - 100, tags: [['e', kept.id], ['e', other.id], ['t', 'cooking']], content: '' }, me));
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-bookmarks-view-' });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000);

    await frame((f) => f.includes(' · Global') && f.includes('nothing special'));
    app.stdin.write('B');
    const list = await frame((f) => f.includes(' · Bookmarks') && f.includes('a recipe worth keeping') && f.includes('a talk worth keeping'));
    expect(list).not.toContain('nothing special');

    // The selected note is the newest: the talk.
    app.stdin.write('b');
    await frame((f) => f.includes('already bookmarked: take it off your bookmarks? y/n'));
    app.stdin.write('y');
    await frame((f) => f.includes('unbookmark: sent to 1/1 relays'));
    // Sent means the relay answered OK: it holds the new list.
    const [latest] = await relay.find({ kinds: [10003], authors: [getPublicKey(me)] });
    expect(latest!.tags).toEqual([['e', kept.id], ['t', 'cooking']]);

    // The view reads the list again: the talk leaves it.
    await frame((f) => f.includes(' · Bookmarks') && f.includes('a recipe worth keeping') && !f.includes('a talk worth keeping'));
    app.stdin.write(keys.escape);
    await frame((f) => f.includes(' · Global'));
    app.stdin.write('B');
    const again = await frame((f) => f.includes(' · Bookmarks') && f.includes('a recipe worth keeping'));
    expect(again).not.toContain('a talk worth keeping');
    app.unmount();
  });
});
