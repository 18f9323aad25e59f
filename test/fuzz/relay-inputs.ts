// Hostile relay messages (NIP-01, NIP-42, NIP-45 shapes) for the relay-message parser.
import { deeplyNested, type Fuzz } from '../helpers/fuzz.js';
import { hostileStrings } from '../helpers/hostile-strings.js';

/** A validly signed kind-1 event, made once with a fixed key so every run sees the same bytes. */
export const SIGNED_EVENT = {
  kind: 1,
  created_at: 1700000000,
  tags: [
    ['e', 'a'.repeat(64), 'wss://relay.example', 'reply'],
    ['p', '36b341ece77e1fc4c270c6cedc987f8f3d217be3ad4922cbc64db8c40a77f737'],
    ['t', 'nostr'],
  ],
  content: 'hello from the fuzz corpus',
  pubkey: '36b341ece77e1fc4c270c6cedc987f8f3d217be3ad4922cbc64db8c40a77f737',
  id: 'ca75fb3b4f85f4665f9b6e364338bb32de2a48b997c02c50e6c3159859aef57c',
  sig: 'd00dcf39c42b5abbb463b5eeeb42a6d639070927d6fccd12013a70b893a5f3b5b34e9d1a9856b8bb455875dd756c25a64efe3ebee8fee1667a46cf31ba950bac',
};

const EVENT_FIELDS = ['id', 'pubkey', 'created_at', 'kind', 'tags', 'content', 'sig'] as const;

/** Every message a relay may send, well formed. */
export const validMessages: unknown[][] = [
  ['EVENT', 'sub1', SIGNED_EVENT],
  ['OK', SIGNED_EVENT.id, true, ''],
  ['OK', SIGNED_EVENT.id, false, 'blocked: you are banned'],
  ['EOSE', 'sub1'],
  ['CLOSED', 'sub1', 'auth-required: we only serve members'],
  ['NOTICE', 'slow down'],
  ['AUTH', 'challenge-string'],
  ['COUNT', 'sub1', { count: 42 }],
];

/** Values of every type but the right one, and numbers that break naive arithmetic. */
const wrongValues: unknown[] = [
  null, true, false, 0, -1, 1.5, -0, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 65536, 4294967296,
  '', '1', 'x'.repeat(64), 'A'.repeat(64), 'g'.repeat(64), 'a'.repeat(63), 'a'.repeat(128),
  [], [[]], ['a'], {}, { length: 3 }, { '0': 'a', length: 1 }, [null], [1, 2, 3],
];

/** Numbers as JSON text that JSON.parse turns into Infinity, rounded integers or -0. */
const hugeNumberTexts = [
  '1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000000000001', '-0', '1E+2',
  '9007199254740993', '-9007199254740993', '1.7976931348623157e309', '0e99999', '1' + '0'.repeat(400),
];

/** Tags that are not arrays of strings. */
const hostileTags: unknown[] = [
  'not an array', 42, null, {}, [null], [1], ['e'], [[]], [[1]], [['e', 1]], [['p', null]], [['e', ['nested']]],
  [['p', { id: 'x' }]], [['e', 'a'.repeat(64)], 'stray string'], [[true, false]], [['t', '#'.repeat(10_000)]],
  Array.from({ length: 5_000 }, () => ['t', 'x']), [Array.from({ length: 5_000 }, () => 'x')],
];

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function withEventField(field: string, value: unknown): Record<string, unknown> {
  const event: Record<string, unknown> = clone(SIGNED_EVENT);
  event[field] = value;
  return event;
}

/** Random character-level damage: replace, insert or delete a few characters. */
function mutate(fuzz: Fuzz, text: string): string {
  let out = text;
  for (let n = 1 + fuzz.int(4); n > 0; n--) {
    const at = fuzz.int(out.length + 1);
    const piece = fuzz.pick(['"', ',', '[', ']', '{', '}', ':', '\\', '\\u', '\\ud800', 'null', '1e999', '']);
    const op = fuzz.int(3);
    out = op === 0 ? out.slice(0, at) + piece + out.slice(at + 1) : op === 1 ? out.slice(0, at) + piece + out.slice(at) : out.slice(0, at) + out.slice(at + 1 + fuzz.int(8));
  }
  return out;
}

const bigMessages = new Map<string, string>();

/** Built once per form and size: the parser sees the same bytes, the run saves the time. */
function bigMessage(form: number, size: number): string {
  const key = `${form}:${size}`;
  let message = bigMessages.get(key);
  if (message === undefined) {
    const forms = [
      () => JSON.stringify(['EVENT', 'sub1', withEventField('content', 'x'.repeat(size))]),
      () => JSON.stringify(['EVENT', 'sub1', withEventField('tags', Array.from({ length: size / 10 }, (_, i) => ['t', String(i)]))]),
      () => JSON.stringify(['EVENT', 's'.repeat(size), SIGNED_EVENT]),
      () => JSON.stringify(['NOTICE', 'n'.repeat(size)]),
      () => ' '.repeat(size) + JSON.stringify(['EOSE', 'sub1']),
    ];
    message = forms[form]!();
    bigMessages.set(key, message);
  }
  return message;
}

/** The i-th hostile message: strategies rotate so each gets an equal share of the cases. */
export function hostileRelayMessage(fuzz: Fuzz, index: number): string {
  const strategy = index % 14;
  const valid = () => JSON.stringify(fuzz.pick(validMessages));
  switch (strategy) {
    case 0:
      return fuzz.decodedBytes(300);
    case 1:
      return fuzz.codeUnits(200);
    case 2: {
      const json = valid();
      return json.slice(0, fuzz.int(json.length));
    }
    case 3: {
      // A message with one position of the wrong type.
      const message = clone(fuzz.pick(validMessages));
      message[fuzz.int(message.length + 1)] = fuzz.chance(0.5) ? fuzz.pick(wrongValues) : fuzz.value();
      return JSON.stringify(message);
    }
    case 4: {
      // An event with one field of the wrong type, or missing, or extra.
      const field = fuzz.pick(EVENT_FIELDS);
      const event = withEventField(field, fuzz.chance(0.7) ? fuzz.pick(wrongValues) : fuzz.value());
      if (fuzz.chance(0.2)) delete event[field];
      return JSON.stringify(['EVENT', 'sub1', event]);
    }
    case 5:
      return JSON.stringify(['EVENT', 'sub1', withEventField('tags', fuzz.pick(hostileTags))]);
    case 6: {
      const value = fuzz.value();
      return JSON.stringify(fuzz.chance(0.5) ? value : [fuzz.pick(['EVENT', 'OK', 'EOSE', 'CLOSED', 'NOTICE', 'AUTH', 'COUNT']), value, fuzz.value(), fuzz.value()]) ?? 'undefined';
    }
    case 7: {
      // Deep nesting in the message, the event or the tags (every 7th time, to keep the run short).
      const depth = fuzz.chance(0.05) ? 100_000 : fuzz.pick([100, 1_000, 10_000]);
      const nested = fuzz.chance(0.5) ? deeplyNested(depth) : deeplyNested(depth, '{"a":', '}').replace(/\{"a":\}/, '{"a":1}');
      return fuzz.pick([
        nested,
        `["EVENT","sub1",${nested}]`,
        JSON.stringify(['EVENT', 'sub1', SIGNED_EVENT]).replace(/"tags":\[/, `"tags":[${deeplyNested(depth)},`),
        `["NOTICE",${nested}]`,
      ]);
    }
    case 8: {
      // Huge or odd numbers as JSON text, in kind, created_at, OK's flag or COUNT.
      const number = fuzz.pick(hugeNumberTexts);
      return fuzz.pick([
        JSON.stringify(['EVENT', 'sub1', SIGNED_EVENT]).replace('"kind":1', `"kind":${number}`),
        JSON.stringify(['EVENT', 'sub1', SIGNED_EVENT]).replace('"created_at":1700000000', `"created_at":${number}`),
        `["OK","${SIGNED_EVENT.id}",${number},""]`,
        `["COUNT","sub1",{"count":${number}}]`,
        `[${number}]`,
      ]);
    }
    case 9: {
      // Keys that pollute prototypes in naive merges, and duplicate keys (the last one wins in JSON.parse).
      const json = JSON.stringify(SIGNED_EVENT);
      return fuzz.pick([
        `["EVENT","sub1",${json.replace('{', '{"__proto__":{"polluted":"yes"},')}]`,
        `["EVENT","sub1",${json.replace('{', '{"constructor":{"prototype":{"polluted":"yes"}},')}]`,
        `["EVENT","sub1",${json.replace('{', '{"kind":"one","content":7,')}]`,
        `["EVENT","sub1",${json.replace('}', ',"kind":"one"}')}]`,
        `["COUNT","sub1",{"__proto__":{"polluted":"yes"},"count":1}]`,
      ]);
    }
    case 10: {
      // The hostile corpus in every string a relay controls.
      const text = fuzz.pick(hostileStrings).text;
      return JSON.stringify(
        fuzz.pick<unknown[]>([
          ['EVENT', text, SIGNED_EVENT],
          ['EVENT', 'sub1', withEventField('content', text)],
          ['EVENT', 'sub1', withEventField('tags', [['t', text], [text, text]])],
          ['OK', SIGNED_EVENT.id, false, text],
          ['CLOSED', text, text],
          ['NOTICE', text],
          ['AUTH', text],
          ['EOSE', text],
        ]),
      );
    }
    case 11:
      return mutate(fuzz, valid());
    case 12: {
      // Big messages: long content, many tags, long subscription ids, long NOTICEs. Rarely past
      // a megabyte: the point is crossing the size limit, not spending the run building strings.
      const size = fuzz.chance(0.02) ? 2_000_000 : fuzz.pick([1_000, 10_000, 100_000]);
      return bigMessage(fuzz.int(5), size);
    }
    default:
      // Not messages at all: empty, whitespace, JSON scalars, objects instead of arrays.
      return fuzz.pick(['', ' ', '\n', 'null', 'true', '0', '""', '[]', '{}', '[[]]', '["EVENT"]', '["EVENT","sub1"]', '["OK"]', '["UNKNOWN","x"]', '{"0":"EVENT","length":3}', '\ufeff["EOSE","sub1"]', '["EOSE","sub1"] trailing']);
  }
}

/** What each kind of message must hold when the parser accepts it (NIP-01). */
export const isHex = (value: unknown, length: number): boolean =>
  typeof value === 'string' && value.length === length && /^[0-9a-f]+$/.test(value);

/** Why `event` is not a NIP-01 event of the right types, or undefined if it is one. */
export function eventShapeProblem(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return 'event is not an object';
  const e = event as Record<string, unknown>;
  if (!isHex(e.id, 64)) return 'id is not 64 lowercase hex';
  if (!isHex(e.pubkey, 64)) return 'pubkey is not 64 lowercase hex';
  if (!isHex(e.sig, 128)) return 'sig is not 128 lowercase hex';
  if (!Number.isSafeInteger(e.kind) || (e.kind as number) < 0) return `kind ${String(e.kind)} is not a non-negative integer`;
  if (!Number.isSafeInteger(e.created_at) || (e.created_at as number) < 0) return `created_at ${String(e.created_at)} is not a non-negative integer`;
  if (typeof e.content !== 'string') return 'content is not a string';
  if (!Array.isArray(e.tags) || !e.tags.every((tag) => Array.isArray(tag) && tag.every((item) => typeof item === 'string')))
    return 'tags are not arrays of strings';
  return undefined;
}

export { EVENT_FIELDS };
