// The work behind `nostr-tui follow`, loaded when the command runs (its options are in ../follow.ts).
import { cacheOf, type Client } from '../../client/client.js';
import { currentFollows, follow, unfollow } from '../../client/follows.js';
import { failure } from '../../core/errors.js';
import { followedPubkeys } from '../../core/follow-list.js';
import { nip05For, resolvePublicKey } from '../../client/public-key.js';
import { npub } from '../../core/identifiers.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { storedPubkey } from '../../store/keys.js';
import { writeLine, type CommandContext } from '../context.js';
import { listEditOutput } from './list-edit.js';
import { withClient } from '../with-client.js';
import type { FollowArgs } from '../follow.js';
import { cachedNames, namesFor, personText } from './names.js';
import { unknownList, warnListRead } from './unanswered.js';

/** The person followed or unfollowed, as `following` names them. */
const whoIs = (client: Client, pubkey: string): string => personText(cachedNames(cacheOf(client), [pubkey]), pubkey);

const UNCHANGED_TEXT = {
  self: () => 'That is your own key; nothing to change.',
  'already-following': (who: string) => `You already follow ${who}; nothing changed.`,
  'not-following': (who: string) => `You do not follow ${who}; nothing changed.`,
} as const;

export async function editFollows(ctx: CommandContext, args: FollowArgs, action: 'follow' | 'unfollow'): Promise<void> {
  // The user's own secret typed as a key is refused here, before any relay, outbox or signature;
  // a NIP-05 address (name@domain) is looked up first (src/client/public-key.ts).
  const target = await resolvePublicKey(args.who ?? '', storedPubkey(ctx.paths.configDir), () => nip05For(ctx));
  await withClient(ctx, args, async (client) => {
    const output = listEditOutput(ctx, client, args.json, {
      noun: 'follow list',
      unchanged: (why: keyof typeof UNCHANGED_TEXT) => UNCHANGED_TEXT[why](whoIs(client, target)),
      done: (event) => `${action === 'follow' ? 'Now following' : 'No longer following'} ${whoIs(client, target)}; ${followedPubkeys(event.tags).length} in your list.`,
    });
    output.finish(await (action === 'follow' ? follow : unfollow)(client, target, output.hooks));
  }, { retryOutbox: true }); // a writing command: earlier unsent events go out too, each to its own relays
}

export async function following(ctx: CommandContext, args: FollowArgs): Promise<void> {
  await withClient(ctx, args, async (client) => {
    const current = await currentFollows(client);
    if (current.answered === 0 && !current.event) throw failure(unknownList(current.relays.length, 'follow list'));
    warnListRead(ctx, current, 'follow list');
    // A relay that stalled on the list is not waited for again for names.
    client.stalled.learn(current.relays);
    if (args.json) {
      writeLine(ctx.stdout, JSON.stringify(current.entries.map((entry) => ({ npub: npub(entry.pubkey), ...entry }))));
      return;
    }
    if (current.entries.length === 0) {
      writeLine(ctx.stdout, 'You follow nobody yet: `nostr-tui follow <npub>` adds someone.');
      return;
    }
    // Names (issue #13): `Alice (npub1abcd…wxyz)`; the full npub when no name is known (--json has every key).
    const names = await namesFor(client, current.entries.map((entry) => entry.pubkey));
    for (const entry of current.entries) {
      const who = personText(names, entry.pubkey);
      const extra = [entry.petname && sanitizeLine(entry.petname), entry.relay && sanitizeLine(entry.relay)].filter(Boolean).join('  ');
      writeLine(ctx.stdout, extra ? `${who}  ${extra}` : who);
    }
  });
}
