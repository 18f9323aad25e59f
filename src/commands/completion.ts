// `nostr-tui completion`: prints yargs' completion script for bash (or zsh when
// $SHELL is zsh). On each Tab the script runs `nostr-tui --get-yargs-completions
// <words>`, which yargs answers from the command tree, so it never goes stale.
import type { Argv, CommandModule } from 'yargs';

/**
 * The name yargs' own completion command is registered under, hidden. yargs
 * prints the script for that command but then, with exitProcess(false), also
 * runs the default command (the interactive UI); the visible `completion`
 * below prints it through a handler instead, and ends there.
 */
const YARGS_COMPLETION_COMMAND = 'yargs-completion-script';

type Done = (completions: string[]) => void;
type Fallback = (onCompleted: (error: Error | null, completions: string[] | undefined) => void) => void;

/** What the completion script passes on each Tab (yargs' completion key), before the words typed. */
export const COMPLETION_FLAG = '--get-yargs-completions';

/** Thrown where a command was about to act while the shell only asked for completions. */
export class CompletionOnly extends Error {}

/**
 * Turns on yargs' completion and adds the `completion` command printing its script. A Tab must
 * never run a command: `post` and `dm send` keep unknown options as text (a lone `-`, words that
 * look like options), and took the completion flag for words too, so yargs ran them (Tab after
 * `nostr-tui post half written thought` published that note). Their builders know the flag now
 * (completionFlag); and whatever a builder does, while completing, a command about to act stops.
 */
export function withCompletion<T>(parser: Argv<T>, argv: readonly string[]): Argv<T> {
  if (argv.includes(COMPLETION_FLAG)) {
    parser = parser.middleware(() => {
      throw new CompletionOnly();
    }, false);
  }
  return parser
    .completion(YARGS_COMPLETION_COMMAND, false, (_current: string, _argv: unknown, fallback: Fallback, done: Done) => {
      // The default command is listed as "$0": not a word anyone can type.
      fallback((error, completions) => done(error ? [] : (completions ?? []).filter((word) => !word.startsWith('$0')).map(asTyped(optionsOf(parser)))));
    })
    // @types/yargs 17 declares showCompletionScript() without its ($0, cmd) parameters.
    .command(completionCommand(() => (parser.showCompletionScript as (name: string, command: string) => unknown)('nostr-tui', 'completion')));
}

type Options = { boolean: string[]; default: Record<string, unknown> };
// @types/yargs 17 leaves out getOptions(): the options of the command being completed.
const optionsOf = (parser: unknown): Options => (parser as { getOptions(): Options }).getOptions();

/**
 * A boolean option on by default (key import's --adopt) is typed as its --no- form, the one the
 * help describes: offering `--adopt` would complete to a flag that changes nothing. zsh's words
 * carry `:description` after the flag.
 */
const asTyped =
  (options: Options) =>
  (word: string): string => {
    const name = /^--([^:]+)/.exec(word)?.[1];
    return name && options.boolean.includes(name) && options.default[name] === true ? `--no-${word.slice(2)}` : word;
  };

const completionCommand = (print: () => void): CommandModule => ({
  command: 'completion',
  describe: 'Print a shell completion script for bash or zsh (see the README to install it)',
  handler: () => {
    print();
  },
});

/**
 * For a builder with `unknown-options-as-args`: the completion key as an option it knows, so that
 * it is not taken for text and yargs answers the Tab instead of running the command.
 */
export const completionFlag = <T>(yargs: Argv<T>): Argv<T> => yargs.option(COMPLETION_FLAG.slice(2), { type: 'string', hidden: true });
