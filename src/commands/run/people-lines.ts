// How `search --people` prints a profile: npub, names, and the NIP-05 address,
// which is someone's identity only once its domain maps it to their key
// (NIP-05): `✓ alice@example.com`, else `alice@example.com (not verified)`, as
// `profile` shows it. Anyone can write any address in their profile.
import type { Event } from 'nostr-tools';
import type { Nip05Resolver } from '../../client/nip05.js';
import { parseProfile } from '../../client/profiles.js';
import { npub } from '../../core/identifiers.js';
import { nip05Text, parseNip05, verifiedText } from '../../core/nip05.js';
import { sanitizeLine } from '../../core/sanitize.js';

/**
 * Addresses looked up per run, at once (each within NIP-05's 5 s, remembered a day): a search
 * stays quick; past these, and with `--local`, only what is remembered counts.
 */
export const MOST_LOOKED_UP = 20;

/** Whether each profile's address is verified, keyed by event id. */
export async function verifiedAddresses(profiles: Event[], nip05: Pick<Nip05Resolver, 'verify' | 'known'>, lookUp: boolean): Promise<Map<string, boolean>> {
  const verified = new Map<string, boolean>();
  const asked = new Set<string>();
  await Promise.all(
    profiles.map(async (event) => {
      const address = parseProfile(event)?.nip05;
      if (!address || !parseNip05(address)) return;
      const known = nip05.known(address, event.pubkey);
      const key = `${address.toLowerCase()} ${event.pubkey}`;
      if (known !== undefined || !lookUp || (!asked.has(key) && asked.size >= MOST_LOOKED_UP)) return void verified.set(event.id, known === true);
      asked.add(key);
      verified.set(event.id, await nip05.verify(address, event.pubkey).catch(() => false));
    }),
  );
  return verified;
}

/** `npub1…  Alice · alice  ✓ alice@example.com` (names cleaned of terminal control sequences). */
export function profileLine(event: Event, verified: boolean): string {
  const profile = parseProfile(event);
  const names = [profile?.display_name, profile?.name].filter((n, i, all): n is string => !!n && all.indexOf(n) === i);
  const name = names.map((n) => sanitizeLine(n).slice(0, 200)).join(' · ');
  const address = profile?.nip05 ? parseNip05(profile.nip05) : undefined;
  const identity = !address ? '' : verified ? verifiedText(address) : `${nip05Text(address)} (not verified)`;
  return [npub(event.pubkey), name, identity].filter(Boolean).join('  ');
}
