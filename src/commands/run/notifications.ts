// The work behind `nostr-tui notifications` (options in ../notifications.ts):
import { cacheOf } from '../../client/client.js';
import { isMutedEvent, loadMuteSet, openHiding } from '../../client/mutes.js';
// the same service as the Notifications view, answered once. Reading them here
// does not mark them seen: the view's unread count is the interactive user's.
import { createNotifications, lookUpNotes } from '../../client/notifications.js';
import { unixNow, utcMinute } from '../../core/clock.js';
import { failure, usageError } from '../../core/errors.js';
import { mentionedPeople, renderMentions } from '../../core/mentions.js';
import { groupNotifications } from '../../core/notifications.js';
import { describeGroup, groupBody, groupWarning } from '../../core/notifications-text.js';
import { shortNpub } from '../../core/identifiers.js';
import { readUrls, writeUrls } from '../../core/relay-spec.js';
import { sanitize } from '../../core/sanitize.js';
import { parseSince } from '../../core/since.js';
import { wrapText } from '../../core/text-layout.js';
import { writeLine, type CommandContext } from '../context.js';
import { withClient } from '../with-client.js';
import { namesFor } from './names.js';
import { NOTIFICATIONS_LIMIT, NOTIFICATIONS_SINCE, type NotificationsArgs } from '../notifications.js';
import type { Event } from 'nostr-tools';
import type { Notification } from '../../core/notifications.js';
import { warningText } from '../../core/content-warning.js';
import { untilStopped } from './stream-notes.js';
import { warnSilent } from './unanswered.js';

export async function notifications(ctx: CommandContext, args: NotificationsArgs): Promise<void> {
  const limit = args.limit ?? NOTIFICATIONS_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw usageError('--limit must be a whole number of at least 1');
  const now = unixNow(ctx.clock);
  const since = parseSince(args.since ?? NOTIFICATIONS_SINCE, now);
  await withClient(ctx, args, async (client) => {
    const me = client.publicKey();
    if (!me) throw failure('no key yet, so nobody can have written to you: run `nostr-tui key generate` or `nostr-tui key import`.');
    const readRelays = readUrls(client.relays());
    if (readRelays.length === 0) throw failure('no read relays: add one with `nostr-tui relay add wss://…` (or pass --relay).');
    const store = cacheOf(client);
    const deps = { pool: client.pool(), clock: ctx.clock, store, me, readRelays, noteRelays: writeUrls(client.relays()) };
    // Muted people, hashtags and words (NIP-51, the private part too) notify nobody, as in the
    // Notifications view: left out before --limit counts, and from what --stream prints.
    const mutes = loadMuteSet(client, client.stalled);
    const service = await openHiding(client, mutes, (muted) => createNotifications(deps, { since, limit, hide: (event) => isMutedEvent(event, muted) }));
    const outcomes = await service.feed.settled;
    // What was deleted (NIP-09) but may still be cached is left out.
    await service.deletionsChecked;
    const list = service.list().slice(0, limit);
    if (!args.stream) service.close();
    // People by name, `Alice (npub1…)` as in `timeline`; in a note's text, `@Alice`. JSON shows no names.
    const names = args.json ? undefined : await namesFor(client, list.flatMap((n) => [n.actor, ...mentionedPeople(n.event.content)]));
    /** Newest first; the groups of the text output too. With --stream, the newest comes last, where the next ones follow. */
    const print = async (shown: Notification[]) => {
      const notes = await lookUpNotes(deps, shown.flatMap((n) => (n.target ? [n.target] : []))).catch(() => new Map<string, Event>());
      if (args.json) {
        for (const n of args.stream ? [...shown].reverse() : shown) {
          // The events exactly as received (JSON.stringify of the signed fields): byte-exact for scripts.
          const line = { type: n.type, actor: n.actor, ...(n.sats === undefined ? {} : { sats: n.sats }), event: n.event, note: (n.target && notes.get(n.target)) || null };
          writeLine(ctx.stdout, JSON.stringify(line));
        }
        return;
      }
      const nameOf = (pubkey: string) => names!.nameOf(pubkey) ?? shortNpub(pubkey);
      const groups = groupNotifications(shown);
      for (const group of args.stream ? groups.reverse() : groups) {
        writeLine(ctx.stdout, describeGroup(group, names!.label, (id) => notes.get(id), nameOf));
        const body = sanitize(renderMentions(groupBody(group), nameOf)).trim();
        // NIP-36: the text was asked for, and is marked as its author marked it.
        const warning = groupWarning(group);
        if (warning !== undefined) writeLine(ctx.stdout, `  ${warningText(warning)}`);
        for (const line of body ? wrapText(body, 76, 4) : []) writeLine(ctx.stdout, `  ${line}`);
      }
    };
    await print(list);
    if (!outcomes.some((o) => o.eose)) {
      const why = `no relay answered (${outcomes.length} asked)`;
      const fix = 'check your connection or relays (`nostr-tui relay list`)';
      if (list.length === 0) throw failure(`${why}; ${fix}.`);
      // The cache had something to show: a result (exit 0), said to be only that, as `timeline` does.
      const shown = `${list.length} cached notification${list.length === 1 ? '' : 's'}`;
      writeLine(ctx.stderr, `nostr-tui: warning: ${why}; showed ${shown}. ${fix[0]!.toUpperCase()}${fix.slice(1)}.`);
    }
    warnSilent(ctx, outcomes, 'showing what the others and the cache hold');
    // Said on stderr, so stdout stays empty for a script: silence would leave a person wondering.
    if (list.length === 0 && !args.json) {
      const hint = args.since === undefined ? ' (`--since 4w` looks further back)' : '';
      writeLine(ctx.stderr, `nostr-tui: no notifications since ${utcMinute(since)}${hint}.`);
    }
    if (args.stream) {
      // Each new one alone, in the order it came (a like on a note is not regrouped with earlier ones).
      const printed = new Set(service.list().map((n) => n.event.id));
      let printing = Promise.resolve();
      const fresh = () => {
        const shown = service.list().filter((n) => !printed.has(n.event.id));
        for (const n of shown) printed.add(n.event.id);
        for (const n of [...shown].reverse()) printing = printing.then(() => print([n]));
      };
      await untilStopped(ctx, (changed) => service.onChange(changed), fresh);
      await printing;
      service.close();
    }
  }, { openCache: true });
}
