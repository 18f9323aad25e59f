// Which blocks of lines (one per item, of different heights: a relay with its
// counts, error and notice) a panel draws in `rows` rows, so the selected one is
// always in view. Pure: the panel keeps `top` between draws, so the window moves
// only when the selection leaves it, and a resize is one more draw.

export interface BlockWindow {
  /** The first block drawn. */
  top: number;
  /** One past the last block drawn whole (at least top + 1: a block taller than the screen is drawn cut). */
  end: number;
}

export function blockWindow(heights: readonly number[], selected: number, lastTop: number, rows: number): BlockWindow {
  const count = heights.length;
  if (count === 0) return { top: 0, end: 0 };
  const at = Math.min(Math.max(0, selected), count - 1);
  const rowsOf = (from: number, to: number) => heights.slice(from, to).reduce((sum, height) => sum + height, 0);
  let top = Math.min(Math.max(0, lastTop), at);
  while (top < at && rowsOf(top, at + 1) > rows) top++;
  // Rows left empty at the bottom (a taller terminal, fewer items) are filled from above.
  while (top > 0 && rowsOf(top - 1, count) <= rows) top--;
  let end = top + 1;
  while (end < count && rowsOf(top, end + 1) <= rows) end++;
  return { top, end };
}
