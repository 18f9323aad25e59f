// The relays panel's window over relays of different heights (src/ui/list/block-window.ts).
import { describe, expect, it } from 'vitest';
import { blockWindow } from '../../src/ui/list/block-window.js';

describe('blockWindow', () => {
  const heights = [2, 4, 1, 3, 2, 2];

  it('moves only when the selected block would leave the window, and then just enough', () => {
    expect(blockWindow(heights, 0, 0, 7)).toEqual({ top: 0, end: 3 });
    expect(blockWindow(heights, 2, 0, 7)).toEqual({ top: 0, end: 3 });
    expect(blockWindow(heights, 3, 0, 7)).toEqual({ top: 2, end: 5 });
    expect(blockWindow(heights, 4, 2, 7)).toEqual({ top: 2, end: 5 });
    expect(blockWindow(heights, 5, 2, 7)).toEqual({ top: 3, end: 6 });
    // Back up: the selected block becomes the top.
    expect(blockWindow(heights, 2, 3, 7)).toEqual({ top: 2, end: 5 });
  });

  it('fills rows left empty at the bottom from above (a taller terminal), and draws a block taller than the rows cut', () => {
    expect(blockWindow(heights, 5, 5, 9)).toEqual({ top: 2, end: 6 });
    expect(blockWindow(heights, 1, 0, 2)).toEqual({ top: 1, end: 2 });
    expect(blockWindow([], 0, 3, 5)).toEqual({ top: 0, end: 0 });
  });
});
