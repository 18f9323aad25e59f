// The client's few web requests (NIP-05 addresses, relays' NIP-11 documents): GETs over Node's
// http and https with the host name looked up as relays' are (src/net/lookup.ts), so that a
// lookup still waiting when a request is given up, or when the client closes, is cancelled.
// Global fetch asks the system's resolver, which cannot be stopped and which holds the process
// until it answers. Only what those callers use: GET, headers, an AbortSignal, the answer as a
// web Response (no redirect followed, whatever `redirect` says; nothing decompressed, and
// nothing compressed is asked for).
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { hostResolver } from './lookup.js';

export interface WebClient {
  readonly fetch: typeof fetch;
  /** Ends every request still open (and its lookup); later requests fail at once. */
  close(): void;
}

/** Statuses whose Response may not have a body (the Fetch standard). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * `secretInUrl`: true for a URL holding a secret key (a relay's NIP-11 address from someone's
 * list), which is never asked for: its host name would go to DNS, its path to the server.
 */
export function webClient(dnsServers: readonly string[] = [], secretInUrl?: (url: string) => boolean): WebClient {
  const closing = new AbortController();

  const get = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (secretInUrl?.(url.href)) return Promise.reject(new TypeError('that URL holds a secret key: not asked for'));
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!client) return Promise.reject(new TypeError(`not an http(s) URL: ${url.protocol}`));
    if ((init.method ?? 'GET').toUpperCase() !== 'GET') return Promise.reject(new TypeError('only GET is supported'));
    const signal = init.signal ? AbortSignal.any([init.signal, closing.signal]) : closing.signal;
    if (signal.aborted) return Promise.reject(abortReason(signal));
    // One resolver per request: cancelling its queries touches no other request's.
    const resolver = hostResolver(dnsServers);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    return new Promise<Response>((resolve, reject) => {
      const request = client.get(url, { headers, lookup: resolver.lookup, signal }, (answer) => {
        resolver.close();
        try {
          const status = answer.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, one);
          }
          const body = NULL_BODY.has(status) ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>);
          if (!body) answer.resume();
          resolve(new Response(body, { status, statusText: answer.statusMessage ?? '', headers: responseHeaders }));
        } catch (error) {
          // What a Response cannot hold (a status above 599, a header or reason it refuses): not an
          // answer. Thrown here, in the socket's callback, it would end the process.
          answer.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      request.on('error', (error) => {
        resolver.close();
        reject(signal.aborted ? abortReason(signal) : error);
      });
    });
  };

  return {
    fetch: get as typeof fetch,
    close() {
      closing.abort(new DOMException('the client closed', 'AbortError'));
    },
  };
}

/** As fetch rejects: with the signal's reason (a TimeoutError from AbortSignal.timeout, an AbortError otherwise). */
const abortReason = (signal: AbortSignal): Error => (signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
