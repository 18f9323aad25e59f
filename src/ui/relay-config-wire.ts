// The relays panel's edits (`a`, `d`, `r`, `w`), through the same code as
// `nostr-tui relay add/remove`: with a secret key the config and the published
// relay list (NIP-65 kind 10002, changed from its newest copy) change together,
// and a refusal (no relay answered) changes neither; without one (no key, or a
// public key only) only the config changes, and the panel says so.
import type { Client } from '../client/client.js';
import { refusalReason } from '../client/newest-copy.js';
import { editPublishedRelays, type ListPublish } from '../client/relay-list-edit.js';
import { addRelay, removeRelay, type RelayEdit } from '../client/relay-list.js';
import { normalizeRelayUrl } from '../core/relay-url.js';
import type { ConfigStore } from '../store/config.js';
import type { KeyStore } from '../store/keys.js';
import type { ListUnknownError, RelayConfigLike, RelayEditShown } from './services.js';

/** `changed` is told once config.json's relays changed, after the client took them up (used at once). */
export function relayConfigFor(client: Client, config: ConfigStore, keys: KeyStore, changed: () => void): RelayConfigLike {
  const canSign = () => {
    try {
      return !!keys.load()?.secret;
    } catch {
      return false;
    }
  };
  const applied = <T extends RelayEdit>(edit: T): T => {
    if (edit.change !== 'unchanged') {
      client.relaysChanged();
      changed();
    }
    return edit;
  };
  const local = (url: string, spec?: { read: boolean; write: boolean }) => applied(spec ? addRelay(config, url, spec, client.publicKey()) : removeRelay(config, url));
  const edit = (url: string, spec?: { read: boolean; write: boolean }): RelayEditShown | Promise<RelayEditShown> => {
    if (!canSign()) return { ...local(url, spec), list: 'no secret key, so no relay list (kind 10002) was published' };
    // A bad URL is refused before anything is looked up (the same sentence as the command's).
    normalizeRelayUrl(url, client.publicKey());
    return editPublishedRelays(client, config, spec ? { url, spec } : { url }, client.publicKey()).then(
      ({ config: done, list }) => shown(applied(done), list),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        // The command's own advice (--local, try again) is the panel's question instead.
        const refused: ListUnknownError = Object.assign(new Error(`nothing changed: ${message}`), {
          why: refusalReason(message),
          local: () => ({ ...local(url, spec), list: 'only config.json changed; your published relay list (kind 10002) did not' }),
        });
        throw refused;
      },
    );
  };
  return {
    list: () => config.relays(),
    set: (url, marks) => edit(url, marks),
    remove: (url) => edit(url),
    // `--relay` pins this run's relays (the client ignores the edit until the next start).
    overridden: client.pinnedRelays,
  };
}

function shown(edit: RelayEdit, list: ListPublish): RelayEditShown {
  if (!list.changed) return { ...edit, list: 'your published relay list already said so' };
  const ok = list.results.filter((result) => result.ok).length;
  if (ok === 0) return { ...edit, list: 'no relay accepted your relay list yet; it is kept in the outbox', failed: true };
  return { ...edit, list: `published to ${ok} of ${list.results.length} relays` };
}
