// `nostr-tui post <text>` / `post -`: a kind-1 note, signed, saved to the
// outbox, then sent to every write relay at once.
import { noteEncode } from 'nostr-tools/nip19';
import type { Argv } from 'yargs';
import { unixNow } from '../core/clock.js';
import { ExitCode, usageError } from '../core/errors.js';
import { noteTemplate } from '../core/events.js';
import { sanitizeLine } from '../core/sanitize.js';
import { accepted, publishEvent } from '../client/publish.js';
import { readAllStdin } from '../store/passphrase.js';
import { writeLine, type CommandContext, type GlobalArgs } from './context.js';
import type { CommandFactory } from './index.js';
import { resultsJson, withClient, writeResults } from './with-client.js';

interface PostArgs extends GlobalArgs {
  text?: string[];
  _?: (string | number)[];
  json?: boolean;
}

export const postCommand: CommandFactory = (ctx) => ({
  command: 'post [text..]',
  describe: 'Publish a short note to your write relays (`post -` reads it from stdin)',
  builder: (yargs: Argv) =>
    yargs
      // yargs re-parses positionals as options and would drop a lone `-`; with this it stays
      // text, and words that look like options are refused in noteText instead.
      .parserConfiguration({ 'unknown-options-as-args': true })
      .positional('text', { type: 'string', array: true, describe: 'The note; quote it, or give - to read stdin' })
      .option('json', { type: 'boolean', describe: 'Print {"id","event","relays":[{"url","ok","message"}]}' }),
  handler: (args) => post(ctx, args as PostArgs),
});

/** The words of the note; those after `--` (left in `_` by yargs) are taken as they are. */
async function noteText(ctx: CommandContext, words: readonly string[], literal: readonly string[]): Promise<string> {
  if (words.length === 1 && words[0] === '-' && literal.length === 0) {
    if (ctx.stdin.isTTY) writeLine(ctx.stderr, 'Type the note; end it with Ctrl-D on a line of its own.');
    // Typed or piped, the text is what came in, minus the newline that ends it.
    return (await readAllStdin(ctx.stdin)).replace(/\r?\n$/, '');
  }
  const option = words.find((word) => /^--?[A-Za-z]/.test(String(word)));
  if (option !== undefined) {
    throw usageError(`unknown option ${sanitizeLine(String(option)).slice(0, 40)} for post; to post text that starts with "-", put it after \`--\`.`);
  }
  return [...words, ...literal].map(String).join(' ');
}

async function post(ctx: CommandContext, args: PostArgs): Promise<void> {
  const text = await noteText(ctx, args.text ?? [], (args._ ?? []).slice(1).map(String));
  if (text.trim() === '') throw usageError('the post is empty: give the text, e.g. `nostr-tui post "hello nostr"`, or `post -` to read it from stdin.');
  await withClient(ctx, args, async (client) => {
    const { event, results } = await publishEvent(client, noteTemplate(text, unixNow(ctx.clock)));
    const ok = accepted(results).length > 0;
    if (args.json) {
      writeLine(ctx.stdout, JSON.stringify({ id: event.id, event, relays: resultsJson(results) }));
    } else {
      writeLine(ctx.stdout, noteEncode(event.id));
      writeResults(ctx, results);
    }
    if (!ok) {
      writeLine(ctx.stderr, 'nostr-tui: no relay accepted the post; it is kept in the outbox (`nostr-tui outbox` lists it, `nostr-tui outbox flush` sends it again).');
      ctx.exitCode = ExitCode.failed;
    }
  });
}
