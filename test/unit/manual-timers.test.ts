import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../helpers/manual-timers.js';

describe('ManualTimers', () => {
  it('fires due timers in time order, at their own time, and not before', () => {
    const timers = new ManualTimers(1_000);
    const fired: Array<[string, number]> = [];
    timers.after(30, () => fired.push(['b', timers.now()]));
    timers.after(10, () => fired.push(['a', timers.now()]));
    timers.after(30, () => fired.push(['c', timers.now()]));
    timers.advance(9);
    expect(fired).toEqual([]);
    timers.advance(1);
    expect(fired).toEqual([['a', 1_010]]);
    timers.advance(100);
    expect(fired).toEqual([['a', 1_010], ['b', 1_030], ['c', 1_030]]);
    expect(timers.now()).toBe(1_110);
    expect(timers.pending).toBe(0);
  });

  it('cancelled timers never fire; timers set by a firing timer fire within the same advance when due', () => {
    const timers = new ManualTimers();
    const fired: string[] = [];
    const cancel = timers.after(5, () => fired.push('cancelled'));
    timers.after(5, () => timers.after(5, () => fired.push('chained')));
    cancel();
    cancel();
    timers.advance(10);
    expect(fired).toEqual(['chained']);
  });
});
