// The Bookmarks view's feed before and without the relays' list: it holds nothing, and says why.
import { describe, expect, it } from 'vitest';
import { openBookmarksFeed } from '../../src/client/bookmarks-feed.js';
import type { CurrentBookmarks } from '../../src/client/bookmarks.js';

const clock = { now: () => 1_700_000_000_000 };
const unanswered: CurrentBookmarks = { notes: [], privateNotes: [], relays: [{ url: 'wss://a.example', eose: false, timedOut: true, events: 0 }], answered: 0 };

describe('openBookmarksFeed', () => {
  it('says it is reading, then that no relay answered; it opens no feed for an empty list', async () => {
    let answer: (list: CurrentBookmarks) => void = () => {};
    let opened = 0;
    const feed = openBookmarksFeed({
      clock,
      current: () => new Promise((resolve) => (answer = resolve)),
      open: () => {
        opened++;
        throw new Error('not for an empty list');
      },
    });
    expect(feed.problem()).toBe('reading your bookmarks from your relays…');
    expect(feed.timeline.view().length).toBe(0);
    answer(unanswered);
    await feed.settled;
    expect(feed.problem()).toBe('no relay answered, and there is no local copy of your bookmarks');
    expect(opened).toBe(0);
    feed.close();
  });

  it('a list that cannot be read says why', async () => {
    const feed = openBookmarksFeed({ clock, current: () => Promise.reject(new Error('no key yet')), open: () => { throw new Error('never'); } });
    await feed.settled;
    expect(feed.problem()).toBe('your bookmarks could not be read: no key yet');
  });
});
