import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRelay, type TestRelay } from '../helpers/relay.js';

useWebSocketImplementation(WebSocket);

describe('the loopback test relay', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => relay.stop());

  it('accepts a signed event over a real WebSocket and serves it back', async () => {
    const event = finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: 'hello' }, generateSecretKey());
    const client = await Relay.connect(relay.url);
    await client.publish(event);
    const found = await relay.find({ ids: [event.id] });
    client.close();
    expect(found.map((e) => e.id)).toEqual([event.id]);
  });
});
