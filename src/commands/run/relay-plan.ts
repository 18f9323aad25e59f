// `nostr-tui relay plan`: where the outbox model (NIP-65) would ask for each
// person you follow, under the connection budget, and whom it cannot reach.
import { shortNpub } from '../../core/identifiers.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { currentFollows } from '../../client/follows.js';
import { createRouter } from '../../client/router.js';
import { writeLine, type CommandContext } from '../context.js';
import type { RelayArgs } from '../relay.js';
import { withClient } from '../with-client.js';
import { readUrls } from '../../core/relay-spec.js';

/**
 * What `timeline` (and Home) asks: your read relays for everyone you follow, and each person's
 * write relays besides (NIP-65), unless --relay named the relays for this run: then only those.
 */
export async function plan(ctx: CommandContext, args: RelayArgs): Promise<void> {
  await withClient(ctx, args, async (client) => {
    // Bad settings are bad input: said before any relay is asked.
    const router = createRouter(client, ctx.env);
    const follows = await currentFollows(client);
    const authors = follows.entries.map((entry) => entry.pubkey);
    const userRelays = readUrls(client.relays());
    const yours = userRelays.map((url) => ({ url, role: 'yours', authors }));
    if (client.pinnedRelays) {
      if (args.json) {
        writeLine(ctx.stdout, JSON.stringify({ budget: router.budget, discoveryRelays: [], follows: authors.length, withRelayList: null, relays: yours, fallback: [], uncovered: [] }));
        return;
      }
      writeLine(ctx.stdout, `${authors.length} people followed, all read from the relays --relay named (no outbox relays, no relay lists looked up):`);
      for (const relay of yours) writeLine(ctx.stdout, `  ${sanitizeLine(relay.url)}`);
      return;
    }
    const route = await router.route(authors);
    router.save();
    const outbox = [...route.plan.routes].filter(([url]) => !userRelays.includes(url)).map(([url, routed]) => ({ url, role: 'outbox', authors: routed }));
    const relays = [...yours, ...outbox];
    if (args.json) {
      writeLine(
        ctx.stdout,
        JSON.stringify({
          budget: router.budget,
          discoveryRelays: router.discoveryRelays,
          follows: authors.length,
          withRelayList: route.lists.size,
          relays,
          fallback: route.plan.fallback,
          uncovered: route.plan.uncovered,
        }),
      );
      return;
    }
    writeLine(ctx.stdout, `${authors.length} people followed, ${route.lists.size} with a relay list; ${relays.length} of at most ${router.budget} relays:`);
    const width = Math.max(0, ...relays.map((relay) => sanitizeLine(relay.url).length));
    for (const relay of relays.sort((a, b) => b.authors.length - a.authors.length || a.url.localeCompare(b.url))) {
      const who = relay.role === 'yours' ? 'yours' : 'outbox';
      writeLine(ctx.stdout, `  ${sanitizeLine(relay.url).padEnd(width)}  ${who}, ${relay.authors.length} ${relay.authors.length === 1 ? 'person' : 'people'}`);
    }
    if (route.plan.fallback.length > 0) {
      writeLine(ctx.stdout, `${route.plan.fallback.length} without a relay list are read from your relays and every outbox relay above.`);
    }
    if (route.plan.uncovered.length > 0) {
      writeLine(
        ctx.stdout,
        `${route.plan.uncovered.length} whose relays do not fit the budget (NOSTR_TUI_MAX_RELAYS) are read from your relays: ${route.plan.uncovered.slice(0, 5).map(shortNpub).join(', ')}${route.plan.uncovered.length > 5 ? ', …' : ''}`,
      );
    }
  });
}
