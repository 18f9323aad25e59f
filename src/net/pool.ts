// The relay pool: every read relay asked, every event verified once, merged by
// id; every write relay told, one result each. Built on nostr-tools'
// AbstractRelay (src/net/relay.ts) with a hardened message path.
import type { Event, Filter } from 'nostr-tools';
import { systemClock, systemTimers, type Cancel, type Clock, type Timers } from '../core/clock.js';
import { containsSecret } from '../core/identifiers.js';
import { defaultLimits, type RelayMessageLimits } from '../core/relay-message.js';
import { RecentSet } from '../core/recent.js';
import { readUrls, writeUrls } from '../core/relay-spec.js';
import { FUTURE_SKEW_SEC } from '../core/timeline.js';
import { defaultBackoff, type BackoffOptions } from './backoff.js';
import { ConnectFailed, Connection } from './connection.js';
import { Drain } from './drain.js';
import { newPart, noteDepth, resubscribeFilters, type Part } from './part.js';
import { mergeSteps, sameFilters } from './plan.js';
import { DEFAULT_EOSE_TIMEOUT_MS, DEFAULT_IDLE_CLOSE_MS, DEFAULT_PUBLISH_TIMEOUT_MS, type PoolOptions } from './pool-options.js';
import { publishTo } from './publish-to.js';
import { MAX_DELIVERED_IDS } from './relay.js';
import { relaySockets } from './socket.js';
import { StatusBroadcast } from './status-broadcast.js';
import type { FetchOptions, PoolSubscription, PublishOptions, PublishResult, QueryOptions, QueryResult, RelayPool, RelayRole, RelaySpec, RelayStatus, RequestPlan, StreamOptions, SubscribeHandlers } from './types.js';
import { VerifiedEvents } from './verified-events.js';
import { sharedVerifier } from './verify.js';

export { DEFAULT_EOSE_TIMEOUT_MS, DEFAULT_IDLE_CLOSE_MS, DEFAULT_PUBLISH_TIMEOUT_MS, type PoolOptions } from './pool-options.js';

export function createPool(opts: PoolOptions): RelayPool & { readonly verifierName: string } {
  return new Pool(opts);
}

let serial = 0;

class Pool implements RelayPool {
  private readonly connections = new Map<string, Connection>();
  private readonly parts = new Map<Connection, Set<Part>>();
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly verified: VerifiedEvents;
  private readonly eoseTimeoutMs: number;
  private readonly publishTimeoutMs: number;
  private readonly sockets: ReturnType<typeof relaySockets>;
  private readonly backoff: BackoffOptions;
  private readonly limits: RelayMessageLimits;
  private readonly idleCloseMs: number;
  private readonly idleTimers = new Map<Connection, Cancel>();
  private readonly broadcast: StatusBroadcast;
  private readonly drain = new Drain();
  private readonly secretInUrl: (url: string) => boolean;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {
    this.clock = opts.clock ?? systemClock;
    this.timers = opts.timers ?? systemTimers;
    this.verified = new VerifiedEvents(opts.verifier ?? sharedVerifier());
    this.eoseTimeoutMs = opts.eoseTimeoutMs ?? DEFAULT_EOSE_TIMEOUT_MS;
    this.publishTimeoutMs = opts.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS;
    this.sockets = relaySockets(opts.WebSocket, opts.dnsServers);
    this.backoff = { ...defaultBackoff, ...opts.backoff };
    this.limits = { ...defaultLimits, ...opts.limits };
    this.idleCloseMs = opts.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS;
    this.broadcast = new StatusBroadcast(this.timers, () => this.status());
    this.secretInUrl = opts.secretInUrl ?? ((url) => containsSecret(url));
    for (const spec of opts.relays) this.connection(spec.url, 'user');
  }

  get verifierName(): string {
    return this.verified.verifierName;
  }

  /** Undefined for a URL holding a secret key: never connected to, so never sent to DNS or a relay. */
  private connection(url: string, role: RelayRole): Connection | undefined {
    const known = this.connections.get(url);
    if (known) {
      if (!known.status.roles.includes(role)) known.status.roles.push(role);
      return known;
    }
    if (this.secretInUrl(url)) return undefined;
    const inList = this.opts.relays.some((spec) => spec.url === url);
    const conn = new Connection(url, inList, {
      clock: this.clock,
      timers: this.timers,
      WebSocket: this.sockets.WebSocket,
      // ws sockets only: an injected class (tests, the bench) times its own connections.
      ...(this.opts.WebSocket ? {} : { pingTimers: this.opts.pingTimers ?? systemTimers }),
      verified: this.verified,
      drain: this.drain,
      limits: this.limits,
      backoff: this.backoff,
      ...(this.opts.signer ? { signer: this.opts.signer } : {}),
      ...(this.opts.onAuthRequested ? { onAuthRequested: this.opts.onAuthRequested } : {}),
      authTimeoutMs: this.publishTimeoutMs,
      onchange: () => this.statusChanged(),
    });
    const parts = new Set<Part>();
    this.parts.set(conn, parts);
    conn.wanted = () => [...parts].some((part) => !part.dead);
    conn.onlost = (reason, timedOut) => {
      for (const part of parts) if (!part.settled) this.settlePart(part, { error: reason, timedOut, unreached: reason === 'could not connect' && !timedOut });
    };
    conn.onreopen = () => {
      for (const part of parts) if (!part.dead) this.resubscribe(conn, part);
    };
    conn.status.roles.push(role);
    this.connections.set(url, conn);
    return conn;
  }

  query(filters: Filter[], opts: QueryOptions & FetchOptions = {}): Promise<QueryResult> {
    return this.fetch(sameFilters(filters, opts.relays ?? readUrls(this.opts.relays), opts.role), opts);
  }

  subscribe(filters: Filter[], handlers: SubscribeHandlers, opts: QueryOptions & StreamOptions = {}): PoolSubscription {
    return this.request(sameFilters(filters, opts.relays ?? readUrls(this.opts.relays), opts.role), handlers, opts);
  }

  fetch(plan: RequestPlan, { onevent, ...opts }: FetchOptions = {}): Promise<QueryResult> {
    return new Promise((resolve) => {
      const events: Event[] = [];
      const sub = this.request(
        plan,
        {
          onevent: (event, relay) => (events.push(event), onevent?.(event, relay)),
          onsettled: (relays) => {
            queueMicrotask(() => sub.close());
            resolve({ events, relays });
          },
        },
        { ...opts, stream: false },
      );
    });
  }

  request(plan: RequestPlan, handlers: SubscribeHandlers, opts: StreamOptions = {}): PoolSubscription {
    const stream = opts.stream ?? true;
    const eoseTimeoutMs = opts.eoseTimeoutMs ?? this.eoseTimeoutMs;
    const ingest = opts.cache === false ? undefined : this.opts.ingest;
    const delivered = new RecentSet<string>(MAX_DELIVERED_IDS);
    const id = `nt${++serial}`;
    const parts: Part[] = [];
    let closed = false;
    let settledReported = false;

    const reportSettled = () => {
      if (settledReported || closed || !parts.every((p) => p.settled)) return;
      settledReported = true;
      handlers.onsettled?.(parts.map((p) => ({ ...p.outcome })));
    };

    const close = () => {
      if (closed) return;
      closed = true;
      for (const part of parts) {
        part.dead = true;
        part.cancelled = true;
        part.cancelTimer?.();
        part.conn.relay.unreq(id);
        this.parts.get(part.conn)?.delete(part);
        this.closeWhenIdle(part.conn);
      }
    };

    for (const { url, filters, role } of mergeSteps(plan)) {
      const conn = this.connection(url, role);
      if (!conn) continue;
      this.cancelIdle(conn);
      const part = newPart(conn, filters, role, !stream, (timedOut) => {
        if (timedOut || part.outcome.eose) handlers.oneose?.(url, timedOut);
        reportSettled();
      });
      part.sub = {
        id,
        filters,
        delivered,
        onevent: (event) => {
          part.outcome.events++;
          noteDepth(part, event, this.latest());
          ingest?.event(event, url);
          handlers.onevent(event, url);
        },
        onseen: (eventId, event) => {
          part.outcome.events++;
          noteDepth(part, event, this.latest());
          ingest?.seen(eventId, url);
          handlers.onseen?.(eventId, url, event);
        },
        // The relay answered in time when its EOSE arrived, even if our checks of
        // the events before it are still running: the timeout measures the relay, not us.
        oneoseArrived: () => {
          part.cancelTimer?.();
          part.cancelTimer = undefined;
          this.opts.waits?.answered(url);
          if (!part.settled) conn.status.rttMs = this.clock.now() - part.reqAt;
        },
        oneose: () => {
          // A stalled relay that answers late is answering again.
          if (conn.status.state === 'connected' || conn.status.state === 'stalled') conn.setState('eose');
          this.settlePart(part, { eose: true });
        },
        onclosed: (reason) => this.relayClosed(part, reason, handlers),
      };
      parts.push(part);
      this.parts.get(conn)!.add(part);
      const wait = this.opts.waits?.wait(url, eoseTimeoutMs) ?? eoseTimeoutMs;
      part.cancelTimer = this.timers.after(wait, () => {
        this.opts.waits?.waitedOut(url, wait);
        this.settlePart(part, { timedOut: true, stalled: true });
      });
      conn.open(wait).then(
        () => {
          if (closed) return;
          part.reqAt = this.clock.now();
          if (!conn.relay.req(part.sub)) this.settlePart(part, { error: 'connection closed' });
        },
        (error: Error) => {
          this.settlePart(part, { error: error.message, unreached: error instanceof ConnectFailed && !error.timedOut });
          if (!part.dead) conn.scheduleReconnect();
        },
      );
    }
    const stopWaiting = (url?: string) => parts.forEach((part) => (url === undefined || part.outcome.url === url) && this.settlePart(part, { timedOut: true }));
    opts.signal?.addEventListener('abort', () => stopWaiting());
    queueMicrotask(reportSettled);
    return { close, stopWaiting };
  }

  /** `stalled`: the relay's own timeout, not a caller giving up (an abort, stopWaiting). */
  private settlePart(part: Part, how: { eose?: boolean; timedOut?: boolean; stalled?: boolean; error?: string; unreached?: boolean }): void {
    if (part.settled) return;
    part.settled = true;
    part.cancelTimer?.();
    part.cancelTimer = undefined;
    if (how.eose) part.outcome.eose = true;
    if (how.timedOut) part.outcome.timedOut = true;
    if (how.stalled && (part.conn.status.state === 'connected' || part.conn.status.state === 'eose')) part.conn.setState('stalled');
    if (how.error !== undefined) part.outcome.error = how.error;
    if (how.unreached) part.outcome.unreached = true;
    this.opts.onOutcome?.({ ...part.outcome }, part.filters, part.role);
    part.onsettle(how.timedOut === true);
  }

  /** A relay outside the user's list that no request uses any more is let go after a while. */
  private closeWhenIdle(conn: Connection): void {
    if (conn.inList || this.closed || this.idleTimers.has(conn)) return;
    if ([...(this.parts.get(conn) ?? [])].some((part) => !part.dead || !part.settled)) return;
    this.idleTimers.set(
      conn,
      this.timers.after(
        this.idleCloseMs,
        () => {
          this.idleTimers.delete(conn);
          if (this.parts.get(conn)?.size) return;
          conn.close();
          this.connections.delete(conn.url);
          this.parts.delete(conn);
          this.statusChanged();
        },
        { weak: true },
      ),
    );
  }

  private cancelIdle(conn: Connection): void {
    this.idleTimers.get(conn)?.();
    this.idleTimers.delete(conn);
  }

  /** CLOSED (NIP-01): the relay ended the REQ. "auth-required:" (NIP-42) gets one retry after AUTH. */
  private relayClosed(part: Part, reason: string, handlers: SubscribeHandlers): void {
    const conn = part.conn;
    if (reason.startsWith('auth-required:') && !part.authRetried) {
      part.authRetried = true;
      void conn.authenticate().then((ok) => {
        if (ok && !this.closed && !part.cancelled && conn.relay.req(part.sub)) return;
        this.endPart(part, reason, handlers);
      });
      return;
    }
    this.endPart(part, reason, handlers);
  }

  private endPart(part: Part, reason: string, handlers: SubscribeHandlers): void {
    part.dead = true;
    part.conn.status.error = reason;
    this.statusChanged();
    this.settlePart(part, { error: `closed by relay: ${reason}` });
    handlers.onclosed?.(part.conn.url, reason);
  }

  /** After a reconnect: the window again, as deep as the relay's first answer reached (resubscribeFilters). */
  private resubscribe(conn: Connection, part: Part): void {
    part.sub.filters = resubscribeFilters(part);
    part.reqAt = this.clock.now();
    conn.relay.req(part.sub);
  }

  /** Unix seconds: now plus the skew allowed; an event dated later is held back (issue #16 item 3). */
  private latest = (): number => Math.floor(this.clock.now() / 1000) + FUTURE_SKEW_SEC;

  async publish(event: Event, opts: PublishOptions = {}): Promise<PublishResult[]> {
    const conns = [...new Set(opts.relays ?? writeUrls(this.opts.relays))].flatMap((url) => this.connection(url, opts.role ?? 'user') ?? []);
    return Promise.all(
      conns.map(async (conn) => {
        this.cancelIdle(conn);
        const result = await publishTo(conn, event, opts.timeoutMs ?? this.publishTimeoutMs, { clock: this.clock, timers: this.timers, changed: () => this.statusChanged(), waits: this.opts.waits });
        this.closeWhenIdle(conn);
        opts.onResult?.(result);
        return result;
      }),
    );
  }

  /** A relay no longer listed is kept while a request uses it, like any other relay, then let go. */
  setRelays(relays: RelaySpec[]): void {
    if (this.closed) return;
    this.opts.relays = relays.map((spec) => ({ ...spec }));
    const listed = new Set(relays.map((spec) => spec.url));
    for (const conn of [...listed].flatMap((url) => this.connection(url, 'user') ?? [])) conn.inList = true;
    for (const conn of [...this.connections.values()].filter((c) => !listed.has(c.url))) {
      conn.inList = false;
      conn.status.roles = conn.status.roles.filter((role) => role !== 'user');
      this.closeWhenIdle(conn);
    }
    this.statusChanged();
  }

  status(): RelayStatus[] {
    return [...this.connections.values()].map((c) => ({ ...c.status, roles: [...c.status.roles], counts: { ...c.status.counts } }));
  }

  onStatus = (listener: (status: RelayStatus[]) => void): (() => void) => this.broadcast.listen(listener);
  private statusChanged = (): void => this.broadcast.changed();

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.broadcast.stop();
    for (const cancel of this.idleTimers.values()) cancel();
    this.idleTimers.clear();
    for (const [conn, parts] of this.parts) {
      for (const part of parts) {
        part.dead = true;
        this.settlePart(part, { error: 'pool closed' });
      }
      conn.close(0);
    }
    this.sockets.close();
    this.broadcast.now();
  }
}
