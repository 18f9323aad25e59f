// Each gift wrap is saved in the outbox before any is sent, with the relays it
// is meant for (the recipient's DM relays, or the user's own for their copy),
// byte for byte: a wrap no relay took stays pending for exactly those relays,
// and a flush sends the same bytes there.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as nip17 from 'nostr-tools/nip17';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { sendDm } from '../../src/client/dm-send.js';
import { createDms } from '../../src/client/dms.js';
import { flushOutbox } from '../../src/client/outbox-flush.js';
import { systemClock } from '../../src/core/clock.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { startFaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

let mine: TestRelay;
let theirs: TestRelay;
let downUrl: string;
beforeAll(async () => {
  [mine, theirs] = await Promise.all([startRelay(), startRelay()]);
  const gone = await startRelay();
  downUrl = gone.url;
  await gone.stop();
});
afterAll(async () => {
  await Promise.all([mine?.stop(), theirs?.stop()]);
});

/** A client for `me` over these relays (read and write), in a fresh home; `done` closes it and removes the home. */
function clientOf(me: Uint8Array, relays: string[], timeouts: { eoseTimeoutMs?: number; publishTimeoutMs?: number } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-dm-outbox-'));
  new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
  fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ relays: relays.map((url) => ({ url, read: true, write: true })) }));
  const client = createClient({
    paths: resolvePaths({ NOSTR_TUI_HOME: home }),
    env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' },
    clock: systemClock,
    stdin: new PassThrough(),
    stderr: new PassThrough(),
    ...timeouts,
  });
  const done = async () => {
    await client.close();
    fs.rmSync(home, { recursive: true, force: true });
  };
  return { client, done };
}

describe('gift wraps in the outbox', () => {
  it('keeps each wrap for its own relays, byte-exact, until one of them takes it', async () => {
    const me = generateSecretKey();
    const alice = generateSecretKey();
    const now = Math.floor(Date.now() / 1000);
    // Alice receives at a relay that is down, and at one that is up.
    await mine.seed(finalizeEvent({ kind: 10050, created_at: now - 10, tags: [['relay', downUrl]], content: '' }, alice));
    const { client, done } = clientOf(me, [mine.url], { publishTimeoutMs: 2_000 });
    try {
      const sent = await sendDm(client, [getPublicKey(alice)], 'kept safe');
      const toAlice = sent.wraps.find((wrap) => wrap.recipient === getPublicKey(alice))!;
      const mineCopy = sent.wraps.find((wrap) => wrap.recipient === getPublicKey(me))!;
      expect(toAlice.results.map((r) => [r.url, r.ok])).toEqual([[downUrl, false]]);
      expect(mineCopy.results.map((r) => [r.url, r.ok])).toEqual([[mine.url, true]]);
      const outbox = client.store().outbox;
      expect(outbox.pending().map((entry) => entry.event.id)).toEqual([toAlice.event.id]);
      const entry = outbox.get(toAlice.event.id)!;
      expect(entry.relays).toEqual([downUrl]);
      expect(entry.raw).toBe(JSON.stringify(toAlice.event));
      expect(outbox.get(mineCopy.event.id)!.relays).toEqual([mine.url]);

      // Alice moves her DM relay; the user sends the kept wrap there (`outbox flush --relay`): the same bytes arrive.
      const report = await flushOutbox(outbox, client.pool(), { relays: [], override: [theirs.url] });
      expect(report.delivered).toBe(1);
      const [arrived] = await theirs.find({ ids: [toAlice.event.id] });
      expect(arrived).toEqual(JSON.parse(entry.raw));
      expect(nip17.unwrapEvent(arrived!, alice).content).toBe('kept safe');
    } finally {
      await done();
    }
  });

  it('asks for the DM relay lists and the read relays together: a relay that never answers costs one wait', async () => {
    const me = generateSecretKey();
    const alice = generateSecretKey();
    const asked: number[][] = [];
    // Takes every REQ and never answers.
    const silent = await startFaultRelay({ onReq: (req) => asked.push(req.filters.flatMap((f) => f.kinds ?? [])) });
    const { client, done } = clientOf(me, [silent.url]);
    try {
      const sending = sendDm(client, [getPublicKey(alice)], 'where to?');
      sending.catch(() => {});
      // Both lookups are out well before the first one's wait (5 s) is over; before, the read
      // relays were asked for only after it, and a dead relay cost both waits.
      await until(() => asked.some((kinds) => kinds.includes(10050)) && asked.some((kinds) => kinds.includes(10002)), 'both lookups', 2_000);
      await expect(sending).rejects.toThrow('none of your relays answered (1 asked), so where');
    } finally {
      await done();
      await silent.stop();
    }
  });

  it('a relay that stalled on a lookup is not waited for again in the same run', async () => {
    const me = generateSecretKey();
    const alice = generateSecretKey();
    const now = Math.floor(Date.now() / 1000);
    await mine.seed(finalizeEvent({ kind: 10050, created_at: now - 10, tags: [['relay', mine.url]], content: '' }, alice));
    const listAsks: string[] = [];
    // Takes every REQ and never answers.
    const silent = await startFaultRelay({ onReq: (req) => req.filters.some((f) => f.kinds?.includes(10050)) && listAsks.push(req.subId) });
    const { client, done } = clientOf(me, [mine.url, silent.url], { eoseTimeoutMs: 1_000, publishTimeoutMs: 1_000 });
    try {
      const first = await sendDm(client, [getPublicKey(alice)], 'one');
      expect(first.wraps.find((wrap) => wrap.recipient === getPublicKey(alice))!.results.map((r) => [r.url, r.ok])).toEqual([[mine.url, true]]);
      expect(client.stalled.has(silent.url)).toBe(true);
      expect(listAsks).toHaveLength(1);
      // Sent with the list the other relay holds, without asking the stalled relay (nor waiting for it) again.
      const second = await sendDm(client, [getPublicKey(alice)], 'two');
      expect(second.wraps.find((wrap) => wrap.recipient === getPublicKey(alice))!.results.map((r) => [r.url, r.ok])).toEqual([[mine.url, true]]);
      expect(listAsks).toHaveLength(1);
    } finally {
      await done();
      await silent.stop();
    }
  });

  it('reading the inbox does not wait for a relay that stalled earlier in the run, and takes what it sends later', async () => {
    const me = generateSecretKey();
    const alice = generateSecretKey();
    await mine.seed(nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'on the relay that answers'));
    const late = nip17.wrapEvent(alice, { publicKey: getPublicKey(me) }, 'from the stalled relay, late');
    let held: FaultReq | undefined;
    const slow = await startFaultRelay({ onReq: (req) => req.filters.some((f) => f.kinds?.includes(1059)) && (held = req) });
    // A wait for the stalled relay would outlast the test.
    const { client, done } = clientOf(me, [mine.url, slow.url], { eoseTimeoutMs: 60_000 });
    try {
      client.stalled.add(slow.url);
      const dms = createDms(client);
      let told = 0;
      await dms.load(() => told++);
      expect(dms.messages().map((m) => m.rumor.content)).toEqual(['on the relay that answers']);
      await until(() => held, 'the stalled relay asked all the same');
      held!.event(late);
      held!.eose();
      await until(() => told === 1, 'told of the late message');
      expect(dms.messages().map((m) => m.rumor.content).sort()).toEqual(['from the stalled relay, late', 'on the relay that answers']);
    } finally {
      await done();
      await slow.stop();
    }
  });
});
