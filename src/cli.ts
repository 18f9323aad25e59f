// The command tree. One top-level catch turns every error into one line for a
// person and an exit code; stack traces never reach the user.
import { systemClock } from './core/clock.js';
import { ExitCode, UserError, usageError } from './core/errors.js';
import { redactSecrets } from './core/redact.js';
import { CompletionOnly, withCompletion } from './commands/completion.js';
import { commands } from './commands/index.js';
import { limitHeapGrowth } from './heap-growth.js';
import { interactiveRelays } from './interactive-args.js';
import { openTimeline } from './commands/ui.js';
import { packageVersion } from './commands/version.js';
import type { CommandContext } from './commands/context.js';
import { resolvePaths } from './store/paths.js';
import { startupMark } from './store/startup-trace.js';

const ISSUES_URL = 'https://github.com/nostr-tui/nostr-tui/issues';

export async function main(argv: string[], ctx: CommandContext): Promise<number> {
  const relays = interactiveRelays(argv);
  if (relays) {
    try {
      await openTimeline(ctx, relays.length > 0 ? relays : undefined);
      return ctx.exitCode;
    } catch (error) {
      return reportError(error, ctx, argv);
    }
  }
  // Loaded only for a command: the interactive start never evaluates it.
  const { default: yargs } = await import('yargs');
  let parser = yargs(argv)
    .scriptName('nostr-tui')
    .usage('$0 [command]\n\nA terminal client for Nostr. With no command, opens the interactive timeline.')
    .option('relay', {
      type: 'string',
      array: true,
      global: true,
      // `post hi --relay $EMPTY`: without this the flag was dropped and the note went everywhere.
      requiresArg: true,
      describe: 'Use this relay (ws:// or wss://) instead of the configured ones, for this run only; repeatable',
    })
    // `--relay a "text"`: an array option must not swallow the words after its value
    // (repeat the flag for more relays), so `--` and positionals mean what they say.
    .parserConfiguration({ 'greedy-arrays': false })
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(packageVersion())
    .wrap(Math.min(100, ctx.stdout.columns ?? 80))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs reports its own parse errors as `message` (some, like a missing option value, as a
      // YError); handler errors arrive as `error`.
      if (error && error.name !== 'YError') throw error;
      throw usageError(parseFailure(message ?? error?.message ?? '', argv));
    });
  for (const factory of commands) parser = parser.command(factory(ctx));
  parser = withCompletion(parser, argv);
  try {
    await parser.parseAsync();
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, ctx, argv);
  }
}

/** yargs' parse error as one line for a person: what is wrong, and where to read what the command takes. */
export function parseFailure(message: string, argv: readonly string[]): string {
  // The command's own words (`follow`, `dm send`), never what was typed after them: that may be a key.
  const words: string[] = [];
  for (const word of argv) {
    if (words.length === 2 || !/^[a-z][a-z0-9-]{0,15}$/.test(word) || /^n(sec|cryptsec)1/.test(word)) break;
    words.push(word);
  }
  // `key new`: yargs says only "Did you mean show?". It suggests only among a command's own (the
  // top level has a default command), so the typo is the second word, when it was taken as one.
  const suggested = /^Did you mean ([a-z][a-z0-9-]*)\?$/.exec(message);
  if (suggested && words.length === 2) {
    const parent = `nostr-tui ${words[0]}`;
    return `\`${parent} ${words[1]}\` is not a command; did you mean \`${parent} ${suggested[1]}\`? Run \`${parent} --help\` for usage.`;
  }
  const noValue = /^Not enough arguments following: ([a-z-]+)$/.exec(message);
  if (noValue) return `--${noValue[1]} needs ${OPTION_VALUE[noValue[1]!] ?? 'a value'}; nothing was done.`;
  const missing = /^Not enough non-option arguments: got (\d+), need at least (\d+)/.exec(message);
  if (!missing) {
    const text = withoutCamelTwins(message);
    return `${/[.?!]$/.test(text) ? text : `${text}.`} Run \`nostr-tui --help\` for usage.`;
  }
  const command = ['nostr-tui', ...words].join(' ');
  const more = Number(missing[2]) - Number(missing[1]);
  return `\`${command}\` needs ${more} more argument${more === 1 ? '' : 's'}: see \`${command} --help\`.`;
}

/**
 * What an option given with no value (`--relay` last, `--relay $EMPTY`) needed. yargs refuses it
 * (requiresArg) instead of dropping it: `post hi --relay` sent the note to every relay.
 */
const OPTION_VALUE: Record<string, string> = {
  relay: 'a relay URL, like `--relay wss://nos.lol`',
  reply: 'the note to reply to: note1…, nevent1… or its hex id',
  reason: 'the reason as text (`--reason ""` for none)',
  since: 'a time: 30m, 2h, 1d, 2w or a unix time',
  until: 'a time: 30m, 2h, 1d, 2w or a unix time',
  limit: 'a number',
  tag: 'a hashtag, like `--tag nostr`',
  author: 'a person: npub1…, nprofile1… or hex',
  kind: 'an event kind, like `--kind 1`',
  ...Object.fromEntries(
    ['name', 'display-name', 'about', 'picture', 'banner', 'website', 'nip05', 'lud16'].map((field) => [field, `its new value (\`--${field} ""\` removes it)`]),
  ),
};

/** yargs names an unknown `--help-me` twice, as `help-me, helpMe`: once is enough. */
function withoutCamelTwins(message: string): string {
  const unknown = /^(Unknown arguments?): (.*)$/.exec(message);
  if (!unknown) return message;
  const names = unknown[2]!.split(', ');
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const kept = names.filter((name) => kebab(name) === name || !names.includes(kebab(name)));
  return `${kept.length === 1 ? 'Unknown argument' : 'Unknown arguments'}: ${kept.join(', ')}`;
}

async function reportError(error: unknown, ctx: CommandContext, argv: readonly string[]): Promise<number> {
  // A Tab that reached a command: nothing was done, and nothing is printed into the shell's prompt.
  if (error instanceof CompletionOnly) return ExitCode.ok;
  const message = error instanceof Error ? error.message : String(error);
  const known = await ownSecretsInMessage(message, argv, ctx);
  const redact = (text: string) => redactSecrets(text, known);
  if (error instanceof UserError) {
    ctx.stderr.write(`nostr-tui: ${redact(error.message)}\n`);
    return error.exitCode;
  }
  ctx.stderr.write(
    `nostr-tui: unexpected error: ${redact(message).split('\n')[0]}\n` +
      `This is a bug; please report it at ${ISSUES_URL} with the command you ran.\n`,
  );
  return ExitCode.failed;
}

/**
 * A reader that stopped reading (`nostr-tui outbox --json | head -c10`): exit quietly, as other
 * command-line tools do. Output that cannot be written (a full disk, `> /dev/full`): one line on
 * stderr and exit 1, never a stack trace. Nothing is lost by stopping: what was signed is in the outbox.
 */
function exitOnOutputError(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    // A stderr that cannot be written cannot say so either.
    if (stream !== process.stderr) process.stderr.write(`nostr-tui: cannot write the output (${writeFailure(error)})\n`);
    process.exit(ExitCode.failed);
  });
}

/** `ENOSPC: no space left on device, write` -> `ENOSPC: no space left on device`. */
const writeFailure = (error: NodeJS.ErrnoException): string => error.message.split('\n')[0]!.replace(/, write$/, '');

/** Real process wiring; only the bin shim gets here. */
export async function run(): Promise<void> {
  startupMark('cli-loaded');
  limitHeapGrowth();
  exitOnOutputError(process.stdout);
  exitOnOutputError(process.stderr);
  const ctx: CommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    clock: systemClock,
    paths: resolvePaths(process.env),
    exitCode: ExitCode.ok,
  };
  process.exitCode = await main(process.argv.slice(2), ctx);
}

/**
 * What `text` shows of the user's own secret key: the key in hex (yargs names an argument it does
 * not take), a piece of it (a message that quotes a bad value cut short), or a note1… made from it.
 * The secret is recognised in the message or in what was typed (`argv`, the NOSTR_TUI_ variables)
 * by the public key it derives, so none of it is printed back. Only a message or input with 64 hex
 * characters or a NIP-19 word in it costs reading the key file (and loading what reads it).
 */
async function ownSecretsInMessage(text: string, argv: readonly string[], ctx: CommandContext): Promise<string[]> {
  const typed = [text, ...argv, ...Object.entries(ctx.env).flatMap(([name, value]) => (name.startsWith('NOSTR_TUI_') && value ? [value] : []))].join('\n');
  if (!/[0-9a-f]{64}|(note|npub|nevent|nprofile|naddr)1/i.test(typed)) return [];
  const [{ storedPubkey }, { ownSecretsTyped, secretTracesIn }] = await Promise.all([import('./store/keys.js'), import('./core/secret-traces.js')]);
  const secrets = ownSecretsTyped(typed, storedPubkey(ctx.paths.configDir));
  // The longest first: a piece is replaced only where the whole was not.
  return [...secrets, ...secretTracesIn(text, secrets)].sort((a, b) => b.length - a.length);
}
