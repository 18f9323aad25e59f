// The user's notes no relay has accepted yet, with why (issue #16 item 11): a
// refused note must not look published. Read from the outbox, again whenever it changes.
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../context.js';
import { unsentReason } from '../status.js';

/** id -> why it is not sent yet. */
export function useUnsent(): ReadonlyMap<string, string> {
  const services = useServices();
  const read = useCallback(
    () => new Map([...(services.unsent?.() ?? new Map())].map(([id, results]) => [id, unsentReason(results)] as const)),
    [services],
  );
  const [unsent, setUnsent] = useState(read);
  useEffect(() => {
    setUnsent(read());
    return services.onUnsentChange?.(() => setUnsent(read()));
  }, [services, read]);
  return unsent;
}
