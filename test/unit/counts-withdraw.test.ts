// A reply the user deletes stops counting under its note at once (NIP-09): the parent's `↩ 1`
// stayed until the next start. Only a request by the reply's own author does this (NIP-09).
import type { Event, Filter } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { createCounts } from '../../src/client/counts.js';
import { until } from '../helpers/until.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const ME = hex(7);
const NOTE = hex(1);
const event = (id: number, pubkey: string, kind: number, tags: string[][]): Event => ({
  id: hex(id),
  pubkey,
  created_at: 1_700_000_000,
  kind,
  tags,
  content: '',
  sig: '0'.repeat(128),
});

describe('counts: the user withdraws a reply', () => {
  it('their deletion request takes their reply off its note; someone else\'s changes nothing', async () => {
    const mine = event(10, ME, 1, [['e', NOTE, '', 'root']]);
    const theirs = event(11, hex(8), 1, [['e', NOTE, '', 'root']]);
    const counts = createCounts({
      me: () => ME,
      cached: (filters: Filter[]) => (filters.some((f) => f['#e']?.includes(NOTE)) ? [mine, theirs] : []),
      subscribe: () => ({ close() {} }),
      batchMs: 0,
    });
    let changes = 0;
    counts.onChange(() => changes++);
    counts.request([NOTE]);
    await until(() => counts.get(NOTE).replies === 2 && changes === 1, 'both replies counted, listeners told');

    counts.withdraw(event(20, hex(8), 5, [['e', mine.id]]));
    expect(counts.get(NOTE).replies).toBe(2);
    counts.withdraw(event(21, ME, 5, [['e', mine.id]]));
    expect(counts.get(NOTE).replies).toBe(1);
    await until(() => changes === 2, 'listeners told again');
    counts.close();
  });
});
