// Where a chat is scrolled to, as pure functions (tested without rendering). A chat reads
// upwards from its newest message at the bottom. Scrolled back, the place is kept as a message
// and a line of it, not as a count of lines, so messages arriving (at the end, or older ones
// loaded late above) and a resize do not move what the reader is looking at. At the bottom the
// chat follows what arrives.

/** One message as drawn: its id and its rows (its name/time line first, then its text). */
export interface ChatBlock {
  id: string;
  height: number;
}

/** No anchor: at the bottom, following the newest. */
export interface ChatScroll {
  anchor?: { id: string; line: number };
}

export type ChatMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export const atNewest: ChatScroll = {};

const totalOf = (blocks: readonly ChatBlock[]) => blocks.reduce((sum, block) => sum + block.height, 0);

/** The first line of all the chat's lines drawn in `rows` rows. */
export function chatStart(scroll: ChatScroll, blocks: readonly ChatBlock[], rows: number): number {
  const last = Math.max(0, totalOf(blocks) - rows);
  const { anchor } = scroll;
  if (!anchor) return last;
  let at = 0;
  for (const block of blocks) {
    if (block.id === anchor.id) return Math.min(last, at + Math.min(anchor.line, block.height - 1));
    at += block.height;
  }
  // The message is gone: the newest, rather than a place that no longer means anything.
  return last;
}

/** The place after a move; a page keeps one line of the last for context. */
export function chatScrolled(scroll: ChatScroll, move: ChatMove, blocks: readonly ChatBlock[], rows: number): ChatScroll {
  const last = Math.max(0, totalOf(blocks) - rows);
  const start = chatStart(scroll, blocks, rows);
  const page = Math.max(1, rows - 1);
  const wanted = { up: start - 1, down: start + 1, pageUp: start - page, pageDown: start + page, top: 0, bottom: last }[move];
  const to = Math.max(0, Math.min(last, wanted));
  // Back at the bottom: what arrives is shown (and so read) as it comes.
  if (to >= last) return atNewest;
  let at = 0;
  for (const block of blocks) {
    if (to < at + block.height) return { anchor: { id: block.id, line: to - at } };
    at += block.height;
  }
  return atNewest;
}

/**
 * The messages the reader has seen in the window from line `start`: each whose text is on screen
 * whole (its name line may be just above), and one taller than the window when it fills it. A
 * message cut off at an edge is not read yet.
 */
export function seenIn(blocks: readonly ChatBlock[], start: number, rows: number): string[] {
  const end = start + rows;
  const seen: string[] = [];
  let at = 0;
  for (const block of blocks) {
    const textFrom = at + Math.min(1, block.height - 1);
    const stop = at + block.height;
    if ((textFrom >= start && stop <= end) || (at <= start && stop >= end)) seen.push(block.id);
    at = stop;
  }
  return seen;
}

