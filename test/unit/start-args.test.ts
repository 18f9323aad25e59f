// The arguments that open the interactive timeline (src/interactive-args.ts): they pick the
// interactive bundle (src/start.ts) and skip the command parser (src/cli.ts); every command,
// flag or stray word goes to the per-command build and to yargs.
import { describe, expect, it } from 'vitest';
import { interactiveRelays } from '../../src/interactive-args.js';

describe('interactiveRelays', () => {
  it.each([
    [[], []],
    [['--relay', 'ws://a'], ['ws://a']],
    [['--relay', 'ws://a', '--relay', 'wss://b'], ['ws://a', 'wss://b']],
    [['--relay=ws://a'], ['ws://a']],
    [['--relay=ws://a', '--relay', 'ws://b'], ['ws://a', 'ws://b']],
    [['--relay='], ['']],
  ])('%j opens the timeline on %j', (args, relays) => expect(interactiveRelays(args)).toEqual(relays));

  it.each([[['post', 'hi']], [['--help']], [['--version']], [['--relay']], [['--relay', 'ws://a', 'timeline']], [['timeline', '--relay', 'ws://a']], [['-h']], [['--relays=ws://a']]])(
    '%j does not',
    (args) => expect(interactiveRelays(args)).toBeUndefined(),
  );
});
