// Issue #13: `timeline` and `following` print people by name (`Alice (npub1abcd…wxyz)`) and
// `nostr:` mentions as @name; --json stays byte-exact. Names come from the cache, and for people
// it has none for, from the relays (which the cache then keeps).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { neventEncode, npubEncode, nprofileEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortNpub } from '../../src/core/identifiers.js';
import { shortNoteRef } from '../../src/core/mentions.js';
import { KeyStore } from '../../src/store/keys.js';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock } from '../helpers/store.js';

const NOW = 1_700_000_000;
const [alice, bob, carol, dave] = [0, 1, 2, 3].map(() => generateSecretKey()) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
const pk = (sk: Uint8Array) => getPublicKey(sk);
function sign(sk: Uint8Array, created_at: number, content: string, kind = 1, tags: string[][] = []): Event {
  const { id, pubkey, sig } = finalizeEvent({ kind, created_at, tags, content }, sk);
  return { id, pubkey, created_at, kind, tags, content, sig };
}

const follows = sign(alice, NOW - 86_400, '', 3, [['p', pk(bob)], ['p', pk(carol), 'wss://carol.example', 'cc'], ['p', pk(dave)]]);
const quoted = sign(dave, NOW - 600, 'quoted');
const bobNote = sign(bob, NOW - 120, `hi nostr:${nprofileEncode({ pubkey: pk(carol), relays: ['wss://r.example'] })} and nostr:${npubEncode(pk(dave))}, see nostr:${neventEncode({ id: quoted.id })}`);
const carolNote = sign(carol, NOW - 60, 'carol here');
// Names as the UI would have cached them: newest kind 0 wins; a hostile name is sanitised.
const profiles = [
  sign(bob, NOW - 5_000, JSON.stringify({ name: 'old bob' }), 0),
  sign(bob, NOW - 4_000, JSON.stringify({ name: 'Bob', display_name: 'Bobby \u001b[31mB' }), 0),
  sign(carol, NOW - 4_000, JSON.stringify({ name: 'Carol' }), 0),
];

function homeWithCache(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-names-'));
  new KeyStore(dir).save({ pubkey: pk(alice) });
  const store = openStore(path.join(dir, 'data'), { clock: manualClock(NOW * 1000) });
  store.events.putMany(profiles);
  store.close();
  return dir;
}

describe('names in text output', () => {
  let relay: TestRelay;
  const homes: string[] = [];
  const home = () => {
    const dir = homeWithCache();
    homes.push(dir);
    return dir;
  };
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(follows, quoted, bobNote, carolNote);
  });
  afterAll(async () => {
    await relay.stop();
    for (const dir of homes) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('timeline prints cached names beside short keys and nostr: mentions as @name', async () => {
    const result = await runInProcess(['timeline', '--relay', relay.url, '--since', '1h'], { home: home(), nowSec: NOW });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `Carol (${shortNpub(pk(carol))}) · 1 minute ago`,
      '  carol here',
      '',
      `Bobby B (${shortNpub(pk(bob))}) · 2 minutes ago`,
      `  hi @Carol and @${shortNpub(pk(dave))}, see [${shortNoteRef(quoted.id)}]`,
      '',
      `${shortNpub(pk(dave))} · 10 minutes ago`,
      '  quoted',
      '',
      '',
    ]);
  });

  it('--json stays the events exactly as signed, names or not', async () => {
    const result = await runInProcess(['timeline', '--json', '--relay', relay.url, '--since', '1h'], { home: home(), nowSec: NOW });
    expect(result.stdout).toBe([carolNote, bobNote, quoted].map((event) => JSON.stringify(event) + '\n').join(''));
  });

  it('following prints the cached name with the short key, the full npub when no name is known', async () => {
    const dir = home();
    const result = await runCli(['following', '--relay', relay.url], { NOSTR_TUI_HOME: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [`Bobby B (${shortNpub(pk(bob))})`, `Carol (${shortNpub(pk(carol))})  cc  wss://carol.example`, npubEncode(pk(dave)), ''].join('\n'),
    );
    const json = await runCli(['following', '--json', '--relay', relay.url], { NOSTR_TUI_HOME: dir });
    expect(JSON.parse(json.stdout)).toEqual([
      { npub: npubEncode(pk(bob)), pubkey: pk(bob) },
      { npub: npubEncode(pk(carol)), pubkey: pk(carol), relay: 'wss://carol.example', petname: 'cc' },
      { npub: npubEncode(pk(dave)), pubkey: pk(dave) },
    ]);
  });
});

describe('the user', () => {
  let relay: TestRelay;
  const me = generateSecretKey();
  const mine = sign(me, NOW - 60, `my note, to nostr:${npubEncode(pk(me))}`);
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(sign(me, NOW - 86_400, '', 3, [['p', pk(bob)]]), mine);
  });
  afterAll(async () => relay.stop());

  it('is `you` (as in the UI) until their profile has a name, never only an npub; then by that name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-names-you-'));
    try {
      new KeyStore(dir).save({ pubkey: pk(me) });
      const before = await runInProcess(['timeline', '--relay', relay.url, '--since', '1h'], { home: dir, nowSec: NOW });
      expect(before.stdout.split('\n').slice(0, 2)).toEqual(['you · 1 minute ago', '  my note, to @you']);
      await relay.seed(sign(me, NOW - 30, JSON.stringify({ name: 'Me' }), 0));
      const after = await runInProcess(['timeline', '--relay', relay.url, '--since', '1h'], { home: dir, nowSec: NOW });
      expect(after.stdout.split('\n').slice(0, 2)).toEqual([`Me (${shortNpub(pk(me))}) · 1 minute ago`, '  my note, to @Me']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('names the cache does not have', () => {
  let relay: TestRelay;
  let home: string;
  const daveProfile = sign(dave, NOW - 3_000, JSON.stringify({ name: 'Dave' }), 0);
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(follows, quoted, bobNote, carolNote, daveProfile);
    home = homeWithCache();
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('are asked of the relays, for the authors and the people mentioned; the next run has them from the cache', async () => {
    const result = await runInProcess(['timeline', '--relay', relay.url, '--since', '1h'], { home, nowSec: NOW });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(`  hi @Carol and @Dave, see [${shortNoteRef(quoted.id)}]`);
    expect(lines).toContain(`Dave (${shortNpub(pk(dave))}) · 10 minutes ago`);
    // The relay's copy was stored: another run, against a relay without it, still names Dave.
    const other = await startRelay();
    try {
      await other.seed(follows);
      const list = await runCli(['following', '--relay', other.url], { NOSTR_TUI_HOME: home });
      expect(list.stdout.split('\n')).toContain(`Dave (${shortNpub(pk(dave))})`);
    } finally {
      await other.stop();
    }
  });

  it('are not asked for with --json, whose output is the events alone', async () => {
    const fresh = homeWithCache();
    try {
      const result = await runInProcess(['timeline', '--json', '--relay', relay.url, '--since', '1h'], { home: fresh, nowSec: NOW });
      expect(result.stdout).toBe([carolNote, bobNote, quoted].map((event) => JSON.stringify(event) + '\n').join(''));
      const store = openStore(path.join(fresh, 'data'), { clock: manualClock(NOW * 1000) });
      try {
        expect(store.events.query([{ kinds: [0], authors: [pk(dave)] }])).toEqual([]);
      } finally {
        store.close();
      }
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
