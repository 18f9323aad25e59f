// Requests as plans: which filters go to which relay (NIP-01 REQ per relay).
import type { Filter } from 'nostr-tools';
import type { RelayRole, RequestPlan } from './types.js';

/** The same filters for each relay, each asked for the same reason ('user' when left out). */
export function sameFilters(filters: Filter[], relays: readonly string[], role?: RelayRole): RequestPlan {
  return relays.map((relay) => ({ relay, filters, ...(role ? { role } : {}) }));
}

/** One step per relay: a relay named twice gets the filters of both in its one REQ. */
export function mergeSteps(plan: RequestPlan): Array<{ url: string; filters: Filter[]; role: RelayRole }> {
  const byUrl = new Map<string, { url: string; filters: Filter[]; role: RelayRole }>();
  for (const step of plan) {
    const known = byUrl.get(step.relay);
    if (known) known.filters = [...known.filters, ...step.filters];
    else byUrl.set(step.relay, { url: step.relay, filters: step.filters, role: step.role ?? 'user' });
  }
  return [...byUrl.values()];
}

