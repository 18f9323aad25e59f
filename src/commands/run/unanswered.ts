// Relays that did not answer (down, refused, stalled) while others did: said on stderr, one
// line, so the user knows what they see came from fewer relays than asked. A read or an edit
// made from the newest copy (src/client/newest-copy.ts) says so, as a one-shot feed does.
import type { NewestLookup } from '../../client/newest-copy.js';
import { ExitCode } from '../../core/errors.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { RelayOutcome } from '../../net/types.js';
import { writeLine, type CommandContext } from '../context.js';

/** When some relays answered (EOSE) and some did not: `nostr-tui: note: <those> did not answer; <rest>.` */
export function warnSilent(ctx: CommandContext, relays: readonly RelayOutcome[], rest: string): void {
  const silent = relays.filter((relay) => !relay.eose).map((relay) => sanitizeLine(relay.url));
  if (silent.length > 0 && silent.length < relays.length) writeLine(ctx.stderr, `nostr-tui: note: ${silent.join(', ')} did not answer; ${rest}.`);
}

/** `noun` names what was looked up ("follow list"); `read`: it was shown rather than edited. */
export function warnUnanswered(ctx: CommandContext, lookup: Pick<NewestLookup, 'relays'>, noun: string, read = false): void {
  warnSilent(ctx, lookup.relays, read ? `this is the newest copy of your ${noun} the others have` : `the newest ${noun} from the others was used`);
}

/**
 * A list shown as the relays have it (`following`, `mutes`, `bookmarks`): a note when it is the
 * local copy (no relay answered) or when some relays did not answer; a warning and exit 1 when a
 * relay sent an event too big to read (over the message or tag limits), which may be the newest
 * copy: what is shown may be older than what the relays hold, and a script must not take it as
 * the list (an edit of it is refused for the same reason).
 */
export function warnListRead(ctx: CommandContext, lookup: Pick<NewestLookup, 'relays' | 'answered' | 'unreadable'>, noun: string): void {
  if (lookup.answered === 0) writeLine(ctx.stderr, `nostr-tui: note: no relay answered; this is the local copy of your ${noun}.`);
  else warnUnanswered(ctx, lookup, noun, true);
  if (lookup.unreadable?.length) {
    const where = lookup.unreadable.map(sanitizeLine).join(', ');
    writeLine(ctx.stderr, `nostr-tui: warning: ${where} sent an event too big to read (over 512 KiB or 10,000 tags), which may be a newer ${noun}; what is shown may not be the newest.`);
    ctx.exitCode = ExitCode.failed;
  }
}

/** A list shown as the relays have it, when none answered and there is no local copy: why, for people. */
export function unknownList(asked: number, noun: string): string {
  return asked === 0
    ? `you have no relays to ask for your ${noun}: add one with \`nostr-tui relay add wss://…\` (or pass --relay).`
    : `no relay answered (${asked} asked), and there is no local copy of your ${noun}; try again later.`;
}
