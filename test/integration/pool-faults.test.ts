// The pool against hostile and broken relays (test/helpers/fault-relay.ts),
// next to a real relay: exact merged results, exact per-relay counts, and
// nothing a relay sends escapes as an exception, a rejection or console output.
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPool } from '../../src/net/pool.js';
import type { RelayCounts, RelayPool } from '../../src/net/types.js';
import { mainThreadVerifier, type SignatureVerifier } from '../../src/net/verify.js';
import type { Signer } from '../../src/store/types.js';
import { signed, startFaultRelay, withBadSig, withForgedContent, type FaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { until } from '../helpers/until.js';
import { countingSigner } from '../helpers/counting-signer.js';

const NOW = 1_700_000_000;
const alice = generateSecretKey();
const mallory = generateSecretKey();
const ALICE = getPublicKey(alice);
const spec = (url: string) => ({ url, read: true, write: true });
const counts = (pool: RelayPool, url: string): RelayCounts => pool.status().find((s) => s.url === url)!.counts;
const zero: RelayCounts = { received: 0, duplicates: 0, invalid: 0, offFilter: 0, malformed: 0, oversize: 0 };
const ids = (events: Event[]) => events.map((e) => e.id).sort();



describe('pool against faulty relays', () => {
  let real: TestRelay;
  const stops: Array<() => Promise<void>> = [];
  let pool: RelayPool | undefined;
  const escaped: unknown[] = [];
  const onRejection = (reason: unknown) => escaped.push(reason);
  const onException = (error: unknown) => escaped.push(error);

  async function fault(script: Parameters<typeof startFaultRelay>[0]): Promise<FaultRelay> {
    const relay = await startFaultRelay(script);
    stops.push(() => relay.stop());
    return relay;
  }

  beforeAll(async () => {
    real = await startRelay();
  });
  afterAll(async () => real.stop());
  beforeEach(() => {
    escaped.length = 0;
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    vi.spyOn(console, 'warn');
    vi.spyOn(console, 'error');
    vi.spyOn(console, 'log');
    vi.spyOn(console, 'debug');
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
    for (const stop of stops.splice(0)) await stop();
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    // Nothing a relay sent may reach the terminal or escape as an error.
    expect(escaped).toEqual([]);
    for (const method of ['warn', 'error', 'log', 'debug'] as const) expect(console[method]).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('drops and counts every kind of bad message; the merged result is exactly the valid events', async () => {
    const good = signed(alice, { created_at: NOW - 1, content: 'good' });
    const fromReal = signed(alice, { created_at: NOW - 2, content: 'from the real relay' });
    const other = signed(alice, { created_at: NOW - 3, content: 'other' });
    const badSig = withBadSig(signed(alice, { created_at: NOW - 4, content: 'bad sig' }), other);
    const forged = withForgedContent(signed(alice, { created_at: NOW - 5, content: 'original' }), 'forged');
    const offAuthor = signed(mallory, { created_at: NOW - 6, content: 'not asked for' });
    const offKind = signed(alice, { kind: 7, created_at: NOW - 7, content: '+' });
    const tooOld = signed(alice, { created_at: NOW - 100_000, content: 'before since' });
    const manyTags = signed(alice, { created_at: NOW - 8, tags: Array.from({ length: 3_000 }, () => ['t', 'x']) });
    await real.seed(fromReal, good);
    const hostile = await fault({
      onReq(req) {
        req.event(good);
        req.event(badSig);
        req.event(forged);
        req.event(offAuthor);
        req.event(offKind);
        req.event(tooOld);
        req.conn.raw('["EVENT", "' + req.subId + '", {"id": "not json"');
        req.conn.raw('["EVENT","' + req.subId + '",' + JSON.stringify({ ...good, sig: undefined }) + ']');
        req.conn.send(['EVENT', req.subId, { ...other, kind: '1' }]);
        req.conn.send(['SURPRISE', req.subId]);
        req.conn.send(['EVENT', req.subId, manyTags]);
        req.conn.raw('["NOTICE","' + 'x'.repeat(600 * 1024) + '"]');
        req.conn.send(['NOTICE', 'hello \u001b]0;pwned\u0007']);
        req.eose();
      },
    });
    pool = createPool({ relays: [spec(real.url), spec(hostile.url)] });

    const result = await pool.query([{ authors: [ALICE], kinds: [1], since: NOW - 1_000 }]);

    expect(ids(result.events)).toEqual(ids([good, fromReal]));
    expect(result.relays).toEqual([
      { url: real.url, eose: true, timedOut: false, events: 2 },
      { url: hostile.url, eose: true, timedOut: false, events: 1 },
    ]);
    const realCounts = counts(pool, real.url);
    const hostileCounts = counts(pool, hostile.url);
    // `good` came from both: one of them saw it first.
    expect(realCounts.received + hostileCounts.received).toBe(2);
    expect(realCounts.duplicates + hostileCounts.duplicates).toBe(1);
    expect({ ...hostileCounts, received: 0, duplicates: 0 }).toEqual({
      ...zero,
      invalid: 2, // bad signature, forged id
      offFilter: 3, // wrong author, wrong kind, before `since`
      malformed: 4, // cut-off JSON, missing sig, kind as a string, unknown type
      oversize: 2, // 3,000 tags, a 600 KiB message
    });
    expect({ ...realCounts, received: 0, duplicates: 0 }).toEqual(zero);
    // Raw, as the relay sent it: whoever shows it sanitises it.
    expect(pool.status().find((s) => s.url === hostile.url)!.notice).toBe('hello \u001b]0;pwned\u0007');
  });

  it('a bad copy of an event neither shadows nor rides on the valid copy from another relay', async () => {
    const dan = generateSecretKey();
    const good = signed(dan, { created_at: NOW, content: 'the real one' });
    const bad = withBadSig(good, signed(dan, { created_at: NOW, content: 'other' }));
    const sendsBadFirst = await fault({
      onReq(req) {
        req.event(bad);
        req.eose();
      },
    });
    pool = createPool({ relays: [spec(sendsBadFirst.url)] });
    const first = await pool.query([{ authors: [getPublicKey(dan)] }]);
    expect(first.events).toEqual([]);
    expect(counts(pool, sendsBadFirst.url)).toEqual({ ...zero, invalid: 1 });

    // Now the valid copy is known; the bad copy still counts as invalid, not as "seen".
    const sendsGood = await fault({
      onReq(req) {
        req.event(good);
        req.eose();
      },
    });
    const second = await pool.query([{ authors: [getPublicKey(dan)] }], { relays: [sendsGood.url] });
    expect(second.events).toEqual([good]);
    const seen: string[] = [];
    const third = await new Promise<unknown[]>((resolve) =>
      pool!.subscribe([{ authors: [getPublicKey(dan)] }], { onevent: () => {}, onseen: (_id, url) => seen.push(url), onsettled: resolve }, {
        relays: [sendsGood.url, sendsBadFirst.url],
      }),
    );
    expect(third).toHaveLength(2);
    expect(seen).toEqual([]);
    expect(counts(pool, sendsBadFirst.url)).toEqual({ ...zero, invalid: 2 });
    expect(counts(pool, sendsGood.url)).toEqual({ ...zero, received: 2 });
  });

  it('a relay that never sends EOSE costs its timeout, no more; its later events still stream in', async () => {
    const carol = generateSecretKey();
    const early = signed(carol, { created_at: NOW - 10, content: 'early' });
    const late = signed(carol, { created_at: NOW - 9, content: 'late' });
    const fromReal = signed(carol, { created_at: NOW - 8, content: 'real' });
    await real.seed(fromReal);
    let stalledReq: FaultReq | undefined;
    const stalled = await fault({
      onReq(req) {
        req.event(early);
        stalledReq = req;
      },
    });
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(real.url), spec(stalled.url)], clock: timers, timers });
    const got: Event[] = [];
    let outcomes: unknown[] | undefined;
    pool.subscribe(
      [{ authors: [getPublicKey(carol)], since: NOW - 100 }],
      { onevent: (e) => got.push(e), onsettled: (o) => (outcomes = o) },
      { eoseTimeoutMs: 1_000 },
    );
    // Both relays have answered all they will: the real one with EOSE, the stalled one with one event.
    await until(() => got.length === 2 && pool!.status().find((s) => s.url === real.url)!.state === 'eose', 'both answers');
    expect(ids(got)).toEqual(ids([early, fromReal]));
    const state = (url: string) => pool!.status().find((s) => s.url === url)!.state;
    timers.advance(999);
    expect(outcomes).toBeUndefined();
    expect(state(stalled.url)).toBe('connected');
    timers.advance(1);
    expect(outcomes).toEqual([
      { url: real.url, eose: true, timedOut: false, events: 1 },
      { url: stalled.url, eose: false, timedOut: true, events: 1 },
    ]);
    // Shown as such (the relays panel, the header's count), until it answers.
    expect([state(real.url), state(stalled.url)]).toEqual(['eose', 'stalled']);

    stalledReq!.event(late);
    await until(() => got.length === 3, 'the late event');
    expect(got[2]).toEqual(late);
    stalledReq!.eose();
    await until(() => state(stalled.url) === 'eose', 'answering again');
  });

  it('a relay that answers slowly but within the timeout counts as answered', async () => {
    const event = signed(alice, { created_at: NOW, content: 'slow' });
    let answer: (() => void) | undefined;
    const slow = await fault({
      onReq(req) {
        answer = () => {
          req.event(event);
          req.eose();
        };
      },
    });
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(slow.url)], eoseTimeoutMs: 5_000, clock: timers, timers });
    const querying = pool.query([{ authors: [ALICE] }]);
    await until(() => answer !== undefined, 'the REQ');
    timers.advance(4_999); // 1 ms before its timeout
    answer!();
    const result = await querying;
    expect(result.events).toEqual([event]);
    expect(result.relays).toEqual([{ url: slow.url, eose: true, timedOut: false, events: 1 }]);
    expect(pool.status()[0]!.rttMs).toBe(4_999);
  });

  it('a refused connection and a connection dropped mid-stream are outcomes with reasons', async () => {
    const kept = signed(alice, { created_at: NOW, content: 'before the drop' });
    const refusing = await fault({ refuse: () => true });
    let drop: (() => void) | undefined;
    const dropping = await fault({
      onReq(req) {
        req.event(kept);
        drop = () => req.conn.drop();
      },
    });
    // No timer is ever advanced: both outcomes come from the sockets, without waiting for a timeout.
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(refusing.url), spec(dropping.url)], eoseTimeoutMs: 10_000, clock: timers, timers });
    const querying = pool.query([{ authors: [ALICE] }]);
    // Dropped once the event has been received (awaited, not a guessed 20 ms later).
    await until(() => counts(pool!, dropping.url).received === 1 && drop, 'the event before the drop');
    drop!();
    const result = await querying;
    expect(result.events).toEqual([kept]);
    expect(result.relays.map((r) => [r.url, r.eose, r.timedOut, r.events, typeof r.error])).toEqual([
      [refusing.url, false, false, 0, 'string'],
      [dropping.url, false, false, 1, 'string'],
    ]);
    expect(refusing.accepted()).toBe(0);
    expect(pool.status().map((s) => s.state)).toEqual(['error', 'error']);
  });

  it('streams reconnect with backoff and ask again from the oldest event of the first answer', async () => {
    const first = signed(alice, { created_at: NOW - 50, content: 'first' });
    const newest = signed(alice, { created_at: NOW - 20, content: 'newest' });
    const after = signed(alice, { created_at: NOW - 5, content: 'after the reconnect' });
    const flaky = await fault({
      onReq(req) {
        if (req.conn.index === 0) {
          req.event(newest);
          req.event(first);
          req.eose();
        } else {
          req.event(after);
          req.event(newest); // relays resend what matches `since`; duplicates now
          req.event(first);
          req.eose();
        }
      },
    });
    const random = vi.fn(() => 0.5);
    const timers = new ManualTimers(NOW * 1000);
    // First delay: half of 1,000 ms fixed, plus 0.5 of the other half.
    pool = createPool({ relays: [spec(flaky.url)], backoff: { baseMs: 1_000, maxMs: 60_000, random }, clock: timers, timers });
    const got: Event[] = [];
    const sub = pool.subscribe([{ authors: [ALICE], since: NOW - 100 }], { onevent: (e) => got.push(e) });
    await until(() => got.length === 2, 'the first two events');

    flaky.dropAll();
    await until(() => pool!.status()[0]!.state === 'error', 'the drop noticed');
    // The reconnect starts (state 'connecting') exactly when its delay is over, not before.
    timers.advance(749);
    expect(pool.status()[0]!.state).toBe('error');
    timers.advance(1);
    expect(pool.status()[0]!.state).toBe('connecting');
    const req2 = await flaky.waitFor((r) => r.conn === 1 && r.message[0] === 'REQ');
    expect(flaky.accepted()).toBe(2);
    expect(req2.message.slice(2)).toEqual([{ authors: [ALICE], since: NOW - 50 }]);
    await until(() => got.length === 3, 'the event after the reconnect');
    expect(got.map((e) => e.content)).toEqual(['newest', 'first', 'after the reconnect']);
    expect(random).toHaveBeenCalled();
    expect(counts(pool, flaky.url)).toEqual({ ...zero, received: 3, duplicates: 2 });
    sub.close();
  });

  it('CLOSED ends that relay’s part with its reason and is not retried', async () => {
    const closing = await fault({ onReq: (req) => req.closed('blocked: not today') });
    pool = createPool({ relays: [spec(closing.url), spec(real.url)] });
    const closed: Array<[string, string]> = [];
    const outcomes = await new Promise<unknown[]>((resolve) => {
      pool!.subscribe([{ kinds: [1], limit: 1 }], {
        onevent: () => {},
        onclosed: (url, reason) => closed.push([url, reason]),
        onsettled: resolve,
      });
    });
    expect(outcomes[0]).toEqual({ url: closing.url, eose: false, timedOut: false, events: 0, error: 'closed by relay: blocked: not today' });
    expect(closed).toEqual([[closing.url, 'blocked: not today']]);
    expect(closing.received.filter((r) => r.message[0] === 'REQ')).toHaveLength(1);
  });

  describe('NIP-42 AUTH', () => {
    async function authRelay(events: Event[]) {
      const authed = new Set<number>();
      const relay: FaultRelay = await fault({
        onConnect: (conn) => conn.send(['AUTH', `challenge-${conn.index}`]),
        onReq(req) {
          if (!authed.has(req.conn.index)) return req.closed('auth-required: who are you?');
          for (const e of events) req.event(e);
          req.eose();
        },
        onAuth(event, conn) {
          const tag = (name: string) => event.tags.find((t) => t[0] === name)?.[1];
          const ok = verifyEvent(event) && event.kind === 22242 && tag('challenge') === `challenge-${conn.index}` && tag('relay') === relay.url;
          if (ok) authed.add(conn.index);
          conn.send(['OK', event.id, ok, ok ? '' : 'invalid: bad auth']);
        },
        onEvent(event, conn) {
          conn.send(['OK', event.id, authed.has(conn.index), authed.has(conn.index) ? '' : 'auth-required: sign in first']);
        },
      });
      return relay;
    }

    it('authenticates with the user’s key when a listed relay asks, then gets its answer', async () => {
      const secret = signed(alice, { created_at: NOW, content: 'members only' });
      const relay = await authRelay([secret]);
      const signer = countingSigner(alice);
      pool = createPool({ relays: [spec(relay.url)], signer });
      const result = await pool.query([{ authors: [ALICE] }]);
      expect(result.events).toEqual([secret]);
      expect(result.relays).toEqual([{ url: relay.url, eose: true, timedOut: false, events: 1 }]);
      expect(signer.signed).toBe(1);

      const note = signed(alice, { created_at: NOW + 1, content: 'post' });
      const [published] = await pool.publish(note);
      expect(published).toMatchObject({ outcome: 'accepted', ok: true });
    });

    it('never signs for a relay outside the user’s list, and a failing signer is an outcome, not a crash', async () => {
      const relay = await authRelay([signed(alice, { created_at: NOW, content: 'x' })]);
      const signer = countingSigner(alice);
      pool = createPool({ relays: [spec(real.url)], signer });
      const outside = await pool.query([{ authors: [ALICE] }], { relays: [relay.url] });
      expect(outside.events).toEqual([]);
      expect(outside.relays[0]!.error).toBe('closed by relay: auth-required: who are you?');
      expect(signer.signed).toBe(0);
      await pool.close();

      const failing: Signer = {
        getPublicKey: async () => ALICE,
        signEvent: async () => {
          throw new Error('key is locked');
        },
      };
      pool = createPool({ relays: [spec(relay.url)], signer: failing });
      const refused = await pool.query([{ authors: [ALICE] }]);
      expect(refused.events).toEqual([]);
      expect(refused.relays[0]!.error).toBe('closed by relay: auth-required: who are you?');
      const [published] = await pool.publish(signed(alice, { created_at: NOW, content: 'y' }));
      expect(published).toMatchObject({ outcome: 'rejected', message: 'auth-required: sign in first' });
    });
  });

  it('a relay sending challenge after challenge gets at most three signed AUTH events per connection', async () => {
    const spammer = await fault({
      onConnect(conn) {
        for (let i = 0; i < 20; i++) conn.send(['AUTH', `challenge-${i}`]);
      },
      onAuth: (event, conn) => conn.send(['OK', event.id, true, '']),
      onReq(req) {
        req.eose();
      },
    });
    const signer = countingSigner(alice);
    pool = createPool({ relays: [spec(spammer.url)], signer });
    await pool.query([{ kinds: [1], limit: 1 }]);
    await spammer.waitFor((r) => r.message[0] === 'REQ');
    await until(() => spammer.received.filter((r) => r.message[0] === 'AUTH').length >= 3 || undefined, 'three AUTH events');
    // Another round trip: anything the pool was going to send has been sent.
    await pool.query([{ kinds: [1], limit: 1 }]);
    expect(spammer.received.filter((r) => r.message[0] === 'AUTH')).toHaveLength(3);
    expect(signer.signed).toBe(3);
  });

  it('publish: no OK in time is "timeout", OK false is "rejected" with the relay’s reason', async () => {
    const silent = await fault({});
    const refusing = await fault({ onEvent: (event, conn) => conn.send(['OK', event.id, false, 'blocked: spam']) });
    const accepting = await fault({ onEvent: (event, conn) => conn.send(['OK', event.id, true, 'duplicate: have it']) });
    const timers = new ManualTimers(NOW * 1000);
    pool = createPool({ relays: [spec(silent.url), spec(refusing.url), spec(accepting.url)], clock: timers, timers });
    const event = signed(alice, { created_at: NOW, content: 'hi' });
    let results: unknown;
    const publishing = pool.publish(event, { timeoutMs: 300 }).then((r) => (results = r));
    await Promise.all([silent, refusing, accepting].map((relay) => relay.waitFor((r) => r.message[0] === 'EVENT')));
    await until(() => pool!.status().every((s) => s.state === 'connected' && (s.url === silent.url || s.rttMs !== undefined)), 'two answers');
    timers.advance(299);
    await new Promise((resolve) => setImmediate(resolve)); // a result due now would have arrived within this turn
    expect(results).toBeUndefined();
    timers.advance(1);
    await publishing;
    expect(results).toEqual([
      { url: silent.url, ok: false, outcome: 'timeout', message: 'no answer within 300 ms' },
      { url: refusing.url, ok: false, outcome: 'rejected', message: 'blocked: spam' },
      { url: accepting.url, ok: true, outcome: 'accepted', message: 'duplicate: have it' },
    ]);
  });

  it('an id is verified once, however many relays send it', async () => {
    const events = Array.from({ length: 20 }, (_, i) => signed(alice, { created_at: NOW - i, content: `n${i}` }));
    const script = {
      onReq(req: Parameters<NonNullable<Parameters<typeof startFaultRelay>[0]['onReq']>>[0]) {
        for (const e of events) req.event(e);
        req.eose();
      },
    };
    const relays = await Promise.all([fault(script), fault(script), fault(script)]);
    const inner = mainThreadVerifier();
    const verifier: SignatureVerifier & { calls: number } = {
      name: 'counting',
      calls: 0,
      verify(event) {
        verifier.calls++;
        return inner.verify(event);
      },
      close() {},
    };
    pool = createPool({ relays: relays.map((r) => spec(r.url)), verifier });
    const result = await pool.query([{ authors: [ALICE] }]);
    expect(ids(result.events)).toEqual(ids(events));
    expect(verifier.calls).toBe(20);
    const all = relays.map((r) => counts(pool!, r.url));
    expect(all.reduce((n, c) => n + c.received, 0)).toBe(20);
    expect(all.reduce((n, c) => n + c.duplicates, 0)).toBe(40);

    // A later query on the same pool: nothing is verified again.
    const again = await pool.query([{ authors: [ALICE], limit: 5 }]);
    expect(ids(again.events)).toEqual(ids(events));
    expect(verifier.calls).toBe(20);
  });
});
