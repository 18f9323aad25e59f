// The recall bench's adapters around other clients' relay selection
// (bench/adapters/): fed the same kind 10002 events, each returns a plan our pool
// can run, naming relays exactly as the lists and the user's config do, with
// every followed author asked somewhere.
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools';
import { describe, expect, it } from 'vitest';
import { applesauceSelect } from '../../bench/adapters/applesauce.js';
import type { SelectionInput } from '../../bench/adapters/common.js';
import { ndkSelect } from '../../bench/adapters/ndk.js';
import { welshmanSelect } from '../../bench/adapters/welshman.js';
import type { RequestPlan } from '../../src/net/types.js';

const relay = (i: number) => `ws://127.0.0.1:${40_000 + i}`;
const keys = Array.from({ length: 8 }, () => generateSecretKey());
const authors = keys.map((key) => getPublicKey(key));
// Six authors list write relays (relay 1 is everyone's, the rest their own); two have no list.
const relayLists = keys.slice(0, 6).map((key, i) =>
  finalizeEvent({ kind: 10002, created_at: 1_700_000_000, content: '', tags: [['r', relay(1), 'write'], ['r', relay(10 + i), 'write'], ['r', relay(30), 'read']] }, key),
);
const input: SelectionInput = {
  authors,
  relayLists,
  userRelays: [relay(0)],
  indexerUrl: relay(99),
  budget: 4,
  template: { kinds: [1], since: 1_700_000_000 },
};
const known = new Set([relay(0), relay(1), ...Array.from({ length: 6 }, (_, i) => relay(10 + i))]);
const askedAuthors = (plan: RequestPlan) => new Set(plan.flatMap((step) => step.filters.flatMap((f) => f.authors ?? [])));

describe.each([
  ['applesauce', applesauceSelect],
  ['NDK', ndkSelect],
  ['welshman', (i: SelectionInput) => welshmanSelect(i)],
] as const)('%s', (_name, select) => {
  it('asks every author somewhere, on write relays or the user’s relays only, named as given, with the template kept', () => {
    const plan = select(input) as RequestPlan;
    expect(askedAuthors(plan)).toEqual(new Set(authors));
    for (const step of plan) {
      expect(known.has(step.relay)).toBe(true);
      for (const filter of step.filters) expect(filter).toMatchObject({ kinds: [1], since: 1_700_000_000 });
    }
    // The relay everyone lists is chosen.
    expect(plan.map((step) => step.relay)).toContain(relay(1));
  });
});

describe('the adapters’ own rules', () => {
  it('applesauce stays within the budget, the user’s relays (the fallback) included', () => {
    expect(applesauceSelect(input).length).toBeLessThanOrEqual(input.budget);
  });

  it('welshman draws the same choice for the same seed and gives Math.random back', () => {
    const random = Math.random;
    expect(welshmanSelect(input, 7)).toEqual(welshmanSelect(input, 7));
    expect(Math.random).toBe(random);
  });
});
