// The work behind `nostr-tui delete`, loaded when the command runs (its options are in ../delete.ts).
import { noteEncode } from 'nostr-tools/nip19';
import { deleteOwnEvent } from '../../client/notes.js';
import { accepted } from '../../client/publish.js';
import { ExitCode } from '../../core/errors.js';
import { parseEventRef } from '../../core/event-ref.js';
import { refuseSecretIn } from '../../core/secret-in-text.js';
import { writeLine, type CommandContext } from '../context.js';
import type { DeleteArgs } from '../delete.js';
import { resultsJson, withClient, writeOutput } from '../with-client.js';
import { storedPubkey } from '../../store/keys.js';

export async function deleteNote(ctx: CommandContext, args: DeleteArgs): Promise<void> {
  // Bad input is reported before any key, file or socket is touched.
  const own = storedPubkey(ctx.paths.configDir);
  const ref = parseEventRef(String(args.note ?? ''), own);
  // The reason is the request's content, public like a note (NIP-09).
  refuseSecretIn('deletion', [args.reason], own);
  await withClient(ctx, args, async (client) => {
    // Said once it is saved, each relay's answer as it comes (see post).
    const output = writeOutput(ctx, client, args.json);
    const outcome = await deleteOwnEvent(client, ref, args.reason ?? '', output.hooks(() => `Asked the relays to delete ${noteEncode(ref.id)}.`));
    if ('alreadyDeleted' in outcome && outcome.withdrawn) {
      // Taken out of the outbox unsent by an earlier delete: no relay was ever asked, nor needs to be.
      const note = noteEncode(outcome.alreadyDeleted);
      if (args.json) writeLine(ctx.stdout, JSON.stringify({ deleted: outcome.alreadyDeleted, unchanged: 'already-deleted', withdrawn: outcome.withdrawn }));
      else writeLine(ctx.stdout, `You already took ${note} out of the outbox before any relay had it: it was never sent, so no relay needs asking to delete it; nothing was sent.`);
      return;
    }
    if ('alreadyDeleted' in outcome) {
      // Asked before (the cache keeps the request): a friendly no-op, as a second like is.
      const asked = outcome.noRelayAnswered;
      if (args.json) writeLine(ctx.stdout, JSON.stringify({ deleted: outcome.alreadyDeleted, unchanged: 'already-deleted' }));
      else writeLine(ctx.stdout, `You already asked the relays to delete ${noteEncode(outcome.alreadyDeleted)}${asked ? '' : ', and none of them has it'}; nothing was sent.`);
      if (asked) writeLine(ctx.stderr, `nostr-tui: note: no relay answered (${asked} asked), so whether one still has it is not known.`);
      return;
    }
    const { event, results, target, withdrawn } = outcome;
    if (withdrawn === 'unsent') {
      // Still in the outbox and on no relay: taken out, and there is nothing to ask any relay.
      if (args.json) writeLine(ctx.stdout, JSON.stringify({ deleted: target.id, withdrawn }));
      else writeLine(ctx.stdout, `Took ${noteEncode(target.id)} out of the outbox before any relay had it: it will never be sent, so no relay needs asking to delete it.`);
      return;
    }
    output.finish(results, () => ({ id: event.id, event, deleted: target.id, relays: resultsJson(results), ...(withdrawn ? { withdrawn } : {}) }));
    if (withdrawn && !args.json) {
      writeLine(ctx.stdout, `It was still in the outbox: taken out, so it is never sent again (a relay may have received it without answering, hence the request).`);
    }
    if (accepted(results).length === 0) {
      writeLine(ctx.stderr, 'nostr-tui: no relay accepted the deletion; it is kept in the outbox (`nostr-tui outbox flush` sends it again).');
      ctx.exitCode = ExitCode.failed;
    }
  }, { retryOutbox: true }); // a writing command: earlier unsent events go out too, each to its own relays
}
