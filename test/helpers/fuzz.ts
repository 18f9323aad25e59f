// A seeded generator of hostile input for the fuzz tests. The same seed gives the same
// cases on every machine, so a failure names a seed and case number that reproduce it.

/** mulberry32: a tiny, well-mixed 32-bit PRNG; enough for test input, not for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Fuzz {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(maxExclusive: number): number {
    return Math.floor(this.random() * maxExclusive);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  bytes(maxLength: number): Uint8Array {
    return Uint8Array.from({ length: this.int(maxLength + 1) }, () => this.int(256));
  }

  /** Random bytes read as UTF-8 the way a socket would (invalid sequences become U+FFFD). */
  decodedBytes(maxLength: number): string {
    return new TextDecoder().decode(this.bytes(maxLength));
  }

  /** Raw UTF-16 code units, lone surrogates included. */
  codeUnits(maxLength: number): string {
    return String.fromCharCode(...Array.from({ length: this.int(maxLength + 1) }, () => this.int(0x10000)));
  }

  /** Text biased toward what terminals and parsers find interesting. */
  hostileText(maxLength: number): string {
    const pieces = [
      '\u001b', '\u001b[', '\u001b]', '\u001bP', '\u001b_', '\u001b^', '\u001bX', '\u001b\\', '\u0007',
      '\u009b', '\u009c', '\u009d', '\r', '\n', '\t', '\b', '\u0000', '\u007f', '\u202e', '\u2066',
      '\u2069', '\u200d', '\u200b', '\u0301', '\u0903', '\ufe0f', '\ud83d', '\ude00', '👩‍💻', '界', ';',
      '0', '9', 'm', 'H', '?', ' ', '"', '\\', 'nsec1', '{', '[', ']', '}', 'ÿ',
    ];
    let out = '';
    const length = this.int(maxLength + 1);
    while (out.length < length) out += this.chance(0.8) ? this.pick(pieces) : String.fromCharCode(this.int(0x10000));
    return out;
  }

  /** A JSON value of random shape: wrong types, huge numbers, deep nesting, odd strings. */
  value(depth = 0): unknown {
    const leaf = depth > 4 || this.chance(0.5);
    if (leaf) {
      return this.pick<() => unknown>([
        () => null,
        () => this.chance(0.5),
        () => this.int(100),
        () => -this.int(1e9),
        () => this.pick([0, -0, 1.5, -1, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 1e-300]),
        () => this.hostileText(20),
        () => 'a'.repeat(this.int(3) * 64),
        () => this.pick(['', 'EVENT', 'EOSE', 'OK', 'NOTICE', 'CLOSED', 'AUTH', 'COUNT', 'true', 'null']),
      ])();
    }
    if (this.chance(0.5)) return Array.from({ length: this.int(5) }, () => this.value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = this.int(5); i > 0; i--) {
      const key = this.pick(['id', 'pubkey', 'sig', 'kind', 'tags', 'content', 'created_at', '__proto__', 'constructor', this.hostileText(6)]);
      // defineProperty, so `__proto__` becomes a key in the JSON rather than a prototype.
      Object.defineProperty(object, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
}

/** JSON nested `depth` levels deep: a stack-overflow probe for recursive parsers. */
export function deeplyNested(depth: number, open = '[', close = ']'): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** Every prefix-cut of `json` at a random point: truncated input. */
export function truncated(fuzz: Fuzz, json: string): string {
  return json.slice(0, fuzz.int(json.length));
}
