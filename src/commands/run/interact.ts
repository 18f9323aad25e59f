// The work behind `nostr-tui like|unlike|repost|unrepost`, loaded when the command runs (its
// options are in ../interact.ts). The same service as `l` and `t` in the timeline
// (src/client/interactions.ts): the relays are asked first whether it was already done, so a
// script run twice likes once, and an undo deletes the user's own reaction or repost (NIP-09).
import type { VerifiedEvent } from 'nostr-tools';
import { noteEncode } from 'nostr-tools/nip19';
import { cacheOf, ownKey } from '../../client/client.js';
import { createInteractions, type InteractionOutcome } from '../../client/interactions.js';
import { lookUpEvent, noteInRepost, noteNotFound } from '../../client/notes.js';
import { accepted, publishEvent, resendEvent } from '../../client/publish.js';
import { ExitCode } from '../../core/errors.js';
import { parseEventRef } from '../../core/event-ref.js';
import { writeLine, type CommandContext } from '../context.js';
import type { InteractArgs, Interaction } from '../interact.js';
import { resultsJson, withClient, writeOutput } from '../with-client.js';
import { allUrls } from '../../core/relay-spec.js';
import { storedPubkey } from '../../store/keys.js';

const nothingSent: Record<Interaction, string> = {
  like: 'You already like {note}; nothing was sent.',
  unlike: 'You do not like {note} (your relays hold no like of yours for it); nothing was sent.',
  repost: 'You already reposted {note}; nothing was sent.',
  unrepost: 'You have not reposted {note} (your relays hold no repost of yours for it); nothing was sent.',
};

/** A like or repost done earlier that only the cache still had: the same event went to the relays again. */
const sentAgain = (action: Interaction, note: string): string =>
  `You already ${action === 'repost' ? 'reposted' : 'like'} ${note}, but none of your relays had your ${action} ` +
  '(one may have dropped it, or your relays changed): sent it to them again.';

const done: Record<Interaction, string> = {
  like: 'Liked {note}.',
  unlike: 'Asked the relays to delete your like of {note}.',
  repost: 'Reposted {note}.',
  unrepost: 'Asked the relays to delete your repost of {note}.',
};

export async function interact(ctx: CommandContext, args: InteractArgs, action: Interaction): Promise<void> {
  // Bad input is reported before any key, file or socket is touched.
  const ref = parseEventRef(String(args.note ?? ''), storedPubkey(ctx.paths.configDir));
  await withClient(ctx, args, async (client) => {
    const me = ownKey(client);
    // A read-only key or a wrong passphrase fails before any relay is asked.
    await client.signer();
    const lookup = await lookUpEvent(client, ref);
    const named = lookup.found;
    if (!named) throw noteNotFound(lookup, { hint: true, then: 'nothing was sent' });
    // A repost stands for the note it carries, as `l` and `t` on a repost in the timeline.
    const repost = named.event.kind === 6 || named.event.kind === 16 ? named.event : undefined;
    const carried = repost ? await noteInRepost(client, repost) : lookup;
    const found = carried.found;
    if (!found) {
      const missing = 'that is a repost, and the note it carries is in neither the cache nor your relays';
      throw noteNotFound(carried, { what: 'the note that repost carries', missing, then: 'nothing was sent' });
    }
    const target = found.event;
    const note = noteEncode(target.id);
    if (repost && !args.json) writeLine(ctx.stdout, `${noteEncode(repost.id)} is a repost: this acts on the note it carries, ${note}.`);
    const output = writeOutput(ctx, client, args.json);
    const interactions = createInteractions({
      clock: client.clock,
      me: () => me,
      batchMs: 0,
      cached: (filters) => cacheOf(client)?.query(filters) ?? [],
      // Every configured relay: the user's own reactions and reposts are on their write relays.
      fetch: async (filters) => (await client.pool().query(filters, { relays: allUrls(client.relays()) })).events,
      // Said once it is saved, each relay's answer as it comes (see post).
      publish: (template) => publishEvent(client, template, output.hooks(() => done[action].replace('{note}', note))),
      resend: (event) => resendEvent(client, event as VerifiedEvent, output.hooks(() => sentAgain(action, note))),
    });
    // NIP-25/18: the `e` tag names a relay the note was seen on, so others can find it.
    const hint = found.relay;
    const outcome: InteractionOutcome =
      action === 'like' ? await interactions.like(target, hint)
      : action === 'repost' ? await interactions.repost(target, hint)
      : action === 'unlike' ? await interactions.unlike(target)
      : await interactions.unrepost(target);
    if (!outcome.event) {
      if (args.json) writeLine(ctx.stdout, JSON.stringify({ note: target.id, ...(repost ? { repost: repost.id } : {}), unchanged: outcome.unchanged }));
      else writeLine(ctx.stdout, nothingSent[action].replace('{note}', note));
      return;
    }
    output.finish(outcome.results, () => ({
      note: target.id,
      ...(repost ? { repost: repost.id } : {}),
      event: outcome.event,
      relays: resultsJson(outcome.results),
      ...(outcome.resent ? { resent: true } : {}),
    }));
    if (accepted(outcome.results).length === 0) {
      writeLine(ctx.stderr, 'nostr-tui: no relay accepted it; it is kept in the outbox (`nostr-tui outbox flush` sends it again).');
      ctx.exitCode = ExitCode.failed;
    }
  }, { retryOutbox: true }); // a writing command: earlier unsent events go out too, each to its own relays
}
