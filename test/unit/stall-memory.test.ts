// The cross-run memory of relays that stalled (src/client/stall-memory.ts) and its rows in the
// database (src/store/relay-stalls.ts).
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STALL_REMEMBERED_MS, STALLED_EARLIER_WAIT_MS, StallMemory } from '../../src/client/stall-memory.js';
import { openStore } from '../../src/store/open.js';
import { tempDir } from '../helpers/store.js';

const A = 'wss://a.example';
const B = 'wss://b.example';
const FULL = 5_000;

describe('StallMemory', () => {
  it('gives a relay that stalled within the hour a short wait, and the whole wait after that', () => {
    let now = 10_000_000;
    const memory = new StallMemory(new Map([[A, now - 60_000]]), () => now);
    expect(memory.wait(A, FULL)).toBe(STALLED_EARLIER_WAIT_MS);
    expect(memory.wait(B, FULL)).toBe(FULL);
    // Never longer than the request asked for.
    expect(memory.wait(A, 500)).toBe(500);
    now += STALL_REMEMBERED_MS;
    expect(memory.wait(A, FULL)).toBe(FULL);
    // The clock set back past the stall: it is not trusted.
    expect(new StallMemory(new Map([[A, now + 60_000]]), () => now).wait(A, FULL)).toBe(FULL);
  });

  it('remembers a stall through a whole wait, not a short wait running out', () => {
    let now = 10_000_000;
    const memory = new StallMemory(new Map([[A, now - 60_000]]), () => now);
    memory.waitedOut(A, STALLED_EARLIER_WAIT_MS);
    expect([...memory.unsaved()]).toEqual([]);
    now += STALL_REMEMBERED_MS - 59_000;
    expect(memory.wait(A, FULL)).toBe(FULL);

    memory.waitedOut(B, FULL);
    expect(memory.wait(B, FULL)).toBe(STALLED_EARLIER_WAIT_MS);
    expect([...memory.unsaved()]).toEqual([[B, now]]);
    // The output says when a wait was cut short for a stall on an earlier run, not on this one.
    const fresh = new StallMemory(new Map([[A, now - 60_000]]), () => now);
    fresh.waitedOut(B, FULL);
    fresh.wait(A, FULL);
    fresh.wait(B, FULL);
    expect([fresh.gaveShortWait(A), fresh.gaveShortWait(B)]).toEqual([true, false]);
  });

  it('forgets a relay once it answers, and writes nothing for relays it never knew', () => {
    const now = 10_000_000;
    const memory = new StallMemory(new Map([[A, now - 60_000]]), () => now);
    memory.answered(B);
    expect([...memory.unsaved()]).toEqual([]);
    memory.answered(A);
    expect(memory.wait(A, FULL)).toBe(FULL);
    expect([...memory.unsaved()]).toEqual([[A, undefined]]);
  });
});

describe('RelayStalls', () => {
  it('keeps each stall until the relay is forgotten or the stall is too old, across opens of the database', () => {
    const dir = tempDir();
    const clock = { now: () => 1_700_000_000_000 };
    const first = openStore(dir, { clock });
    first.relayStalls.save(new Map([[A, 1_000], [B, 2_000]]), 0);
    first.notificationsSeen.mark('f'.repeat(64), 5);
    first.close();
    const second = openStore(dir, { clock });
    expect(second.relayStalls.load()).toEqual(new Map([[A, 1_000], [B, 2_000]]));
    second.relayStalls.save(new Map([[A, undefined], [B, 3_000]]), 0);
    expect(second.relayStalls.load()).toEqual(new Map([[B, 3_000]]));
    // Stalls too old to matter go when anything is saved.
    second.relayStalls.save(new Map([['wss://c.example', 9_000]]), 5_000);
    expect(second.relayStalls.load()).toEqual(new Map([['wss://c.example', 9_000]]));
    // The rest of the meta table is not the stalls'.
    expect(second.notificationsSeen.get('f'.repeat(64))).toBe(5);
    second.close();

    // Rows that are not a time (a damaged or hand-edited file) are left out, not trusted.
    const db = new Database(path.join(dir, 'nostr-tui.db'));
    const put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    for (const [url, value] of [['wss://nan.example', 'soon'], ['wss://neg.example', '-5'], ['wss://huge.example', '1e400'], ['wss://frac.example', '1.5']]) put.run(`relay-stalled:${url}`, value);
    db.close();
    const third = openStore(dir, { clock });
    expect(third.relayStalls.load()).toEqual(new Map([['wss://c.example', 9_000]]));
    third.close();
  });
});
