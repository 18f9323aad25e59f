// Notifications against the real relay: a reaction, a repost, a reply, a quote
// and a zap receipt to the user's note are found, grouped and counted, through
// the service (as the view uses it) and `nostr-tui notifications --json`; the
// unread count survives a restart of the store; counts on the note come from
// batched #e queries and update live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifications } from '../../src/client/notifications.js';
import { createCounts } from '../../src/client/counts.js';
import { groupNotifications } from '../../src/core/notifications.js';
import { describeGroup } from '../../src/core/notifications-text.js';
import { createPool } from '../../src/net/pool.js';
import type { RelayPool } from '../../src/net/types.js';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { startFaultRelay } from '../helpers/fault-relay.js';
import { openTempStore, tempDir } from '../helpers/store.js';
import { notificationScene, person } from '../helpers/notification-events.js';
import { runInProcess, tempHome } from '../helpers/in-process-cli.js';
import { until } from '../helpers/until.js';

const NOW = 1_700_000_000;
const clock = { now: () => NOW * 1000 };
const scene = notificationScene(NOW);
const names: Record<string, string> = { [scene.alice.pk]: 'Alice', [scene.bob.pk]: 'Bob', [scene.carol.pk]: 'Carol' };
const nameOf = (pk: string) => names[pk] ?? pk.slice(0, 8);

describe('notifications from the real relay', () => {
  let relay: TestRelay;
  let pool: RelayPool;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(scene.note, ...scene.notifications);
    pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], clock });
  });
  afterAll(async () => {
    await pool.close();
    await relay.stop();
  });

  const deps = (store?: ReturnType<typeof openTempStore>) => ({
    pool, clock, store: store?.events, seen: store?.notificationsSeen, me: scene.me.pk, readRelays: [relay.url], noteRelays: [relay.url],
  });

  it('finds each kind, newest first, groups reactions per note and looks up the note they are about', async () => {
    const service = createNotifications(deps(), { since: NOW - 86_400, limit: 100 });
    await service.feed.settled;
    expect(service.list().map((n) => n.type)).toEqual(['zap', 'quote', 'reply', 'repost', 'reaction', 'reaction']);
    service.requestNotes([scene.note.id]);
    await until(() => service.note(scene.note.id), 'the note looked up');
    const lines = groupNotifications(service.list()).map((g) => describeGroup(g, nameOf, service.note));
    expect(lines).toEqual([
      '⚡ Carol zapped 2.1k sats: "first words of my note, and then some m…"',
      '❝ Alice quoted "first words of my note, and then some m…"',
      '↩ Carol replied to "first words of my note, and then some m…"',
      '↻ Bob reposted: "first words of my note, and then some m…"',
      '♥ Bob and Alice liked: "first words of my note, and then some m…"',
    ]);
    service.close();
  });

  it('a reply its author deleted leaves, though the cache still holds it: the relays are asked for deletion requests', async () => {
    const other = await startRelay();
    // Takes every REQ and never answers: waited for once (the feed), not again for the deletions.
    const stalled = await startFaultRelay({});
    const otherPool = createPool({ relays: [{ url: other.url, read: true, write: true }], clock, eoseTimeoutMs: 500 });
    const store = openTempStore();
    try {
      const dave = person();
      const reply = dave.sign(1, [['e', scene.note.id, '', 'root', scene.me.pk], ['p', scene.me.pk]], 'oops, wrong thread', NOW - 100);
      const kept = scene.alice.sign(1, [['e', scene.note.id, '', 'root', scene.me.pk], ['p', scene.me.pk]], 'still here', NOW - 90);
      // An earlier run cached the reply; since then dave deleted it, and the relay dropped it.
      store.events.putMany([reply, kept]);
      await other.seed(scene.note, reply, kept);
      await other.keepDeletion(dave.sign(5, [['e', reply.id], ['k', '1']], '', NOW - 50));
      // Carol's request naming alice's reply deletes nothing: only its author's counts (NIP-09).
      await other.keepDeletion(scene.carol.sign(5, [['e', kept.id]], '', NOW - 40));
      expect(await other.find({ ids: [reply.id] })).toEqual([]);
      expect(await other.find({ ids: [kept.id] })).toHaveLength(1);

      const service = createNotifications(
        { pool: otherPool, clock, store: store.events, me: scene.me.pk, readRelays: [other.url, stalled.url], noteRelays: [other.url] },
        { since: NOW - 86_400, limit: 100 },
      );
      // The cache paints first: the deleted reply is there until the relays are heard.
      expect(service.list().map((n) => n.event.content)).toEqual(['still here', 'oops, wrong thread']);
      await service.deletionsChecked;
      expect(service.list().map((n) => n.event.content)).toEqual(['still here']);
      expect(stalled.received.filter((r) => r.message[0] === 'REQ')).toHaveLength(1);
      service.close();
    } finally {
      store.close();
      await otherPool.close();
      await Promise.all([other.stop(), stalled.stop()]);
    }
  });

  it('the unread count survives a restart, and a new reaction arriving live counts again', async () => {
    const dir = tempDir();
    let store = openTempStore({}, dir);
    let service = createNotifications(deps(store), { since: NOW - 86_400, limit: 100 });
    await service.feed.settled;
    expect(service.unread()).toBe(6);
    service.markSeen();
    expect(service.unread()).toBe(0);
    service.close();
    store.close();

    store = openTempStore({}, dir);
    service = createNotifications(deps(store), { since: NOW - 86_400, limit: 100 });
    await service.feed.settled;
    expect(service.list()).toHaveLength(6);
    expect(service.unread()).toBe(0);
    const dave = person();
    await relay.seed(dave.sign(7, [['e', scene.note.id], ['p', scene.me.pk]], '🤙', NOW - 10));
    await until(() => service.unread() === 1, 'the live reaction counted as unread');
    service.close();
    store.close();
  });

  it('counts replies, reposts, reactions and zaps on the note with one batched #e query, then live', async () => {
    const store = openTempStore();
    const counts = createCounts({
      me: () => scene.bob.pk,
      cached: (filters) => store.events.query(filters),
      subscribe: (filters, onevent) => pool.subscribe(filters, { onevent: (event) => onevent(event) }, { relays: [relay.url] }),
      batchMs: 5,
    });
    counts.request([scene.note.id, scene.reply.id]);
    // The reply has no answers; the note: one reply, Bob's repost, two (then three) likes, 2,100 sats.
    const shown = await until(() => (counts.get(scene.note.id).zapSats > 0 ? counts.get(scene.note.id) : undefined), 'counts');
    expect(shown).toMatchObject({ replies: 1, reposts: 1, zapSats: 2100, reposted: true, liked: true });
    expect(shown.reactions).toBeGreaterThanOrEqual(2);
    const before = shown.reactions;
    const erin = person();
    await relay.seed(erin.sign(7, [['e', scene.note.id], ['p', scene.me.pk]], '+', NOW - 5));
    await until(() => counts.get(scene.note.id).reactions === before + 1, 'a live reaction counted');
    expect(counts.get(scene.reply.id).replies).toBe(0);
    counts.close();
    store.close();
  });
});

describe('nostr-tui notifications', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(scene.note, ...scene.notifications);
  });
  afterAll(async () => relay.stop());

  const home = () => {
    const dir = tempHome('nostr-tui-notifications-');
    new KeyStore(dir).save({ pubkey: scene.me.pk });
    return dir;
  };

  it('--json: one line per event with its kind of notification and the note it is about', async () => {
    const result = await runInProcess(['notifications', '--json', '--relay', relay.url], { home: home(), nowSec: NOW });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [l.type, (l.event as { id: string }).id, (l.note as { id: string } | null)?.id ?? null])).toEqual([
      ['zap', scene.zap.id, scene.note.id],
      ['quote', scene.quote.id, scene.note.id],
      ['reply', scene.reply.id, scene.note.id],
      ['repost', scene.repost.id, scene.note.id],
      ['reaction', scene.like2.id, scene.note.id],
      ['reaction', scene.like.id, scene.note.id],
    ]);
    expect(lines[0]).toMatchObject({ sats: 2100, actor: scene.carol.pk });
    // Each event exactly as signed.
    expect(JSON.stringify(lines[1]!.event)).toBe(JSON.stringify(scene.quote));
  });

  it('text: grouped, one line each, then what a reply or zap says; --limit and --since cut the list', async () => {
    const dir = home();
    const result = await runInProcess(['notifications', '--relay', relay.url], { home: dir, nowSec: NOW });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^⚡ npub1\S+ zapped 2\.1k sats: "first words of my note, and then some m…"$/);
    expect(lines[1]).toBe('  thanks!');
    expect(lines).toContain('  a reply to you');
    expect(lines.at(-2)).toMatch(/^♥ npub1\S+ and npub1\S+ liked: "first words/);
    const cut = await runInProcess(['notifications', '--json', '--limit', '2', '--relay', relay.url], { home: dir, nowSec: NOW });
    expect(cut.stdout.trim().split('\n')).toHaveLength(2);
    const recent = await runInProcess(['notifications', '--json', '--since', '4m', '--relay', relay.url], { home: dir, nowSec: NOW });
    expect(recent.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['zap']);
  });

  it('with no key: one line saying so, and a non-zero exit', async () => {
    const result = await runInProcess(['notifications', '--relay', relay.url], { home: tempHome(), nowSec: NOW });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no key yet/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
