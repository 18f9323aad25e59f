// The UI's client services against the real loopback relay through the real pool:
// batched profiles (kind 0), which do not wait again for a relay that stalled, and thread
// fetching (NIP-10).
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfileDirectory } from '../../src/client/profiles.js';
import { StalledRelays } from '../../src/client/stalled-relays.js';
import { AUTHORS_PER_FILTER } from '../../src/core/filter-lists.js';
import { fetchThread, watchThread } from '../../src/client/thread.js';
import { replyTemplate } from '../../src/core/interactions.js';
import { buildThread } from '../../src/core/thread.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { startSilentRelay } from '../helpers/silent-relay.js';
import { until } from '../helpers/until.js';

const clock = { now: () => 1_700_000_000_000 };
const alice = generateSecretKey();
const bob = generateSecretKey();
const carol = generateSecretKey();
const sign = (key: Uint8Array, t: { kind: number; created_at: number; tags: string[][]; content: string }) => finalizeEvent(t, key);

describe('client services for the UI, on the real relay', () => {
  let relay: TestRelay;
  let pool: RelayPool;

  beforeAll(async () => {
    relay = await startRelay();
    pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], clock, eoseTimeoutMs: 3000 });
  });
  afterAll(async () => {
    await pool?.close();
    await relay?.stop();
  });

  it('fetches profiles in one batch, keeps the newest per author, and ignores broken ones', async () => {
    await relay.seed(
      sign(alice, { kind: 0, created_at: 100, tags: [], content: JSON.stringify({ name: 'old alice' }) }),
      sign(alice, { kind: 0, created_at: 200, tags: [], content: JSON.stringify({ name: 'alice', about: 'hi' }) }),
      sign(bob, { kind: 0, created_at: 100, tags: [], content: 'not json' }),
    );
    const queries: number[] = [];
    const counting: RelayPool = { ...pool, query: (filters, opts) => (queries.push(filters.length), pool.query(filters, opts)) };
    const profiles = createProfileDirectory({ pool: counting, batchMs: 5 });
    const arrived = new Promise<void>((resolve) => profiles.onChange(resolve));
    profiles.request([getPublicKey(alice), getPublicKey(bob)]);
    profiles.request([getPublicKey(alice), getPublicKey(carol)]);
    await arrived;
    expect(profiles.get(getPublicKey(alice))).toMatchObject({ name: 'alice', about: 'hi', created_at: 200 });
    expect(profiles.get(getPublicKey(bob))).toBeUndefined();
    expect(queries).toEqual([1]);
    profiles.close();
  });

  it('shows a profile as soon as one relay has it, while another relay has not answered yet', async () => {
    const dana = generateSecretKey();
    await relay.seed(sign(dana, { kind: 0, created_at: 300, tags: [], content: JSON.stringify({ name: 'dana' }) }));
    const silent = await startSilentRelay();
    const both = createPool({ relays: [relay.url, silent.url].map((url) => ({ url, read: true, write: true })), clock, eoseTimeoutMs: 20_000 });
    const profiles = createProfileDirectory({ pool: both, batchMs: 0, eoseTimeoutMs: 20_000 });
    try {
      profiles.request([getPublicKey(dana)]);
      await until(() => profiles.get(getPublicKey(dana)), 'dana\'s profile');
      expect(profiles.get(getPublicKey(dana))?.name).toBe('dana');
      // The silent relay is still being waited for: the name did not wait for it.
      expect(both.status().find((s) => s.url === silent.url)?.state).toBe('connecting');
    } finally {
      profiles.close();
      await both.close();
      await silent.stop();
    }
  });

  it('learns a relay that stalls on a profile request, and asks later groups of authors without waiting for it', async () => {
    const erin = generateSecretKey();
    await relay.seed(sign(erin, { kind: 0, created_at: 300, tags: [], content: JSON.stringify({ name: 'erin' }) }));
    const silent = await startSilentRelay();
    const both = createPool({ relays: [relay.url, silent.url].map((url) => ({ url, read: true, write: true })), clock, eoseTimeoutMs: 20_000 });
    const stalled = new StalledRelays();
    const relays = () => [relay.url, silent.url];
    const quick = createProfileDirectory({ pool: both, batchMs: 0, eoseTimeoutMs: 300, relays, stalled });
    const patient = createProfileDirectory({ pool: both, batchMs: 0, eoseTimeoutMs: 20_000, relays, stalled });
    try {
      quick.request([getPublicKey(alice)]);
      await until(() => stalled.has(silent.url) || undefined, 'the silent relay found stalled');
      // A screen of authors more than one filter holds: erin is in the second group, asked only
      // once the first has its answers. The first does not wait 20 s for the relay found stalled.
      const strangers = Array.from({ length: AUTHORS_PER_FILTER }, () => getPublicKey(generateSecretKey()));
      patient.request([...strangers, getPublicKey(erin)]);
      await until(() => patient.get(getPublicKey(erin)), "erin's profile, from the second group");
      expect(patient.get(getPublicKey(erin))?.name).toBe('erin');
    } finally {
      quick.close();
      patient.close();
      await both.close();
      await silent.stop();
    }
  });

  it('fetches a thread: root, the chain of parents, and the replies', async () => {
    const root = sign(alice, { kind: 1, created_at: 1000, tags: [], content: 'root' });
    const first = sign(bob, replyTemplate('first', root, 1001) as never);
    const second = sign(carol, replyTemplate('second', first, 1002) as never);
    const sibling = sign(carol, replyTemplate('sibling', root, 1003) as never);
    const unrelated = sign(carol, { kind: 1, created_at: 1004, tags: [], content: 'unrelated' });
    await relay.seed(root, first, second, sibling, unrelated);
    const { events } = await fetchThread(pool, second);
    const rows = buildThread(second.id, events).map((r) => `${'  '.repeat(r.depth)}${r.event.content}`);
    expect(rows).toEqual(['root', '  first', '    second', '  sibling']);
  });

  it('climbs to parents that are not tagged with the root (positional NIP-10 tags)', async () => {
    const root = sign(alice, { kind: 1, created_at: 2000, tags: [], content: 'old root' });
    // Deprecated positional e tags: [root, reply]; the middle note tags only its parent.
    const middle = sign(bob, { kind: 1, created_at: 2001, tags: [['e', root.id]], content: 'middle' });
    const leaf = sign(carol, { kind: 1, created_at: 2002, tags: [['e', root.id], ['e', middle.id]], content: 'leaf' });
    await relay.seed(root, middle, leaf);
    const { events } = await fetchThread(pool, leaf);
    expect(buildThread(leaf.id, events).map((r) => `${'  '.repeat(r.depth)}${r.event.content}`)).toEqual(['old root', '  middle', '    leaf']);
  });

  it('streams replies to the root or the focus while a thread is watched, and stops when told', async () => {
    const root = sign(alice, { kind: 1, created_at: 3000, tags: [], content: 'watched root' });
    await relay.seed(root);
    const got: string[] = [];
    const stop = watchThread(pool, root, 3000, (reply) => got.push(reply.content));
    const writer = createPool({ relays: [{ url: relay.url, read: true, write: true }] });
    await writer.publish(sign(carol, { kind: 1, created_at: 3005, tags: [], content: 'not a reply' }));
    const reply = sign(bob, replyTemplate('live reply', root, 3010) as never);
    await writer.publish(reply);
    await until(() => got.length === 1, 'the live reply');
    expect(got).toEqual(['live reply']);
    stop();
    await writer.publish(sign(carol, replyTemplate('after stop', root, 3020) as never));
    // A marker on a subscription still open shows the relay has sent everything before it.
    const marker = sign(carol, { kind: 1, created_at: 3030, tags: [], content: 'marker' });
    await new Promise<void>((resolve) => {
      const sub = pool.subscribe([{ ids: [marker.id] }], { onevent: () => (sub.close(), resolve()) });
      void writer.publish(marker);
    });
    expect(got).toEqual(['live reply']);
    await writer.close();
  });
});

