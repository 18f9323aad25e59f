// A relay connection's keep-alive: a WebSocket ping every PING_EVERY_MS, and a socket whose pong
// does not come within PONG_WITHIN_MS is ended, so the connection is lost and retried (a relay
// that died without closing would otherwise look connected and send nothing, for good).
//
// In place of nostr-tools' own (AbstractRelay's enablePing): its pong wait is a 20 s setTimeout
// that neither the pong nor close() clears, so once a connection had pinged (after 29 s), closing
// it left the process alive up to 20 s more: `q` in a UI that had run a minute left a blank
// screen for 13 s, and Ctrl-C on `timeline --stream` took 9 s to exit.
import type { Cancel, Timers } from '../core/clock.js';

export const PING_EVERY_MS = 29_000;
export const PONG_WITHIN_MS = 20_000;
const OPEN = 1;

/** What the keep-alive needs of a socket (ws's; the WHATWG WebSocket has no ping). */
export interface PingSocket {
  readonly readyState: number;
  ping(): void;
  once(event: 'pong', listener: () => void): unknown;
  off(event: 'pong', listener: () => void): unknown;
  terminate(): void;
}

export const canPing = (socket: unknown): socket is PingSocket =>
  typeof (socket as Partial<PingSocket> | undefined)?.ping === 'function' && typeof (socket as PingSocket).terminate === 'function';

/**
 * Pings `socket` until the returned function is called (the connection closed or lost), which
 * leaves no timer behind. The timers are weak besides: the keep-alive never holds the process.
 */
export function keepAlive(socket: PingSocket, timers: Timers): Cancel {
  let cancel: Cancel = () => {};
  const ponged = (): void => {
    cancel();
    next();
  };
  const ping = (): void => {
    if (socket.readyState !== OPEN) return;
    socket.once('pong', ponged);
    cancel = timers.after(PONG_WITHIN_MS, () => socket.terminate(), { weak: true });
    try {
      socket.ping();
    } catch {
      // Closing under us: its close event ends the connection.
    }
  };
  const next = (): void => {
    cancel = timers.after(PING_EVERY_MS, ping, { weak: true });
  };
  next();
  return () => {
    cancel();
    socket.off('pong', ponged);
  };
}
