import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteBuffer } from '../../src/store/write-buffer.js';
import { openTempStore } from '../helpers/store.js';

let counter = 0;
const event = (): Event => ({
  id: (++counter).toString(16).padStart(64, '0'),
  pubkey: 'b'.repeat(64),
  created_at: 1_700_000_000 + counter,
  kind: 1,
  tags: [],
  content: '',
  sig: 'c'.repeat(128),
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('write buffer', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });

  it('writes a full batch at once, in one go per relay', () => {
    const store = openTempStore();
    opened.push(store);
    const buffer = new WriteBuffer(store.events, { maxBatch: 3, flushMs: 60_000 });
    const [a, b, c] = [event(), event(), event()];
    buffer.add(a!, 'wss://one');
    buffer.add(b!, 'wss://two');
    expect(store.events.has(a!.id)).toBe(false);
    buffer.add(c!, 'wss://one');
    expect([a, b, c].map((e) => store.events.has(e!.id))).toEqual([true, true, true]);
    expect(store.events.newest([{}], 'wss://two')).toBe(b!.created_at);
    expect(store.events.newest([{}], 'wss://one')).toBe(c!.created_at);
    buffer.close();
  });

  it('writes what waits once flushMs has passed, and on close', async () => {
    const store = openTempStore();
    opened.push(store);
    const buffer = new WriteBuffer(store.events, { flushMs: 5 });
    const first = event();
    buffer.add(first);
    await until(() => store.events.has(first.id));
    const second = event();
    buffer.add(second);
    buffer.close();
    expect(store.events.has(second.id)).toBe(true);
  });
});
