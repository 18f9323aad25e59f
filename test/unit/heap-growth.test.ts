// The CLI caps V8's heap growth factor on start (src/heap-growth.ts, issue #16 item 5), once, and
// leaves a factor the user gave node alone. V8 itself is not touched here: its flag setter is spied.
import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../src/heap-growth.js';

describe('limitHeapGrowth', () => {
  afterEach(() => vi.restoreAllMocks());

  it("sets V8's growing factor once, unless node was started with one of the user's", () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    limitHeapGrowth(['--heap-growing-percent=80']);
    limitHeapGrowth(['--heap_growing_percent=80']);
    expect(set).not.toHaveBeenCalled();
    limitHeapGrowth(['--max-old-space-size=4096']);
    limitHeapGrowth([]);
    expect(set.mock.calls).toEqual([[`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]]);
  });
});
