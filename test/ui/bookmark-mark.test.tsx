// ⚑ after a note's header marks the notes on the user's bookmark list (NIP-51 kind 10003) in every
// list: from the cached copy at once, then the relays' newest, and each b (or b then y) at once.
// Over the real services and relay, at 80x24.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { relayForFile } from '../helpers/file-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { waitForFrame } from './frames.js';

const relay = relayForFile();
const alice = generateSecretKey();
// Each test its own user: the relay keeps only the newest list of each.
let me = generateSecretKey();
let run: RealServices | undefined;
let unmount: (() => void) | undefined;
beforeEach(() => {
  me = generateSecretKey();
});
afterEach(async () => {
  unmount?.();
  await run?.close();
});

/** The header line above the note whose text this is. */
const headerOf = (frame: string, text: string) => {
  const lines = frame.split('\n');
  return lines[lines.findIndex((line) => line.includes(text)) - 1] ?? '';
};

/** `cached`: a copy of the list in the cache before the app starts. */
function start(now: number, cached?: Event) {
  run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-bookmark-mark-' });
  if (cached) run.client.store().events.put(cached);
  const services = run.services;
  const app = render(<App services={services} size={{ columns: 80, rows: 24 }} color={false} />);
  unmount = app.unmount;
  return { app, frame: (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000) };
}

describe('⚑ on bookmarked notes', () => {
  it('marks the notes of the relays\' newest list; b marks the selected note, b then y takes the mark off', async () => {
    const now = Math.floor(Date.now() / 1000);
    const kept = finalizeEvent({ kind: 1, created_at: now - 600, tags: [], content: 'a recipe worth keeping' }, alice);
    const other = finalizeEvent({ kind: 1, created_at: now - 400, tags: [], content: 'nothing special' }, alice);
    await relay.seed(kept, other, finalizeEvent({ kind: 10003, created_at: now - 100, tags: [['e', kept.id], ['t', 'cooking']], content: '' }, me));
    const { app, frame } = start(now);

    const marked = await frame((f) => headerOf(f, 'a recipe worth keeping').endsWith(' ⚑') && f.includes('nothing special'));
    expect(headerOf(marked, 'nothing special')).not.toContain('⚑');

    // The newest note is selected: "nothing special".
    app.stdin.write('b');
    await frame((f) => f.includes('bookmark: sent to 1/1 relays') && headerOf(f, 'nothing special').endsWith(' ⚑'));
    app.stdin.write('b');
    await frame((f) => f.includes('take it off your bookmarks? y/n'));
    app.stdin.write('y');
    const off = await frame((f) => f.includes('unbookmark: sent to 1/1 relays') && !headerOf(f, 'nothing special').includes('⚑'));
    expect(headerOf(off, 'a recipe worth keeping')).toMatch(/ ⚑$/);
    const [latest] = await relay.find({ kinds: [10003], authors: [getPublicKey(me)] });
    expect(latest!.tags).toEqual([['e', kept.id], ['t', 'cooking']]);
  });

  it('the newer of the cached copy and the relays\' copy decides', async () => {
    const now = Math.floor(Date.now() / 1000);
    const first = finalizeEvent({ kind: 1, created_at: now - 700, tags: [], content: 'saved on this device' }, alice);
    const second = finalizeEvent({ kind: 1, created_at: now - 650, tags: [], content: 'saved on another device' }, alice);
    await relay.seed(first, second);
    // The cached copy names only the first; the relays' newer one only the second.
    const cached = finalizeEvent({ kind: 10003, created_at: now - 300, tags: [['e', first.id]], content: '' }, me);
    await relay.seed(finalizeEvent({ kind: 10003, created_at: now - 200, tags: [['e', second.id]], content: '' }, me));
    const { frame } = start(now, cached);
    await frame((f) => headerOf(f, 'saved on another device').endsWith(' ⚑') && !headerOf(f, 'saved on this device').includes('⚑'));
    unmount?.();
    await run!.close();

    // Now the cache holds a newer copy than the relays do (one sent from here, say): it stays.
    const newer = finalizeEvent({ kind: 10003, created_at: now - 50, tags: [['e', first.id]], content: '' }, me);
    const again = start(now, newer);
    const shown = await again.frame((f) => headerOf(f, 'saved on this device').endsWith(' ⚑') && f.includes('saved on another device'));
    expect(headerOf(shown, 'saved on another device')).not.toContain('⚑');
  });
  it('marks the notes saved in the private part too; b on one says so and publishes nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    // The newest note: selected at the start.
    const quiet = finalizeEvent({ kind: 1, created_at: now - 5, tags: [], content: 'saved privately elsewhere' }, alice);
    const content = nip44.v2.encrypt(JSON.stringify([['e', quiet.id]]), nip44.v2.utils.getConversationKey(me, getPublicKey(me)));
    const list = finalizeEvent({ kind: 10003, created_at: now - 100, tags: [], content }, me);
    await relay.seed(quiet, list);
    const { app, frame } = start(now);
    await frame((f) => headerOf(f, 'saved privately elsewhere').endsWith(' ⚑'));
    app.stdin.write('b');
    await frame((f) => f.includes('already bookmarked, privately'));
    expect((await relay.find({ kinds: [10003], authors: [getPublicKey(me)] })).map((event) => event.id)).toEqual([list.id]);
  });
});
