// Issue 10, point 7 in the UI: on the last note of a list the next window is
// asked for; `loading older notes…` shows below the list meanwhile, and the
// true end reads `no older notes on your relays`.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);

/** A feed whose older windows arrive when the test says so. */
class PagedFeed extends MemoryFeed {
  asked = 0;
  private answer: ((result: { found: number; end: boolean }) => void) | undefined;
  loadOlder() {
    this.asked++;
    return new Promise<{ found: number; end: boolean }>((resolve) => (this.answer = resolve));
  }
  /** The relays' answer to the pending load. */
  answerWith(events: Event[], end: boolean) {
    this.push(...events);
    this.answer?.({ found: events.length, end });
  }
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('older notes on demand', () => {
  it('loads the next window at the bottom, then shows the true end', async () => {
    const feed = new PagedFeed([alice.note('newest', now - 60), alice.note('middle', now - 120)]);
    const fake = fakeServices({ now, follows: [alice.pubkey], feeds: { home: feed }, profiles: { [alice.pubkey]: { name: 'alice' } } });
    const app = render(<App services={fake.services} size={{ columns: 50, rows: 16 }} color={false} />);
    unmount = app.unmount;
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('newest'));
    expect(feed.asked).toBe(0);
    app.stdin.write('G');
    let frame = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('── loading older notes… ──'));
    expect(frame.split('\n').slice(1, 9)).toEqual([
      '',
      '  alice · 1m',
      '  newest',
      '',
      '▌ alice · 2m',
      '▌ middle',
      '',
      '  ── loading older notes… ──',
    ]);
    expect(feed.asked).toBe(1);
    feed.answerWith([alice.note('from an hour ago', now - 3_600)], false);
    await waitForFrame(app.lastFrame, (f) => {
      expect(f).toContain('from an hour ago');
      expect(f).not.toContain('loading');
    });
    app.stdin.write('G');
    await waitForFrame(app.lastFrame, (f) => expect(f).toContain('── loading older notes… ──'));
    expect(feed.asked).toBe(2);
    feed.answerWith([], true);
    frame = await waitForFrame(app.lastFrame, (f) => expect(f).toContain('── no older notes on your relays ──'));
    expect(frame.split('\n').slice(5, 12)).toEqual([
      '  alice · 2m',
      '  middle',
      '',
      '▌ alice · 1h',
      '▌ from an hour ago',
      '',
      '  ── no older notes on your relays ──',
    ]);
    // At the end, moving on asks for nothing more.
    app.stdin.write('j');
    expect(feed.asked).toBe(2);
  });
});
