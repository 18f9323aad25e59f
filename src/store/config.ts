// The user's settings (today: relays) in config.json, written through conf.
// The file is read and checked here first, so a hand-edited file with a typo is
// reported by name and field and never silently replaced by defaults.
import fs from 'node:fs';
import path from 'node:path';
import { usageError } from '../core/errors.js';
import { normalizeRelayUrl, uniqueRelayUrls } from '../core/relay-url.js';
import { sanitizeLine } from '../core/sanitize.js';
import type { RelaySpec } from '../core/relay-spec.js';
import { withFileLock } from './file-lock.js';
import { checkPrivateDir, ensurePrivateDir, writePrivateFile, type DirCheck } from './safe-file.js';

/** Used until the user sets their own relays: well-known public relays. */
export const DEFAULT_RELAYS: readonly RelaySpec[] = Object.freeze([
  { url: 'wss://relay.damus.io', read: true, write: true },
  { url: 'wss://nos.lol', read: true, write: true },
  { url: 'wss://relay.primal.net', read: true, write: true },
]);

/**
 * The most relays a config may list: far more than anyone uses, and a bound on
 * what a hand-edited or hostile file can make every command do (1.5 million
 * relays used to end in "Maximum call stack size exceeded").
 */
export const MAX_RELAYS = 200;

export interface ConfigData {
  /** Absent until the user adds or removes a relay: the defaults apply. */
  relays?: RelaySpec[];
}

const START_OVER = 'Fix it, or move it away to start over.';

/** A problem with a file the user can fix: names the file (and field). */
export const fileError = (file: string, problem: string): Error => usageError(`${sanitizeLine(file)}: ${problem}. ${START_OVER}`);

/** A fileError's message without its advice, for a report that gives its own (doctor). */
export const fileProblem = (message: string): string => (message.endsWith(`. ${START_OVER}`) ? message.slice(0, -START_OVER.length - 2) : message);

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * The parsed JSON object in `file` (its text as `read` gives it), or undefined when there is no
 * file. Not JSON, or not an object: an error naming the file.
 */
export function readJsonObject(file: string, read: (file: string) => string | undefined = readText): Record<string, unknown> | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // Only the position: V8's message may quote the file, and keys.json holds a secret.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw fileError(file, `is not valid JSON${position ? ` (at character ${position})` : ''}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fileError(file, 'must hold a JSON object');
  return data as Record<string, unknown>;
}

/** Checks what the loader reads; every message names the field. */
export function validateConfig(file: string, data: Record<string, unknown>): ConfigData {
  if (!('relays' in data) || data.relays === undefined) return {};
  const relays = data.relays;
  if (!Array.isArray(relays)) throw fileError(file, 'field "relays" must be a list of relays');
  if (relays.length > MAX_RELAYS) throw fileError(file, `field "relays" lists ${relays.length} relays; nostr-tui takes at most ${MAX_RELAYS}`);
  const specs: RelaySpec[] = relays.map((item: unknown, i) => {
    const field = `relays[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw fileError(file, `field "${field}" must be an object like {"url": "wss://…", "read": true, "write": true}`);
    }
    const { url, read, write } = item as Record<string, unknown>;
    if (typeof url !== 'string') throw fileError(file, `field "${field}.url" must be a string`);
    let normalized: string;
    try {
      normalized = normalizeRelayUrl(url);
    } catch {
      throw fileError(file, `field "${field}.url" is not a ws:// or wss:// URL`);
    }
    for (const [name, value] of [['read', read], ['write', write]] as const) {
      if (value !== undefined && typeof value !== 'boolean') throw fileError(file, `field "${field}.${name}" must be true or false`);
    }
    return { url: normalized, read: read !== false, write: write !== false };
  });
  return { relays: mergeSpellings(specs) };
}

/**
 * One relay spelled two ways in a hand-edited file (`WS://host/` and `ws://host`) is one relay,
 * listed once where it first appears, read from or written to when either entry says so; the
 * next edit writes it back once.
 */
function mergeSpellings(specs: readonly RelaySpec[]): RelaySpec[] {
  const byUrl = new Map<string, RelaySpec>();
  for (const spec of specs) {
    const seen = byUrl.get(spec.url);
    if (seen) Object.assign(seen, { read: seen.read || spec.read, write: seen.write || spec.write });
    else byUrl.set(spec.url, { ...spec });
  }
  return [...byUrl.values()];
}

export class ConfigStore {
  readonly file: string;
  readonly #dir: string;
  readonly #check: DirCheck;

  /** The config directory holds the key file too: see safe-file.ts for what is refused. */
  constructor(configDir: string, check: DirCheck = {}) {
    this.#dir = configDir;
    this.#check = check;
    this.file = path.join(configDir, 'config.json');
  }

  read(): ConfigData {
    checkPrivateDir(this.#dir, this.#check);
    const data = readJsonObject(this.file);
    return data ? validateConfig(this.file, data) : {};
  }

  /** The relays to use: the user's, or the defaults until they set any. */
  relays(): RelaySpec[] {
    return (this.read().relays ?? DEFAULT_RELAYS).map((relay) => ({ ...relay }));
  }

  /** True when the user has set their own list. */
  hasOwnRelays(): boolean {
    return this.read().relays !== undefined;
  }

  /**
   * Replaces the relays with what `change` makes of those in the file now (undefined leaves them),
   * one change at a time across processes (file-lock.ts): a change read from an earlier look at
   * the file would drop what another process wrote since.
   */
  editRelays(change: (relays: RelaySpec[], own: boolean) => readonly RelaySpec[] | undefined): void {
    this.read(); // never overwrite a file we could not read
    ensurePrivateDir(this.#dir, this.#check);
    withFileLock(this.file, () => {
      const own = this.read().relays;
      const next = change((own ?? DEFAULT_RELAYS).map((relay) => ({ ...relay })), own !== undefined);
      if (!next) return;
      // Fields this version does not know are kept as they were.
      const data = readJsonObject(this.file) ?? {};
      data.relays = next.map(({ url, read, write }) => ({ url, read, write }));
      writePrivateFile(this.file, `${JSON.stringify(data, undefined, '\t')}\n`);
    });
  }

  setRelays(relays: readonly RelaySpec[]): void {
    this.editRelays(() => relays);
  }
}

/**
 * The relays for this run: `--relay` URLs (read and write, normalised, each
 * once) replace the configured ones when given. With `ownPubkey`, a URL
 * holding the user's own secret in hex is refused (an nsec always is).
 */
export function relaysForRun(config: ConfigStore, override?: readonly string[], ownPubkey?: string): RelaySpec[] {
  if (override && override.length > MAX_RELAYS) throw usageError(`${override.length} --relay options; nostr-tui takes at most ${MAX_RELAYS}.`);
  if (override && override.length > 0) return uniqueRelayUrls(override, ownPubkey).map((url) => ({ url, read: true, write: true }));
  return config.relays();
}
