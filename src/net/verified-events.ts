// Every event whose signature passed, by id, shared by all relays of a pool:
// an id verified once is never verified again, whichever relay sends it next.
// Copies that arrive while the first is still being checked wait for that
// check instead of starting their own.
import type { Event } from 'nostr-tools';
import type { SignatureVerifier } from './verify.js';

export class VerifiedEvents {
  private readonly events = new Map<string, Event>();
  private readonly checking = new Map<string, Promise<Event | null>>();

  constructor(
    private readonly verifier: SignatureVerifier,
    /** Oldest entries are forgotten past this (they would only be verified again). */
    private readonly max = 250_000,
  ) {}

  get(id: string): Event | undefined {
    return this.events.get(id);
  }

  get verifierName(): string {
    return this.verifier.name;
  }

  /**
   * The verified event for this id (the first valid copy), or null when this
   * copy's signature is bad. Its id must already have been checked.
   */
  verify(event: Event): Event | null | Promise<Event | null> {
    const known = this.events.get(event.id);
    if (known) return known;
    const pending = this.checking.get(event.id);
    // Same id, so same content; only the signature can differ. If the first
    // copy's was bad, this copy gets its own check.
    if (pending) return pending.then((first) => first ?? this.check(event));
    return this.check(event);
  }

  private check(event: Event): Event | null | Promise<Event | null> {
    const result = this.verifier.verify(event);
    if (!(result instanceof Promise)) return this.settle(event, result);
    const pending = result.then(
      (ok) => this.settle(event, ok),
      () => this.settle(event, false),
    );
    this.checking.set(event.id, pending);
    return pending;
  }

  private settle(event: Event, ok: boolean): Event | null {
    if (this.checking.get(event.id)) this.checking.delete(event.id);
    if (!ok) return this.events.get(event.id) ?? null;
    const known = this.events.get(event.id);
    if (known) return known;
    this.events.set(event.id, event);
    if (this.events.size > this.max) this.events.delete(this.events.keys().next().value as string);
    return event;
  }
}
