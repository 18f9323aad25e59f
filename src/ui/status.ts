// One-line footer messages about what just happened.
import { NotAnsweredError } from '../core/errors.js';
import type { PublishResult } from '../core/publish-result.js';
import { sanitizeLine } from '../core/sanitize.js';

export interface StatusMessage {
  text: string;
  tone: 'info' | 'ok' | 'error';
  /**
   * The next key has come. Until then a message longer than one footer row takes both (a copied
   * nevent1…, why a message was not sent: read whole); after it, one row and the key hints back.
   */
  seen?: boolean;
  /** A question waiting for its key (y/n, which link): messages that come meanwhile wait behind it (src/ui/hooks/use-status.ts). */
  question?: boolean;
}

const host = (url: string) => sanitizeLine(url.replace(/^wss?:\/\//, '').replace(/\/$/, ''));

/** `post: sent to 3/4 relays (nos.lol: rejected (rate-limited: slow down))` or `like failed: …`. */
export function publishStatus(what: string, results: readonly PublishResult[]): StatusMessage {
  if (results.length === 0) return { text: `${what}: no write relays configured (saved in the outbox)`, tone: 'error' };
  const accepted = results.filter((r) => r.ok).length;
  const failed = results.find((r) => !r.ok);
  const why = failed ? `${host(failed.url)}: ${failed.outcome}${failed.message ? ` (${sanitizeLine(failed.message)})` : ''}` : '';
  if (accepted === 0) return { text: `${what} failed: ${why} (kept in the outbox to retry)`, tone: 'error' };
  return { text: `${what}: sent to ${accepted}/${results.length} relays${failed ? ` (${why})` : ''}`, tone: 'ok' };
}

/** Why a note of the user's has reached no relay yet, from its last attempt: `not sent: rejected by nos.lol (blocked)`. */
export function unsentReason(results: readonly PublishResult[]): string {
  const rejected = results.find((r) => r.outcome === 'rejected');
  if (rejected) return `rejected by ${host(rejected.url)}${rejected.message ? ` (${sanitizeLine(rejected.message).slice(0, 60)})` : ''}`;
  if (results.length === 0) return 'waiting for a relay';
  if (results.every((r) => r.outcome === 'unreachable')) return 'no relay reachable, will retry';
  return 'no relay answered, will retry';
}

export const errorStatus = (what: string, error: unknown): StatusMessage => ({
  text: `${what} failed: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`,
  tone: 'error',
});

/** What an action that needs a key says without one. */
export const NO_KEY = 'you have no key: restart and press c to create one, or run `nostr-tui key import`';

/**
 * An edit of the user's list refused because relays did not answer, in one row of 80 columns
 * (the command's sentence does not fit): relays that never answer (dead defaults) would refuse
 * every edit, and R removes them; `verb` without the name, which could push the advice off the row.
 */
export function editRefusedStatus(verb: string, what: string, error: unknown): StatusMessage {
  if (!(error instanceof NotAnsweredError)) return errorStatus(what, error);
  return { text: `${verb}: nothing changed, ${error.silent} of ${error.asked} relays did not answer (R removes dead ones)`, tone: 'error' };
}
