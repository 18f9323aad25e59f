// The work behind `nostr-tui delete`, loaded when the command runs (its options are in ../delete.ts).
import { noteEncode } from 'nostr-tools/nip19';
import { deleteOwnEvent } from '../../client/notes.js';
import { accepted } from '../../client/publish.js';
import { ExitCode } from '../../core/errors.js';
import { parseEventRef } from '../../core/event-ref.js';
import { writeLine, type CommandContext } from '../context.js';
import type { DeleteArgs } from '../delete.js';
import { resultLines, resultsJson, withClient } from '../with-client.js';
import { writeUrls } from '../../core/relay-spec.js';
import type { Event } from 'nostr-tools';
import { storedPubkey } from '../../store/keys.js';

export async function deleteNote(ctx: CommandContext, args: DeleteArgs): Promise<void> {
  // Bad input is reported before any key, file or socket is touched.
  const ref = parseEventRef(String(args.note ?? ''), storedPubkey(ctx.paths.configDir));
  await withClient(ctx, args, async (client) => {
    // Said once it is saved, each relay's answer as it comes (see post).
    const lines = args.json ? undefined : resultLines(ctx, writeUrls(client.relays()));
    const hooks = (target: Event) => lines && { onSaved: () => writeLine(ctx.stdout, `Asked the relays to delete ${noteEncode(target.id)}.`), onResult: lines.line };
    const outcome = await deleteOwnEvent(client, ref, args.reason ?? '', hooks);
    if ('alreadyDeleted' in outcome) {
      // Asked before (the cache keeps the request): a friendly no-op, as a second like is.
      if (args.json) writeLine(ctx.stdout, JSON.stringify({ deleted: outcome.alreadyDeleted, unchanged: 'already-deleted' }));
      else writeLine(ctx.stdout, `You already asked the relays to delete ${noteEncode(outcome.alreadyDeleted)}, and none of them has it; nothing was sent.`);
      return;
    }
    const { event, results, target } = outcome;
    if (lines) lines.finish(results);
    else writeLine(ctx.stdout, JSON.stringify({ id: event.id, event, deleted: target.id, relays: resultsJson(results) }));
    if (accepted(results).length === 0) {
      writeLine(ctx.stderr, 'nostr-tui: no relay accepted the deletion; it is kept in the outbox (`nostr-tui outbox flush` sends it again).');
      ctx.exitCode = ExitCode.failed;
    }
  }, { retryOutbox: true }); // a writing command: earlier unsent events go out too, each to its own relays
}
