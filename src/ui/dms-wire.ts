// The Messages view's services: the client's inbox (src/client/dms.ts) loaded
// once, kept live, and the same send path as `nostr-tui dm send`.
import type { Client } from '../client/client.js';
import { NoDmRelayList, sendDm, type SentWrap, type WrapRoute } from '../client/dm-send.js';
import { createDms, type DmMessage } from '../client/dms.js';
import { conversationId } from '../core/dm.js';
import { npub, shortNpub } from '../core/identifiers.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { Subscription } from '../net/types.js';
import type { DmLike, DmsLike } from './services.js';

const toLike = (message: DmMessage): DmLike => ({
  id: message.rumor.id,
  from: message.from,
  created_at: message.rumor.created_at,
  content: message.rumor.content,
  mine: message.mine,
});

const ROUTE: Record<Exclude<WrapRoute, 'pinned'>, string> = { 'dm-relays': 'DM relays', 'read-relays': 'read relays', 'own-read-relays': 'read relays' };

/**
 * The footer's line once the relays have answered, for the recipients' wraps: where they went,
 * each route named when a group's went two ways, and how many no relay took yet.
 */
export function sentLine(theirs: readonly Pick<SentWrap, 'route' | 'results'>[]): string {
  const took = theirs.filter((wrap) => wrap.results.some((result) => result.ok)).length;
  if (took === 0) return 'message: saved in the outbox; no relay of theirs accepted it yet';
  if (took < theirs.length) return `message: sent to ${took} of ${theirs.length}; saved in the outbox for the rest`;
  if (theirs.every((wrap) => wrap.route === 'pinned')) return 'message: sent to the --relay relays';
  const counts = ['DM relays', 'read relays']
    .map((where) => [where, theirs.filter((wrap) => wrap.route !== 'pinned' && ROUTE[wrap.route] === where).length] as const)
    .filter(([, n]) => n > 0);
  if (counts.length === 1) return `message: sent to ${theirs.length === 1 ? 'their' : "everyone's"} ${counts[0]![0]}`;
  return `message: sent to everyone: ${counts.map(([where, n]) => `${n} on their ${where}`).join(', ')}`;
}

export function wireDms(client: Client, isClosed: () => boolean): DmsLike & { relaysChanged(): void; close(): void } {
  const dms = createDms(client);
  const listeners = new Set<() => void>();
  let started = false;
  let loaded = false;
  let problem: string | undefined;
  let live: Subscription | undefined;
  /** Which opening of the inbox is current: one overtaken by a relay change lets go of what it opened. */
  let opening = 0;
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const start = () => {
    if (started) return;
    started = true;
    if (!client.publicKey()) {
      problem = 'no key, so no private messages';
      loaded = true;
      return;
    }
    const mine = ++opening;
    void (async () => {
      let error: unknown;
      let watching: Subscription | undefined;
      try {
        await dms.load(changed);
        if (!isClosed() && mine === opening) watching = await dms.watch(changed);
      } catch (caught) {
        error = caught;
      }
      if (mine !== opening) return watching?.close();
      live = watching;
      problem = error === undefined ? undefined : sanitizeLine(error instanceof Error ? error.message : String(error));
      loaded = true;
      changed();
    })();
  };
  return {
    conversations() {
      start();
      return dms.conversations().map((c) => ({ peers: c.peers, lastAt: c.lastAt, last: toLike(c.last), unread: c.unread }));
    },
    thread(peers) {
      start();
      return dms.thread(conversationId(peers)).map(toLike);
    },
    onChange(listener) {
      start();
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    loaded: () => loaded,
    problem: () => problem,
    async send(peers, text, { onSaved, ...opts } = {}) {
      try {
        let shown: Promise<unknown> = Promise.resolve();
        const sent = await sendDm(client, peers, text, {
          ...opts,
          // The own copy is shown once saved, not when a relay sends it back (nor after the slowest
          // relay); one the cache cannot take shows when a relay sends it back.
          onSaved(wraps) {
            shown = dms
              .ingest(wraps.filter((wrap) => wrap.recipient === client.publicKey()).map((wrap) => wrap.event))
              .catch(() => false)
              .then(() => {
                changed();
                onSaved?.();
              });
          },
        });
        await shown;
        const theirs = sent.wraps.filter((wrap) => wrap.recipient !== client.publicKey() || peers.includes(wrap.recipient));
        return { ok: true, text: sentLine(theirs) };
      } catch (error) {
        if (error instanceof NoDmRelayList) return { ok: false, text: 'message not sent: no DM relay list (kind 10050)', noDmRelayList: error.missing };
        // The footer has two rows: the people it names are shortened as everywhere on screen.
        const why = peers.reduce((text, peer) => text.replaceAll(npub(peer), shortNpub(peer)), error instanceof Error ? error.message : String(error));
        return { ok: false, text: `message not sent: ${sanitizeLine(why)}` };
      }
    },
    markRead(ids) {
      // Only a change re-renders: a screen marking what it shows must not loop.
      const fresh = ids.filter((id) => !dms.isRead(id));
      if (fresh.length === 0) return;
      dms.markRead(fresh);
      changed();
    },
    relaysChanged() {
      // With --relay the run keeps its relays (the panel's edit is for the next start).
      if (client.pinnedRelays) return;
      dms.relaysChanged();
      // Not opened yet: its first opening reads the new relays. Opened: the inbox is read again
      // from the new relays and watched there; the messages already shown stay.
      if (!started) return;
      live?.close();
      live = undefined;
      started = false;
      start();
    },
    close() {
      opening++;
      live?.close();
      listeners.clear();
    },
  };
}
