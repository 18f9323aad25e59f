// What `key import` says about the relay and follow lists it looked up (src/client/adopt.ts).
import type { Adopted } from '../../client/adopt.js';

export function adoptionReport(adopted: Adopted | undefined): string[] {
  if (!adopted) return [];
  if (adopted.answered === 0) {
    return [
      `No relay answered the lookup of your published relay and follow lists (${adopted.asked.join(', ')}). ` +
        'Run `nostr-tui key import` again later, or add your relays with `nostr-tui relay add`.',
    ];
  }
  const lines: string[] = [];
  const count = adopted.relays?.length ?? 0;
  if (adopted.configured) lines.push(`Adopted your published relay list (NIP-65): ${count} relay${count === 1 ? '' : 's'}; \`nostr-tui relay list\` shows them.`);
  else if (adopted.relays && count > 0) lines.push(`Your published relay list names ${count} relay${count === 1 ? '' : 's'}; your configured relays were kept.`);
  else lines.push('No published relay list (NIP-65) found: the default relays are used.');
  if (adopted.leftOut) lines.push(`Your published relay list names ${adopted.leftOut} more after the first ${count}, left out: nostr-tui keeps at most ${count}.`);
  if (adopted.follows !== undefined) lines.push(`Found your follow list: ${adopted.follows} ${adopted.follows === 1 ? 'person' : 'people'}.`);
  else lines.push('No published follow list found.');
  return lines;
}
