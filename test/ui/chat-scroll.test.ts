// The chat's place (src/ui/list/chat-scroll.ts): it opens on the newest, scrolls back a line or a
// page, keeps what the reader looks at when messages arrive or the width changes, and counts as
// read only what was on screen.
import { describe, expect, it } from 'vitest';
import { atNewest, chatScrolled, chatStart, seenIn, type ChatBlock } from '../../src/ui/list/chat-scroll.js';

// Ten messages of two lines each (a name line, one line of text): 20 lines.
const blocks: ChatBlock[] = Array.from({ length: 10 }, (_, i) => ({ id: `m${i + 1}`, height: 2 }));

describe('chat scroll', () => {
  it('opens on the newest; up, a page, the top and the bottom move through the lines', () => {
    expect(chatStart(atNewest, blocks, 7)).toBe(13);
    const up = chatScrolled(atNewest, 'up', blocks, 7);
    expect(up).toEqual({ anchor: { id: 'm7', line: 0 } });
    expect(chatStart(up, blocks, 7)).toBe(12);
    // A page keeps one line of the last in view.
    const page = chatScrolled(up, 'pageUp', blocks, 7);
    expect(chatStart(page, blocks, 7)).toBe(6);
    expect(chatStart(chatScrolled(page, 'pageUp', blocks, 7), blocks, 7)).toBe(0);
    expect(chatStart(chatScrolled(page, 'top', blocks, 7), blocks, 7)).toBe(0);
    // Down to the last line is the bottom again: following what arrives.
    expect(chatScrolled(page, 'pageDown', blocks, 7)).toEqual({ anchor: { id: 'm7', line: 0 } });
    expect(chatScrolled(up, 'down', blocks, 7)).toBe(atNewest);
    expect(chatScrolled(page, 'bottom', blocks, 7)).toBe(atNewest);
    // A chat that fits does not move.
    expect(chatScrolled(atNewest, 'up', blocks.slice(0, 2), 7)).toBe(atNewest);
  });

  it('scrolled back, a message arriving (below, or an older one above) and a resize keep the lines in view', () => {
    const back = chatScrolled(chatScrolled(atNewest, 'pageUp', blocks, 7), 'pageUp', blocks, 7);
    const start = chatStart(back, blocks, 7);
    expect(start).toBe(1);
    expect(chatStart(back, [...blocks, { id: 'new', height: 2 }], 7)).toBe(start);
    expect(chatStart(back, [{ id: 'old', height: 3 }, ...blocks], 7)).toBe(start + 3);
    // Wider: m1's text is one line fewer; its last line is where the reader was.
    expect(chatStart(back, [{ id: 'm1', height: 1 }, ...blocks.slice(1)], 7)).toBe(0);
    // At the bottom, what arrives is shown.
    expect(chatStart(atNewest, [...blocks, { id: 'new', height: 2 }], 7)).toBe(15);
  });

  it('marks read each message whose text is on screen whole, and one that fills the screen', () => {
    // Lines 13..19: m7's text (its name line above the screen), m8, m9, m10.
    expect(seenIn(blocks, 13, 7)).toEqual(['m7', 'm8', 'm9', 'm10']);
    // Lines 6..12: m4..m6 whole; m7's name line only: not read.
    expect(seenIn(blocks, 6, 7)).toEqual(['m4', 'm5', 'm6']);
    const tall: ChatBlock[] = [{ id: 'a', height: 2 }, { id: 'long', height: 12 }, { id: 'b', height: 2 }];
    expect(seenIn(tall, 3, 7)).toEqual(['long']);
    expect(seenIn(tall, 0, 7)).toEqual(['a']);
  });
});
