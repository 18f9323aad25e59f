import { useEffect, useMemo, useState } from 'react';
import { useServices } from '../context.js';
import type { StatusMessage } from '../status.js';

export interface RelayHealth {
  /** Your own relays connected, of `configured`. */
  connected: number;
  configured: number;
  /** Other relays connected for this view: people's outboxes and inboxes, indexers (NIP-65). */
  others: number;
  /** Said in the footer when nothing else is: no relays, or none reachable, and what to do. */
  problem?: StatusMessage;
}

/** How many relays answer, following the pool's status stream. */
export function useRelayHealth(): RelayHealth {
  const services = useServices();
  const [status, setStatus] = useState(() => services.relayStatus());
  useEffect(() => services.onRelayStatus(setStatus), [services]);
  const relays = services.relays();
  const configured = relays.length;
  const yours = new Set(relays.map((relay) => relay.url));
  const up = status.filter((s) => s.state === 'connected' || s.state === 'eose');
  // One of the relays this run uses as yours (a stand-in status without roles counts too); a relay
  // being added in the panel is asked for your relay list first, and is yours once the edit is saved.
  const mine = (s: (typeof status)[number]) => yours.has(s.url) && (!s.roles || s.roles.includes('user'));
  const connected = up.filter(mine).length;
  const others = up.length - connected;
  // Every relay tried and failed (none still connecting): the network, or the list, is the problem.
  const allFailed = status.length > 0 && connected === 0 && status.every((s) => s.state === 'error' || s.state === 'closed');
  const problem =
    configured === 0
      ? 'no relays configured: press R, then a to add one'
      : allFailed
        ? 'no relay reachable: check your network, or press R to add a relay'
        : undefined;
  // The same object while nothing changed, so the header and footer it feeds skip their frames.
  return useMemo(
    () => ({ connected, configured, others, ...(problem ? { problem: { text: problem, tone: 'error' } satisfies StatusMessage } : {}) }),
    [connected, configured, others, problem],
  );
}
