// A command given too few arguments says, in one line, which command and where to read what it
// takes, and exits 2; it never repeats what was typed after the command's own words.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSecretKey } from 'nostr-tools/pure';
import { nsecEncode } from 'nostr-tools/nip19';
import { parseFailure } from '../../src/cli.js';
import { runInProcess, tempHome } from '../helpers/in-process-cli.js';

const nowSec = 1_800_000_000;
const home = tempHome('nostr-tui-missing-args-');
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('too few arguments', () => {
  it.each([
    [['follow'], '`nostr-tui follow` needs 1 more argument: see `nostr-tui follow --help`.'],
    [['dm', 'send'], '`nostr-tui dm send` needs 1 more argument: see `nostr-tui dm send --help`.'],
    [['relay', 'add'], '`nostr-tui relay add` needs 1 more argument: see `nostr-tui relay add --help`.'],
  ])('%j: one line naming the command, exit 2', async (argv, line) => {
    const result = await runInProcess(argv, { home, nowSec });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `nostr-tui: ${line}\n` });
  });

  it('what was typed after the command is not repeated (it may be a secret key)', () => {
    const nsec = nsecEncode(generateSecretKey());
    const line = parseFailure('Not enough non-option arguments: got 1, need at least 3', ['dm', 'send', nsec]);
    expect(line).toBe('`nostr-tui dm send` needs 2 more arguments: see `nostr-tui dm send --help`.');
  });

  it("yargs' other parse errors keep their words, with where to read usage", () => {
    expect(parseFailure('Unknown arguments: thread, x', ['thread', 'x'])).toBe('Unknown arguments: thread, x. Run `nostr-tui --help` for usage.');
    // An unknown --help-me is named once, not also as yargs' camel-case twin.
    expect(parseFailure('Unknown arguments: help-me, helpMe', ['key', 'import', '--help-me'])).toBe('Unknown argument: help-me. Run `nostr-tui --help` for usage.');
    expect(parseFailure('Unknown arguments: helpMe, x', ['x', '--helpMe'])).toBe('Unknown arguments: helpMe, x. Run `nostr-tui --help` for usage.');
  });

  it("a mistyped command is named with yargs' suggestion in full, and a sentence ends once", () => {
    expect(parseFailure('Did you mean show?', ['key', 'new'])).toBe('`nostr-tui key new` is not a command; did you mean `nostr-tui key show`? Run `nostr-tui key --help` for usage.');
    expect(parseFailure('Did you mean add?', ['relay', 'ad', 'wss://x.example'])).toBe('`nostr-tui relay ad` is not a command; did you mean `nostr-tui relay add`? Run `nostr-tui relay --help` for usage.');
    // A typo not taken as a word (too long, or like a secret key) is not repeated.
    expect(parseFailure('Did you mean show?', ['key', 'nsec1qqqqqqq'])).toBe('Did you mean show? Run `nostr-tui --help` for usage.');
    expect(parseFailure('Did you mean show?', ['key', 'averyverylongmistypedword'])).toBe('Did you mean show? Run `nostr-tui --help` for usage.');
    expect(parseFailure('Invalid values.', ['x'])).toBe('Invalid values. Run `nostr-tui --help` for usage.');
  });
});
