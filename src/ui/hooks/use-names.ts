import { useEffect, useMemo, useState } from 'react';
import { profileName } from '../../client/profiles.js';
import { useServices } from '../context.js';
import { displayName } from '../notes/note-layout.js';

/** Display names from kind-0 profiles; re-renders when a batch of profiles arrives. */
export function useNames() {
  const { profiles } = useServices();
  const [version, setVersion] = useState(0);
  useEffect(() => profiles.onChange(() => setVersion((v) => v + 1)), [profiles]);
  return useMemo(
    () => ({
      version,
      nameOf: (pubkey: string) => displayName(pubkey, profileName(profiles.get(pubkey))),
      request: (pubkeys: Iterable<string>) => profiles.request(pubkeys),
    }),
    [profiles, version],
  );
}
