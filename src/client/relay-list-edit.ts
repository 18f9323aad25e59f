// Publishing the user's relay lists when they edit them (`relay add/remove`):
// NIP-65 kind 10002 (where they write and read) and NIP-17 kind 10050 (where
// they receive private messages). Like the follow list (follows.ts), a list is
// changed from the newest copy on the relays, never rebuilt from a partial
// view: when no relay answered, or only some did and none had the list,
// nothing is changed.
import type { EventTemplate, VerifiedEvent } from 'nostr-tools';
import { unixNow } from '../core/clock.js';
import { DM_RELAYS_KIND, editDmRelayTags, namesDmRelay } from '../core/dm.js';
import { failure, noKeyYet, usageError } from '../core/errors.js';
import { nextListVersion } from '../core/events.js';
import type { PublishResult } from '../core/publish-result.js';
import { RELAY_LIST_KIND, relayListTags } from '../core/relay-list.js';
import { editRelayListTags, sameTags } from '../core/relay-list-edit.js';
import { writeUrls, type RelaySpec } from '../core/relay-spec.js';
import type { ConfigStore } from '../store/config.js';
import type { Client } from './client.js';
import { fetchOwnList, type ListLookup } from './dm-relays.js';
import { requireNewest } from './newest-copy.js';
import { oneEditAtATime } from './edit-lease.js';
import { signSaveSend, type Published, type PublishHooks } from './publish.js';
import { addRelay, removeRelay, type EditCheck, type RelayEdit } from './relay-list.js';
import { normalizeRelayUrl } from '../core/relay-url.js';
import { sanitizeLine } from '../core/sanitize.js';

export interface ListPublish {
  /** False when the published list already said this. */
  changed: boolean;
  event?: VerifiedEvent;
  results: PublishResult[];
  lookup: ListLookup;
}

const LIST_NAME: Record<number, string> = { [RELAY_LIST_KIND]: 'relay list (kind 10002)', [DM_RELAYS_KIND]: 'DM relay list (kind 10050)' };
/** What to do when the list cannot be looked up: the relay list has a local-only edit, the DM relays (not kept in config.json) none. */
const FIX: Record<number, string> = {
  [RELAY_LIST_KIND]: 'Try again when they are reachable, or use --local to change only config.json.',
  [DM_RELAYS_KIND]: 'Try again when they are reachable (`nostr-tui doctor` checks them); your DM relays are kept only in that published list, not in config.json.',
};

/**
 * The newest copy of the user's list of `kind`; throws when it cannot be known. `also`: a relay
 * being added, asked too; `leaving`: a relay being removed.
 */
export async function currentOwnList(client: Client, kind: number, also?: readonly string[], leaving?: string): Promise<ListLookup> {
  const me = client.publicKey();
  if (!me) throw noKeyYet();
  const lookup = withoutUnreached(await fetchOwnList(client, kind, me, also), leaving);
  requireNewest(lookup, LIST_NAME[kind] ?? `list (kind ${kind})`, FIX[kind] ?? 'Try again when they are reachable.');
  return lookup;
}

/**
 * The relay being removed need not answer when it could not be connected to at all (a dead one,
 * which doctor says to remove): what it may hold could not be read in any case, and the new list
 * does not go there to replace it. Waited for, it would refuse its own removal forever whenever no
 * other relay had a list (a new user dropping an unreachable default). One that connects still
 * counts, and the others must still have answered.
 */
function withoutUnreached(lookup: ListLookup, leaving: string | undefined): ListLookup {
  const relays = lookup.relays.filter((relay) => !(relay.url === leaving && relay.unreached));
  return relays.length === lookup.relays.length || relays.length === 0 ? lookup : { ...lookup, relays };
}

/** Through the outbox like every write; a list goes to the relays of the list just made, too. */
async function publishTo(client: Client, template: EventTemplate, relays: readonly string[], hooks?: PublishHooks): Promise<Published> {
  if (relays.length === 0) throw failure('no write relays to publish your list to: add one with `nostr-tui relay add wss://…`. Nothing was signed.');
  return signSaveSend(client, template, relays, hooks);
}

function template(kind: number, tags: string[][], client: Client, previous: ListLookup['event']): EventTemplate {
  return nextListVersion(kind, tags, unixNow(client.clock), previous);
}

/**
 * `relay add/remove` (without --local): the config edit and the published
 * kind 10002, both from the same intent. Everything that can refuse it (the list
 * unknown, no write relay left to publish it to, a relay that is nowhere) is
 * decided before config.json is written, so a refusal changes nothing.
 */
export async function editPublishedRelays(
  client: Client,
  config: ConfigStore,
  edit: { url: string; spec?: Pick<RelaySpec, 'read' | 'write'> },
  ownPubkey?: string,
): Promise<{ config: RelayEdit; list: ListPublish }> {
  await client.signer(); // a read-only key or a wrong passphrase fails before any network
  // The relay being added is asked too: the new list goes there, and it may hold a newer one
  // than the others (the user's own relay, which no other has heard of); an edit from the others'
  // copy would replace it there.
  return oneEditAtATime(client, RELAY_LIST_KIND, async (releasing) => {
    const url = normalizeRelayUrl(edit.url, ownPubkey);
    const lookup = await currentOwnList(client, RELAY_LIST_KIND, edit.spec ? [edit.url] : [], edit.spec ? undefined : url);
    let tags: string[][] | undefined;
    // Given the relays config.json will hold: the list to publish (undefined: it already says so).
    const plan: EditCheck = (next) => {
      // No list anywhere yet: the first one is the configured relays.
      tags = lookup.event ? editRelayListTags(lookup.event.tags, url, edit.spec) : relayListTags(next);
      if (lookup.event && sameTags(tags, lookup.event.tags)) tags = undefined;
      else if (writeUrls(next).length === 0) throw noWriteRelayLeft();
    };
    if (!edit.spec && !namedIn(lookup.event, url) && !config.relays().some((relay) => relay.url === url)) throw notYourRelay(url);
    const configEdit = edit.spec ? addRelay(config, url, { read: edit.spec.read, write: edit.spec.write }, ownPubkey, plan) : removeRelay(config, url, plan);
    if (configEdit.change === 'unchanged') plan(config.relays());
    if (!tags) return { config: configEdit, list: { changed: false, results: [], lookup } };
    const { event, results } = await publishTo(client, template(RELAY_LIST_KIND, tags, client, lookup.event), writeUrls(config.relays()), releasing());
    return { config: configEdit, list: { changed: true, event, results, lookup } };
  });
}

/** Whether the user's published kind 10002 has an `r` tag for `url`. */
const namedIn = (list: ListLookup['event'], url: string): boolean => !!list && !sameTags(editRelayListTags(list.tags, url, undefined), list.tags);

export const notYourRelay = (url: string) => usageError(`${sanitizeLine(url)} is not one of your relays; \`nostr-tui relay list\` shows them.`);

// NIP-65: the list is published to the user's write relays; without one left it would go nowhere.
const noWriteRelayLeft = () =>
  failure('no write relay would be left to publish your relay list (kind 10002) to, so nothing was changed: add another first with `nostr-tui relay add wss://…`, or use --local to change only config.json.');

/** `relay add/remove --dm`: the user's kind 10050, edited from its newest copy and published to their write relays. */
export async function editDmRelays(client: Client, url: string, action: 'add' | 'remove'): Promise<ListPublish> {
  await client.signer();
  return oneEditAtATime(client, DM_RELAYS_KIND, async (releasing) => {
    const lookup = await currentOwnList(client, DM_RELAYS_KIND);
    const before = lookup.event?.tags ?? [];
    const tags = editDmRelayTags(before, url, action);
    // Already so: nothing to publish (an added relay already listed keeps its place).
    if (namesDmRelay(lookup.event, url) === (action === 'add')) return { changed: false, results: [], lookup };
    const { event, results } = await publishTo(client, template(DM_RELAYS_KIND, tags, client, lookup.event), writeUrls(client.relays()), releasing());
    return { changed: true, event, results, lookup };
  });
}
