// Which build a start loads (src/start.ts): the interactive bundle only for the arguments of the
// interactive timeline; every command, flag or stray word goes to the per-command build.
import { describe, expect, it } from 'vitest';
import { opensInteractive } from '../../src/start.js';

describe('opensInteractive', () => {
  it.each([[[]], [['--relay', 'ws://a']], [['--relay', 'ws://a', '--relay', 'wss://b']], [['--relay=ws://a']], [['--relay=ws://a', '--relay', 'ws://b']]])(
    '%j opens the timeline',
    (args) => expect(opensInteractive(args)).toBe(true),
  );

  it.each([[['post', 'hi']], [['--help']], [['--version']], [['--relay']], [['--relay', 'ws://a', 'timeline']], [['timeline', '--relay', 'ws://a']], [['-h']], [['--relays=ws://a']]])(
    '%j does not',
    (args) => expect(opensInteractive(args)).toBe(false),
  );
});
