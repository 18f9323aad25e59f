// The interactive start loads the signature checks while it waits for the first notes, never
// before drawing notes that are already there (src/ui/run.tsx).
import { describe, expect, it } from 'vitest';
import { loadWhileWaiting } from '../../src/ui/run.js';

describe('loadWhileWaiting', () => {
  it('loads while the first notes are still on their way', async () => {
    let loads = 0;
    await loadWhileWaiting(new Promise<void>(() => {}), () => loads++);
    expect(loads).toBe(1);
  });

  it('does not load ahead of notes that are already here: they are drawn first', async () => {
    let loads = 0;
    await loadWhileWaiting(Promise.resolve(), () => loads++);
    const settled = Promise.resolve();
    await settled;
    await loadWhileWaiting(settled, () => loads++);
    expect(loads).toBe(0);
  });
});
