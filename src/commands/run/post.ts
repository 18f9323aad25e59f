// The work behind `nostr-tui post`, loaded when the command runs (its options are in ../post.ts).
import { cacheOf } from '../../client/client.js';
import { noteEncode } from 'nostr-tools/nip19';
import { unixNow } from '../../core/clock.js';
import type { EventTemplate } from 'nostr-tools';
import type { Client } from '../../client/client.js';
import { lookUpEvent, noteNotFound } from '../../client/notes.js';
import { parseEventRef, type EventRef } from '../../core/event-ref.js';
import { ExitCode, usageError } from '../../core/errors.js';
import { replyTemplate } from '../../core/interactions.js';
import { noteTemplate } from '../../core/events.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { refuseSecretIn } from '../../core/secret-in-text.js';
import { accepted, publishEvent } from '../../client/publish.js';
import { readAllStdin } from '../../store/passphrase.js';
import { storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import { resultsJson, withClient, writeOutput } from '../with-client.js';
import type { PostArgs } from '../post.js';

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

export async function post(ctx: CommandContext, args: PostArgs): Promise<void> {
  // Bad input is reported before anything is read, signed or sent.
  const replyTo = args.reply === undefined ? undefined : parseEventRef(String(args.reply), storedPubkey(ctx.paths.configDir));
  const warning = args.contentWarning === undefined ? undefined : String(args.contentWarning);
  const text = await noteText(ctx, args.text ?? [], (args._ ?? []).slice(1).map(String));
  if (text.trim() === '') throw usageError('the post is empty: give the text, e.g. `nostr-tui post "hello nostr"`, or `post -` to read it from stdin.');
  // Its content warning's reason is published with it (NIP-36).
  refuseSecretIn('note', [text, warning], storedPubkey(ctx.paths.configDir));
  await withClient(ctx, args, async (client) => {
    // A quoted note1 names neither its author nor a relay; the cache may know both (NIP-18 q tag, and p to tell them).
    const tagging = {
      authorOf: (id: string) => cacheOf(client)?.query([{ ids: [id], limit: 1 }])[0]?.pubkey,
      relayOf: (id: string) => cacheOf(client)?.relaysOf([id]).get(id)?.[0],
      self: client.publicKey(),
    };
    const now = unixNow(ctx.clock);
    const template = replyTo ? await replyTemplateFor(client, replyTo, text, now, tagging) : noteTemplate(text, now, tagging);
    // NIP-36: the reason as the user wrote it, in one tag.
    if (warning !== undefined) template.tags.push(['content-warning', warning]);
    // The note's id once it is saved, and each relay's answer as it comes (a relay that never
    // answers is waited for, 8 s, but holds nothing else back); JSON once all have answered.
    const output = writeOutput(ctx, client, args.json);
    const { event, results } = await publishEvent(client, template, output.hooks((saved) => noteEncode(saved.id)));
    const ok = accepted(results).length > 0;
    output.finish(results, () => ({ id: event.id, event, relays: resultsJson(results) }));
    if (!ok) {
      writeLine(ctx.stderr, 'nostr-tui: no relay accepted the post; it is kept in the outbox (`nostr-tui outbox` lists it, `nostr-tui outbox flush` sends it again).');
      ctx.exitCode = ExitCode.failed;
    }
  }, { retryOutbox: true }); // a writing command: earlier unsent events go out too, each to its own relays
}

/**
 * A reply to the note `ref` names, as the UI's `r` makes it (NIP-10: the thread's root and the
 * note answered as marked `e` tags, its people as `p` tags): the note itself is needed for that,
 * from the cache or the relays (with the nevent's hints). The `e` tags name a relay it was seen on.
 */
async function replyTemplateFor(client: Client, ref: EventRef, text: string, now: number, tagging: Parameters<typeof noteTemplate>[2]): Promise<EventTemplate> {
  const lookup = await lookUpEvent(client, ref);
  const found = lookup.found;
  if (!found) throw noteNotFound(lookup, { what: 'the note to reply to', hint: true, then: 'nothing was posted' });
  const parent = found.event;
  if (parent.kind !== 1) throw usageError(`that is not a short note (it is kind ${parent.kind}); \`post --reply\` answers kind-1 notes (NIP-10).`);
  return replyTemplate(text, parent, now, found.relay, tagging);
}
