// The planner's learning survives a restart: tallies written to the database come back equal.
import { describe, expect, it } from 'vitest';
import { DeliveryStats } from '../../src/core/delivery.js';
import { openStore } from '../../src/store/open.js';
import { tempDir } from '../helpers/store.js';

const A = 'a'.repeat(64);

describe('delivery tallies in the store', () => {
  it('are saved and loaded again across a reopen, updated in place', () => {
    const dir = tempDir();
    const clock = { now: () => 1_700_000_000_000 };
    const first = openStore(dir, { clock });
    const stats = new DeliveryStats();
    stats.record({ url: 'wss://r', answered: true, asked: [A], delivered: new Set([A]) });
    stats.record({ url: 'wss://dead', answered: false, asked: [A], delivered: new Set() });
    first.delivery.save(stats);
    stats.record({ url: 'wss://r', answered: true, asked: [A], delivered: new Set() });
    first.delivery.save(stats);
    first.close();

    const again = openStore(dir, { clock });
    const loaded = again.delivery.load();
    expect(loaded.entries().sort((a, b) => (a.url + (a.author ?? '')).localeCompare(b.url + (b.author ?? '')))).toEqual(
      stats.entries().sort((a, b) => (a.url + (a.author ?? '')).localeCompare(b.url + (b.author ?? ''))),
    );
    expect(loaded.pair('wss://r', A)).toBe(0.5);
    expect(loaded.relay('wss://dead')).toBeCloseTo(1 / 3);
    again.close();
  });
});
