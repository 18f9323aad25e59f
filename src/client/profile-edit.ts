// Reading a profile (newest kind 0 on the relays) and publishing the user's
// own, edited from the newest copy (src/client/newest-copy.ts) so nothing
// another client wrote into it is lost.
import type { VerifiedEvent } from 'nostr-tools';
import { unixNow } from '../core/clock.js';
import { failure, noKeyYet } from '../core/errors.js';
import { changesNothing, checkChanges, profileObject, profileTemplate, type ProfileChanges } from '../core/profile-edit.js';
import type { PublishResult } from '../net/types.js';
import type { Client } from './client.js';
import { oneEditAtATime } from './edit-lease.js';
import { fetchNewest, requireNewest, type NewestLookup } from './newest-copy.js';
import { publishEvent, type PublishHooks } from './publish.js';

export interface ProfileEdit {
  /** The new profile; when `unchanged`, the newest one, which already said it. */
  event: VerifiedEvent;
  results: PublishResult[];
  lookup: NewestLookup;
  /** The newest profile already had every value asked for: nothing was signed or sent. */
  unchanged?: true;
}

/** The newest kind 0 of `pubkey` on the relays (and the local copy). */
export const fetchProfile = (client: Client, pubkey: string, forEdit = false): Promise<NewestLookup> => fetchNewest(client, 0, pubkey, { forEdit, orIndexers: true });

/** `hooks`: what to tell as it is published, given the newest profile it was made from. */
export async function setProfile(client: Client, changes: ProfileChanges, hooks?: (lookup: NewestLookup) => PublishHooks | undefined): Promise<ProfileEdit> {
  const own = client.publicKey();
  checkChanges(changes, own);
  if (!own) throw noKeyYet();
  // Unlock first: a read-only key or a wrong passphrase should fail before any network.
  await client.signer();
  return oneEditAtATime(client, 0, async (releasing): Promise<ProfileEdit> => {
    const lookup = await fetchProfile(client, own, true);
    requireNewest(lookup, 'profile');
    if (lookup.event && !profileObject(lookup.event.content)) {
      throw failure('your newest profile on the relays is not a JSON object, so its fields cannot be kept; nothing was changed.');
    }
    // Already so: a second identical version would only replace the first (as a second like is not sent).
    if (lookup.event && changesNothing(changes, lookup.event)) return { event: lookup.event as VerifiedEvent, results: [], lookup, unchanged: true };
    const { event, results } = await publishEvent(client, profileTemplate(changes, unixNow(client.clock), lookup.event), releasing(hooks?.(lookup)));
    return { event, results, lookup };
  });
}
