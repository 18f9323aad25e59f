// Edits of the user's relay list, shared by `nostr-tui relay add/remove` and the
// UI's relays panel: one place decides what an edit does to config.json.
import { usageError } from '../core/errors.js';
import { normalizeRelayUrl } from '../core/relay-url.js';
import type { RelaySpec } from '../net/types.js';
import { MAX_RELAYS, type ConfigStore } from '../store/config.js';

export interface RelayEdit {
  url: string;
  /** What changed: 'added', 'updated', 'removed', or 'unchanged' (already so). */
  change: 'added' | 'updated' | 'removed' | 'unchanged';
  spec?: RelaySpec;
}

/** Sees the relays config.json is about to hold; throwing refuses the edit, and the file stays as it was. */
export type EditCheck = (next: readonly RelaySpec[]) => void;

/**
 * Adds a relay, or sets its read/write markers when it is listed already. Throws a usage error on a
 * bad URL, a URL holding the user's secret (`ownPubkey` recognises it), or one relay too many.
 */
export function addRelay(store: ConfigStore, input: string, marks: { read: boolean; write: boolean }, ownPubkey?: string, check?: EditCheck): RelayEdit {
  const url = normalizeRelayUrl(input, ownPubkey);
  const spec: RelaySpec = { url, ...marks };
  let edit: RelayEdit = { url, change: 'unchanged', spec };
  store.editRelays((relays) => {
    const existing = relays.find((relay) => relay.url === url);
    if (existing && existing.read === spec.read && existing.write === spec.write) {
      edit = { url, change: 'unchanged', spec: existing };
      return undefined;
    }
    if (!existing && relays.length >= MAX_RELAYS) {
      throw usageError(`you already have ${relays.length} relays, the most nostr-tui keeps (${MAX_RELAYS}); remove some with \`nostr-tui relay remove <url>\` first.`);
    }
    const next = existing ? relays.map((relay) => (relay.url === url ? spec : relay)) : [...relays, spec];
    check?.(next);
    edit = { url, change: existing ? 'updated' : 'added', spec };
    return next;
  });
  return edit;
}

/** Removes a relay; 'unchanged' when it is not listed. */
export function removeRelay(store: ConfigStore, input: string, check?: EditCheck): RelayEdit {
  const url = normalizeRelayUrl(input);
  let change: RelayEdit['change'] = 'unchanged';
  store.editRelays((relays) => {
    if (!relays.some((relay) => relay.url === url)) return undefined;
    const next = relays.filter((relay) => relay.url !== url);
    check?.(next);
    change = 'removed';
    return next;
  });
  return { url, change };
}
