// One relay as the pool sees it: its socket (PoolRelay), its status and
// counters, reconnecting with backoff while subscriptions want it, and NIP-42
// authentication when the relay asks and is in the user's list.
import type { Cancel, Clock, Timers } from '../core/clock.js';
import type { Signer } from '../core/signer.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { canPing, keepAlive } from './keep-alive.js';
import { PoolRelay } from './relay.js';
import type { RelayMessageLimits } from '../core/relay-message.js';
import type { RelayCounts, RelayRole, RelayState, RelayStatus } from './types.js';
import type { Drain } from './drain.js';
import type { VerifiedEvents } from './verified-events.js';

/** The socket did not open; `timedOut`: not within the wait (the relay may only be slow), else refused or failed. */
export class ConnectFailed extends Error {
  constructor(message: string, readonly timedOut: boolean) {
    super(message);
  }
}

export interface ConnectionDeps {
  clock: Clock;
  timers: Timers;
  WebSocket: typeof WebSocket;
  /** The keep-alive's timers (keep-alive.ts); none: no pings. */
  pingTimers?: Timers;
  verified: VerifiedEvents;
  drain: Drain;
  limits?: RelayMessageLimits;
  backoff: BackoffOptions;
  signer?: Signer;
  /** Asked before signing an AUTH event; false declines. */
  onAuthRequested?: (url: string) => boolean | Promise<boolean>;
  authTimeoutMs: number;
  onchange(): void;
}

const MAX_AUTHS_PER_CONNECTION = 3;
/**
 * AUTH signatures per relay in any hour, across reconnects (issue #16 item 6: a relay that sent
 * a challenge and closed got 174 signatures in a minute).
 */
export const MAX_AUTHS_PER_HOUR = 20;
const HOUR_MS = 3_600_000;
/**
 * A connection resets the reconnect backoff only after it stayed up this long and delivered a
 * message: a relay that accepts and closes at once is otherwise retried every 0.5-1 s forever.
 */
export const STABLE_AFTER_MS = 30_000;
/**
 * How long a socket let go while the process runs on (an idle relay) may wait for the relay's
 * close frame before it is destroyed. A pool closed for good waits for none (Connection.close).
 */
export const CLOSE_GRACE_MS = 1_000;

export const emptyCounts = (): RelayCounts => ({
  received: 0,
  duplicates: 0,
  invalid: 0,
  offFilter: 0,
  malformed: 0,
  oversize: 0,
});

export class Connection {
  readonly relay: PoolRelay;
  readonly status: RelayStatus & { roles: RelayRole[] };
  /**
   * Called whenever the socket is gone (closed, failed, timed out). `timedOut`: it never opened
   * within the wait, a stall like a relay that never sends EOSE (not waited for again in the same
   * run), where a refusal fails at once.
   */
  onlost: (reason: string, timedOut: boolean) => void = () => {};
  /** Called after a reconnect opened the socket again. */
  onreopen: () => void = () => {};
  /** Whether anything still wants this relay reconnected. */
  wanted: () => boolean = () => false;

  private opening: Promise<void> | undefined;
  private attempts = 0;
  private cancelReconnect: Cancel | undefined;
  /** The running connect's timeout (connectWithin), and whether it ran out. */
  private cancelConnect: Cancel | undefined;
  private connectTimedOut = false;
  private closed = false;
  private challenge: string | undefined;
  private authed: Promise<boolean> | undefined;
  /** AUTH events signed on this connection: a relay sending challenge after challenge gets only a few. */
  private authsSigned = 0;
  /** When each AUTH of the last hour was signed (ms), whatever the connection. */
  private authTimes: number[] = [];
  /** When the socket last opened (ms), and how many messages it had received then. */
  private openedAt: number | undefined;
  private messagesAtOpen = 0;
  /** Stops the open socket's keep-alive, leaving no timer. */
  private stopPings: Cancel | undefined;

  constructor(
    readonly url: string,
    /** In the user's relay list: only these may get an AUTH signed with the user's key (the list may change). */
    public inList: boolean,
    private readonly deps: ConnectionDeps,
  ) {
    this.status = { url, state: 'idle', roles: [], counts: emptyCounts() };
    this.relay = new PoolRelay(url, {
      verified: deps.verified,
      drain: deps.drain,
      counts: this.status.counts,
      ...(deps.limits ? { limits: deps.limits } : {}),
      WebSocket: deps.WebSocket,
      now: () => Math.floor(deps.clock.now() / 1000),
      onchange: deps.onchange,
      onnotice: (notice) => {
        this.status.notice = notice;
        deps.onchange();
      },
      onauth: (challenge) => this.authChallenge(challenge),
    });
    this.relay.onclose = () => {
      this.relay.handleInbox();
      this.lost();
    };
  }

  get connected(): boolean {
    return this.relay.connected;
  }

  setState(state: RelayState, error?: string): void {
    this.status.state = state;
    if (error !== undefined) this.status.error = error;
    this.deps.onchange();
  }

  /** Opens the socket (once, however many callers wait); rejects with a reason. */
  open(timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('pool closed'));
    if (this.relay.connected) return Promise.resolve();
    if (!this.opening) {
      this.setState('connecting');
      this.opening = this.connectWithin(timeoutMs).then(
        () => {
          this.openedAt = this.deps.clock.now();
          this.messagesAtOpen = this.relay.messages;
          this.startPings();
          delete this.status.error;
          this.setState('connected');
        },
        (reason: unknown) => {
          this.opening = undefined;
          const message = this.status.error ?? (reason instanceof Error ? reason.message : String(reason));
          this.setState('error', message);
          throw new ConnectFailed(message, reason instanceof ConnectFailed && reason.timedOut);
        },
      );
    }
    return this.opening;
  }

  /**
   * The socket opened within `ms`. The timeout is the pool's timer, not AbstractRelay's: close()
   * never clears that one, so a socket closed while it still connected (a quit while a relay was
   * slow to answer) left its timer holding the process open until it fired, 5 s after the connect
   * began, and up to the backoff's longest wait for a reconnect.
   */
  private connectWithin(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.cancelConnect = this.deps.timers.after(ms, () => {
        this.cancelConnect = undefined;
        this.connectTimedOut = true;
        reject(new ConnectFailed('connection timed out', true));
        // As AbstractRelay's own timeout: the socket goes, and its onclose (lost()) may retry.
        this.relay.close();
      });
      this.relay.connect().then(
        () => {
          this.stopConnectTimer();
          resolve();
        },
        (reason: unknown) => {
          this.stopConnectTimer();
          reject(reason instanceof Error ? reason : new Error(String(reason)));
        },
      );
    });
  }

  private stopConnectTimer(): void {
    this.cancelConnect?.();
    this.cancelConnect = undefined;
  }

  private startPings(): void {
    this.stopPings?.();
    const socket = this.relay.socket;
    this.stopPings = this.deps.pingTimers && canPing(socket) ? keepAlive(socket, this.deps.pingTimers) : undefined;
  }

  private lost(): void {
    this.stopPings?.();
    this.stopPings = undefined;
    // Up long enough and useful: the relay is healthy again, so the next retry comes soon.
    const up = this.openedAt === undefined ? 0 : this.deps.clock.now() - this.openedAt;
    if (up >= STABLE_AFTER_MS && this.relay.messages > this.messagesAtOpen) this.attempts = 0;
    this.openedAt = undefined;
    this.opening = undefined;
    this.challenge = undefined;
    this.authed = undefined;
    this.authsSigned = 0;
    this.relay.dropPending('connection closed');
    if (this.closed) return;
    const reason = this.status.state === 'connecting' ? 'could not connect' : 'connection closed';
    const timedOut = this.connectTimedOut;
    this.connectTimedOut = false;
    this.setState('error', reason);
    this.onlost(reason, timedOut);
    this.scheduleReconnect();
  }

  /** Reconnects after a backoff delay while anything still wants this relay. */
  scheduleReconnect(): void {
    if (this.closed || this.cancelReconnect || !this.wanted()) return;
    const delay = backoffDelay(this.attempts++, this.deps.backoff);
    this.cancelReconnect = this.deps.timers.after(delay, () => {
      this.cancelReconnect = undefined;
      if (this.closed || !this.wanted()) return;
      this.open(Math.max(delay, 5_000)).then(
        () => this.onreopen(),
        () => this.scheduleReconnect(),
      );
    });
  }

  /** NIP-42: remember the challenge and answer it with the user's key when allowed. */
  private authChallenge(challenge: string): void {
    this.challenge = challenge;
    this.authed = undefined;
    void this.authenticate();
  }

  /** Whether this connection is authenticated; starts AUTH if a challenge is waiting. */
  authenticate(): Promise<boolean> {
    if (this.authed) return this.authed;
    const challenge = this.challenge;
    const signer = this.deps.signer;
    if (!challenge || !signer || !this.inList || this.authsSigned >= MAX_AUTHS_PER_CONNECTION) return Promise.resolve(false);
    const now = this.deps.clock.now();
    this.authTimes = this.authTimes.filter((at) => now - at < HOUR_MS);
    if (this.authTimes.length >= MAX_AUTHS_PER_HOUR) {
      this.status.error = `AUTH not answered: ${MAX_AUTHS_PER_HOUR} signatures for this relay in the last hour`;
      this.deps.onchange();
      return Promise.resolve(false);
    }
    this.authTimes.push(now);
    this.authsSigned++;
    this.authed = (async () => {
      if (this.deps.onAuthRequested && !(await this.deps.onAuthRequested(this.url))) return false;
      const now = Math.floor(this.deps.clock.now() / 1000);
      const event = await signer.signEvent(this.relay.authTemplate(challenge, this.url, now));
      const result = await withTimeout(this.relay.sendForOk('AUTH', event), this.deps.authTimeoutMs, 'AUTH timed out', this.deps.timers);
      if (!result.ok) throw new Error(`AUTH refused: ${result.message}`);
      return true;
    })().catch((error: unknown) => {
      this.status.error = error instanceof Error ? error.message : String(error);
      this.deps.onchange();
      return false;
    });
    return this.authed;
  }

  /**
   * `graceMs` 0 (the pool closed, the process ending): the close frame is sent and the socket
   * ended at once. Waiting for the relay's answer held a quit open after its screen was gone: up
   * to the whole grace when the relay was busy sending (0.2-0.4 s in the middle of a burst).
   */
  close(graceMs = CLOSE_GRACE_MS): void {
    this.closed = true;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
    this.stopConnectTimer();
    this.stopPings?.();
    this.stopPings = undefined;
    this.relay.dropPending('pool closed');
    try {
      this.relay.closeWithin(graceMs, this.deps.timers);
    } catch {
      // already closed
    }
    this.setState('closed');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string, timers: Timers): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = timers.after(ms, () => reject(new Error(message)));
    promise.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
