import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/net/backoff.js';
import { parseRelayMessage } from '../../src/core/relay-message.js';

const event = {
  id: 'a'.repeat(64),
  pubkey: 'b'.repeat(64),
  created_at: 1_700_000_000,
  kind: 1,
  tags: [['e', 'c'.repeat(64), '', 'reply']],
  content: 'hi',
  sig: 'd'.repeat(128),
};
const parse = (value: unknown) => parseRelayMessage(JSON.stringify(value));

describe('parseRelayMessage', () => {
  it('reads every NIP-01/42/45 message type', () => {
    expect(parse(['EVENT', 's', event])).toEqual({ type: 'EVENT', subId: 's', event });
    expect(parse(['EOSE', 's'])).toEqual({ type: 'EOSE', subId: 's' });
    expect(parse(['OK', event.id, true, ''])).toEqual({ type: 'OK', eventId: event.id, ok: true, message: '' });
    expect(parse(['OK', event.id, false])).toEqual({ type: 'OK', eventId: event.id, ok: false, message: '' });
    expect(parse(['CLOSED', 's', 'error: no'])).toEqual({ type: 'CLOSED', subId: 's', message: 'error: no' });
    expect(parse(['NOTICE', 'hi'])).toEqual({ type: 'NOTICE', message: 'hi' });
    expect(parse(['AUTH', 'chal'])).toEqual({ type: 'AUTH', challenge: 'chal' });
    expect(parse(['COUNT', 's', { count: 3 }])).toEqual({ type: 'COUNT', subId: 's', count: 3 });
  });

  it('keeps only the signed fields of an event', () => {
    const parsed = parse(['EVENT', 's', { ...event, seen_on: 'x', __proto__: { evil: 1 } }]);
    expect(parsed).toEqual({ type: 'EVENT', subId: 's', event });
    expect(Object.keys((parsed as { event: object }).event)).toEqual(['id', 'pubkey', 'created_at', 'kind', 'tags', 'content', 'sig']);
  });

  it('reports malformed input, never throws', () => {
    const bad: unknown[] = [
      'not json',
      '{"a":1}',
      '[]',
      '[1]',
      '["EVENT","s"]',
      '["EVENT",1,{}]',
      '["HELLO"]',
      '["EOSE"]',
      '["OK","x","true",""]',
      '["NOTICE",{}]',
      '["AUTH"]',
      '["COUNT","s",{"count":-1}]',
      '"EOSE"',
      'null',
    ];
    for (const text of bad) expect(parseRelayMessage(text as string), String(text)).toMatchObject({ type: 'malformed' });
    const broken = (patch: object) => parse(['EVENT', 's', { ...event, ...patch }]);
    for (const patch of [
      { id: 'A'.repeat(64) },
      { id: 'a'.repeat(63) },
      { pubkey: 1 },
      { sig: 'd'.repeat(127) },
      { kind: 1.5 },
      { kind: -1 },
      { kind: 70_000 },
      { created_at: '1' },
      { created_at: -5 },
      { content: null },
      { tags: {} },
      { tags: ['e'] },
      { tags: [['e', 1]] },
    ]) {
      expect(broken(patch), JSON.stringify(patch)).toMatchObject({ type: 'malformed' });
    }
    expect(parseRelayMessage(undefined as unknown as string)).toMatchObject({ type: 'malformed' });
  });

  it('reports oversize messages and absurd tag counts', () => {
    expect(parseRelayMessage('["NOTICE","' + 'x'.repeat(600 * 1024) + '"]')).toMatchObject({ type: 'oversize' });
    expect(parse(['EVENT', 's', { ...event, tags: Array(2_001).fill(['t', 'x']) }])).toMatchObject({ type: 'oversize' });
    expect(parse(['EVENT', 's', { ...event, tags: [Array(101).fill('x')] }])).toMatchObject({ type: 'oversize' });
    expect(parse(['EVENT', 's', { ...event, tags: Array(2_000).fill(['t', 'x']) }])).toMatchObject({ type: 'EVENT' });
  });
});

describe('backoffDelay', () => {
  const opts = (r: number) => ({ baseMs: 1_000, maxMs: 60_000, random: () => r });
  it('doubles per attempt up to the cap, with half of each delay random', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map((n) => backoffDelay(n, opts(0)))).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000]);
    expect([0, 1, 2, 3, 6, 7, 50].map((n) => backoffDelay(n, opts(0.999999)))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
  });
});
