import { useEffect, useMemo, useState } from 'react';
import { profileName } from '../../client/profiles.js';
import { useServices } from '../context.js';
import { displayName } from '../notes/note-layout.js';
import { shortKey } from '../../core/mentions.js';

/** What the user is called on screen when their profile has no name yet: never only an npub. */
export const YOU = 'you';

/** Display names from kind-0 profiles; re-renders when a batch of profiles arrives. The user is their name, or `you`. */
export function useNames() {
  const services = useServices();
  const { profiles } = services;
  const [version, setVersion] = useState(0);
  useEffect(() => profiles.onChange(() => setVersion((v) => v + 1)), [profiles]);
  return useMemo(
    () => ({
      version,
      nameOf: (pubkey: string) => {
        const shown = displayName(pubkey, profileName(profiles.get(pubkey)));
        // No usable name (none, or nothing printable in it): the short npub, except for the user.
        return shown === shortKey(pubkey) && pubkey === services.publicKey() ? YOU : shown;
      },
      request: (pubkeys: Iterable<string>) => profiles.request(pubkeys),
    }),
    [profiles, services, version],
  );
}
