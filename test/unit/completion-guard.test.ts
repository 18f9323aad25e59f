// While the shell asks for completions, no command acts (src/commands/completion.ts): a command
// whose builder takes unknown options as text reads the completion flag as words, and yargs then
// runs its handler (Tab after `nostr-tui post half written` published that note).
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { COMPLETION_FLAG, CompletionOnly, withCompletion } from '../../src/commands/completion.js';

describe('withCompletion', () => {
  it('stops a command about to act during completion, even one whose builder swallows the flag', async () => {
    const argv = [COMPLETION_FLAG, 'nostr-tui', 'say', 'half', 'written', ''];
    let acted = false;
    const parser = withCompletion(
      yargs(argv)
        .exitProcess(false)
        .command({
          command: 'say [text..]',
          describe: 'says it',
          builder: (y) => y.parserConfiguration({ 'unknown-options-as-args': true }),
          handler: () => {
            acted = true;
          },
        }),
      argv,
    );
    await expect(async () => parser.parseAsync()).rejects.toBeInstanceOf(CompletionOnly);
    expect(acted).toBe(false);
  });

  it('leaves commands alone when not completing', async () => {
    const argv = ['say', 'hello'];
    let said: unknown;
    await withCompletion(
      yargs(argv)
        .exitProcess(false)
        .command({ command: 'say [text..]', describe: 'says it', handler: (args) => void (said = args.text) }),
      argv,
    ).parseAsync();
    expect(said).toEqual(['hello']);
  });
});
