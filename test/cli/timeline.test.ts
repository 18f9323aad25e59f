// `nostr-tui timeline` against real relays: in-process through main() with a
// fixed clock (exact output), and once as the built binary (exit codes, JSON).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortNpub } from '../../src/core/identifiers.js';
import { KeyStore } from '../../src/store/keys.js';
import { runCli } from '../helpers/cli.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const NOW = 1_700_000_000;
const [alice, bob, carol, dave] = [0, 1, 2, 3].map(() => generateSecretKey()) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
function sign(sk: Uint8Array, created_at: number, content: string, kind = 1, tags: string[][] = []): Event {
  const { id, pubkey, sig } = finalizeEvent({ kind, created_at, tags, content }, sk);
  return { id, pubkey, created_at, kind, tags, content, sig };
}

const follows = sign(alice, NOW - 86_400, '', 3, [['p', getPublicKey(bob)], ['p', getPublicKey(carol)]]);
const bobRecent = sign(bob, NOW - 120, 'bob: two minutes ago');
const carolOnBoth = sign(carol, NOW - 3_000, 'carol: on both relays\nsecond line \u001b[31mred\u001b[0m');
const carolRepost = sign(carol, NOW - 30, '', 6, [['e', 'ab'.repeat(32)], ['p', getPublicKey(bob)]]);
const bobOld = sign(bob, NOW - 7_200, 'bob: outside the window');
const daveNote = sign(dave, NOW - 10, 'dave: not followed');


function home(withKey: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-timeline-'));
  if (withKey) new KeyStore(dir).save({ pubkey: getPublicKey(alice) });
  return dir;
}

const run = (dir: string, argv: string[]) => runInProcess(argv, { home: dir, nowSec: NOW });

describe('nostr-tui timeline', () => {
  let one: TestRelay;
  let two: TestRelay;
  beforeAll(async () => {
    [one, two] = await Promise.all([startRelay(), startRelay()]);
    await one.seed(follows, bobRecent, carolOnBoth, bobOld, daveNote);
    await two.seed(follows, carolOnBoth, carolRepost);
  });
  afterAll(async () => {
    await Promise.all([one.stop(), two.stop()]);
  });

  it('prints the followed people’s notes, merged from every relay, newest first, sanitised', async () => {
    const result = await run(home(true), ['timeline', '--relay', one.url, '--relay', two.url, '--since', '1h']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toEqual([
      `${shortNpub(getPublicKey(carol))} · 30 seconds ago · repost`,
      expect.stringMatching(/^ {2}reposted note1[02-9ac-hj-np-z]{58}$/),
      '',
      `${shortNpub(getPublicKey(bob))} · 2 minutes ago`,
      '  bob: two minutes ago',
      '',
      `${shortNpub(getPublicKey(carol))} · 50 minutes ago`,
      '  carol: on both relays',
      '  second line red',
      '',
      '',
    ]);
    expect(result.stderr).toBe(`relay ${one.url}: 2 events\nrelay ${two.url}: 2 events\n`);
  });

  it('a repost shows the note it carries when that note’s signature holds, else only which note it names', async () => {
    const relay = await startRelay();
    try {
      const carried = sign(dave, NOW - 600, 'dave: worth a repost');
      const repost = sign(carol, NOW - 60, JSON.stringify(carried), 6, [['e', carried.id, relay.url], ['p', carried.pubkey]]);
      const forged = sign(bob, NOW - 30, JSON.stringify({ ...carried, content: 'dave never wrote this' }), 6, [['e', carried.id, relay.url], ['p', carried.pubkey]]);
      await relay.seed(follows, repost, forged);
      const result = await run(home(true), ['timeline', '--relay', relay.url, '--since', '1h']);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')).toEqual([
        `${shortNpub(getPublicKey(bob))} · 30 seconds ago · repost`,
        expect.stringMatching(/^ {2}reposted note1[02-9ac-hj-np-z]{58}$/),
        '',
        `${shortNpub(getPublicKey(carol))} · 1 minute ago · repost`,
        `  ↻ ${shortNpub(getPublicKey(dave))} · 10 minutes ago`,
        '  dave: worth a repost',
        '',
        '',
      ]);
    } finally {
      await relay.stop();
    }
  });

  it('--json prints each event as received, one per line; --limit keeps the newest', async () => {
    const result = await run(home(true), ['timeline', '--json', '--limit', '2', '--since', '1h', '--relay', one.url, '--relay', two.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(carolRepost)}\n${JSON.stringify(bobRecent)}\n`);
  });

  it('with no key it shows everyone, and says so on stderr', async () => {
    const result = await run(home(false), ['timeline', '--json', '--since', '1h', '--relay', one.url]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual([daveNote.id, bobRecent.id, carolOnBoth.id]);
    expect(result.stderr).toMatch(/^nostr-tui: no key yet.*everyone/);
  });

  it('exits 0 when one relay answered and another was unreachable; 1 when none answered', async () => {
    const dead = await closedPort();
    const some = await run(home(true), ['timeline', '--json', '--since', '1h', '--relay', one.url, '--relay', dead]);
    expect(some.code).toBe(0);
    expect(some.stdout.trim().split('\n')).toHaveLength(2);
    expect(some.stderr).toContain(`relay ${dead}: failed: `);

    const none = await run(home(true), ['timeline', '--relay', dead]);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/nostr-tui: no relay answered \(1 asked\)/);
  });

  it('refuses a bad --since or --limit with exit 2 before any network', async () => {
    const dir = home(true);
    const since = await run(dir, ['timeline', '--since', 'yesterday', '--relay', one.url]);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/^nostr-tui: --since "yesterday" is not understood/);
    const limit = await run(dir, ['timeline', '--limit', '0', '--relay', one.url]);
    expect(limit.code).toBe(2);
  });

  it('the built binary: --json output and exit code', async () => {
    const result = await runCli(['timeline', '--json', '--since', `${NOW - 3_600}`, '--relay', one.url, '--relay', two.url], { NOSTR_TUI_HOME: home(true) });
    expect(result.code).toBe(0);
    const ids = result.stdout.trim().split('\n').map((line) => JSON.parse(line).id);
    expect(ids).toEqual([carolRepost.id, bobRecent.id, carolOnBoth.id]);
  });
});
