// NIP-09 deletion requests in the cache: recorded per (target, author), so an
// event arriving after the request that names it is never stored, and applied
// to what is already held. The request's tags are read by src/core/deletion.ts.
import type { Event } from 'nostr-tools';
import { DELETION_KIND, deletedAddresses, deletedIds } from '../core/deletion.js';
import type { StatementCache } from './statements.js';

export class DeletionRecords {
  private known: boolean | undefined;

  constructor(
    private readonly statements: StatementCache,
    private readonly remove: (seq: number) => void,
  ) {}

  /** After the cache was cleared. */
  forget(): void {
    this.known = false;
  }

  /** Before each batch: "none" may be stale, another connection (the writer thread, another process) may have stored one. */
  recheck(): void {
    if (this.known === false) this.known = undefined;
  }

  /** Most caches hold no deletion request; then no event needs checking against them. */
  any(): boolean {
    this.known ??= this.statements.get(`SELECT EXISTS (SELECT 1 FROM deletions)`).pluck().get() === 1;
    return this.known;
  }

  /** NIP-09: a deletion request hides the author's own events it names (src/core/deletion.ts). */
  apply(request: Event): void {
    this.known = true;
    const record = this.statements.get(
      `INSERT INTO deletions (target, pubkey, created_at) VALUES (?, ?, ?)
       ON CONFLICT (target, pubkey) DO UPDATE SET created_at = MAX(created_at, excluded.created_at)`,
    );
    for (const id of deletedIds(request)) {
      record.run(id, request.pubkey, request.created_at);
      // A deletion request for a deletion request has no effect (NIP-09).
      const seq = this.statements.get(`SELECT seq FROM events WHERE id = ? AND pubkey = ? AND kind != ?`)
        .pluck()
        .get(id, request.pubkey, DELETION_KIND) as number | undefined;
      if (seq !== undefined) this.remove(seq);
    }
    for (const address of deletedAddresses(request)) {
      record.run(address.value, request.pubkey, request.created_at);
      // NIP-09: an `a` deletion covers versions up to the request's created_at.
      const seqs = this.statements.get(`SELECT seq FROM events WHERE kind = ? AND pubkey = ? AND d = ? AND created_at <= ?`)
        .pluck()
        .all(address.kind, address.pubkey, address.d, request.created_at) as number[];
      for (const seq of seqs) this.remove(seq);
    }
  }

  /** Whether a recorded request hides this event (by id, or by address up to the request's time). */
  hides(event: Event, d: string | null): boolean {
    if (event.kind === DELETION_KIND) return false;
    const byId = this.statements.get(`SELECT 1 FROM deletions WHERE target = ? AND pubkey = ?`).get(event.id, event.pubkey);
    if (byId !== undefined) return true;
    if (d === null) return false;
    const byAddress = this.statements.get(`SELECT 1 FROM deletions WHERE target = ? AND pubkey = ? AND created_at >= ?`).get(
      `${event.kind}:${event.pubkey}:${d}`,
      event.pubkey,
      event.created_at,
    );
    return byAddress !== undefined;
  }
}
