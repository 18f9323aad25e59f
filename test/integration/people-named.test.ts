// A name typed where the UI asks whom to write to, looked up among the people followed (and those
// written with) by their newest profiles: the relays' copy over an older cached one, a rename, an
// unknown follow list; a relay that stalled earlier in the run is not waited for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followedNamed } from '../../src/client/people-named.js';
import { StalledRelays } from '../../src/client/stalled-relays.js';
import { createPool } from '../../src/net/pool.js';
import { openStore } from '../../src/store/open.js';
import { signed, startFaultRelay } from '../helpers/fault-relay.js';
import { ManualTimers } from '../helpers/manual-timers.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const clock = { now: () => NOW * 1000 };
const profile = (key: Uint8Array, at: number, fields: object) => signed(key, { kind: 0, created_at: at, content: JSON.stringify(fields) });

describe('followedNamed', () => {
  let relay: TestRelay;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-people-named-'));
  const renamed = generateSecretKey();
  const ann = generateSecretKey();
  const many = Array.from({ length: 5 }, () => generateSecretKey());
  const hostile = [generateSecretKey(), generateSecretKey()];

  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(
      profile(renamed, NOW - 100, { name: 'robert' }),
      profile(ann, NOW - 100, { display_name: 'Ann Smith' }),
      ...many.map((key, i) => profile(key, NOW - 100, { name: `sam ${i}` })),
      // Names from the network that would move the cursor or clear the screen.
      profile(hostile[0]!, NOW - 100, { name: 'eve\u001b[2J\u001b[H one' }),
      profile(hostile[1]!, NOW - 100, { display_name: 'eve\u009b31m two\r\n' }),
    );
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("goes by the relays' newest profile over an older cached one, and says why no one or several are chosen", async () => {
    const store = openStore(dataDir, { clock });
    // The cache still has the name this person went by before.
    store.events.put(profile(renamed, NOW - 5_000, { name: 'bob' }));
    const pool = createPool({ relays: [{ url: relay.url, read: true, write: true }], clock });
    try {
      const follows = [renamed, ann, ...many].map((key) => getPublicKey(key));
      const deps = { follows, pool, store: store.events };
      expect(await followedNamed('robert', deps)).toBe(getPublicKey(renamed));
      expect(await followedNamed('ann', deps)).toBe(getPublicKey(ann));
      await expect(followedNamed('bob', deps)).rejects.toThrow('no one you follow is named "bob": give their npub1…, nprofile1… or name@domain');
      await expect(followedNamed('sam', deps)).rejects.toThrow('"sam" could be 5 people you follow (sam 0, sam 1, sam 2, …): type more of the name, or their npub1…');
      await expect(followedNamed('ann', { ...deps, follows: undefined })).rejects.toThrow('your follow list is not known yet');
      // A long follow list is asked for in filters of 250 authors: one far down it is found.
      const strangers = Array.from({ length: 300 }, () => getPublicKey(generateSecretKey()));
      expect(await followedNamed('ann smith', { ...deps, follows: [...strangers, getPublicKey(ann)] })).toBe(getPublicKey(ann));
      // The names it lists are printable: no escape sequence or line break reaches the footer.
      const error = await followedNamed('eve', { ...deps, follows: hostile.map((key) => getPublicKey(key)) }).catch((caught: Error) => caught.message);
      expect(error).toMatch(/^"eve" could be 2 people you follow \(eve/);
      expect(error).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      // Someone not followed is never found by name, however well it matches.
      expect(await followedNamed('ann', { ...deps, follows: follows.slice(1) })).toBe(getPublicKey(ann));
      await expect(followedNamed('robert', { ...deps, follows: follows.slice(1) })).rejects.toThrow('no one you follow is named "robert"');
      // Someone written with privately is found though not followed, and with the follow list unknown.
      const peers = [getPublicKey(renamed)];
      expect(await followedNamed('robert', { ...deps, follows: follows.slice(1), peers })).toBe(getPublicKey(renamed));
      expect(await followedNamed('robert', { ...deps, follows: undefined, peers })).toBe(getPublicKey(renamed));
      await expect(followedNamed('ann', { ...deps, follows: undefined, peers })).rejects.toThrow('your follow list is not known yet');
      await expect(followedNamed('zed', { ...deps, peers })).rejects.toThrow('no one you follow or write to is named "zed"');
    } finally {
      await pool.close();
      store.close();
    }
  });

  it('does not wait for a relay that stalled earlier in the run', async () => {
    // Takes every request and never answers; time never moves, so a wait for it would never end.
    const silent = await startFaultRelay({});
    const timers = new ManualTimers(NOW * 1000);
    const relays = [relay.url, silent.url];
    const pool = createPool({ relays: relays.map((url) => ({ url, read: true, write: true })), clock: timers, timers });
    try {
      const deps = { follows: [getPublicKey(ann)], pool, relays, stalled: new StalledRelays().add(silent.url) };
      expect(await followedNamed('ann', deps)).toBe(getPublicKey(ann));
    } finally {
      await pool.close();
      await silent.stop();
    }
  });
});
