import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { bindings, commandFor } from '../../src/ui/keys/bindings.js';
import { composerReducer, emptyDraft, type ComposerAction } from '../../src/ui/composer/composer-state.js';
import { initialListState, listReducer, resolveWindow, type ListAction, type ListSource, type ListState } from '../../src/ui/list/list-state.js';
import { currentView, initialNav, navReducer } from '../../src/ui/navigation.js';

/** A list of keys newest first, with given heights; `prepend` simulates live arrivals. */
function source(keys: string[], height: (key: string) => number = () => 1): ListSource & { prepend(...k: string[]): void } {
  const list = [...keys];
  let heightCalls = 0;
  return {
    get length() {
      return list.length;
    },
    keyAt: (i) => list[i]!,
    indexOf: (k) => list.indexOf(k),
    heightAt: (i) => {
      heightCalls++;
      return height(list[i]!);
    },
    prepend: (...k) => void list.unshift(...k),
    get heightCalls() {
      return heightCalls;
    },
  } as ListSource & { prepend(...k: string[]): void };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
const run = (src: ListSource, rows: number, ...actions: ListAction[]) =>
  actions.reduce<ListState>((s, a) => listReducer(s, a, src, rows), initialListState);
const shown = (s: ListState, src: ListSource, rows: number) => {
  const w = resolveWindow(s, src, rows);
  return { selected: src.keyAt(w.selected), visible: w.visible.map((i) => src.keyAt(i)), newCount: w.newCount };
};

describe('list window', () => {
  it('moves the cursor and scrolls only when the selection leaves the window', () => {
    const src = source(keys(10));
    expect(shown(run(src, 4, 'settle', 'down', 'down'), src, 4)).toEqual({ selected: 'n2', visible: ['n0', 'n1', 'n2'], newCount: 0 });
    expect(shown(run(src, 4, 'settle', 'down', 'down', 'down'), src, 4)).toEqual({ selected: 'n3', visible: ['n1', 'n2', 'n3'], newCount: 0 });
    expect(shown(run(src, 4, 'settle', 'down', 'down', 'down', 'up', 'up', 'up'), src, 4).visible).toEqual(['n0', 'n1', 'n2']);
  });

  it('pages, jumps to the bottom and back to the top, clamped at both ends', () => {
    const src = source(keys(10));
    expect(shown(run(src, 5, 'pageDown'), src, 5)).toMatchObject({ selected: 'n4', visible: ['n4', 'n5', 'n6', 'n7'] });
    expect(shown(run(src, 5, 'pageDown', 'pageDown', 'pageDown'), src, 5).selected).toBe('n9');
    expect(shown(run(src, 5, 'bottom'), src, 5)).toMatchObject({ selected: 'n9', visible: ['n6', 'n7', 'n8', 'n9'] });
    expect(shown(run(src, 5, 'bottom', 'pageUp'), src, 5)).toMatchObject({ selected: 'n2', visible: ['n2', 'n3', 'n4', 'n5'] });
    expect(shown(run(src, 5, 'bottom', 'top'), src, 5)).toMatchObject({ selected: 'n0', visible: ['n0', 'n1', 'n2', 'n3'] });
    expect(shown(run(src, 5, 'up', 'up'), src, 5).selected).toBe('n0');
  });

  it('fits items of different heights, keeping the selected one whole', () => {
    const src = source(keys(6), (k) => (k === 'n1' ? 3 : 1));
    expect(shown(run(src, 5, 'settle'), src, 5).visible).toEqual(['n0', 'n1']);
    expect(shown(run(src, 5, 'settle', 'down', 'down'), src, 5).visible).toEqual(['n1', 'n2']);
  });

  it('draws the note after the last whole one cut off when rows are left, never selecting it until it fits', () => {
    // Rows for items: 9. n0 (3) and n1 (3) fit; n2 (8) does not: it is drawn clipped in the 3 rows left.
    const src = source(['n0', 'n1', 'n2', 'n3'], (k) => (k === 'n2' ? 8 : 3));
    const start = resolveWindow(run(src, 10, 'settle'), src, 10);
    expect([start.visible, start.clipped]).toEqual([[0, 1], 2]);
    // Down twice: n2 is selected, and whole (the window moves so it fits); n3 gets the one row left.
    const moved = resolveWindow(run(src, 10, 'settle', 'down', 'down'), src, 10);
    expect([moved.visible, moved.selected, moved.clipped]).toEqual([[2], 2, 3]);
    // Nothing after the last note, and a window with no row left, clip nothing.
    expect(resolveWindow(run(src, 10, 'settle', 'bottom'), src, 10).clipped).toBeUndefined();
    const full = source(['a', 'b', 'c'], () => 3);
    const noRowLeft = resolveWindow(run(full, 7, 'settle'), full, 7);
    expect([noRowLeft.visible, noRowLeft.clipped]).toEqual([[0, 1], undefined]);
  });

  it('reads a note taller than the screen a row at a time, then moves on; up reads back, entering it from below at its end', () => {
    // Rows for items: 9. n1 is 20 rows: 11 of them below the screen when it is at the top.
    const src = source(['n0', 'n1', 'n2'], (k) => (k === 'n1' ? 20 : 3));
    const at = (...actions: ListAction[]) => {
      const w = resolveWindow(run(src, 10, 'settle', ...actions), src, 10);
      return { selected: src.keyAt(w.selected), top: src.keyAt(w.top), offset: w.offset, visible: w.visible.map((i) => src.keyAt(i)) };
    };
    expect(at('down')).toEqual({ selected: 'n1', top: 'n1', offset: 0, visible: ['n1'] });
    expect(at('down', 'down')).toMatchObject({ selected: 'n1', offset: 1 });
    const toEnd = Array.from({ length: 11 }, () => 'down' as const);
    expect(at('down', ...toEnd)).toMatchObject({ selected: 'n1', offset: 11 });
    // Its last row is on screen: the next down moves on, the note after it whole.
    expect(at('down', ...toEnd, 'down')).toMatchObject({ selected: 'n2', offset: 0 });
    expect(at('down', 'down', 'down', 'up')).toMatchObject({ selected: 'n1', offset: 1 });
    expect(at('down', 'up')).toMatchObject({ selected: 'n0', offset: 0 });
    // Coming back up from the note under it: the tall note's end, read on upwards.
    expect(at('down', ...toEnd, 'down', 'up')).toMatchObject({ selected: 'n1', top: 'n1', offset: 11 });
    // A page is the screen less one row, never past the note's end.
    expect(at('down', 'pageDown')).toMatchObject({ selected: 'n1', offset: 8 });
    expect(at('down', 'pageDown', 'pageDown')).toMatchObject({ selected: 'n1', offset: 11 });
    expect(at('down', 'pageDown', 'pageDown', 'pageDown')).toMatchObject({ selected: 'n2', offset: 0 });
    expect(at('down', 'pageDown', 'pageDown', 'pageUp')).toMatchObject({ selected: 'n1', offset: 3 });
    expect(at('down', 'pageDown', 'pageDown', 'pageUp', 'pageUp')).toMatchObject({ selected: 'n1', offset: 0 });
    // A taller screen: the same place, clamped to what is left below.
    const scrolled = run(src, 10, 'settle', 'down', ...toEnd);
    expect(resolveWindow(scrolled, src, 15).offset).toBe(6);
    expect(resolveWindow(scrolled, src, 30).offset).toBe(0);
  });

  it('keeps what the user reads in place when new notes arrive above, and counts them', () => {
    const src = source(keys(10));
    const reading = run(src, 5, 'settle', 'down', 'down', 'down', 'down');
    const before = shown(reading, src, 5);
    src.prepend('new1', 'new0');
    const after = shown(reading, src, 5);
    expect(after.newCount).toBe(2);
    expect(after.selected).toBe(before.selected);
    // The banner row was reserved all along: the window does not move at all.
    expect(before.visible).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(after.visible).toEqual(before.visible);
    // g jumps to them and they are no longer new.
    const top = listReducer(reading, 'top', src, 5);
    expect(shown(top, src, 5)).toMatchObject({ selected: 'new1', newCount: 0 });
  });

  it('keeps the selected item on its row when items arrive between the top and it: the top gives way, cut if need be', () => {
    const list = keys(8);
    const height = (k: string) => (k === 'x' ? 2 : 3);
    const src: ListSource = { get length() { return list.length; }, keyAt: (i) => list[i]!, indexOf: (k) => list.indexOf(k), heightAt: (i) => height(list[i]!) };
    const reading = run(src, 13, 'settle', 'down', 'down'); // n0, n1 above: n2 begins on row 6
    expect(resolveWindow(reading, src, 13)).toMatchObject({ top: 0, selected: 2, offset: 0 });
    list.splice(1, 0, 'x'); // two rows, between n0 and n1
    const w = resolveWindow(reading, src, 13);
    // n0 (3 rows) loses two rows, one still shows: 1 + x 2 + n1 3 = the 6 rows above n2, as before.
    expect(w).toMatchObject({ top: 0, selected: 3, offset: 2, newCount: 0 });
    expect(w.visible.map((i) => list[i])).toEqual(['n0', 'x', 'n1', 'n2', 'n3']);
    // Down keeps the cut; up onto the cut note shows it whole again.
    expect(resolveWindow(listReducer(reading, 'down', src, 13), src, 13)).toMatchObject({ top: 0, selected: 4, offset: 2 });
    const up = ['up', 'up', 'up'].reduce<ListState>((st, a) => listReducer(st, a as ListAction, src, 13), reading);
    expect(resolveWindow(up, src, 13)).toMatchObject({ top: 0, selected: 0, offset: 0 });
  });

  it('stays where the reader was when the notes under the cursor are removed (deleted or expired)', () => {
    const list = keys(10);
    const src: ListSource = {
      get length() {
        return list.length;
      },
      keyAt: (i) => list[i]!,
      indexOf: (k) => list.indexOf(k),
      // Keys sort by their number, as notes sort by time.
      placeOf: (k) => list.findIndex((key) => Number(key.slice(1)) > Number(k.slice(1))),
      heightAt: () => 1,
    };
    const reading = run(src, 5, 'settle', 'pageDown', 'down'); // top n4, on n5
    expect(shown(reading, src, 5)).toMatchObject({ selected: 'n5', visible: ['n4', 'n5', 'n6', 'n7'] });
    list.splice(4, 2); // n4 and n5 are gone
    expect(shown(reading, src, 5)).toMatchObject({ selected: 'n6', visible: ['n6', 'n7', 'n8', 'n9'], newCount: 0 });
  });

  it('follows the top while the first results stream in, and stops once settled', () => {
    const src = source(['b']);
    const state = initialListState;
    src.prepend('a');
    expect(shown(state, src, 5)).toMatchObject({ selected: 'a', newCount: 0 });
    const settled = listReducer(state, 'settle', src, 5);
    src.prepend('z');
    expect(shown(settled, src, 5)).toMatchObject({ selected: 'a', newCount: 1 });
  });

  it('measures only the items around the window, however long the list', () => {
    const src = source(keys(100_000)) as unknown as ListSource & { heightCalls: number };
    const s = run(src, 21, 'settle', 'pageDown', 'bottom', 'pageUp');
    resolveWindow(s, src, 21);
    expect(src.heightCalls).toBeLessThan(400);
  });
});

describe('composer', () => {
  const apply = (...actions: ComposerAction[]) => actions.reduce(composerReducer, emptyDraft);

  it('inserts at the cursor, deletes whole code points, moves by lines', () => {
    expect(apply({ type: 'insert', text: 'helo' }, { type: 'left' }, { type: 'insert', text: 'l' })).toEqual({ text: 'hello', cursor: 4 });
    expect(apply({ type: 'insert', text: 'a👍' }, { type: 'backspace' })).toEqual({ text: 'a', cursor: 1 });
    expect(apply({ type: 'insert', text: '👍b' }, { type: 'home' }, { type: 'delete' })).toEqual({ text: 'b', cursor: 0 });
    expect(apply({ type: 'insert', text: 'one\r\ntwo' }, { type: 'home' })).toEqual({ text: 'one\ntwo', cursor: 4 });
    expect(apply({ type: 'insert', text: 'x' }, { type: 'clear' })).toEqual(emptyDraft);
  });

  it('up and down move between lines at the same display column (CJK and emoji are two wide)', () => {
    const text = 'abcdef\n漢字x\n👍\nlonger line';
    const draft = { text, cursor: 4 }; // after "abcd": column 4
    const down = composerReducer(draft, { type: 'down' });
    expect(down.cursor).toBe(text.indexOf('漢字') + 2); // after 漢字: column 4
    const down2 = composerReducer(down, { type: 'down' });
    expect(down2.cursor).toBe(text.indexOf('👍') + 2); // the line is 2 columns: its end
    const down3 = composerReducer(down2, { type: 'down' });
    expect(down3.cursor).toBe(text.indexOf('longer') + 2); // column 2, as that line began
    expect(composerReducer(down3, { type: 'down' }).cursor).toBe(text.length); // last line: to its end
    const mid = { text, cursor: text.indexOf('x') }; // column 4, between 字 and x
    expect(composerReducer(mid, { type: 'up' }).cursor).toBe(4);
    expect(composerReducer({ text, cursor: 3 }, { type: 'up' }).cursor).toBe(0); // first line: to its start
    // Column 3 falls inside 字 on the line below: the cursor stops before it, never inside.
    expect(composerReducer({ text, cursor: 3 }, { type: 'down' }).cursor).toBe(text.indexOf('字'));
  });
});

describe('navigation', () => {
  it('stacks views over the feed and Tab cycles the feeds from the top', () => {
    let nav = initialNav('home');
    nav = navReducer(nav, { type: 'push', view: { type: 'profile', pubkey: 'x' } });
    nav = navReducer(nav, { type: 'push', view: { type: 'help' } });
    expect(currentView(nav).type).toBe('help');
    expect(currentView(navReducer(nav, { type: 'push', view: { type: 'help' } })).type).toBe('profile');
    nav = navReducer(navReducer(nav, { type: 'back' }), { type: 'back' });
    expect(navReducer(nav, { type: 'back' })).toEqual(initialNav('home'));
    expect(navReducer(nav, { type: 'cycleFeed' }).feed).toBe('notifications');
    expect(navReducer(initialNav('global'), { type: 'cycleFeed' }).feed).toBe('messages');
    expect(navReducer(initialNav('messages'), { type: 'cycleFeed' }).feed).toBe('home');
  });

  it('a feed the app puts in place (Home with no follow list: Global) goes under what the user opened', () => {
    // The follow-list lookup ends when it ends: a profile opened meanwhile was thrown away.
    const opened = navReducer(initialNav('home'), { type: 'push', view: { type: 'profile', pubkey: 'x' } });
    const after = navReducer(opened, { type: 'feedUnder', feed: 'global' });
    expect(after).toEqual({ feed: 'global', stack: [{ type: 'feed' }, { type: 'profile', pubkey: 'x' }] });
    expect(navReducer(after, { type: 'back' })).toEqual(initialNav('global'));
    // Asked for by the user, a feed is shown alone.
    expect(navReducer(opened, { type: 'showFeed', feed: 'messages' })).toEqual(initialNav('messages'));
  });
});

describe('key table', () => {
  const key = (over: Partial<Key> = {}): Key =>
    ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
      return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
      super: false, hyper: false, capsLock: false, numLock: false, ...over }) as Key;

  it('maps keys to named commands by scope', () => {
    expect(commandFor(['list', 'global'], 'j', key())).toBe('down');
    expect(commandFor(['list', 'global'], '', key({ downArrow: true }))).toBe('down');
    expect(commandFor(['list', 'global'], 'G', key({ shift: true }))).toBe('bottom');
    expect(commandFor(['global'], 'j', key())).toBeUndefined();
    expect(commandFor(['composer'], '\r', key({ return: true }))).toBe('send');
    expect(commandFor(['composer'], '\r', key({ return: true, meta: true }))).toBe('newline');
    expect(commandFor(['list', 'global'], 'q', key({ ctrl: true }))).toBeUndefined();
  });

  it('gives every command of the issue a key, each key meaning one thing per scope', () => {
    const commands = new Set(bindings.map((b) => b.command));
    for (const c of ['down', 'up', 'pageDown', 'pageUp', 'top', 'bottom', 'open', 'back', 'compose', 'reply', 'like', 'repost',
      'follow', 'unfollow', 'profile', 'cycleFeed', 'relays', 'help', 'quit', 'send', 'newline', 'cancel'] as const) {
      expect(commands.has(c)).toBe(true);
    }
    const seen = new Set<string>();
    for (const b of bindings) for (const k of b.keys) {
      const id = `${b.scope === 'list' || b.scope === 'global' ? 'screen' : b.scope}:${k.input ?? k.key}:${k.meta ?? false}:${k.ctrl ?? false}`;
      expect(seen.has(id), id).toBe(false);
      seen.add(id);
    }
  });
});
