// The relays panel scrolls: with more relays than the screen holds, the selected
// one (the one d, r and w act on) is always drawn, and the panel says how many
// more are above and below, at any size and after a resize.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayStatus } from '../../src/net/types.js';
import { App } from '../../src/ui/App.js';
import { fakeServices, MemoryFeed } from './fake-services.js';
import { waitForFrame } from './frames.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const counts = { received: 0, duplicates: 0, invalid: 0, offFilter: 0, malformed: 0, oversize: 0 };
const urls = Array.from({ length: 12 }, (_, i) => `ws://relay-${String(i + 1).padStart(2, '0')}.example`);
const lineOf = (url: string) => `  ${url}  eose  read+write`;
/** The relays drawn, top first. */
const drawn = (frame: string) => urls.filter((url) => frame.split('\n').includes(lineOf(url)));

function start(size: { columns: number; rows: number }) {
  const fake = fakeServices({
    feeds: { home: new MemoryFeed([]) },
    relays: urls.map((url) => ({ url, read: true, write: true })),
    status: urls.map((url): RelayStatus => ({ url, roles: ['user'], state: 'eose', counts })),
  });
  const app = render(<App services={fake.services} size={size} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check);
  const resize = (next: { columns: number; rows: number }) => app.rerender(<App services={fake.services} size={next} color={false} />);
  return { frame, resize, press: (k: string) => app.stdin.write(k) };
}

describe('the relays panel, more relays than the screen holds', () => {
  it('keeps the selected relay on screen as j and k move, says what is above and below, and d asks about a relay in view', async () => {
    const { frame, press, resize } = start({ columns: 80, rows: 24 });
    await frame((f) => f.includes('relays 12/12'));
    press('R');
    const first = await frame((f) => f.includes(' · Relays') && f.includes(lineOf(urls[0]!)));
    expect(drawn(first)).toEqual(urls.slice(0, 10));
    expect(first.split('\n')).toContain('  ↓ 2 more below');

    for (let i = 0; i < 11; i++) press('j');
    press('d');
    const asked = await frame((f) => f.includes(`remove ${urls[11]}? y/n`));
    // The relay asked about is on screen, the last one drawn, above the question.
    expect(drawn(asked).at(-1)).toBe(urls[11]);
    expect(asked).toMatch(/↑ \d+ more above/);
    expect(asked).not.toContain('more below');
    press('n');
    await frame((f) => f.includes('kept'));

    // A smaller terminal: the selected relay stays in view.
    resize({ columns: 60, rows: 12 });
    const small = await frame((f) => f.split('\n').length === 12 && drawn(f).length > 0);
    expect(drawn(small).at(-1)).toBe(urls[11]);
    expect(small).toMatch(/↑ \d+ more above/);

    // Back up: the window follows the selection to the top.
    for (let i = 0; i < 11; i++) press('k');
    press('d');
    const top = await frame((f) => f.includes(`remove ${urls[0]}? y/n`));
    expect(drawn(top)[0]).toBe(urls[0]);
    expect(top).toMatch(/↓ \d+ more below/);
    expect(top).not.toContain('more above');
    press('n');

    // Large enough again: every relay is drawn and nothing is said about more.
    resize({ columns: 80, rows: 40 });
    const all = await frame((f) => f.split('\n').length === 40 && drawn(f).length === 12);
    expect(all).not.toMatch(/more (above|below)/);
  });
});
