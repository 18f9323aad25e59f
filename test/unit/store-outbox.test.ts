import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishResult } from '../../src/net/types.js';
import { isPermanentRejection, mayBeOnARelay, relaysToRetry } from '../../src/store/outbox.js';
import { openStore } from '../../src/store/open.js';
import { manualClock, openTempStore, tempDir } from '../helpers/store.js';

const sk = generateSecretKey();
const note = (text: string, at = 1_700_000_000) =>
  finalizeEvent({ kind: 1, created_at: at, tags: [], content: text }, sk);

const A = 'wss://a.example';
const B = 'wss://b.example';
const result = (url: string, outcome: PublishResult['outcome'], message = ''): PublishResult => ({
  url,
  ok: outcome === 'accepted',
  outcome,
  message,
});

describe('outbox', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });
  const open = (...args: Parameters<typeof openTempStore>) => {
    const store = openTempStore(...args);
    opened.push(store);
    return store;
  };

  it('keeps an added event pending, with no results, until a relay accepts it', () => {
    const { outbox } = open();
    const event = note('hello');
    outbox.add(event);
    expect(outbox.pending().map((e) => [e.event.id, e.results])).toEqual([[event.id, []]]);

    outbox.record(event.id, [result(A, 'timeout', 'no OK within 5000 ms'), result(B, 'unreachable', 'ECONNREFUSED')]);
    const [entry] = outbox.pending();
    expect(entry?.results).toEqual([result(A, 'timeout', 'no OK within 5000 ms'), result(B, 'unreachable', 'ECONNREFUSED')]);

    outbox.record(event.id, [result(A, 'accepted')]);
    expect(outbox.pending()).toEqual([]);
    expect(outbox.get(event.id)?.deliveredAt).toBeTypeOf('number');
  });

  it('treats a duplicate: answer as delivered: the relay already has the event', () => {
    const { outbox } = open();
    const event = note('again');
    outbox.add(event);
    outbox.record(event.id, [result(A, 'rejected', 'duplicate: already have this event')]);
    expect(outbox.pending()).toEqual([]);
  });

  it('survives closing and reopening, byte for byte', () => {
    const dir = tempDir();
    const clock = manualClock(1_700_000_123_000);
    const event = note('durable');
    const raw = JSON.stringify(event);
    const first = openStore(dir, { clock });
    first.outbox.add(event);
    first.outbox.record(event.id, [result(A, 'rejected', 'rate-limited: slow down')]);
    first.close();

    const second = openStore(dir, { clock });
    opened.push(second);
    const [entry] = second.outbox.pending();
    expect(entry?.raw).toBe(raw);
    expect(JSON.stringify(entry?.event)).toBe(raw);
    expect(entry?.savedAt).toBe(1_700_000_123_000);
    expect(entry?.results).toEqual([result(A, 'rejected', 'rate-limited: slow down')]);
  });

  it('adding the same event twice keeps one entry and its first save time', () => {
    const clock = manualClock(1000);
    const { outbox } = open({ clock });
    const event = note('twice');
    outbox.add(event);
    clock.advance(5000);
    outbox.add(event);
    expect(outbox.pending().map((e) => e.savedAt)).toEqual([1000]);
  });

  it('adding it again with more relays adds them to those it is meant for (inboxes found after the save), nothing else', () => {
    const clock = manualClock(1000);
    const { outbox } = open({ clock });
    const event = note('to people tagged');
    outbox.add(event, [A]);
    clock.advance(5000);
    outbox.add(event, [B, A]);
    expect(outbox.get(event.id)?.relays).toEqual([A, B]);
    expect(outbox.get(event.id)?.savedAt).toBe(1000);
    // The same relays again, or none: unchanged.
    outbox.add(event, [B]);
    outbox.add(event);
    expect(outbox.get(event.id)?.relays).toEqual([A, B]);
    // An entry meant for the write relays of the day (none named) stays so.
    const unnamed = note('for the write relays');
    outbox.add(unnamed);
    outbox.add(unnamed, [B]);
    expect(outbox.get(unnamed.id)?.relays).toBeUndefined();
  });

  it('lists pending entries oldest first', () => {
    const clock = manualClock(1000);
    const { outbox } = open({ clock });
    const first = note('first');
    const second = note('second');
    outbox.add(first);
    clock.advance(1);
    outbox.add(second);
    expect(outbox.pending().map((e) => e.event.id)).toEqual([first.id, second.id]);
  });

  it('forgets delivered entries after 30 days, never pending ones', () => {
    const dir = tempDir();
    const clock = manualClock(1_000_000);
    const first = openStore(dir, { clock });
    const delivered = note('delivered long ago');
    const pending = note('still pending');
    first.outbox.add(delivered);
    first.outbox.add(pending);
    first.outbox.record(delivered.id, [result(A, 'accepted')]);
    first.close();
    clock.advance(31 * 86_400_000);
    const later = openStore(dir, { clock });
    opened.push(later);
    expect(later.outbox.get(delivered.id)).toBeUndefined();
    expect(later.outbox.pending().map((e) => e.event.id)).toEqual([pending.id]);
  });

  it('ignores results for an event it does not hold', () => {
    const { outbox } = open();
    outbox.record('f'.repeat(64), [result(A, 'accepted')]);
    expect(outbox.get('f'.repeat(64))).toBeUndefined();
  });

  it('does not retry a relay that rejected the event for good, and retries the transient ones', () => {
    const { outbox } = open();
    const event = note('picky relays');
    outbox.add(event);
    outbox.record(event.id, [
      result(A, 'rejected', 'blocked: you are banned'),
      result(B, 'rejected', 'rate-limited: slow down'),
      result('wss://c.example', 'timeout', 'no OK'),
      result('wss://d.example', 'rejected', 'invalid: bad signature'),
    ]);
    const [entry] = outbox.pending();
    expect(relaysToRetry(entry!, [A, B, 'wss://c.example', 'wss://d.example', 'wss://new.example'])).toEqual([
      B,
      'wss://c.example',
      'wss://new.example',
    ]);
  });

  it('withdraws an entry still pending (its author deleted it), never a delivered one', () => {
    const { outbox } = open();
    const pending = note('regret');
    const sent = note('sent');
    outbox.add(pending, [A]);
    outbox.add(sent, [A]);
    outbox.record(pending.id, [result(A, 'unreachable', 'ECONNREFUSED')]);
    outbox.record(sent.id, [result(A, 'accepted')]);
    expect(outbox.withdraw(pending.id)).toMatchObject({ event: pending, relays: [A], results: [result(A, 'unreachable', 'ECONNREFUSED')] });
    expect(outbox.get(pending.id)).toBeUndefined();
    expect(outbox.pending()).toEqual([]);
    expect(outbox.withdraw(pending.id)).toBeUndefined();
    expect(outbox.withdraw(sent.id)).toBeUndefined();
    expect(outbox.get(sent.id)?.deliveredAt).toBeDefined();
    // What became of each is kept once it is gone: never sent anywhere, or never withdrawn.
    expect(outbox.withdrawn(pending.id)).toBe('unsent');
    expect(outbox.withdrawn(sent.id)).toBeUndefined();
    const timedOut = note('did it arrive?');
    outbox.add(timedOut, [A]);
    outbox.record(timedOut.id, [result(A, 'timeout')]);
    outbox.withdraw(timedOut.id);
    expect(outbox.withdrawn(timedOut.id)).toBe('maybe-sent');
  });

  it('tells whether a relay may hold an entry none accepted', () => {
    // Refused, or never connected: no relay has it.
    expect(mayBeOnARelay({ relays: [A, B], results: [result(A, 'rejected', 'blocked: no'), result(B, 'unreachable', 'ECONNREFUSED')] })).toBe(false);
    // Never attempted (a run ended between the save and the send), or one relay not yet answered.
    expect(mayBeOnARelay({ relays: [A], results: [] })).toBe(true);
    expect(mayBeOnARelay({ results: [] })).toBe(true);
    expect(mayBeOnARelay({ relays: [A, B], results: [result(A, 'rejected', 'blocked: no')] })).toBe(true);
    // Sent, then no OK: timed out, or the connection closed before it.
    expect(mayBeOnARelay({ relays: [A], results: [result(A, 'timeout', 'no answer within 8000 ms')] })).toBe(true);
    expect(mayBeOnARelay({ relays: [A], results: [result(A, 'unreachable', 'connection closed')] })).toBe(true);
  });

  it('classifies NIP-01 OK reasons', () => {
    const permanent = ['blocked: no', 'invalid: id', 'pow: difficulty 30 required', 'restricted: paid relay', 'mute: no'];
    const transient = ['rate-limited: wait', 'auth-required: please auth', 'error: db busy', 'something odd'];
    expect(permanent.map((m) => isPermanentRejection(result(A, 'rejected', m)))).toEqual(permanent.map(() => true));
    expect(transient.map((m) => isPermanentRejection(result(A, 'rejected', m)))).toEqual(transient.map(() => false));
    expect(isPermanentRejection(result(A, 'timeout', 'blocked: looks permanent but was a timeout'))).toBe(false);
  });
});

describe('two processes on one store (the UI and a one-shot command)', () => {
  it('each sees what the other wrote, and closing one leaves the other working', () => {
    const dir = tempDir();
    const clock = manualClock();
    const ui = openStore(dir, { clock });
    const command = openStore(dir, { clock });
    const posted = note('posted from the command line');
    command.outbox.add(posted);
    command.events.put(posted);
    const streamed = note('streamed into the UI', 1_700_000_100);
    ui.events.put(streamed, 'wss://a.example');
    expect(ui.outbox.pending().map((e) => e.event.id)).toEqual([posted.id]);
    expect(ui.events.has(posted.id)).toBe(true);
    expect(command.events.has(streamed.id)).toBe(true);
    command.close();
    ui.outbox.record(posted.id, [result(A, 'accepted')]);
    expect(ui.outbox.pending()).toEqual([]);
    ui.close();
  });
});
