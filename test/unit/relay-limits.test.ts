// Issue 16 item 11: NIP-11 limits read safely (no redirects, size cap,
// timeout), and per-event back-off of outbox retries.
import { createServer, type Server } from 'node:http';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushOutbox } from '../../src/client/outbox-flush.js';
import { fetchRelayLimits } from '../../src/client/relay-info.js';
import { exceedsLimits, limitsFromDocument } from '../../src/core/relay-limits.js';
import type { RelayPool } from '../../src/net/types.js';
import { webClient } from '../../src/net/web-fetch.js';
import { retryDelayMs } from '../../src/store/outbox.js';
import { manualClock, openTempStore } from '../helpers/store.js';

let server: Server;
let base: string;
// The client's own (src/net/web-fetch.ts), as publish.ts passes it.
const web = webClient();
const DOC = JSON.stringify({ limitation: { max_message_length: 1000, max_content_length: 10, max_event_tags: 2 } });

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.headers.accept !== 'application/nostr+json') return void res.writeHead(426).end();
    if (req.url === '/doc') return void res.writeHead(200, { 'Content-Type': 'application/nostr+json' }).end(DOC);
    if (req.url === '/redirect') return void res.writeHead(302, { Location: '/doc' }).end();
    if (req.url === '/huge') return void res.writeHead(200).end(`{"limitation":{"max_content_length":1},"pad":"${'x'.repeat(200_000)}"}`);
    if (req.url === '/slow') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  web.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('NIP-11 limits', () => {
  it('reads the limitation of a relay document over HTTP with Accept: application/nostr+json', async () => {
    expect(await fetchRelayLimits(`${base}/doc`, web.fetch)).toEqual({ maxMessageLength: 1000, maxContentLength: 10, maxEventTags: 2 });
  });

  it('a redirecting relay, an oversized document and a relay that never answers give no limits (never followed, capped, timed out)', async () => {
    expect(await fetchRelayLimits(`${base}/redirect`, web.fetch)).toBeNull();
    expect(await fetchRelayLimits(`${base}/huge`, web.fetch)).toBeNull();
    expect(await fetchRelayLimits(`${base}/slow`, web.fetch, 300)).toBeNull();
    expect(await fetchRelayLimits(`${base}/missing`, web.fetch)).toBeNull();
  });

  it('malformed limits are ignored; the checks name what is over', () => {
    expect(limitsFromDocument({ limitation: { max_content_length: -1, max_event_tags: '3' } })).toBeNull();
    const limits = limitsFromDocument(JSON.parse(DOC));
    const note = (content: string, tags: string[][] = []) => ({ kind: 1, created_at: 1, tags, content });
    expect(exceedsLimits(note('short'), limits)).toBeUndefined();
    expect(exceedsLimits(note('x'.repeat(11)), limits)).toBe('11 characters, it takes at most 10');
    expect(exceedsLimits(note('x', [['t', 'a'], ['t', 'b'], ['t', 'c']]), limits)).toBe('3 tags, it takes at most 2');
    expect(exceedsLimits(note('x', [['t', 'y'.repeat(900)]]), limits)).toMatch(/^a \d+-byte message, it takes at most 1000 bytes$/);
  });
});

describe('per-event back-off', () => {
  it('a post no relay took is not retried in the background until its back-off has run out', async () => {
    const clock = manualClock(1_000_000);
    const store = openTempStore({ clock });
    const event = finalizeEvent({ kind: 1, created_at: 1, tags: [], content: 'x' }, generateSecretKey());
    store.outbox.add(event, ['ws://a.example']);
    store.outbox.record(event.id, [{ url: 'ws://a.example', ok: false, outcome: 'timeout', message: 'no answer' }]);
    expect(store.outbox.get(event.id)).toMatchObject({ attempts: 1, nextTryAt: 1_000_000 + retryDelayMs(1) });
    let sent = 0;
    const pool = { publish: async () => (sent++, [{ url: 'ws://a.example', ok: false, outcome: 'timeout', message: 'no answer' }]) } as unknown as RelayPool;
    await flushOutbox(store.outbox, pool, { relays: [], backoffAt: clock.now() });
    expect(sent).toBe(0);
    clock.advance(retryDelayMs(1));
    await flushOutbox(store.outbox, pool, { relays: [], backoffAt: clock.now() });
    expect(sent).toBe(1);
    expect(store.outbox.get(event.id)!.nextTryAt).toBe(clock.now() + retryDelayMs(2));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(retryDelayMs(100)).toBe(86_400_000);
    store.close();
  });
});
