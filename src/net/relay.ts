// One relay connection: nostr-tools' AbstractRelay (WebSocket lifecycle, send,
// close) with its message handling replaced by one that trusts nothing.
//
// AbstractRelay._onmessage writes the raw relay text to console.warn on any
// processing error (unsanitised text on the user's terminal), lets a failing
// AUTH signer escape as an unhandled rejection, and checks the filter before
// the signature, reporting both through one callback. Here every message waits
// in the relay's inbox until the pool's drain (drain.ts) takes it, and is then:
// size-checked, deduplicated by (subscription, id) before parsing, shape-checked
// (src/core/relay-message.ts), id-checked, filter-checked, signature-checked,
// and counted in exactly one RelayCounts field. Nothing a relay sends throws.
import type { Event, EventTemplate } from 'nostr-tools';
import { AbstractRelay } from 'nostr-tools/abstract-relay';
import { matchFilters } from 'nostr-tools/filter';
import { defaultLimits, isDropped, parseRelayMessage, type RelayMessageLimits } from '../core/relay-message.js';
import type { Timers } from '../core/clock.js';
import type { Drainable } from './drain.js';
import { Fifo } from './fifo.js';
import { InOrder } from './in-order.js';
import type { OkResult, RelayDeps, RelaySub } from './relay-sub.js';
import type { Verdict } from './verified-events.js';

export type { AuthSigner, OkResult, RelayDeps, RelaySub } from './relay-sub.js';

const EVENT_PREFIX = '["EVENT",';
const EOSE_PREFIX = '["EOSE",';
/**
 * A relay this many messages ahead of us (waiting in the inbox, or for their check) is paused
 * until it is back under RESUME_BELOW: TCP holds the rest, so memory does not grow with what
 * a relay sends faster than it can be checked. The gap between the two is also what a resumed
 * socket reads in one turn of the loop, outside any slice (socket reads, WebSocket frames,
 * UTF-8): frame-stall (its App then drew no frames), store on, worst gaps 37-64 ms at 2,048/512,
 * 44-48 at 512/128, 31-36 at 256/64; ingest within noise of each other (12,200-14,200 events/s).
 */
export const PAUSE_ABOVE = 256;
const RESUME_BELOW = 64;
/**
 * Ids a subscription remembers as handed on, the oldest forgotten past this (issue #16 item 5):
 * a relay re-sending an event older than that gets it checked again, and the timeline, which
 * knows its own entries, still takes it only once. As many as the timeline keeps: measured on
 * rss-flood (150,000 events), 100,000 ids held 10 MB of a 43 MB live heap.
 */
export const MAX_DELIVERED_IDS = 20_000;

export class PoolRelay extends AbstractRelay implements Drainable {
  readonly subs = new Map<string, RelaySub>();
  private readonly deps: RelayDeps;
  private readonly limits: RelayMessageLimits;
  private readonly pendingOks = new Map<string, { resolve(result: OkResult): void; reject(error: Error): void }>();
  /** Messages read from the socket, not yet handled. */
  private readonly inbox = new Fifo<unknown>();
  /** What is done with each message, in the order the relay sent them. */
  private readonly order: InOrder;
  /** The socket paused because this relay is far ahead (see PAUSE_ABOVE). */
  private paused: { resume?(): void } | undefined;
  /** Messages received on this socket so far (a reconnect counts as stable only once it delivered). */
  messages = 0;
  /** Closed by us for good (closeWithin): nothing it sends is handled any more. */
  private closing = false;

  constructor(url: string, deps: RelayDeps) {
    // No enablePing: its pong timer outlived close() (the Connection's keep-alive.ts pings instead).
    super(url, { verifyEvent: () => false, websocketImplementation: deps.WebSocket });
    this.deps = deps;
    this.limits = deps.limits ?? defaultLimits;
    this.onnotice = (message) => deps.onnotice(message);
    this.order = new InOrder(
      () => deps.counts.malformed++,
      () => {
        this.resumeIfCaughtUp();
        deps.onchange();
      },
    );
  }

  /** The current socket (AbstractRelay keeps it private). */
  get socket(): unknown {
    return (this as unknown as { ws?: unknown }).ws;
  }

  /** Sends a REQ; false when the connection is not open. */
  req(sub: RelaySub): boolean {
    this.subs.set(sub.id, sub);
    return this.sendIfOpen('["REQ",' + JSON.stringify(sub.id) + ',' + JSON.stringify(sub.filters).slice(1));
  }

  /** Sends CLOSE and forgets the subscription. */
  unreq(id: string): void {
    if (this.subs.delete(id)) this.sendIfOpen('["CLOSE",' + JSON.stringify(id) + ']');
  }

  /** EVENT (or AUTH, NIP-42) and the relay's OK; rejects only if the connection drops. */
  sendForOk(kind: 'EVENT' | 'AUTH', event: Event): Promise<OkResult> {
    return new Promise((resolve, reject) => {
      this.pendingOks.set(event.id, { resolve, reject });
      if (!this.sendIfOpen(`["${kind}",` + JSON.stringify(event) + ']')) {
        this.pendingOks.delete(event.id);
        reject(new Error('not connected'));
      }
    });
  }

  /** NIP-42: the AUTH event for a challenge, signed by the caller. */
  authTemplate(challenge: string, url: string, now: number): EventTemplate {
    return { kind: 22242, created_at: now, tags: [['relay', url], ['challenge', challenge]], content: '' };
  }

  /**
   * Closes, giving the close handshake `graceMs` before the socket is destroyed (issue #16 item 7):
   * ws waits 30 s for the relay's close frame, and a relay in the middle of a frame it never
   * finishes (10 MiB announced, a byte every 200 ms) never sends one, which held a command's exit.
   * The timer is weak: a socket that closes cleanly lets the process end at once.
   *
   * A relay ahead of us (its socket paused, or messages still waiting) is ended at once: its
   * answer to our close comes behind everything it sent since, megabytes in a burst, none of it
   * read while paused. Waiting for it waited out the whole grace (a quit in the middle of a
   * 30,000-note burst took 1.0 s more). So is every socket given no grace (0: the pool closed).
   */
  closeWithin(graceMs: number, timers: Timers): void {
    const ws = (this as unknown as { ws?: { terminate?(): void } }).ws;
    const ahead = this.paused !== undefined || this.backlog > 0;
    // Closed by us: what is still waiting, or still comes, is no longer wanted.
    this.closing = true;
    this.inbox.clear();
    this.order.clear();
    this.deps.drain.forget(this);
    this.close();
    if (typeof ws?.terminate !== 'function') return;
    if (ahead || graceMs <= 0) ws.terminate();
    else timers.after(graceMs, () => ws.terminate!(), { weak: true });
  }

  /** Fails the OKs still awaited when the connection is gone. */
  dropPending(reason: string): void {
    const waiting = [...this.pendingOks.values()];
    this.pendingOks.clear();
    for (const pending of waiting) pending.reject(new Error(reason));
  }

  private sendIfOpen(message: string): boolean {
    if (!this.connected) return false;
    this.send(message).catch(() => {});
    return true;
  }

  /**
   * Handles every message read so far, at once: the socket has closed, and what the relay sent
   * before closing comes before the close (at most PAUSE_ABOVE messages, as the socket is paused
   * past that).
   */
  handleInbox(): void {
    while (this.handleNext());
    this.deps.drain.forget(this);
    // That socket is gone: the next one starts unpaused, and may be paused in its turn.
    this.paused = undefined;
  }

  override _onmessage(ev: MessageEvent): void {
    if (this.closing) return;
    this.messages++;
    const data: unknown = ev.data;
    // The relay answered in time when its EOSE arrived, whatever is still queued before it.
    if (typeof data === 'string' && data.startsWith(EOSE_PREFIX) && data.length < 1_024) {
      const message = parseRelayMessage(data, this.limits);
      if (message.type === 'EOSE') this.subs.get(message.subId)?.oneoseArrived?.();
    }
    this.inbox.push(data);
    this.deps.drain.wake(this);
    if (this.backlog > PAUSE_ABOVE && !this.paused) {
      const ws = (this as unknown as { ws?: { pause?(): void; resume?(): void } }).ws;
      if (typeof ws?.pause === 'function') {
        ws.pause();
        this.paused = ws;
      }
    }
  }

  /** Drainable: handles the next message read, if any. */
  handleNext(): boolean {
    if (this.inbox.size === 0) return false;
    const next = this.inbox.take();
    try {
      this.receive(next);
    } catch {
      // A bug in a handler must not take the connection (or the process) down.
      this.deps.counts.malformed++;
    }
    this.resumeIfCaughtUp();
    this.deps.onchange();
    return true;
  }

  private get backlog(): number {
    return this.inbox.size + this.order.size;
  }

  private resumeIfCaughtUp(): void {
    if (!this.paused || this.backlog >= RESUME_BELOW) return;
    const ws = this.paused;
    this.paused = undefined;
    ws.resume?.();
  }

  private receive(data: unknown): void {
    const counts = this.deps.counts;
    if (typeof data !== 'string') {
      counts.malformed++;
      return;
    }
    if (data.length > this.limits.maxLength) {
      counts.oversize++;
      return;
    }
    if (data.startsWith(EVENT_PREFIX) && this.fastPath(data)) return;

    const message = parseRelayMessage(data, this.limits);
    if (isDropped(message)) {
      counts[message.type]++;
      return;
    }
    switch (message.type) {
      case 'EVENT': {
        const sub = this.subs.get(message.subId);
        if (sub) this.check(sub, message.event);
        return;
      }
      case 'EOSE': {
        const sub = this.subs.get(message.subId);
        if (!sub) return;
        this.order.now(() => sub.oneose());
        return;
      }
      case 'CLOSED': {
        const sub = this.subs.get(message.subId);
        if (!sub) return;
        this.subs.delete(message.subId);
        this.order.now(() => sub.onclosed(message.message));
        return;
      }
      case 'OK': {
        const pending = this.pendingOks.get(message.eventId);
        if (!pending) return;
        this.pendingOks.delete(message.eventId);
        pending.resolve({ ok: message.ok, message: message.message });
        return;
      }
      case 'NOTICE':
        this.deps.onnotice(message.message);
        return;
      case 'AUTH':
        this.deps.onauth(message.challenge);
        return;
      case 'COUNT':
        return;
    }
  }

  /**
   * An EVENT whose id and signature we already have (handed on, verified, or being verified, from
   * any relay) is settled without parsing or hashing: the first valid copy is what is handed on.
   */
  private fastPath(data: string): boolean {
    const subStart = data.indexOf('"', EVENT_PREFIX.length);
    const subEnd = subStart < 0 ? -1 : data.indexOf('"', subStart + 1);
    if (subEnd < 0) return false;
    const sub = this.subs.get(data.slice(subStart + 1, subEnd));
    if (!sub) return false;
    const key = data.indexOf('"id"', subEnd);
    if (key < 0) return false;
    const idStart = data.indexOf('"', key + 4);
    if (idStart < 0) return false;
    const sliced = data.slice(idStart + 1, idStart + 65);
    // Only a copy carrying the same signature as the one we have is taken as
    // the same event; anything else is parsed and checked like a new one.
    const first = this.deps.verified.copy(sliced);
    if (!first || !data.includes(first.sig)) return false;
    // The first copy's id from here on: a slice would keep this whole message alive in what holds it.
    const id = first.id;
    if (sub.delivered.has(id)) {
      this.order.now(() => this.deliver(sub, undefined, id));
      return true;
    }
    const known = this.deps.verified.get(id);
    if (known) {
      this.order.now(() => this.verdict(sub, matchFilters(sub.filters, known) ? known : 'offFilter'));
      return true;
    }
    // The first copy is still being checked: wait for it rather than parse this
    // one. Only if that copy turns out bad is this one parsed and checked.
    const pending = this.deps.verified.pending(id);
    if (!pending) return false;
    this.order.after(pending, (verified) => {
      if (verified) this.verdict(sub, matchFilters(sub.filters, verified) ? verified : 'offFilter');
      else this.receive(data);
    });
    return true;
  }

  private check(sub: RelaySub, event: Event): void {
    const verdict = this.deps.verified.verify(event, (e) => matchFilters(sub.filters, e));
    if (verdict instanceof Promise) this.order.after(verdict, (v) => this.verdict(sub, v));
    else this.order.now(() => this.verdict(sub, verdict));
  }

  private verdict(sub: RelaySub, verdict: Verdict): void {
    if (verdict === 'invalid') this.deps.counts.invalid++;
    else if (verdict === 'offFilter') this.deps.counts.offFilter++;
    else this.deliver(sub, verdict, verdict.id);
  }

  private deliver(sub: RelaySub, event: Event | undefined, id: string): void {
    if (!this.subs.has(sub.id)) return;
    const seen = event ?? this.deps.verified.get(id);
    if (!event || !sub.delivered.add(id)) {
      this.deps.counts.duplicates++;
      sub.onseen(id, seen);
      return;
    }
    this.deps.counts.received++;
    sub.onevent(event);
  }
}
