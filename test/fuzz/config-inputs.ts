// Hostile config.json contents: what a bad edit, a crash mid-write or a hostile tool may leave.
import { deeplyNested, type Fuzz } from '../helpers/fuzz.js';
import { hostileStrings } from '../helpers/hostile-strings.js';

const goodRelay = { url: 'wss://relay.example', read: true, write: false };
const goodConfig = { relays: [goodRelay, { url: 'ws://127.0.0.1:7777/path', read: true, write: true }] };

const hostileUrls = [
  '', 'relay.example', 'https://relay.example', 'javascript:alert(1)', 'file:///etc/passwd', 'wss://',
  'wss://user:pass@relay.example', 'wss://[::1]:443/', 'wss://relay.example:99999', 'wss://relay.example:-1',
  'WSS://RELAY.EXAMPLE/', 'wss://xn--80ak6aa92e.com', 'wss://пример.рф', 'wss://relay.example/\u001b[2J',
  'wss://relay\u202e.example', 'wss://relay.example/' + 'a'.repeat(3_000), ' wss://relay.example ', 'wss://%00',
  'wss://relay.example#frag', 'wss://relay.example?x=\u0000', 'ws://256.256.256.256',
];

const wrongValues: unknown[] = [null, true, 0, -1, 1e308, 'x', [], {}, [null], [[]], { url: null }, { url: 1 }];

export function hostileConfig(fuzz: Fuzz, index: number): string | Uint8Array {
  switch (index % 9) {
    case 0:
      return fuzz.bytes(200);
    case 1: {
      const json = JSON.stringify(goodConfig, null, 2);
      return json.slice(0, fuzz.int(json.length));
    }
    case 2:
      // Wrong types for the whole file and for every field.
      return JSON.stringify(
        fuzz.pick<unknown>([
          fuzz.pick(wrongValues),
          { relays: fuzz.pick(wrongValues) },
          { relays: [fuzz.pick(wrongValues)] },
          { relays: [{ ...goodRelay, url: fuzz.pick(wrongValues) }] },
          { relays: [{ ...goodRelay, read: fuzz.pick(wrongValues) }] },
          { relays: [{ ...goodRelay, write: fuzz.pick(wrongValues) }] },
          { relays: [goodRelay, fuzz.pick(wrongValues)] },
        ]),
      );
    case 3:
      return JSON.stringify({ relays: [{ url: fuzz.pick(hostileUrls), read: fuzz.chance(0.5), write: fuzz.chance(0.5) }] });
    case 4:
      return JSON.stringify(fuzz.chance(0.5) ? fuzz.value() : { relays: fuzz.value(), other: fuzz.value() }) ?? '';
    case 5: {
      const depth = fuzz.chance(0.1) ? 100_000 : fuzz.pick([100, 1_000, 10_000]);
      return fuzz.pick([deeplyNested(depth), `{"relays":${deeplyNested(depth)}}`, `{"relays":[${deeplyNested(depth, '{"url":', '}')}]}`]);
    }
    case 6:
      return fuzz.pick([
        '{"relays":1e400}', '{"relays":[{"url":"wss://r.example","read":1e400}]}', '{"relays":-0}',
        '{"__proto__":{"relays":[{"url":"wss://evil.example"}]}}', '{"constructor":{"prototype":{"relays":[]}}}',
        '{"relays":[],"relays":{"x":1}}', '\ufeff{"relays":[]}', '{"relays":[]} trailing', '', ' ', 'null', '[]',
        `{"relays":[${Array.from({ length: 5_000 }, (_, i) => `{"url":"wss://r${i}.example"}`).join(',')}]}`,
      ]);
    case 7:
      return JSON.stringify({ relays: [{ url: `wss://relay.example/${fuzz.pick(hostileStrings).text}` }], [fuzz.pick(hostileStrings).text]: 1 });
    default:
      return fuzz.chance(0.3) ? JSON.stringify(goodConfig) : fuzz.hostileText(120);
  }
}
