// Search for both faces: the local full-text index first (instant, offline),
// then NIP-50 search relays, their answers verified by the pool, checked for
// the words asked, deduped and merged with the local hits, newest first.
//
// NIP-50: a filter may carry `search: "<query>"`; relays that support it
// answer with events matching the query (their own notion of matching, and
// `key:value` extensions such as `include:spam`); relays that do not may
// ignore the field and send their newest events, or refuse with CLOSED.
import path from 'node:path';
import type { Event, Filter } from 'nostr-tools';
import { usageError } from '../core/errors.js';
import { addressOf } from '../core/event-shape.js';
import { newestReplaceable } from '../core/events.js';
import { readUrls } from '../core/relay-spec.js';
import { normalizeRelayUrl } from '../core/relay-url.js';
import { sanitizeLine } from '../core/sanitize.js';
import { refuseSecretIn } from '../core/secret-in-text.js';
import { indexText, profileNames } from '../core/search-text.js';
import { newestFirst } from '../core/timeline.js';
import type { RelayOutcome, RelayPool } from '../net/types.js';
import { readJsonObject } from '../store/config.js';
import type { SqliteEventStore } from '../store/events.js';
import { NOTE_KINDS } from '../store/search.js';
import type { Client } from './client.js';

/** Public NIP-50 relays, used only for search (never for the timeline or publishing). */
export const DEFAULT_SEARCH_RELAYS: readonly string[] = ['wss://relay.nostr.band', 'wss://search.nos.today'];
/** A search relay is given this long; the local hits are shown meanwhile in the UI. */
export const SEARCH_WAIT_MS = 6_000;

export interface SearchRequest {
  text: string;
  limit: number;
  /** Profiles (kind 0) by name, display name or NIP-05, instead of notes. */
  people?: boolean;
  kinds?: number[];
  authors?: string[];
  since?: number;
  until?: number;
  /** The cache only: no relay is asked. */
  local?: boolean;
  /** Left out of every answer, local or relayed (muted people and words: a predicate from the caller). */
  hide?: (event: Event) => boolean;
}

export interface SearchDeps {
  /** The user's public key: their own secret typed as 64 hex is refused too. */
  me?: string | undefined;
  pool?: RelayPool;
  store?: SqliteEventStore;
  relays: readonly string[];
  eoseTimeoutMs?: number;
}

export interface SearchResult {
  /** Newest first, at most `limit`. */
  events: Event[];
  /** How many of `events` came from the cache, and how many only from relays. */
  fromCache: number;
  fromRelays: number;
  outcomes: RelayOutcome[];
  /** Relay answers dropped because they did not contain the words asked (a relay ignoring `search`). */
  offTopic: number;
}

/** The local hits alone: what the UI paints at once, before any relay answers. */
export function searchLocal(store: SqliteEventStore | undefined, req: SearchRequest): Event[] {
  if (!store) return [];
  const query = {
    text: localText(req.text),
    limit: req.limit,
    ...(req.kinds ? { kinds: req.kinds } : {}),
    ...(req.authors ? { authors: req.authors } : {}),
    ...(req.since === undefined ? {} : { since: req.since }),
    ...(req.until === undefined ? {} : { until: req.until }),
    ...(req.hide ? { hide: req.hide } : {}),
  };
  return req.people ? store.search.people(query) : store.search.notes(query);
}

export async function search(deps: SearchDeps, req: SearchRequest): Promise<SearchResult> {
  refuseSecretIn('search', req.text, deps.me);
  const local = searchLocal(deps.store, req);
  if (req.local || !deps.pool || deps.relays.length === 0) {
    return { events: local, fromCache: local.length, fromRelays: 0, outcomes: [], offTopic: 0 };
  }
  const filter: Filter = {
    search: req.text,
    kinds: req.people ? [0] : (req.kinds ?? [...NOTE_KINDS]),
    limit: req.limit,
    ...(req.authors?.length ? { authors: req.authors } : {}),
    ...(req.since === undefined ? {} : { since: req.since }),
    ...(req.until === undefined ? {} : { until: req.until }),
  };
  // The relay each event came from first, kept with it in the cache (relay hints), as the pool would.
  const from = new Map<string, string>();
  const answer = await deps.pool.fetch(
    deps.relays.map((relay) => ({ relay, filters: [filter], role: 'search' as const })),
    // Not cached as it arrives: only what passes the checks below is.
    { eoseTimeoutMs: deps.eoseTimeoutMs ?? SEARCH_WAIT_MS, cache: false, onevent: (event, relay) => from.set(event.id, relay) },
  );
  // The pool has verified each event (a forged one never reaches here) and checked the rest of the filter.
  const onTopic = answer.events.filter((event) => mentionsAll(event, req.text, req.people === true));
  const shown = onTopic.filter((event) => !req.hide?.(event));
  try {
    for (const relay of new Set(shown.map((event) => from.get(event.id)))) deps.store?.putMany(shown.filter((event) => from.get(event.id) === relay), relay);
  } catch {
    // A busy or damaged cache costs only the caching.
  }
  // Known to be deleted (NIP-09), expired (NIP-40) or superseded: the cache refused it.
  const current = deps.store ? shown.filter((event) => deps.store!.has(event.id)) : shown;
  const localIds = new Set(local.map((event) => event.id));
  // One per event, and one per replaceable or addressable event's address: the newest (NIP-01), so
  // a profile the cache held and its newer version from a relay are one person, not two.
  const merged = new Map<string, Event>();
  for (const event of [...local, ...current]) {
    const key = sameEvent(event);
    const known = merged.get(key);
    if (!known || newestReplaceable([known, event]) === event) merged.set(key, event);
  }
  const events = [...merged.values()].sort(newestFirst).slice(0, req.limit);
  const fromCache = events.filter((event) => localIds.has(event.id)).length;
  return { events, fromCache, fromRelays: events.length - fromCache, outcomes: answer.relays, offTopic: answer.events.length - onTopic.length };
}

/** What makes two events one: the address of a replaceable or addressable event (NIP-01), else the id. */
function sameEvent(event: Event): string {
  const d = addressOf(event);
  return d === null ? event.id : `${event.kind}:${event.pubkey}:${d}`;
}

/** NIP-50 extensions (`include:spam`, `language:en`…) are for relays; the cache searches the words. */
const EXTENSION = /^[a-z_]+:[^/\s]\S*$/i;
export const localText = (text: string): string =>
  text
    .split(/\s+/u)
    .filter((term) => !EXTENSION.test(term))
    .join(' ');

/**
 * Whether every word asked appears in the event's text (for a people search, what
 * the local index holds of a profile: names, NIP-05 and about), compared as the index
 * compares (case, accents, width folded); lenient about word ends, so a relay's
 * stemming or prefixes pass. A relay matching a profile's about did search.
 */
export function mentionsAll(event: Event, text: string, people: boolean): boolean {
  const haystack = fold(people ? profileText(event.content) : event.kind === 0 ? event.content : `${event.content} ${titleOf(event)}`);
  const terms = localText(text).split(/\s+/u).map((term) => fold(term.replace(/\*+$/u, ''))).filter(Boolean);
  return terms.every((term) => haystack.includes(term));
}

const fold = (text: string): string =>
  indexText(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{So}\p{Co}]+/gu, ' ')
    .trim();

const profileText = (content: string): string => {
  const { name, about } = profileNames(content);
  return `${name} ${about}`;
};

const titleOf = (event: Event): string => event.tags.find((tag) => tag[0] === 'title')?.[1] ?? '';

/**
 * Where to search: `--relay` for this run when given (the user named the
 * relays); else `NOSTR_TUI_SEARCH_RELAYS` (comma-separated, empty turns relay
 * search off); else `searchRelays` in config.json; else the defaults.
 */
export function searchRelaysFor(client: Pick<Client, 'pinnedRelays' | 'relays' | 'env' | 'paths'>): string[] {
  if (client.pinnedRelays) return readUrls(client.relays());
  const raw = client.env.NOSTR_TUI_SEARCH_RELAYS;
  if (raw !== undefined) return parseUrls(raw.split(','), 'NOSTR_TUI_SEARCH_RELAYS');
  const file = path.join(client.paths.configDir, 'config.json');
  const configured = readJsonObject(file)?.searchRelays;
  if (configured === undefined) return [...DEFAULT_SEARCH_RELAYS];
  if (!Array.isArray(configured) || configured.some((url) => typeof url !== 'string')) {
    throw usageError(`${sanitizeLine(file)}: field "searchRelays" must be a list of relay URLs like ["wss://relay.nostr.band"]`);
  }
  return parseUrls(configured as string[], `${file} field "searchRelays"`);
}

function parseUrls(urls: string[], where: string): string[] {
  const found = new Set<string>();
  for (const raw of urls.map((url) => url.trim()).filter(Boolean)) {
    try {
      found.add(normalizeRelayUrl(raw));
    } catch (error) {
      // Says where the bad URL was set; the reason (already safe to print) follows.
      throw usageError(`${sanitizeLine(where)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return [...found];
}
