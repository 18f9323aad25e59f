import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { normalizeRelayUrl, uniqueRelayUrls } from '../../src/core/relay-url.js';

describe('normalizeRelayUrl', () => {
  it.each([
    ['wss://relay.damus.io', 'wss://relay.damus.io'],
    ['wss://relay.damus.io/', 'wss://relay.damus.io'],
    ['WSS://Relay.Damus.IO/', 'wss://relay.damus.io'],
    ['  wss://nos.lol  ', 'wss://nos.lol'],
    ['wss://nos.lol:443', 'wss://nos.lol'],
    ['ws://127.0.0.1:7777/', 'ws://127.0.0.1:7777'],
    ['ws://localhost:80', 'ws://localhost'],
    ['wss://relay.example/Path/', 'wss://relay.example/Path'],
    ['wss://relay.example/?key=Value', 'wss://relay.example?key=Value'],
    ['wss://relay.example#fragment', 'wss://relay.example'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeRelayUrl(input)).toBe(expected);
  });

  it.each(['https://relay.damus.io', 'relay.damus.io', 'ftp://x', '', 'wss://', 'wss://user:pw@relay.example', 'wss://exa mple.com'])(
    'refuses %j with a usage error',
    (input) => {
      let caught: unknown;
      try {
        normalizeRelayUrl(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).exitCode).toBe(2);
    },
  );

  it('never echoes control characters from the input', () => {
    expect(() => normalizeRelayUrl('\u001b]0;pwned\u0007https://x')).toThrow(/^(?![\s\S]*\u001b)/);
  });

  it('dedupes after normalising, keeping the first spelling order', () => {
    expect(uniqueRelayUrls(['wss://b.example/', 'WSS://A.example', 'wss://b.example', 'wss://a.example/'])).toEqual([
      'wss://b.example',
      'wss://a.example',
    ]);
  });
});
