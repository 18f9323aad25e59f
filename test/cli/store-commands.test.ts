// `outbox` and `cache` run as the built CLI against a store prepared in the test.
import fs from 'node:fs';
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { noteEncode } from 'nostr-tools/nip19';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { manualClock, tempDir } from '../helpers/store.js';

const sk = generateSecretKey();
const note = (content: string, at = 1_700_000_000): Event => finalizeEvent({ kind: 1, created_at: at, tags: [], content }, sk);

function home() {
  const root = tempDir('nostr-tui-cli-store-');
  return { root, dataDir: path.join(root, 'data'), env: { NOSTR_TUI_HOME: root } };
}

/** A home whose cache holds 50 notes and one unsent one, then damaged where only a read of the notes meets it. */
function damagedHome() {
  const h = home();
  const store = openStore(h.dataDir, { clock: manualClock() });
  store.events.putMany(Array.from({ length: 50 }, (_, n) => note(`cached ${n}`, 1_700_000_000 + n)));
  store.outbox.add(note('unsent', 1_700_000_120));
  store.close();
  // The events table and its indexes are the first pages after the schema (2-6).
  const fd = fs.openSync(path.join(h.dataDir, 'nostr-tui.db'), 'r+');
  fs.writeSync(fd, Buffer.alloc(5 * 4096, 0xa5), 0, 5 * 4096, 4096);
  fs.closeSync(fd);
  return h;
}

describe('nostr-tui outbox', () => {
  it('says so when nothing is pending', async () => {
    const { env } = home();
    const result = await runCli(['outbox'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('The outbox is empty: every signed event has reached a relay.\n');
  });

  it('lists pending events with the last result per relay, sanitised, and leaves delivered ones out', async () => {
    const { dataDir, env } = home();
    const store = openStore(dataDir, { clock: manualClock(Date.UTC(2026, 10, 23, 21, 0)) });
    const pending = note('first line\nsecond \u001b[31mred\u001b[0m');
    const fresh = note('not tried yet', 1_700_000_001);
    const delivered = note('delivered', 1_700_000_002);
    for (const e of [pending, fresh, delivered]) store.outbox.add(e);
    store.outbox.record(pending.id, [
      { url: 'wss://a.example', ok: false, outcome: 'rejected', message: 'blocked: \u001b]0;pwned\u0007spam' },
      { url: 'wss://b.example', ok: false, outcome: 'timeout', message: 'no OK within 5000 ms' },
    ]);
    store.outbox.record(delivered.id, [{ url: 'wss://a.example', ok: true, outcome: 'accepted', message: '' }]);
    store.close();

    const result = await runCli(['outbox'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('2 unsent events in the outbox:');
    expect(result.stdout).toContain(`${noteEncode(pending.id)}  kind 1, saved 2026-11-23 21:00 UTC`);
    expect(result.stdout).toContain(`${noteEncode(fresh.id)}  kind 1`);
    expect(result.stdout).toContain('  not sent to any relay yet');
    expect(result.stdout).toContain('  wss://b.example  timeout: no OK within 5000 ms');
    expect(result.stdout).toMatch(/ {2}wss:\/\/a\.example {2}refused for good, not retried: blocked: .*spam/);
    expect(result.stdout).not.toContain(noteEncode(delivered.id));
    // Nothing from the network reaches the terminal raw.
    expect(result.stdout).not.toMatch(/\u001b|\u0007/);
  });

  it('--json embeds each pending event byte for byte', async () => {
    const { dataDir, env } = home();
    const store = openStore(dataDir, { clock: manualClock(1234) });
    const event = note('json "quotes" and ünïcödé \u001b');
    store.outbox.add(event);
    store.outbox.record(event.id, [{ url: 'wss://a.example', ok: false, outcome: 'rejected', message: 'invalid: nope' }]);
    store.close();

    const result = await runCli(['outbox', '--json'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`"event":${JSON.stringify(event)}`);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        id: event.id,
        savedAt: 1234,
        results: [{ url: 'wss://a.example', ok: false, outcome: 'rejected', message: 'invalid: nope', permanent: true }],
        event: JSON.parse(JSON.stringify(event)),
      },
    ]);
  });
});

describe('nostr-tui outbox flush', () => {
  it('with nothing pending says so, exit 0, without connecting', async () => {
    const { env } = home();
    const result = await runCli(['outbox', 'flush', '--relay', 'ws://127.0.0.1:1'], env);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: 'The outbox is empty: nothing to send.\n' });
  });

  it('with every relay unreachable keeps the event, shows why, exit 1', async () => {
    const { dataDir, env } = home();
    const store = openStore(dataDir, { clock: manualClock() });
    const event = note('offline');
    store.outbox.add(event);
    store.close();
    const result = await runCli(['outbox', 'flush', '--relay', 'ws://127.0.0.1:1'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${noteEncode(event.id)}  still pending\n`);
    expect(result.stdout).toContain('ws://127.0.0.1:1  unreachable');
    expect(result.stderr).toMatch(/^nostr-tui: 1 event is still in the outbox; .*`nostr-tui outbox flush`\.\n$/);
    const listed = JSON.parse((await runCli(['outbox', '--json'], env)).stdout);
    expect(listed.map((e: { id: string; results: { outcome: string }[] }) => [e.id, e.results.map((r) => r.outcome)])).toEqual([
      [event.id, ['unreachable']],
    ]);
  });
});

describe('nostr-tui cache', () => {
  it('stats counts events and the outbox; clear forgets events and keeps the outbox', async () => {
    const { dataDir, env } = home();
    const store = openStore(dataDir, { clock: manualClock() });
    store.events.putMany([note('a', 1_700_000_000), note('b', 1_700_000_060)]);
    store.outbox.add(note('unsent', 1_700_000_120));
    store.close();

    const stats = await runCli(['cache', 'stats'], env);
    expect(stats).toMatchObject({ code: 0, stderr: '' });
    expect(stats.stdout).toContain(`Cache: ${path.join(dataDir, 'nostr-tui.db')}\n`);
    expect(stats.stdout).toContain('Events: 2, from 2023-11-14 22:13 UTC to 2023-11-14 22:14 UTC\n');
    expect(stats.stdout).toContain('Outbox: 1 unsent event\n');

    const json = JSON.parse((await runCli(['cache', 'stats', '--json'], env)).stdout);
    expect(json).toMatchObject({ events: 2, oldest: 1_700_000_000, newest: 1_700_000_060, outboxPending: 1 });

    const clear = await runCli(['cache', 'clear'], env);
    expect(clear).toMatchObject({ code: 0, stderr: '' });
    expect(clear.stdout).toBe('Cleared 2 cached events. The outbox still holds 1 unsent event.\n');
    const after = JSON.parse((await runCli(['cache', 'stats', '--json'], env)).stdout);
    expect(after).toMatchObject({ events: 0, outboxPending: 1 });
  });

  it('clear on a damaged cache sets the file aside and starts a new one, keeping the outbox', async () => {
    const { env } = damagedHome();
    const clear = await runCli(['cache', 'clear'], env);
    expect(clear.code).toBe(0);
    expect(clear.stderr).toMatch(/could not be read \(integrity check: .+\); moved it to \S+nostr-tui\.db\.broken-\S+ and started a new one/);
    expect(clear.stdout).toBe('Cleared the cache: the damaged file was set aside and a new one started. The outbox still holds 1 unsent event.\n');
    const after = await runCli(['cache', 'stats', '--json'], env);
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(after.stdout)).toMatchObject({ events: 0, outboxPending: 1 });
  });

  it('stats on a damaged cache says so in one line, exit 1, and the next command rebuilds it', async () => {
    const { env } = damagedHome();
    const stats = await runCli(['cache', 'stats'], env);
    expect(stats.code).toBe(1);
    expect(stats.stderr).toMatch(/^nostr-tui: the local cache \S+nostr-tui\.db is damaged \(.+\); the next start checks it and rebuilds it, keeping the outbox\.\n$/);
    const next = await runCli(['cache', 'stats', '--json'], env);
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(/moved it to \S+nostr-tui\.db\.broken-/);
    expect(JSON.parse(next.stdout)).toMatchObject({ events: 0, outboxPending: 1 });
  });

  it('takes its size cap from NOSTR_TUI_CACHE_MB, and refuses a bad one with exit 2', async () => {
    const { env } = home();
    const stats = await runCli(['cache', 'stats', '--json'], { ...env, NOSTR_TUI_CACHE_MB: '1.5' });
    expect(JSON.parse(stats.stdout)).toMatchObject({ maxBytes: 1.5 * 1024 * 1024 });
    const bad = await runCli(['cache', 'stats'], { ...env, NOSTR_TUI_CACHE_MB: 'lots' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('nostr-tui: NOSTR_TUI_CACHE_MB must be a number of megabytes above 0, like 500 (it is "lots")\n');
  });

  it('without a subcommand says what to run, exit 2', async () => {
    const { env } = home();
    const result = await runCli(['cache'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`nostr-tui cache stats` or `nostr-tui cache clear`');
  });

  it('never touches config or keys', async () => {
    const { root, env } = home();
    fs.writeFileSync(path.join(root, 'config.json'), '{}');
    await runCli(['cache', 'clear'], env);
    expect(fs.readdirSync(root).sort()).toEqual(['config.json', 'data']);
    expect(fs.readFileSync(path.join(root, 'config.json'), 'utf8')).toBe('{}');
  });
});
