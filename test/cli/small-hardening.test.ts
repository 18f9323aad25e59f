// Issue 16 item 12: the small ones, each named after what went wrong.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { BIN, cliHome } from '../helpers/cli.js';
import { closedPort } from '../helpers/relay.js';
import { manualClock } from '../helpers/store.js';

vi.setConfig({ testTimeout: 90_000 });

const mode = (file: string) => fs.statSync(file).mode & 0o777;

async function homeWithKey() {
  const cli = cliHome('nostr-tui-small-');
  const sk = generateSecretKey();
  expect((await cli.run(['key', 'import', nsecEncode(sk)])).code).toBe(0);
  return { cli, sk };
}

describe('small hardening', () => {
  it('outbox --json | head -c10 (EPIPE) exits quietly, no stack trace', async () => {
    const { cli, sk } = await homeWithKey();
    const store = openStore(path.join(cli.home, 'data'), { clock: manualClock() });
    for (let i = 0; i < 300; i++) store.outbox.add(finalizeEvent({ kind: 1, created_at: 1_700_000_000 + i, tags: [], content: `${i} ${'x'.repeat(1000)}` }, sk));
    store.close();
    const err = path.join(cli.home, 'stderr.txt');
    const result = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" outbox --json 2>"${err}" | head -c10`], {
      env: { ...process.env, NOSTR_TUI_HOME: cli.home, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.stdout).toBe('[{"id":"'.padEnd(10, result.stdout.slice(8, 10)));
    expect(fs.readFileSync(err, 'utf8')).toBe('');
  });

  it('a config with 1.5 million relays is refused with a clear error, not "Maximum call stack size exceeded"; relay add stops at 200', async () => {
    const cli = cliHome('nostr-tui-small-');
    fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: Array.from({ length: 1_500_000 }, (_, i) => ({ url: `wss://r${i}.example` })) }));
    const huge = await cli.run(['relay', 'list']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toBe(
      `nostr-tui: ${cli.file('config.json')}: field "relays" lists 1500000 relays; nostr-tui takes at most 200. Fix it, or move it away to start over.\n`,
    );
    fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: Array.from({ length: 200 }, (_, i) => ({ url: `wss://r${i}.example` })) }));
    const full = await cli.run(['relay', 'add', 'wss://one-more.example']);
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(/you already have 200 relays, the most nostr-tui keeps \(200\)/);
  });

  it('nostr-tui.db in an existing 0755 data directory is created 0600 with its -wal and -shm, so others cannot read unsent drafts', async () => {
    const { cli } = await homeWithKey();
    fs.mkdirSync(cli.file('data'), { mode: 0o755 });
    fs.chmodSync(cli.file('data'), 0o755);
    const port = await closedPort();
    const posted = await cli.run(['post', 'a draft', '--relay', port]);
    expect(posted.code).toBe(1);
    const files = fs.readdirSync(cli.file('data')).filter((name) => name.startsWith('nostr-tui.db'));
    expect(files).toContain('nostr-tui.db');
    for (const name of files) expect(mode(path.join(cli.file('data'), name)), name).toBe(0o600);
    // While open, SQLite's -wal and -shm exist: they get the database's mode.
    const store = openStore(cli.file('data'), { clock: manualClock() });
    for (const suffix of ['-wal', '-shm']) expect(mode(`${store.file}${suffix}`), suffix).toBe(0o600);
    store.close();
  });

  it('key encrypt with a one-space passphrase is refused (minimum 8 characters) unless --force', { timeout: 120_000 }, async () => {
    const { cli } = await homeWithKey();
    const short = await cli.run(['key', 'encrypt'], { env: { NOSTR_TUI_PASSPHRASE: ' ' } });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^nostr-tui: the new passphrase is shorter than 8 characters/);
    expect(JSON.parse(fs.readFileSync(cli.file('keys.json'), 'utf8')).secretKey).toBeDefined();
    const forced = await cli.run(['key', 'encrypt', '--force'], { env: { NOSTR_TUI_PASSPHRASE: 'short' } });
    expect(forced.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(cli.file('keys.json'), 'utf8')).ncryptsec).toMatch(/^ncryptsec1/);
  });

  it('a relay with read:false,write:false is listed as not used, not as "write only"', async () => {
    const cli = cliHome('nostr-tui-small-');
    fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: [{ url: 'wss://off.example', read: false, write: false }] }));
    const listed = await cli.run(['relay', 'list']);
    expect(listed.stdout).toBe('wss://off.example  not used (neither read nor written)\n');
  });

  it('relay.example. and relay.example are one relay', async () => {
    const cli = cliHome('nostr-tui-small-');
    expect((await cli.run(['relay', 'add', 'wss://relay.example.'])).stdout).toBe('Added wss://relay.example (read, write).\n');
    expect((await cli.run(['relay', 'add', 'wss://Relay.Example'])).stdout).toBe('wss://relay.example is already in your relays (read, write); nothing changed.\n');
    expect((await cli.run(['relay', 'list', '--relay', 'wss://a.example.:8080/', '--relay', 'wss://a.example:8080', '--json'])).stdout).toBe(
      '[{"url":"wss://a.example:8080","read":true,"write":true}]\n',
    );
  });

  it('a truncated database: outbox never claims every event reached a relay, and the broken file is kept', async () => {
    const { cli } = await homeWithKey();
    const port = await closedPort();
    // Enough cached bulk that the outbox rows are not in the first pages.
    const store = openStore(cli.file('data'), { clock: manualClock() });
    const sk = generateSecretKey();
    for (let i = 0; i < 400; i++) store.events.put(finalizeEvent({ kind: 1, created_at: 1_700_000_000 + i, tags: [], content: 'y'.repeat(1000) }, sk));
    store.close();
    expect((await cli.run(['post', 'must not be lost', '--relay', port])).code).toBe(1);
    const db = path.join(cli.file('data'), 'nostr-tui.db');
    for (const suffix of ['-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
    const size = fs.statSync(db).size;
    expect(size).toBeGreaterThan(200_000);
    fs.truncateSync(db, 100_000);

    const listed = await cli.run(['outbox']);
    expect(listed.stdout).not.toMatch(/every signed event has reached a relay/);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/unsent (events|posts) may be/);
    // The truncated file is still there, as it was or moved aside.
    const kept = fs.readdirSync(cli.file('data')).filter((name) => name.startsWith('nostr-tui.db'));
    expect(kept.some((name) => fs.statSync(path.join(cli.file('data'), name)).size === 100_000)).toBe(true);
  });
});
