// The order of private messages (src/core/dm-order.ts) against a real relay:
// several written in one second (a rumor is dated to the second) show in the
// order they were written, for the sender, for a recipient reading them live,
// and again after a restart (from the cache); one dated far ahead is held back
// instead of sitting above every newer message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as nip59 from 'nostr-tools/nip59';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { sendDm } from '../../src/client/dm-send.js';
import { createDms } from '../../src/client/dms.js';
import type { Clock } from '../../src/core/clock.js';
import { FUTURE_SKEW_SEC } from '../../src/core/timeline.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

let relay: TestRelay;
const homes: string[] = [];
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
});

/** Every client's clock: one second, held still, so every message below is written in it. */
const T = Math.floor(Date.now() / 1000);
const stillClock = (at: { sec: number }): Clock => ({ now: () => at.sec * 1000 + 500 });

/** A home for `me` whose one relay is the test relay; `open` starts a client there (again after a restart). */
function homeOf(me: Uint8Array) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-dm-order-'));
  homes.push(home);
  new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
  fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
  return (clock: Clock) =>
    createClient({
      paths: resolvePaths({ NOSTR_TUI_HOME: home }),
      env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' },
      clock,
      stdin: new PassThrough(),
      stderr: new PassThrough(),
    });
}

/** Someone who receives private messages at the test relay (kind 10050). */
async function recipient() {
  const key = generateSecretKey();
  await relay.seed(finalizeEvent({ kind: 10050, created_at: T - 60, tags: [['relay', relay.url]], content: '' }, key));
  return { key, pubkey: getPublicKey(key) };
}

const texts = ['one', 'two', 'three', 'four', 'five', 'six'];
const contents = (list: { rumor: { content: string } }[]) => list.map((m) => m.rumor.content);

describe('messages written in one second', () => {
  it('the sender sees them in the order written, sent together as the chat does, and again after a restart', async () => {
    const me = generateSecretKey();
    const bob = await recipient();
    const open = homeOf(me);
    const clock = stillClock({ sec: T });
    const client = open(clock);
    try {
      const dms = createDms(client);
      await dms.load();
      // Typed one after another, each sent before the one before it has been looked up and saved.
      const sent = await Promise.all(texts.map((text) => sendDm(client, [bob.pubkey], text, { onSaved: (wraps) => void dms.ingest(wraps.map((w) => w.event)) })));
      expect(new Set(sent.map((s) => s.rumor.created_at))).toEqual(new Set([T]));
      await until(() => dms.messages().length === 6, 'every own copy shown');
      expect(contents(dms.thread(bob.pubkey))).toEqual(texts);
    } finally {
      await client.close();
    }
    // A restart: the cache keeps the order they were saved in.
    const again = open(clock);
    try {
      const dms = createDms(again);
      await dms.load();
      expect(contents(dms.thread(bob.pubkey))).toEqual(texts);
    } finally {
      await again.close();
    }
  });

  it('a recipient reading live sees them in the order they arrived, and again after a restart', async () => {
    const alice = generateSecretKey();
    const bob = await recipient();
    const clock = stillClock({ sec: T });
    const sender = homeOf(alice)(clock);
    const open = homeOf(bob.key);
    const reader = open(clock);
    try {
      const dms = createDms(reader);
      await dms.load();
      const live = await dms.watch(() => {});
      for (const text of texts) await sendDm(sender, [bob.pubkey], text);
      await until(() => dms.messages().length === 6, 'every message received');
      expect(contents(dms.thread(getPublicKey(alice)))).toEqual(texts);
      live.close();
    } finally {
      await Promise.all([sender.close(), reader.close()]);
    }
    const again = open(clock);
    try {
      const dms = createDms(again);
      await dms.load();
      expect(contents(dms.thread(getPublicKey(alice)))).toEqual(texts);
    } finally {
      await again.close();
    }
  });
});

describe('a message dated in the future', () => {
  it('is held back (counted) while more than FUTURE_SKEW_SEC ahead, so newer messages stay last; shown once its time comes', async () => {
    const carol = generateSecretKey();
    const bob = await recipient();
    const year2100 = 4_102_444_800;
    const wrap = (content: string, createdAt: number) =>
      nip59.createWrap(nip59.createSeal(nip59.createRumor({ kind: 14, content, created_at: createdAt, tags: [['p', bob.pubkey]] }, carol), carol, bob.pubkey), bob.pubkey);
    await relay.seed(wrap('from the future 2100', year2100), wrap('an hour ago', T - 3600), wrap('just now', T));
    const at = { sec: T };
    const client = homeOf(bob.key)(stillClock(at));
    try {
      const dms = createDms(client);
      await dms.load();
      expect(contents(dms.messages())).toEqual(['an hour ago', 'just now']);
      expect(dms.heldBack()).toBe(1);
      expect(dms.conversations().map((c) => [c.lastAt, c.last.rumor.content, c.count, c.unread])).toEqual([[T, 'just now', 2, 2]]);
      // Within the skew of its date: a clock slightly behind, not the future.
      at.sec = year2100 - FUTURE_SKEW_SEC;
      expect(contents(dms.thread(getPublicKey(carol)))).toEqual(['an hour ago', 'just now', 'from the future 2100']);
      expect(dms.heldBack()).toBe(0);
    } finally {
      await client.close();
    }
  });
});
