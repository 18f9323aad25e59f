// One edit of each of the user's lists at a time, in this process and in every other sharing its
// cache (src/store/edit-leases.ts): an edit reads the newest copy (the relays' and the local one),
// changes it and saves the new version locally before sending it. The next edit of that list waits
// until then, so it starts from the version just saved: the local copy is newest, and the next
// version is dated after it (replaceableCreatedAt).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from './client.js';
import type { PublishHooks } from './publish.js';

/**
 * How long a lease holds while its process runs: past it, another edit goes ahead. An edit holds
 * it for its lookup (at most the 5 s EOSE wait) and the relays' NIP-11 limits, then saves.
 */
const LEASE_MS = 30_000;
/** Another process's lease is looked at again this often (no event crosses processes). */
const POLL_MS = 25;

/** Publish hooks that also end the lease as soon as the new version is saved. */
export type Releasing = (hooks?: PublishHooks) => PublishHooks;

/** Runs `edit` of the user's list of `kind` once no other edit of it is under way. */
export async function oneEditAtATime<T>(client: Pick<Client, 'store' | 'clock'>, kind: number, edit: (releasing: Releasing) => Promise<T>): Promise<T> {
  const leases = client.store().editLeases;
  const name = `kind-${kind}`;
  const token = randomUUID();
  for (;;) {
    const now = client.clock.now();
    if (leases.take(name, token, now, now + LEASE_MS)) break;
    await sleep(POLL_MS);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    try {
      leases.release(name, token);
    } catch {
      // The store busy or gone: the lease ends at its time, or with this process.
    }
  };
  try {
    return await edit((hooks = {}) => ({
      ...hooks,
      onSaved(event) {
        release();
        hooks.onSaved?.(event);
      },
    }));
  } finally {
    release();
  }
}
