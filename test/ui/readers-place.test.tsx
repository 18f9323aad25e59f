// The reader's place survives every screen change (issue #10, point 3): Esc
// from a thread, a profile, the help, the relays panel or the composer returns
// to the same note at the same screen row. Whole frames compared exactly.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { author, fakeServices, MemoryFeed } from './fake-services.js';
import { keys, waitForFrame } from './frames.js';

const now = 1_700_000_000;
const alice = author(1);
const bob = author(2);
// Notes of different heights, so a window is not a multiple of one size.
const notes = Array.from({ length: 40 }, (_, i) =>
  (i % 2 ? alice : bob).note(i % 3 === 0 ? `note ${i}\nsecond line of ${i}` : `note ${i}`, now - 600 - i * 60),
);

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function readingAt15() {
  const fake = fakeServices({
    now, follows: [alice.pubkey, bob.pubkey], feeds: { home: new MemoryFeed(notes) },
    profiles: { [alice.pubkey]: { name: 'alice' }, [bob.pubkey]: { name: 'bob' } },
    authorNotes: { [alice.pubkey]: notes.filter((n) => n.pubkey === alice.pubkey) },
  });
  const app = render(<App services={fake.services} size={{ columns: 80, rows: 24 }} color={false} />);
  unmount = app.unmount;
  const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check);
  const press = (k: string) => app.stdin.write(k);
  await frame((f) => f.includes('▌ note 0'));
  for (let i = 0; i < 15; i++) press('j');
  const reading = await frame((f) => f.includes('▌ note 15'));
  // The selection is well down the screen, not at the top: a reset would show.
  expect(reading.split('\n').findIndex((l) => l.startsWith('▌ '))).toBeGreaterThan(3);
  return { frame, press, reading };
}

describe("the reader's place", () => {
  for (const [name, open, opened] of [
    ['a thread', keys.enter, ' · Thread'],
    ['a profile', 'p', ' · Profile: '],
    ['the help', '?', ' · Keys'],
    ['the relays panel', 'R', ' · Relays'],
    ['the composer', 'n', '── New note'],
  ] as const) {
    it(`Esc from ${name} comes back to the same note at the same row, the frame unchanged`, async () => {
      const { frame, press, reading } = await readingAt15();
      press(open);
      await frame((f) => f.includes(opened));
      press(keys.escape);
      const back = await frame((f) => !f.includes(opened));
      expect(back).toBe(reading);
    });
  }

  it('survives a stack of screens: thread, then the profile from it, then help, then back three times', async () => {
    const { frame, press, reading } = await readingAt15();
    press(keys.enter);
    await frame((f) => f.includes(' · Thread'));
    press('p');
    const profile = await frame((f) => f.includes(' · Profile: '));
    press('j');
    const movedInProfile = await frame((f) => f !== profile && f.includes(' · Profile: '));
    press('?');
    await frame((f) => f.includes(' · Keys'));
    press(keys.escape);
    // The profile keeps its own place too.
    expect(await frame((f) => f.includes(' · Profile: '))).toBe(movedInProfile);
    press(keys.escape);
    await frame((f) => f.includes(' · Thread'));
    press(keys.escape);
    expect(await frame((f) => f.includes(' · Home'))).toBe(reading);
  });

  it('q on a screen over the feed goes back to the same place too', async () => {
    const { frame, press, reading } = await readingAt15();
    press(keys.enter);
    await frame((f) => f.includes(' · Thread'));
    press('q');
    expect(await frame((f) => f.includes(' · Home'))).toBe(reading);
  });
});
