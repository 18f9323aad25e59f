// Issue 16 item 2: the user's own secret key typed where a public key, a note or a
// relay URL belongs is refused like an nsec, before anything is signed, stored
// or sent: `follow <own hex secret>` used to publish it in a kind-3 `p` tag, and
// `like <own hex secret>` asked every relay for an event with that id.
import fs from 'node:fs';
import { neventEncode, noteEncode, npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startFaultRelay } from '../helpers/fault-relay.js';
import { relayForFile } from '../helpers/file-relay.js';

vi.setConfig({ testTimeout: 90_000 });

const relay = relayForFile();

const SECRET_WHERE_PUBLIC =
  'nostr-tui: that is a secret key, not a public key: never share it. Use the npub instead (`nostr-tui key show` prints yours).\n';
const SECRET_IN_URL =
  'nostr-tui: that relay URL holds a secret key (an nsec, or your own secret in hex): never send it anywhere. Nothing was saved or sent.\n';

async function userHome(encrypted = false) {
  const secretKey = generateSecretKey();
  const cli = cliHome('nostr-tui-own-secret-');
  const env = encrypted ? { NOSTR_TUI_PASSPHRASE: 'correct horse battery' } : {};
  const imported = await cli.run(['key', 'import', nsecEncode(secretKey), ...(encrypted ? ['--encrypt'] : [])], { env });
  expect(imported.code).toBe(0);
  return { cli, hex: bytesToHex(secretKey), pubkey: getPublicKey(secretKey), env };
}

describe('own secret key as a public key', () => {
  it('follow/unfollow <own 64-hex secret> (any case, nostr: prefix, npub-encoded) is refused like an nsec: nothing signed, stored or sent', async () => {
    const { cli, hex, pubkey } = await userHome();
    const spellings = [hex, hex.toUpperCase(), `nostr:${hex}`, ` ${hex} `, npubEncode(hex)];
    for (const who of spellings) {
      for (const action of ['follow', 'unfollow']) {
        const result = await cli.run([action, who, '--relay', relay.url]);
        expect(result.code, `${action} ${who}`).toBe(2);
        expect(result.stderr).toBe(SECRET_WHERE_PUBLIC);
        expect(result.stdout).toBe('');
      }
    }
    // Nothing reached the relay, and no outbox or cache was opened.
    expect(await relay.find({ authors: [pubkey] })).toEqual([]);
    expect(await relay.find({ '#p': [hex] })).toEqual([]);
    expect(fs.existsSync(cli.file('data'))).toBe(false);
  });

  it('also when the stored secret is encrypted (recognised from the stored public key, no passphrase asked)', { timeout: 120_000 }, async () => {
    const { cli, hex } = await userHome(true);
    const result = await cli.run(['follow', hex, '--relay', relay.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(SECRET_WHERE_PUBLIC);
  });

  it("someone else's hex public key is still followed", async () => {
    const { cli } = await userHome();
    const other = getPublicKey(generateSecretKey());
    const result = await cli.run(['follow', other, '--relay', relay.url]);
    expect(result.stderr).not.toMatch(/secret/);
    expect(result.code).toBe(0);
  });
});

const SECRET_WHERE_NOTE =
  'nostr-tui: that is your secret key, not a note: never share it. Give the note1…, nevent1… or hex id of the note.\n';

describe('own secret key as a note', () => {
  it('every command that takes a note refuses the own secret (hex, note1, nevent) before asking any relay for it', async () => {
    const { cli, hex } = await userHome();
    const before = relay.connections();
    const commands = [['like'], ['unlike'], ['repost'], ['unrepost'], ['delete'], ['thread'], ['bookmark'], ['unbookmark']];
    for (const command of commands) {
      const result = await cli.run([...command, hex, '--relay', relay.url]);
      expect(result.code, command[0]).toBe(2);
      expect(result.stderr).toBe(SECRET_WHERE_NOTE);
    }
    for (const spelling of [noteEncode(hex), neventEncode({ id: hex, relays: [relay.url] }), `nostr:${hex.toUpperCase()}`]) {
      const result = await cli.run(['like', spelling, '--relay', relay.url]);
      expect(result.code, spelling).toBe(2);
      expect(result.stderr).toBe(SECRET_WHERE_NOTE);
    }
    const reply = await cli.run(['post', '--reply', hex, 'hello', '--relay', relay.url]);
    expect(reply.code).toBe(2);
    expect(reply.stderr).toBe(SECRET_WHERE_NOTE);
    // No relay was even connected to, so none was asked for it; nothing was opened or written.
    expect(relay.connections()).toBe(before);
    expect(fs.existsSync(cli.file('data'))).toBe(false);
  });
});

describe('own secret key in an error', () => {
  it('an argument no command takes is named, unless it is the own secret in hex: that is never printed back', async () => {
    const { cli, hex } = await userHome();
    const result = await cli.run(['relay', 'plan', hex.toUpperCase(), 'extra']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nostr-tui: Unknown arguments: [redacted secret], extra. Run `nostr-tui --help` for usage.\n');
    const other = 'ab'.repeat(32);
    expect((await cli.run(['relay', 'plan', other])).stderr).toContain(`Unknown argument: ${other}.`);
  });

  it('outbox drop <own secret> (hex or note1) is refused like delete, never named back as a note1…', async () => {
    const { cli, hex } = await userHome();
    for (const spelling of [hex, noteEncode(hex)]) {
      const result = await cli.run(['outbox', 'drop', spelling, '--yes']);
      expect(result.code, spelling).toBe(2);
      expect(result.stderr).toBe(SECRET_WHERE_NOTE);
    }
    // An id not in the outbox is still named, so the refusal above is not a silence that hides everything.
    const other = 'ab'.repeat(32);
    expect((await cli.run(['outbox', 'drop', other, '--yes'])).stderr).toContain(noteEncode(other));
  });

  it('an error that quotes a value cut short, or re-encoded, shows no piece of the own secret', async () => {
    const { cli, hex, env } = await userHome();
    const since = (flag: string) => `nostr-tui: ${flag} "[redacted secret]" is not understood; use a duration like 30m, 2h, 1d, 2w or a unix time in seconds\n`;
    const cases: [string[], string, NodeJS.ProcessEnv?][] = [
      [['timeline', '--since', hex], since('--since')],
      [['timeline', '--until', hex.toUpperCase()], since('--until')],
      [['notifications', `--since=${hex}`], since('--since')],
      [['search', 'cats', '--since', hex], since('--since')],
      [['timeline'], 'nostr-tui: NOSTR_TUI_MAX_RELAYS must be a whole number from 1 to 200, like 20 (it is "[redacted secret]")\n', { NOSTR_TUI_MAX_RELAYS: hex }],
    ];
    for (const [argv, stderr, extra] of cases) {
      const result = await cli.run([...argv, '--relay', relay.url], { env: { ...env, ...extra } });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toBe(stderr);
    }
    // Someone else's 64 hex is not a secret of yours: quoted as it was (cut short).
    const other = 'ab'.repeat(32);
    expect((await cli.run(['timeline', '--since', other, '--relay', relay.url])).stderr).toContain(`"${other.slice(0, 40)}"`);
  });
});

describe('secret keys in relay URLs', () => {
  it('relay add ws://nsec1… and a URL holding the own secret hex are refused without echoing them; the config is unchanged', async () => {
    const { cli, hex } = await userHome();
    const nsec = nsecEncode(generateSecretKey());
    for (const url of [`ws://${nsec}.example`, `wss://relay.example/${nsec.toUpperCase()}`, `wss://relay.example/?k=${hex}`, `wss://${hex}.example`]) {
      const result = await cli.run(['relay', 'add', url]);
      expect(result.code, url).toBe(2);
      expect(result.stderr).toBe(SECRET_IN_URL);
      expect(fs.existsSync(cli.file('config.json'))).toBe(false);
    }
  });

  it('a relay hint in an nevent holding the own secret hex is never connected to (the same hint without it is)', async () => {
    const { cli, hex } = await userHome();
    // Only a probe of whether the hint is followed: it answers every request with nothing.
    const hinted = await startFaultRelay({ onReq: (req) => req.eose() });
    try {
      const id = 'cd'.repeat(32);
      const withSecret = neventEncode({ id, relays: [`${hinted.url}/?s=${hex}`] });
      const refused = await cli.run(['thread', withSecret, '--relay', relay.url]);
      expect(refused.code).toBe(1); // not found: the user's relay was asked, the hint was not
      expect(refused.stderr).toBe('nostr-tui: could not find that note in the cache or on your relays (an nevent1… with relay hints helps).\n');
      expect(hinted.accepted()).toBe(0);
      expect(hinted.httpRequests()).toBe(0);
      await cli.run(['thread', neventEncode({ id, relays: [`${hinted.url}/?s=x`] }), '--relay', relay.url]);
      expect(hinted.accepted()).toBeGreaterThan(0);
    } finally {
      await hinted.stop();
    }
  });

  it('--relay with the own secret hex is refused before any connection', async () => {
    const { cli, hex } = await userHome();
    const before = relay.connections();
    const result = await cli.run(['timeline', '--relay', `ws://127.0.0.1:${relay.port}/${hex}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(SECRET_IN_URL);
    expect(relay.connections()).toBe(before);
  });
});
