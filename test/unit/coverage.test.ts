// When a relay's answer may have been cut by a cap, and what to ask it next.
import { generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { boundaryOf, RelayCoverage } from '../../src/core/coverage.js';
import { signed } from '../helpers/fault-relay.js';

const sk = generateSecretKey();
const at = (created_at: number) => signed(sk, { created_at, content: `${created_at}` });
const filter = { kinds: [1], since: 100, limit: 3 };

describe('RelayCoverage', () => {
  it('an empty answer is complete; nothing to page', () => {
    const cover = new RelayCoverage([filter]);
    cover.answered();
    expect(cover.complete).toBe(true);
    expect(cover.nextPage(() => undefined)).toEqual([]);
  });

  it('pages `until` the oldest event while the merge has not reached the count below it', () => {
    const cover = new RelayCoverage([filter]);
    for (const e of [at(500), at(400), at(300)]) cover.add(e);
    cover.answered();
    expect(cover.complete).toBe(false);
    // The merge's third newest is newer than the oldest this relay sent: it is deep enough.
    expect(cover.nextPage(() => 350)).toEqual([]);
    // The merge's third newest is this relay's oldest second: it may have cut inside it.
    expect(cover.nextPage(() => 300)).toEqual([{ ...filter, until: 300 }]);
    cover.add(at(300));
    cover.add(at(200));
    cover.answered();
    expect(cover.nextPage(() => undefined)).toEqual([{ ...filter, until: 200 }]);
    // Only the event at `until` again: nothing older, the relay is done.
    cover.add(at(200));
    cover.answered();
    expect(cover.complete).toBe(true);
    expect(cover.nextPage(() => undefined)).toEqual([]);
  });

  it('counts an event only for the filters it matches, and takes a filter without limit as answered', () => {
    const cover = new RelayCoverage([{ kinds: [7], limit: 2 }, { kinds: [1] }]);
    cover.add(at(500));
    cover.answered();
    expect(cover.complete).toBe(true);
    expect(cover.nextPage(() => undefined)).toEqual([]);
  });
});

describe('boundaryOf', () => {
  it('is the created_at of the limit-th matching event, undefined when fewer match', () => {
    const events = [at(500), at(400), at(50), at(300)];
    expect(boundaryOf(filter, events)).toBe(300);
    expect(boundaryOf({ ...filter, limit: 4 }, events)).toBeUndefined();
    expect(boundaryOf({ kinds: [1] }, events)).toBeUndefined();
  });
});
