// An edit made from the newest copy that some relays did not answer for
// (src/client/newest-copy.ts): said on stderr, so the user knows which were silent.
import type { NewestLookup } from '../../client/newest-copy.js';
import { sanitizeLine } from '../../core/sanitize.js';
import { writeLine, type CommandContext } from '../context.js';

/** `noun` names what was looked up ("follow list"). */
export function warnUnanswered(ctx: CommandContext, lookup: Pick<NewestLookup, 'relays' | 'answered'>, noun: string): void {
  if (lookup.answered > 0 && lookup.answered < lookup.relays.length) {
    const silent = lookup.relays.filter((relay) => !relay.eose).map((relay) => sanitizeLine(relay.url));
    writeLine(ctx.stderr, `nostr-tui: note: ${silent.join(', ')} did not answer; the newest ${noun} from the others was used.`);
  }
}

/** A list shown as the relays have it, when none answered and there is no local copy: why, for people. */
export function unknownList(asked: number, noun: string): string {
  return asked === 0
    ? `you have no relays to ask for your ${noun}: add one with \`nostr-tui relay add wss://…\` (or pass --relay).`
    : `no relay answered (${asked} asked), and there is no local copy of your ${noun}; try again later.`;
}
