// Every event whose signature passed, by id, shared by all relays of a pool:
// an id verified once is never verified again, whichever relay sends it next.
// Copies that arrive while the first is still being checked wait for that
// check instead of starting their own (and skip even the id hash).
import type { Event } from 'nostr-tools';
import { RecentMap } from '../core/recent.js';
import { ZAP_RECEIPT_KIND, zapRequestToCheck } from '../core/zap-receipt.js';
import type { SignatureVerifier } from './verify.js';

/** The event to hand on (the first valid copy of its id), or why this copy was dropped. */
export type Verdict = Event | 'invalid' | 'offFilter';

/**
 * Verified events remembered, the oldest forgotten past this (a copy of one of those is only
 * checked again). Each is a whole event, so this bounds memory too (issue #16 item 5): copies of
 * one event from several relays arrive within moments, not thousands of events apart. Measured on
 * rss-flood (150,000 events from one relay, newest first, so these are other events than the
 * timeline's newest 20,000): 20,000 held ~15 MB more live heap than 5,000, and V8 lets the heap
 * grow to a few times what is live before a full collection.
 */
export const MAX_VERIFIED = 5_000;

export class VerifiedEvents {
  private readonly events: RecentMap<string, Event>;
  /** First copies whose signature check is running: resolves to the event, or null if it failed. */
  private readonly checking = new Map<string, { event: Event; result: Promise<Event | null> }>();

  constructor(
    private readonly verifier: SignatureVerifier,
    /** Oldest entries are forgotten past this (see MAX_VERIFIED). */
    max = MAX_VERIFIED,
  ) {
    this.events = new RecentMap(max);
  }

  get(id: string): Event | undefined {
    return this.events.get(id);
  }

  /** The running check of this id's first copy, if any. */
  pending(id: string): Promise<Event | null> | undefined {
    return this.checking.get(id)?.result;
  }

  /** The verified event with this id, or the copy being checked. */
  copy(id: string): Event | undefined {
    return this.events.get(id) ?? this.checking.get(id)?.event;
  }

  get verifierName(): string {
    return this.verifier.name;
  }

  /**
   * The cheap check first: `wanted` (the filter the event arrived on); then
   * the verifier checks the id (sha256) and, only if it is right, the
   * signature. A forged event that is off-filter anyway is counted as
   * off-filter: checking what is dropped anyway is work a hostile relay could
   * make us do for free.
   */
  verify(event: Event, wanted: (event: Event) => boolean): Verdict | Promise<Verdict> {
    const known = this.events.get(event.id);
    // Same id and signature: the same event, already checked. A copy with
    // another signature gets its own check (it may be forged).
    if (known) return known.sig === event.sig ? (wanted(known) ? known : 'offFilter') : this.own(event, wanted);
    const pending = this.checking.get(event.id)?.result;
    if (pending) {
      return pending.then((first) =>
        first && first.sig === event.sig ? (wanted(first) ? first : 'offFilter') : this.own(event, wanted),
      );
    }
    return this.own(event, wanted);
  }

  private own(event: Event, wanted: (event: Event) => boolean): Verdict | Promise<Verdict> {
    if (!wanted(event)) return 'offFilter';
    const result = this.check(event);
    if (!(result instanceof Promise)) return this.settle(event, result) ?? 'invalid';
    const pending = result.then(
      (ok) => this.settle(event, ok),
      () => this.settle(event, false),
    );
    if (!this.checking.has(event.id)) this.checking.set(event.id, { event, result: pending });
    return pending.then((verified) => verified ?? 'invalid');
  }

  /**
   * The event's id and signature; for a zap receipt, also the zap request it carries (NIP-57):
   * anyone can sign a receipt naming anyone as the sender, for any amount, so one whose request
   * is not signed, or not for the same person, note and amount, is no zap (src/core/zap-receipt.ts).
   */
  private check(event: Event): boolean | Promise<boolean> {
    const own = this.verifier.verify(event);
    if (event.kind !== ZAP_RECEIPT_KIND) return own;
    const request = zapRequestToCheck(event);
    if (!request) return false;
    const both = (ok: boolean) => ok && this.verifier.verify(request);
    return own instanceof Promise ? own.then(both) : both(own);
  }

  private settle(event: Event, ok: boolean): Event | null {
    if (this.checking.get(event.id)?.event === event) this.checking.delete(event.id);
    if (!ok) return null;
    const known = this.events.get(event.id);
    if (known) return known;
    this.events.setNew(event.id, event);
    return event;
  }
}
