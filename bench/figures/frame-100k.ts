// frame-100k: the time to draw one frame of the timeline with 100,000 notes in
// it, over the same with 100 notes. Only the visible window is laid out and
// drawn, so the ratio should stay near 1 (target <= 1.5).
//
// One "frame" is a keypress (j/k, alternating) or a live note arriving, timed
// until Ink has written the new frame (ink-testing-library renders in debug
// mode: every update is written, none throttled). Notes are generated before timing;
// they are not signed because nothing on this path verifies signatures (the
// pool did, before they reached the timeline).
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import type { Event } from 'nostr-tools';
import { Timeline } from '../../src/core/timeline.js';
import { App } from '../../src/ui/App.js';
import type { FeedLike } from '../../src/ui/services.js';
import { fakeServices } from '../../test/ui/fake-services.js';
import type { Figure } from '../figure.js';

const NOW = 1_700_000_000;
const hex = (n: number, width = 64) => n.toString(16).padStart(width, '0');

function notes(count: number, authors: string[]): Event[] {
  const out: Event[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      id: hex(i + 1),
      pubkey: authors[i % authors.length]!,
      created_at: NOW - 10 - i * 7,
      kind: 1,
      tags: [],
      content: `note ${i}: ${'lorem ipsum dolor sit amet '.repeat(1 + (i % 5))}`,
      sig: hex(0, 128),
    });
  }
  return out;
}

interface Mounted {
  frame(i: number): Promise<number>;
  unmount(): void;
}

/** A feed on the real timeline model, fed by hand instead of by a pool. */
function handFedFeed(events: Event[]): FeedLike & { push(event: Event): void } {
  const timeline = new Timeline({ clock: { now: () => NOW * 1000 }, maxEntries: Infinity }); // a 100,000-entry list on purpose
  for (const event of events) timeline.add(event, 'ws://bench');
  const listeners = new Set<() => void>();
  return {
    timeline,
    onChange: (l) => (listeners.add(l), () => void listeners.delete(l)),
    settled: Promise.resolve([]),
    close() {},
    push(event) {
      timeline.add(event, 'ws://bench');
      for (const l of listeners) l();
    },
  };
}

/** The app on a timeline of `count` notes, ready to time frames. */
async function mount(count: number): Promise<Mounted> {
  const authors = Array.from({ length: 50 }, (_, i) => hex(1000 + i));
  const feed = handFedFeed(notes(count, authors));
  const fake = fakeServices({ now: NOW, follows: authors, feeds: { home: feed as never } });
  const app = render(createElement(App, { services: fake.services, size: { columns: 80, rows: 24 }, color: false }));
  const deadline = Date.now() + 10_000;
  while (!app.lastFrame()?.includes('note 0:')) {
    if (Date.now() > deadline) throw new Error('the timeline never appeared');
    await new Promise((r) => setTimeout(r, 5));
  }
  let live = 0;
  return {
    async frame(i) {
      const before = app.frames.length;
      const start = performance.now();
      if (i % 3 === 2) feed.push({ ...notes(1, authors)[0]!, id: hex(10_000_000 + live++), created_at: NOW - 1 });
      else app.stdin.write(i % 2 === 0 ? 'j' : 'k');
      // React may flush on the next turn: wait for the frame, checking as often as the loop allows.
      while (app.frames.length === before) {
        if (performance.now() - start > 5000) throw new Error('no frame was drawn for an update');
        await new Promise((r) => setImmediate(r));
      }
      return performance.now() - start;
    },
    unmount: () => app.unmount(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function frame100k(): Promise<Figure> {
  const small = await mount(100);
  const large = await mount(100_000);
  try {
    // Warm both up, then interleave rounds so JIT and GC state do not favour either.
    for (let i = 0; i < 60; i++) await small.frame(i), await large.frame(i);
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 30; i++) a.push(await small.frame(i));
      for (let i = 0; i < 30; i++) b.push(await large.frame(i));
    }
    const baseline = median(a);
    const value = median(b);
    return {
      name: 'frame-100k',
      value: Number(value.toFixed(3)),
      unit: 'ms/frame',
      baseline: Number(baseline.toFixed(3)),
      ratio: Number((value / baseline).toFixed(2)),
      note: 'median of keypress/live-note frames at 80x24; baseline: the same with 100 notes',
    };
  } finally {
    small.unmount();
    large.unmount();
  }
}

export default frame100k;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await frame100k()));
}
