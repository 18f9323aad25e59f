// `post`, `follow`, `unfollow` and `following` end to end: the built binary
// against real relays (@nostr-relay/core) on loopback, selected with --relay.
import fs from 'node:fs';
import type { Event } from 'nostr-tools';
import { npubEncode, nsecEncode, noteEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliHome, cliUser, runningCli } from '../helpers/cli.js';
import { startFaultRelay } from '../helpers/fault-relay.js';
import { until } from '../helpers/until.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

// Each test spawns the CLI several times; on a busy two-core machine one run can take seconds.
vi.setConfig({ testTimeout: 60_000 });

let relayA: TestRelay;
let relayB: TestRelay;
/** A URL where nothing listens: a relay that is down. */
let downUrl: string;

beforeAll(async () => {
  [relayA, relayB] = await Promise.all([startRelay(), startRelay()]);
  const gone = await startRelay();
  downUrl = gone.url;
  await gone.stop();
});
afterAll(async () => {
  await Promise.all([relayA?.stop(), relayB?.stop()]);
});

const relayArgs = (...urls: string[]) => urls.flatMap((url) => ['--relay', url]);

/** A home with a freshly imported key. */
const userHome = () => cliUser('nostr-tui-post-');

const nowSec = () => Math.floor(Date.now() / 1000);
const someone = () => getPublicKey(generateSecretKey());

describe('post', () => {
  it('reaches both relays with a valid signature and prints the note id and each result', async () => {
    const { cli, pubkey } = await userHome();
    const text = `hello from the test ${Math.random()}`;
    const result = await cli.run(['post', text, ...relayArgs(relayA.url, relayB.url)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [idLine, ...rest] = result.stdout.trimEnd().split('\n');
    expect(idLine).toMatch(/^note1/);
    expect(rest.sort()).toEqual([`  ${relayA.url}  accepted`, `  ${relayB.url}  accepted`, 'Accepted by 2 of 2 relays.'].sort());

    for (const relay of [relayA, relayB]) {
      const [event] = await relay.find({ kinds: [1], authors: [pubkey] });
      expect(event).toBeDefined();
      expect(noteEncode(event!.id)).toBe(idLine);
      expect(event!.content).toBe(text);
      expect(verifyEvent(event!)).toBe(true);
    }
  });

  it('text after -- is posted as it is, even when it looks like an option', async () => {
    const { cli } = await userHome();
    const result = await cli.run(['post', '--relay', relayA.url, '--json', '--', '--not-an-option', 'here']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).event.content).toBe('--not-an-option here');
  });

  it('--relay takes one URL each time: the words after it stay the note, also after --', async () => {
    const { cli } = await userHome();
    const before = await cli.run(['post', '--json', ...relayArgs(relayA.url, relayB.url), 'relays first']);
    expect(before.code).toBe(0);
    const output = JSON.parse(before.stdout);
    expect(output.event.content).toBe('relays first');
    expect(output.relays.map((r: { url: string }) => r.url)).toEqual([relayA.url, relayB.url]);
    const dashed = await cli.run(['post', '--json', '--relay', relayA.url, '--', '-starts with a dash']);
    expect(dashed.code).toBe(0);
    expect(JSON.parse(dashed.stdout).event.content).toBe('-starts with a dash');
  });

  it('--json prints {"id","event","relays"}; `post -` reads stdin', async () => {
    const { cli } = await userHome();
    const result = await cli.run(['post', '-', '--json', ...relayArgs(relayA.url)], { stdin: 'line one\nline two\n' });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(['id', 'event', 'relays']);
    expect(output.event.content).toBe('line one\nline two');
    expect(output.id).toBe(output.event.id);
    expect(verifyEvent(output.event)).toBe(true);
    expect(output.relays).toEqual([{ url: relayA.url, ok: true, message: expect.any(String) }]);
  });

  it('one relay down: still exits 0 and reports it unreachable', async () => {
    const { cli } = await userHome();
    const result = await cli.run(['post', 'one relay down', ...relayArgs(relayA.url, downUrl)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  ${relayA.url}  accepted`);
    expect(result.stdout).toMatch(new RegExp(`  ${downUrl}  unreachable`));
    expect(result.stdout).toContain('Accepted by 1 of 2 relays.');
  });

  it("prints the note once saved and each relay's answer as it comes: one that never answers holds back neither", async () => {
    // Takes the note and never says OK: the post waits its 8 s for it.
    const silent = await startFaultRelay({});
    const { cli } = await userHome();
    const run = runningCli(['post', 'one relay silent', ...relayArgs(relayA.url, silent.url)], { NOSTR_TUI_HOME: cli.home });
    try {
      await until(() => run.stdout().includes(`  ${relayA.url}  accepted\n`) || undefined, "the first relay's answer, before the silent one times out");
      expect(run.stdout()).toMatch(/^note1[0-9a-z]+\n {2}ws:\/\//);
      expect(run.exited()).toBe(false);
      // Stopped there (Ctrl-C): a relay took it, so nothing is left to send again.
      await run.interrupt();
      expect((await cli.run(['outbox'])).stdout).toBe('The outbox is empty: every signed event has reached a relay.\n');
    } finally {
      await run.interrupt();
      await silent.stop();
    }
  });

  it('every relay down: exits 1, says so, and the post waits in the outbox', async () => {
    const { cli } = await userHome();
    const result = await cli.run(['post', 'nobody hears this', ...relayArgs(downUrl)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Accepted by 0 of 1 relay.');
    expect(result.stderr).toMatch(/no relay accepted the post; it is kept in the outbox/);
    const outbox = await cli.run(['outbox', '--json']);
    const pending = JSON.parse(outbox.stdout) as { event: Event }[];
    expect(pending.map((entry) => entry.event.content)).toEqual(['nobody hears this']);
  });

  it('bad input is exit 2 with one line and publishes nothing', async () => {
    const { cli, pubkey } = await userHome();
    for (const args of [['post'], ['post', '   '], ['post', '-']]) {
      const result = await cli.run([...args, ...relayArgs(relayA.url)], { stdin: '\n' });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^nostr-tui: the post is empty/);
    }
    const typo = await cli.run(['post', '--jsn', 'hi', ...relayArgs(relayA.url)]);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toMatch(/^nostr-tui: unknown option --jsn for post/);
    const badRelay = await cli.run(['post', 'hi', '--relay', 'http://relay.example']);
    expect(badRelay.code).toBe(2);
    expect(badRelay.stderr.trimEnd().split('\n')).toHaveLength(1);
    // Asked, not assumed: the relay holds nothing from this user (and the outbox nothing to retry).
    expect(await relayA.find({ authors: [pubkey] })).toEqual([]);
    expect((await cli.run(['outbox', '--json'])).stdout).toBe('[]\n');
  });

  it('read-only (npub only) or no key: says a secret key is needed, exit 1', async () => {
    const cli = cliHome();
    const none = await cli.run(['post', 'hi', ...relayArgs(relayA.url)]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no key yet/);
    await cli.run(['key', 'import', npubEncode(someone())]);
    const readOnly = await cli.run(['post', 'hi', ...relayArgs(relayA.url)]);
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toMatch(/read-only.*needs a secret key/);
  });

  it('signs with an encrypted key given NOSTR_TUI_PASSPHRASE; a wrong one is exit 1', { timeout: 120_000 }, async () => {
    const cli = cliHome();
    const env = { NOSTR_TUI_PASSPHRASE: 'pass phrase' };
    await cli.run(['key', 'generate', '--encrypt'], { env });
    expect((await cli.run(['post', 'encrypted', ...relayArgs(relayA.url)], { env })).code).toBe(0);
    const wrong = await cli.run(['post', 'encrypted', ...relayArgs(relayA.url)], { env: { NOSTR_TUI_PASSPHRASE: 'nope' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^nostr-tui: wrong passphrase/);
  });
});

describe('follow', () => {
  it('keeps the existing list intact when the newest list is on only one of two relays', async () => {
    const { cli, secretKey, pubkey } = await userHome();
    const [x, y, z] = [someone(), someone(), someone()];
    const older = finalizeEvent({ kind: 3, created_at: nowSec() - 100, tags: [['p', x]], content: '' }, secretKey);
    const newest = finalizeEvent(
      {
        kind: 3,
        created_at: nowSec() - 10,
        tags: [['p', x, 'wss://x.example', 'ex'], ['t', 'nostr'], ['p', y, '', 'why']],
        content: '{"wss://relay.example":{"read":true,"write":true}}',
      },
      secretKey,
    );
    // The newest list only on B; which relay answers first must not matter.
    await relayA.seed(older);
    await relayB.seed(newest);

    const result = await cli.run(['follow', npubEncode(z), ...relayArgs(relayA.url, relayB.url)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Now following ${npubEncode(z)}; 3 in your list.`);

    for (const relay of [relayA, relayB]) {
      const [list] = await relay.find({ kinds: [3], authors: [pubkey] });
      expect(list!.tags).toEqual([...newest.tags, ['p', z]]);
      expect(list!.content).toBe(newest.content);
      expect(list!.created_at).toBeGreaterThan(newest.created_at);
      expect(verifyEvent(list!)).toBe(true);
    }

    const following = await cli.run(['following', '--json', ...relayArgs(relayA.url, relayB.url)]);
    expect(JSON.parse(following.stdout)).toEqual([
      { npub: npubEncode(x), pubkey: x, relay: 'wss://x.example', petname: 'ex' },
      { npub: npubEncode(y), pubkey: y, petname: 'why' },
      { npub: npubEncode(z), pubkey: z },
    ]);
  });

  it('two edits in the same second both survive (created_at moves past the previous list)', async () => {
    const { cli, pubkey } = await userHome();
    const [x, y] = [someone(), someone()];
    expect((await cli.run(['follow', x, ...relayArgs(relayA.url)])).code).toBe(0);
    // --relay before the key: it takes one URL and leaves the key to `follow`.
    expect((await cli.run(['follow', ...relayArgs(relayA.url), y])).code).toBe(0);
    const [list] = await relayA.find({ kinds: [3], authors: [pubkey] });
    expect(list!.tags).toEqual([['p', x], ['p', y]]);
  });

  it('three started at once (three processes) are all kept: each waits for the one before to save its list', async () => {
    const { cli, pubkey } = await userHome();
    const people = [someone(), someone(), someone()];
    const results = await Promise.all(people.map((who) => cli.run(['follow', who, ...relayArgs(relayA.url)])));
    expect(results.map((r) => [r.code, r.stderr])).toEqual([[0, ''], [0, ''], [0, '']]);
    const lists = await relayA.find({ kinds: [3], authors: [pubkey] });
    const newest = lists.sort((a, b) => b.created_at - a.created_at)[0]!;
    expect(newest.tags.map((tag) => tag[1]).sort()).toEqual([...people].sort());
  });

  it('unfollow removes only that person', async () => {
    const { cli, secretKey, pubkey } = await userHome();
    const [x, y] = [someone(), someone()];
    const list = finalizeEvent({ kind: 3, created_at: nowSec() - 5, tags: [['p', x, 'wss://x.example'], ['p', y], ['t', 'keep']], content: 'kept' }, secretKey);
    await relayA.seed(list);
    const result = await cli.run(['unfollow', `nostr:${npubEncode(x)}`, ...relayArgs(relayA.url)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`No longer following ${npubEncode(x)}; 1 in your list.`);
    const [updated] = await relayA.find({ kinds: [3], authors: [pubkey] });
    expect(updated).toMatchObject({ tags: [['p', y], ['t', 'keep']], content: 'kept' });
  });

  it('following yourself or someone already followed is a friendly no-op', async () => {
    const { cli, pubkey } = await userHome();
    const self = await cli.run(['follow', npubEncode(pubkey), ...relayArgs(relayA.url)]);
    expect(self).toMatchObject({ code: 0, stdout: 'That is your own key; nothing to change.\n' });
    const x = someone();
    await cli.run(['follow', x, ...relayArgs(relayA.url)]);
    const again = await cli.run(['follow', x, ...relayArgs(relayA.url)]);
    expect(again).toMatchObject({ code: 0, stdout: `You already follow ${npubEncode(x)}; nothing changed.\n` });
  });

  it('no relay answered: says so, exit 1, publishes and saves nothing', async () => {
    const { cli } = await userHome();
    const result = await cli.run(['follow', someone(), ...relayArgs(downUrl)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^nostr-tui: no relay answered \(1 asked\).*nothing was changed/);
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('only some relays answered and none had a list: refuses to start one from nothing', async () => {
    const { cli, pubkey } = await userHome();
    const result = await cli.run(['follow', someone(), ...relayArgs(relayA.url, downUrl)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/only 1 of 2 relays answered and none had your follow list/);
    expect(await relayA.find({ kinds: [3], authors: [pubkey] })).toEqual([]);
  });

  it('an nsec or a malformed key where a public key belongs is exit 2, with a warning for the nsec, and opens nothing', async () => {
    const { cli } = await userHome();
    const nsec = nsecEncode(generateSecretKey());
    const result = await cli.run(['follow', nsec, ...relayArgs(relayA.url)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/secret key.*never share it/);
    expect(result.stderr).not.toContain(nsec);
    // follow takes a name@domain too, and says so; an address with a port is none (NIP-05: name@domain).
    for (const bad of ['npub1bad', 'note1qqqq', 'not-a-key', 'bob@127.0.0.1:9']) {
      const malformed = await cli.run(['follow', bad, ...relayArgs(relayA.url)]);
      expect(malformed.code, bad).toBe(2);
      expect(malformed.stderr).toBe('nostr-tui: not a public key: give an npub1…, nprofile1…, 64 hex characters or a name@domain address.\n');
    }
    // Refused before the client opened anything: no local store was created.
    expect(fs.existsSync(cli.file('data'))).toBe(false);
  });

  it('following works read-only and says when the list is empty', async () => {
    const cli = cliHome();
    await cli.run(['key', 'import', npubEncode(someone())]);
    const result = await cli.run(['following', ...relayArgs(relayA.url)]);
    expect(result).toMatchObject({ code: 0, stdout: 'You follow nobody yet: `nostr-tui follow <npub>` adds someone.\n' });
  });
});
