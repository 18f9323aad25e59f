// Cursor and window of a scrolling list of notes, as pure functions (tested
// without rendering). Positions are kept as keys (event ids), not indices, so
// notes arriving above do not move what the user is reading: the window stays
// on its top note and the notes above it are counted as "N new posts".
// Only the items in the window are ever measured, so the cost of a move does
// not grow with the list's length.

export interface ListSource {
  readonly length: number;
  keyAt(index: number): string;
  /** Where the item with this key is now; -1 when it is gone. */
  indexOf(key: string): number;
  /**
   * Where an item that is gone (a deleted or expired note) would be: the
   * index of the first item after it. Lets the window stay where the reader
   * was instead of jumping to the top.
   */
  placeOf?(key: string): number;
  /** Rows the item takes on screen (at least 1). */
  heightAt(index: number): number;
}

export interface ListState {
  selectedKey?: string;
  topKey?: string;
  /** The newest item the user has been shown at the top; items above it are new. */
  seenKey?: string;
  /** Following the top while the first results stream in, until the user moves or the feed settles. */
  pinned: boolean;
  /**
   * Rows of the top item scrolled past: a note taller than the screen is read a row at a time (it
   * is then the selected one), and the top note gives way to notes arriving under it (`anchor`).
   */
  offset?: number;
  /**
   * Where the selected item was when the user last moved: how many items were above it in the
   * window and on which row it began. Items arriving between the window's top and the selected one
   * (a note older than the top, newer than the one read) make the window's top give way, so the
   * selected item stays on its row.
   */
  anchor?: { between: number; row: number };
}

export type ListAction = 'down' | 'up' | 'pageDown' | 'pageUp' | 'top' | 'bottom' | 'settle';

export interface ListWindow {
  top: number;
  selected: number;
  /** Indices of the items drawn whole, top first. */
  visible: number[];
  /**
   * The item after the last whole one, when rows are left under it: drawn cut off at the
   * bottom, so a note too tall for what is left still shows that more follows.
   */
  clipped?: number;
  /** Items newer than anything shown at the top yet. */
  newCount: number;
  /** Rows of the top item scrolled past: only for a selected item taller than the screen. */
  offset: number;
}

export const initialListState: ListState = { pinned: true };

/**
 * Rows left for items: the first row always belongs to the banner ("N new posts"
 * or a title), so its appearing never shifts the notes under the reader.
 */
export const itemRows = (rows: number, _newCount = 0): number => Math.max(1, rows - 1);

/** The window to draw for `state` over `source` in `rows` rows. */
export function resolveWindow(state: ListState, source: ListSource, rows: number): ListWindow {
  if (source.length === 0) return { top: 0, selected: 0, visible: [], newCount: 0, offset: 0 };
  if (state.pinned || state.topKey === undefined) return windowAt(source, rows, 0, 0, 0);
  const place = (key: string): number => {
    const index = source.indexOf(key);
    return index >= 0 ? index : (source.placeOf?.(key) ?? -1);
  };
  const found = (key: string | undefined, fallback: number) => {
    const index = key === undefined ? -1 : place(key);
    return Math.min(index >= 0 ? index : fallback, source.length - 1);
  };
  const top = found(state.topKey, 0);
  const selected = found(state.selectedKey, top);
  const newCount = state.seenKey === undefined ? 0 : Math.max(0, place(state.seenKey));
  const { anchor } = state;
  if (anchor && selected - top > anchor.between) {
    // Rows above the selected item, from it upwards, until its row is reached: the top item is cut there.
    let start = selected;
    let used = 0;
    while (start > top && used < anchor.row) used += source.heightAt(--start);
    return windowAt(source, rows, start, selected, newCount, Math.max(0, used - anchor.row));
  }
  return windowAt(source, rows, top, selected, newCount, state.offset ?? 0);
}

/** Rows from the window's first row to the selected item's first. */
function rowAbove(source: ListSource, w: ListWindow): number {
  let row = -w.offset;
  for (let i = w.top; i < w.selected; i++) row += source.heightAt(i);
  return Math.max(0, row);
}

function windowAt(source: ListSource, rows: number, top: number, selected: number, newCount: number, offset = 0): ListWindow {
  const room = itemRows(rows, newCount);
  const asked = top;
  // A selected item taller than the room is always the top one (it fits nowhere else); another top
  // item is cut only where it was asked (it gave way to arrivals), and keeps a row at least.
  const cut = (at: number) =>
    at === selected ? Math.max(0, Math.min(offset, source.heightAt(at) - room)) : at === asked ? Math.max(0, Math.min(offset, source.heightAt(at) - 1)) : 0;
  if (selected < top) top = selected;
  let fill = fillFrom(source, top, room, cut(top));
  if (selected > fill.visible[fill.visible.length - 1]!) {
    top = fitEndingAt(source, selected, room);
    fill = fillFrom(source, top, room, cut(top));
  }
  const scrolled = cut(top);
  const { visible, used } = fill;
  const next = visible[visible.length - 1]! + 1;
  return { top, selected, visible, newCount, offset: scrolled, ...(next < source.length && used < room ? { clipped: next } : {}) };
}

/** Items from `top` that fit in `rows` (always at least the first, less its `scrolled` rows), and the rows they take. */
function fillFrom(source: ListSource, top: number, rows: number, scrolled = 0): { visible: number[]; used: number } {
  const visible = [top];
  let used = source.heightAt(top) - scrolled;
  for (let i = top + 1; i < source.length; i++) {
    const h = source.heightAt(i);
    if (used + h > rows) break;
    visible.push(i);
    used += h;
  }
  return { visible, used };
}

/** The first index of a window that ends with `end` and fits in `rows`. */
function fitEndingAt(source: ListSource, end: number, rows: number): number {
  let start = end;
  let used = source.heightAt(end);
  while (start > 0 && used + source.heightAt(start - 1) <= rows) {
    start--;
    used += source.heightAt(start);
  }
  return start;
}

export function listReducer(state: ListState, action: ListAction, source: ListSource, rows: number): ListState {
  if (source.length === 0) return action === 'settle' ? { ...state, pinned: false } : state;
  const next = moved(state, action, source, rows);
  if (next === state || next.pinned) return next;
  // Where the selected item is now, so arrivals under the top do not move it (resolveWindow).
  const { anchor: _, ...plain } = next;
  const w = resolveWindow(plain, source, rows);
  return { ...plain, anchor: { between: w.selected - w.top, row: rowAbove(source, w) } };
}

function moved(state: ListState, action: ListAction, source: ListSource, rows: number): ListState {
  const w = resolveWindow(state, source, rows);
  const room = itemRows(rows, w.newCount);
  const last = source.length - 1;
  const lastVisible = w.visible[w.visible.length - 1]!;
  // Leaving the pinned top: what is at the top now is what the user has seen.
  const seenKey = state.pinned || state.seenKey === undefined ? source.keyAt(0) : state.seenKey;
  const at = (top: number, selected: number, offset = 0): ListState => ({
    pinned: false,
    seenKey,
    topKey: source.keyAt(top),
    selectedKey: source.keyAt(selected),
    ...(offset > 0 ? { offset } : {}),
  });
  // Rows of the selected item still below the screen, when it is taller than the screen.
  const below = w.selected === w.top ? source.heightAt(w.top) - room - w.offset : 0;
  /** An item taller than the room, entered from below: its last rows shown, to read on upwards. */
  const endOf = (i: number) => Math.max(0, source.heightAt(i) - room);
  switch (action) {
    case 'settle':
      return state.pinned ? { ...at(0, 0), seenKey: source.keyAt(0) } : state;
    case 'down': {
      if (below > 0) return at(w.top, w.selected, w.offset + 1);
      const selected = Math.min(last, w.selected + 1);
      // A top note cut where it gave way to arrivals stays cut: the window does not jump.
      return selected > lastVisible ? at(fitEndingAt(source, selected, room), selected) : at(w.top, selected, w.top === w.selected ? 0 : w.offset);
    }
    case 'up': {
      if (w.offset > 0 && w.selected === w.top) return at(w.top, w.selected, w.offset - 1);
      const selected = Math.max(0, w.selected - 1);
      if (selected === w.selected) return at(w.top, selected);
      if (selected < w.top) return at(selected, selected, endOf(selected));
      // Onto a top note that gave way to arrivals: it is shown whole again.
      return at(w.top, selected, selected > w.top ? w.offset : 0);
    }
    case 'pageDown': {
      // Within a tall item, a screen at a time, one row kept for context.
      if (below > 0) return at(w.top, w.selected, w.offset + Math.min(below, Math.max(1, room - 1)));
      if (lastVisible >= last) return at(w.top, last);
      const top = lastVisible + 1;
      return at(top, top);
    }
    case 'pageUp': {
      if (w.offset > 0 && w.selected === w.top) return at(w.top, w.selected, Math.max(0, w.offset - Math.max(1, room - 1)));
      if (w.top === 0) return at(0, 0);
      const top = fitEndingAt(source, w.top - 1, room);
      return at(top, top);
    }
    case 'top':
      return { ...at(0, 0), seenKey: source.keyAt(0) };
    case 'bottom':
      return at(fitEndingAt(source, last, room), last);
  }
}
