// `nostr-tui doctor` as a user runs it: the built CLI, its own home, the real
// relay for a healthy setup, a closed port for a dead one, and a damaged cache.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sanitizeLine } from '../../src/core/sanitize.js';
import { cliHome } from '../helpers/cli.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay.stop();
});

/** A home with a key, `relays` as its configured relays, and (after a post) a database. */
async function home(relays: string[], prefix?: string) {
  const cli = cliHome(prefix);
  expect((await cli.run(['key', 'generate'])).code).toBe(0);
  fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: relays.map((url) => ({ url, read: true, write: true })) }), { mode: 0o600 });
  return cli;
}

describe('nostr-tui doctor', () => {
  it('a healthy home with the real relay: every line ok, exit 0; --json says the same', async () => {
    const cli = await home([relay.url]);
    expect((await cli.run(['post', 'checking the doctor'])).code).toBe(0);

    const result = await cli.run(['doctor']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^nostr-tui \d+\.\d+\.\d+, Node v\d+/);
    expect(lines.at(-1)).toBe('Everything looks fine.');
    expect(lines.filter((line) => line.startsWith('FIX'))).toEqual([]);
    expect(result.stdout).toContain(`keys.json     ${cli.file('keys.json')}  mode 600`);
    expect(result.stdout).toMatch(new RegExp(`relay +${relay.url} \\(read, write\\) +reachable, \\d+ ms`));
    expect(result.stdout).toMatch(/database +\S+nostr-tui\.db +[\d.]+ MB, integrity ok, 0 unsent in the outbox/);
    expect(result.stdout).toMatch(/verifier +(libsecp256k1 \(native\)|nostr-wasm.*|nostr-tools pure JS), [\d,]+ signature checks\/s/);

    const json = await cli.run(['doctor', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: true, problems: [], database: { integrity: 'ok', outboxPending: 0 } });
    expect(report.relays).toEqual([expect.objectContaining({ url: relay.url, reachable: true, rttMs: expect.any(Number) })]);
    expect(['native', 'workers', 'pure JS']).toContain(report.verifier.kind);
    expect(report.verifier.checksPerSecond).toBeGreaterThan(0);
    expect(report.paths.find((p: { label: string }) => p.label === 'keys.json')).toMatchObject({ exists: true, mode: '600' });
  });

  it('a world-readable keys.json and an open config dir: exit 1 with the chmod fixes; paths sanitised', async () => {
    // A home whose name carries a terminal escape: printed clean, kept exact in JSON.
    const cli = await home([relay.url], 'nostr-tui-doctor-\u001b[31m-');
    fs.chmodSync(cli.file('keys.json'), 0o644);
    fs.chmodSync(cli.home, 0o755);

    const result = await cli.run(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('\u001b');
    const shown = sanitizeLine(cli.file('keys.json'));
    expect(result.stdout).toContain(`${shown} holds your secret key and is readable by other users (mode 644, should be 600); fix: chmod 600 '${shown}'`);
    expect(result.stdout).toContain(`fix: chmod 700 '${sanitizeLine(cli.home)}'`);
    expect(result.stdout).toMatch(/\nFIX   key +cannot be read \(see keys\.json above\)\n/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2 things to fix (see FIX above).');

    const report = JSON.parse((await cli.run(['doctor', '--json'])).stdout);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p: { fix: string }) => p.fix)).toEqual([`chmod 700 '${cli.home}'`, `chmod 600 '${cli.file('keys.json')}'`]);
  });

  it('an unreadable config.json and keys.json: each problem once, with its fix', async () => {
    const cli = await home([relay.url]);
    fs.writeFileSync(cli.file('config.json'), '{"relays": [', { mode: 0o600 });
    fs.writeFileSync(cli.file('keys.json'), '{"pubkey": 5}', { mode: 0o600 });
    const result = await cli.run(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${cli.file('config.json')}: is not valid JSON; fix: fix config.json, or move it away to use the default relays`);
    expect(result.stdout).toContain(`${cli.file('keys.json')}: field "pubkey" must be 64 lower-case hex characters; fix: fix keys.json, or move it away and import your key again`);
    expect(result.stdout).not.toContain('start over');
  });

  it('a dead relay: exit 1 naming it, the live one still reachable', async () => {
    const dead = await closedPort();
    const cli = await home([relay.url, dead]);
    const result = await cli.run(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`relay +${relay.url} \\(read, write\\) +reachable`));
    expect(result.stdout).toContain(`FIX   relay         ${dead} (read, write)  unreachable: `);
    expect(result.stdout).toContain(`fix: check the URL and your network, or remove it: nostr-tui relay remove ${dead}\n`);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('1 thing to fix (see FIX above).');
    // The fix works, though no relay list was ever published (the dead relay cannot answer).
    const fixed = await cli.run(['relay', 'remove', dead]);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
    expect((await cli.run(['doctor'])).code).toBe(0);
  });

  it('two dead relays: the fix says --local may be needed, and that works', async () => {
    const [one, two] = [await closedPort(), await closedPort()];
    const cli = await home([relay.url, one, two]);
    const result = await cli.run(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`fix: check the URL and your network, or remove it: nostr-tui relay remove ${one} (with --local if it says your relays did not answer)\n`);
    const refused = await cli.run(['relay', 'remove', one]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('only 1 of 2 relays answered');
    expect((await cli.run(['relay', 'remove', '--local', one])).code).toBe(0);
    expect((await cli.run(['relay', 'remove', two])).code).toBe(0);
  });

  it("a damaged cache: exit 1 with SQLite's finding; the one command its fix names rebuilds it", async () => {
    const cli = await home([relay.url]);
    expect((await cli.run(['post', 'before the damage'])).code).toBe(0);
    // An index given its table's root page: damage quick_check reports the same way every time.
    const db = new Database(cli.file('data/nostr-tui.db'));
    const table = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'events'").pluck().get();
    const index = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND rootpage > 0 LIMIT 1").pluck().get();
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare('UPDATE sqlite_schema SET rootpage = ? WHERE name = ?').run(table, index);
    db.close();

    const result = await cli.run(['doctor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\nFIX   database +\S+nostr-tui\.db +[\d.]+ MB, integrity (?!\*\*\*)[^,]+, \d+ unsent in the outbox/);
    expect(result.stdout).toContain('is damaged (');
    expect(result.stdout).not.toContain('***');
    expect(result.stdout).toContain('fix: run any command (e.g. `nostr-tui timeline`): a damaged cache is set aside and rebuilt');

    const timeline = await cli.run(['timeline']);
    expect(timeline.code).toBe(0);
    expect(timeline.stderr).toMatch(/could not be read \(integrity check: (?!\*\*\*).*\); moved it to /);
    const after = await cli.run(['doctor']);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/\nok    database +\S+nostr-tui\.db +[\d.]+ MB, integrity ok/);
  });
});
