// The relay message parser's every verdict, exactly: the kind of drop and its reason, at each
// boundary (limits, hex lengths, kind and created_at ranges, message arities). Written for
// the mutation score (npm run mutate): a check loosened by one, or a wrong reason, fails here.
import { describe, expect, it } from 'vitest';
import { defaultLimits, isDropped, parseEvent, parseRelayMessage } from '../../src/core/relay-message.js';

const event = {
  id: 'a'.repeat(64),
  pubkey: 'b'.repeat(64),
  created_at: 1_700_000_000,
  kind: 1,
  tags: [['e', 'c'.repeat(64)]],
  content: 'hi',
  sig: 'd'.repeat(128),
};
const raw = (value: unknown) => parseRelayMessage(JSON.stringify(value));
const malformed = (reason: string) => ({ type: 'malformed', reason });
const oversize = (reason: string) => ({ type: 'oversize', reason });

describe('parseEvent, field by field', () => {
  const cases: Array<[string, Record<string, unknown>, object]> = [
    ['id one short', { id: 'a'.repeat(63) }, malformed('event id is not 64 lowercase hex')],
    ['id one long', { id: 'a'.repeat(65) }, malformed('event id is not 64 lowercase hex')],
    ['id uppercase', { id: 'A'.repeat(64) }, malformed('event id is not 64 lowercase hex')],
    ['id with a g', { id: `${'a'.repeat(63)}g` }, malformed('event id is not 64 lowercase hex')],
    ['id a number', { id: 1 }, malformed('event id is not 64 lowercase hex')],
    ['id with a newline after', { id: `${'a'.repeat(64)}\n` }, malformed('event id is not 64 lowercase hex')],
    ['pubkey one short', { pubkey: 'b'.repeat(63) }, malformed('event pubkey is not 64 lowercase hex')],
    ['pubkey prefixed', { pubkey: `x${'b'.repeat(64)}` }, malformed('event pubkey is not 64 lowercase hex')],
    ['pubkey missing', { pubkey: undefined }, malformed('event pubkey is not 64 lowercase hex')],
    ['sig one short', { sig: 'd'.repeat(127) }, malformed('event sig is not 128 lowercase hex')],
    ['sig one long', { sig: 'd'.repeat(129) }, malformed('event sig is not 128 lowercase hex')],
    ['sig a number', { sig: 5 }, malformed('event sig is not 128 lowercase hex')],
    ['kind -1', { kind: -1 }, malformed('event kind is not an integer 0-65535')],
    ['kind 65536', { kind: 65_536 }, malformed('event kind is not an integer 0-65535')],
    ['kind 1.5', { kind: 1.5 }, malformed('event kind is not an integer 0-65535')],
    ['kind "1"', { kind: '1' }, malformed('event kind is not an integer 0-65535')],
    ['created_at -1', { created_at: -1 }, malformed('event created_at is not a unix time')],
    ['created_at 1.5', { created_at: 1.5 }, malformed('event created_at is not a unix time')],
    ['created_at beyond safe integers', { created_at: 2 ** 53 }, malformed('event created_at is not a unix time')],
    ['created_at a string', { created_at: '1' }, malformed('event created_at is not a unix time')],
    ['content a number', { content: 1 }, malformed('event content is not a string')],
    ['content null', { content: null }, malformed('event content is not a string')],
    ['tags an object', { tags: {} }, malformed('event tags is not an array')],
    ['a tag a string', { tags: ['p'] }, malformed('event tag is not an array')],
    ['a tag holding a number', { tags: [['p', 1]] }, malformed('event tag holds a non-string')],
    ['a tag holding null', { tags: [['p', null]] }, malformed('event tag holds a non-string')],
    ['too many tags', { tags: Array.from({ length: defaultLimits.maxTags + 1 }, () => ['t', 'x']) }, oversize(`event with ${defaultLimits.maxTags + 1} tags`)],
    ['a tag too long', { tags: [Array.from({ length: defaultLimits.maxTagValues + 1 }, () => 'x')] }, oversize(`tag with ${defaultLimits.maxTagValues + 1} values`)],
    ['a list with too many tags', { kind: 3, tags: Array.from({ length: defaultLimits.maxListTags + 1 }, () => ['p', 'x']) }, oversize(`event with ${defaultLimits.maxListTags + 1} tags`)],
  ];
  it.each(cases)('%s', (_name, change, expected) => {
    expect(parseEvent({ ...event, ...change })).toEqual(expected);
  });

  it('takes the boundaries themselves', () => {
    for (const change of [
      { kind: 0 },
      { kind: 65_535 },
      { created_at: 0 },
      { created_at: Number.MAX_SAFE_INTEGER },
      { content: '' },
      { tags: [] },
      { tags: [[]] },
      { tags: Array.from({ length: defaultLimits.maxTags }, () => ['t', 'x']) },
      // A follow list of someone who follows thousands, and the other lists (NIP-51, NIP-65).
      ...[3, 10_000, 10_002, 19_999, 30_000, 39_999].map((kind) => ({ kind, tags: Array.from({ length: defaultLimits.maxListTags }, () => ['p', 'x']) })),
      { tags: [Array.from({ length: defaultLimits.maxTagValues }, () => 'x')] },
      { id: '0123456789abcdef'.repeat(4), pubkey: 'fedcba9876543210'.repeat(4), sig: '0123456789abcdef'.repeat(8) },
    ]) {
      const parsed = parseEvent({ ...event, ...change });
      expect(isDropped(parsed as never), JSON.stringify(change).slice(0, 80)).toBe(false);
      expect(parsed).toEqual({ ...event, ...change });
    }
  });

  it('refuses what is not an event object', () => {
    for (const value of [null, undefined, 1, 'x', [], [event]]) expect(parseEvent(value)).toEqual(malformed('event is not an object'));
  });

  it('keeps the parsed object when it has exactly the seven fields, copies the seven otherwise', () => {
    const exact = { ...event };
    expect(parseEvent(exact)).toBe(exact);
    const extra = { ...event, relay: 'x' };
    const copied = parseEvent(extra);
    expect(copied).not.toBe(extra);
    expect(copied).toEqual(event);
    const six = { ...event } as Record<string, unknown>;
    delete six.content;
    expect(parseEvent(six)).toEqual(malformed('event content is not a string'));
  });
});

describe('parseRelayMessage, message by message', () => {
  const cases: Array<[string, string, object]> = [
    ['not text', 1 as unknown as string, malformed('not text')],
    ['not JSON', '[', malformed('not JSON')],
    ['an object', '{}', malformed('not a message array')],
    ['empty array', '[]', malformed('not a message array')],
    ['type not a string', '[1]', malformed('not a message array')],
    ['unknown type', '["HELLO"]', malformed('unknown message type')],
    ['EVENT, two items', '["EVENT","s"]', malformed('EVENT: wrong shape')],
    ['EVENT, four items', JSON.stringify(['EVENT', 's', event, 1]), malformed('EVENT: wrong shape')],
    ['EVENT, sub id a number', JSON.stringify(['EVENT', 1, event]), malformed('EVENT: wrong shape')],
    ['EVENT, bad event', JSON.stringify(['EVENT', 's', { ...event, id: 'x' }]), malformed('event id is not 64 lowercase hex')],
    ['EOSE, no sub id', '["EOSE"]', malformed('EOSE: wrong shape')],
    ['EOSE, three items', '["EOSE","s","x"]', malformed('EOSE: wrong shape')],
    ['EOSE, sub id a number', '["EOSE",1]', malformed('EOSE: wrong shape')],
    ['OK, two items', `["OK","${event.id}"]`, malformed('OK: wrong shape')],
    ['OK, five items', `["OK","${event.id}",true,"",""]`, malformed('OK: wrong shape')],
    ['OK, ok a string', `["OK","${event.id}","true",""]`, malformed('OK: wrong shape')],
    ['OK, message a number', `["OK","${event.id}",true,1]`, malformed('OK: wrong shape')],
    ['OK, id a number', '["OK",1,true,""]', malformed('OK: wrong shape')],
    ['CLOSED, no sub id', '["CLOSED"]', malformed('CLOSED: wrong shape')],
    ['CLOSED, four items', '["CLOSED","s","x","y"]', malformed('CLOSED: wrong shape')],
    ['CLOSED, message a number', '["CLOSED","s",1]', malformed('CLOSED: wrong shape')],
    ['CLOSED, sub id a number', '["CLOSED",1,"x"]', malformed('CLOSED: wrong shape')],
    ['NOTICE, no message', '["NOTICE"]', malformed('NOTICE: wrong shape')],
    ['NOTICE, three items', '["NOTICE","a","b"]', malformed('NOTICE: wrong shape')],
    ['NOTICE, a number', '["NOTICE",1]', malformed('NOTICE: wrong shape')],
    ['AUTH, no challenge', '["AUTH"]', malformed('AUTH: wrong shape')],
    ['AUTH, an event (client form)', JSON.stringify(['AUTH', event]), malformed('AUTH: wrong shape')],
    ['AUTH, three items', '["AUTH","a","b"]', malformed('AUTH: wrong shape')],
    ['COUNT, negative', '["COUNT","s",{"count":-1}]', malformed('COUNT: wrong shape')],
    ['COUNT, fraction', '["COUNT","s",{"count":1.5}]', malformed('COUNT: wrong shape')],
    ['COUNT, no object', '["COUNT","s",3]', malformed('COUNT: wrong shape')],
    ['COUNT, null', '["COUNT","s",null]', malformed('COUNT: wrong shape')],
    ['COUNT, four items', '["COUNT","s",{"count":1},1]', malformed('COUNT: wrong shape')],
    ['COUNT, sub id a number', '["COUNT",1,{"count":1}]', malformed('COUNT: wrong shape')],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(parseRelayMessage(text)).toEqual(expected);
  });

  it('the length limit is inclusive, and counted in UTF-16 code units', () => {
    const notice = (n: number) => JSON.stringify(['NOTICE', 'x'.repeat(n - 13)]); // ["NOTICE",""] is 13 characters
    const limits = { ...defaultLimits, maxLength: 100 };
    expect(notice(100)).toHaveLength(100);
    expect(parseRelayMessage(notice(100), limits)).toEqual({ type: 'NOTICE', message: 'x'.repeat(87) });
    expect(parseRelayMessage(notice(101), limits)).toEqual(oversize('message of 101 characters'));
    expect(defaultLimits).toEqual({ maxLength: 512 * 1024, maxTags: 2_000, maxListTags: 10_000, maxTagValues: 100 });
  });

  it('optional trailing fields default to empty, and COUNT 0 is a count', () => {
    expect(raw(['CLOSED', 's'])).toEqual({ type: 'CLOSED', subId: 's', message: '' });
    expect(raw(['COUNT', 's', { count: 0 }])).toEqual({ type: 'COUNT', subId: 's', count: 0 });
    expect(isDropped(raw(['EOSE', 's']) as never)).toBe(false);
    expect(isDropped(malformed('x') as never)).toBe(true);
    expect(isDropped(oversize('x') as never)).toBe(true);
  });
});
