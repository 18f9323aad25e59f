// What `post` and `follow` print for each relay's answer: relay text is untrusted.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { resultsJson, writeResults } from '../../src/commands/with-client.js';
import type { PublishResult } from '../../src/net/types.js';

function capture(): { ctx: CommandContext; out: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk) => (text += chunk));
  return { ctx: { stdout } as unknown as CommandContext, out: () => text };
}

const RESULTS: PublishResult[] = [
  { url: 'wss://a.example', ok: true, outcome: 'accepted', message: '' },
  { url: 'wss://b.example', ok: false, outcome: 'rejected', message: 'blocked: \u001b]0;pwned\u0007spam\u001b[2J\nsecond line' },
  { url: 'wss://c.example', ok: false, outcome: 'timeout', message: 'no OK within 8000 ms' },
  { url: 'wss://d.example', ok: false, outcome: 'unreachable', message: 'connection failed' },
];

describe('relay results', () => {
  it('one line per relay, relay messages sanitised, and a count', () => {
    const { ctx, out } = capture();
    writeResults(ctx, RESULTS);
    expect(out()).toBe(
      [
        '  wss://a.example  accepted',
        '  wss://b.example  rejected: blocked: spam second line',
        '  wss://c.example  timed out: no OK within 8000 ms',
        '  wss://d.example  unreachable: connection failed',
        'Accepted by 1 of 4 relays.',
        '',
      ].join('\n'),
    );
    expect(out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('JSON keeps the relay message byte-exact', () => {
    expect(JSON.parse(JSON.stringify(resultsJson(RESULTS)))[1]).toEqual({ url: 'wss://b.example', ok: false, message: RESULTS[1]!.message });
  });
});
