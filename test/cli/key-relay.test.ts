// `key` and `relay` as a user runs them: the built binary, its own home, stdout / stderr / exit code.
import fs from 'node:fs';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { getPublicKey } from 'nostr-tools/pure';
import { bytesToHex } from 'nostr-tools/utils';
import { describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';

// Each test spawns the CLI several times; on a busy two-core machine one run can take seconds.
vi.setConfig({ testTimeout: 60_000 });

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => 100 + i);
const NSEC = nsecEncode(SECRET);
const PUBKEY = getPublicKey(SECRET);
const NPUB = npubEncode(PUBKEY);
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const PASS = { NOSTR_TUI_PASSPHRASE: 'correct horse battery' };
/** Several CLI runs, each doing NIP-49 scrypt (2^16) on a shared, busy machine. */
const SCRYPT_RUNS = { timeout: 120_000 };

describe('key', () => {
  it('generate stores a 0600 key, prints its npub, and refuses to overwrite without --force', async () => {
    const cli = cliHome();
    const first = await cli.run(['key', 'generate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^npub1[02-9ac-hj-np-z]{58}\n$/);
    expect(mode(cli.file('keys.json'))).toBe(0o600);
    expect(mode(cli.home)).toBe(0o700);

    const again = await cli.run(['key', 'generate']);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^nostr-tui: a key is already stored .*--force/);

    const shown = await cli.run(['key', 'show', '--json']);
    expect(JSON.parse(shown.stdout).npub).toBe(first.stdout.trim());

    const forced = await cli.run(['key', 'generate', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).npub).not.toBe(first.stdout.trim());
  });

  it('import reads the key from stdin and show prints only public data unless --secret', async () => {
    const cli = cliHome();
    const imported = await cli.run(['key', 'import'], { stdin: `${NSEC}\nignored second line\n` });
    expect(imported).toMatchObject({ code: 0, stdout: `${NPUB}\n` });
    expect(imported.stderr).not.toContain(NSEC);
    expect(imported.stderr).not.toContain('command line');

    const shown = await cli.run(['key', 'show']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`npub    ${NPUB}\npubkey  ${PUBKEY}\nsecret  stored unencrypted\n`);

    const json = await cli.run(['key', 'show', '--json']);
    expect(json.stdout).toBe(`${JSON.stringify({ npub: NPUB, pubkey: PUBKEY })}\n`);

    const secret = await cli.run(['key', 'show', '--secret']);
    expect(secret).toMatchObject({ code: 0, stdout: `${NSEC}\n`, stderr: '' });
  });

  it('import accepts hex as an argument, and says the shell may have kept it; a different key needs --force', async () => {
    const cli = cliHome();
    const imported = await cli.run(['key', 'import', bytesToHex(SECRET)]);
    expect(imported.stdout).toBe(`${NPUB}\n`);
    expect(imported.stderr).toContain('the secret key was on the command line, so your shell may have saved it in its history');
    expect(imported.stderr).not.toContain(bytesToHex(SECRET));
    // A public key on the command line is no secret.
    const readOnly = cliHome();
    expect((await readOnly.run(['key', 'import', NPUB])).stderr).not.toContain('command line');
    const other = nsecEncode(Uint8Array.from({ length: 32 }, (_, i) => 7 + i));
    const refused = await cli.run(['key', 'import', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/different key is already stored.*--force/);
    expect(refused.stderr).not.toMatch(/nsec1/);
    expect((await cli.run(['key', 'show', '--json'])).stdout).toContain(PUBKEY);
  });

  it('bad key input is one line on stderr, exit 2, and no file', async () => {
    const cli = cliHome();
    for (const args of [['key', 'import', 'npub1nonsense'], ['key', 'import'], ['key', 'frobnicate'], ['key']]) {
      const result = await cli.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^nostr-tui: /);
    }
    expect(fs.existsSync(cli.file('keys.json'))).toBe(false);
  });

  it('with no key, show says how to get one (exit 1)', async () => {
    const result = await cliHome().run(['key', 'show']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no key yet: run `nostr-tui key generate`/);
  });

  it('encrypt removes the plain secret; a wrong passphrase is exit 1; decrypt restores it', SCRYPT_RUNS, async () => {
    const cli = cliHome();
    await cli.run(['key', 'import', NSEC]);

    const noPass = await cli.run(['key', 'encrypt']);
    expect(noPass.code).toBe(1);
    expect(noPass.stderr).toMatch(/passphrase is needed.*NOSTR_TUI_PASSPHRASE/);

    const encrypted = await cli.run(['key', 'encrypt'], { env: PASS });
    expect(encrypted.code).toBe(0);
    const file = fs.readFileSync(cli.file('keys.json'), 'utf8');
    expect(file).not.toContain(bytesToHex(SECRET));
    expect(JSON.parse(file)).toMatchObject({ pubkey: PUBKEY, ncryptsec: expect.stringMatching(/^ncryptsec1/) });
    expect(mode(cli.file('keys.json'))).toBe(0o600);
    expect((await cli.run(['key', 'show'])).stdout).toContain('secret  encrypted with a passphrase (NIP-49)');

    const wrong = await cli.run(['key', 'show', '--secret'], { env: { NOSTR_TUI_PASSPHRASE: 'wrong' } });
    expect(wrong).toMatchObject({ code: 1, stdout: '' });
    expect(wrong.stderr).toMatch(/^nostr-tui: wrong passphrase/);

    expect((await cli.run(['key', 'show', '--secret'], { env: PASS })).stdout).toBe(`${NSEC}\n`);

    const decrypted = await cli.run(['key', 'decrypt'], { env: PASS });
    expect(decrypted.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(cli.file('keys.json'), 'utf8'))).toEqual({ pubkey: PUBKEY, secretKey: bytesToHex(SECRET) });
  });

  it('import --encrypt never writes the secret in plain', SCRYPT_RUNS, async () => {
    const cli = cliHome();
    const result = await cli.run(['key', 'import', '--encrypt'], { stdin: NSEC, env: PASS });
    expect(result).toMatchObject({ code: 0, stdout: `${NPUB}\n` });
    expect(fs.readFileSync(cli.file('keys.json'), 'utf8')).not.toContain(bytesToHex(SECRET));
    expect((await cli.run(['key', 'show', '--secret'], { env: PASS })).stdout).toBe(`${NSEC}\n`);
  });

  it('importing the stored key unencrypted over its encrypted copy is refused without --force (--encrypt keeps it encrypted)', SCRYPT_RUNS, async () => {
    const cli = cliHome();
    expect((await cli.run(['key', 'import', '--encrypt', '--no-adopt'], { stdin: NSEC, env: PASS })).code).toBe(0);
    const encrypted = fs.readFileSync(cli.file('keys.json'), 'utf8');
    // No passphrase in the environment: none is asked either.
    const plain = await cli.run(['key', 'import', '--no-adopt'], { stdin: NSEC });
    expect(plain).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'nostr-tui: the stored key is encrypted with a passphrase; importing it unencrypted would remove that protection. Add --encrypt to keep it encrypted (or --force to store it unencrypted). Nothing was changed.\n',
    });
    expect(fs.readFileSync(cli.file('keys.json'), 'utf8')).toBe(encrypted);
    expect((await cli.run(['key', 'import', '--encrypt', '--no-adopt'], { stdin: NSEC, env: PASS })).code).toBe(0);
    expect(fs.readFileSync(cli.file('keys.json'), 'utf8')).not.toContain(bytesToHex(SECRET));
    expect((await cli.run(['key', 'import', '--force', '--no-adopt'], { stdin: NSEC })).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(cli.file('keys.json'), 'utf8'))).toEqual({ pubkey: PUBKEY, secretKey: bytesToHex(SECRET) });
  });

  it('import of an ncryptsec checks the passphrase and keeps it encrypted (NIP-49 test vector)', SCRYPT_RUNS, async () => {
    const cli = cliHome();
    const ncryptsec =
      'ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p';
    const secretHex = '3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683';
    const wrong = await cli.run(['key', 'import'], { stdin: ncryptsec, env: { NOSTR_TUI_PASSPHRASE: 'not nostr' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    const imported = await cli.run(['key', 'import'], { stdin: ncryptsec, env: { NOSTR_TUI_PASSPHRASE: 'nostr' } });
    expect(imported.stdout).toBe(`${npubEncode(getPublicKey(Buffer.from(secretHex, 'hex')))}\n`);
    expect(JSON.parse(fs.readFileSync(cli.file('keys.json'), 'utf8')).ncryptsec).toBe(ncryptsec);
  });

  it('refuses a secret key file other users can read, saying how to fix it', async () => {
    const cli = cliHome();
    await cli.run(['key', 'import', NSEC]);
    fs.chmodSync(cli.file('keys.json'), 0o644);
    const result = await cli.run(['key', 'show']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`chmod 600 '${cli.file('keys.json')}'`);
  });

  it('an npub gives read-only mode: show works, --secret says there is none', async () => {
    const cli = cliHome();
    expect((await cli.run(['key', 'import', NPUB])).code).toBe(0);
    expect((await cli.run(['key', 'show'])).stdout).toContain('secret  none stored (read-only)');
    const secret = await cli.run(['key', 'show', '--secret']);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toMatch(/read-only/);
  });
});

describe('relay', () => {
  it('lists the defaults until the user edits the list, then keeps their list', async () => {
    const cli = cliHome();
    const defaults = await cli.run(['relay', 'list', '--json']);
    expect(JSON.parse(defaults.stdout)).toEqual([
      { url: 'wss://relay.damus.io', read: true, write: true },
      { url: 'wss://nos.lol', read: true, write: true },
      { url: 'wss://relay.primal.net', read: true, write: true },
    ]);

    expect((await cli.run(['relay', 'add', 'WSS://Relay.Example.COM/', '--read-only'])).stdout).toBe('Added wss://relay.example.com (read only).\n');
    expect((await cli.run(['relay', 'add', 'wss://relay.example.com'])).stdout).toBe('Updated wss://relay.example.com (read, write).\n');
    expect((await cli.run(['relay', 'add', 'wss://relay.example.com/'])).stdout).toMatch(/already in your relays/);
    expect((await cli.run(['relay', 'remove', 'wss://nos.lol/'])).stdout).toBe('Removed wss://nos.lol.\n');

    const list = await cli.run(['relay', 'list']);
    expect(list.stdout).toBe(
      ['wss://relay.damus.io     read, write', 'wss://relay.primal.net   read, write', 'wss://relay.example.com  read, write', ''].join('\n'),
    );
  });

  it('--relay replaces the configured relays for one run, normalised and deduped', async () => {
    const result = await cliHome().run(['relay', 'list', '--json', '--relay', 'ws://127.0.0.1:7777/', '--relay', 'WS://127.0.0.1:7777']);
    expect(JSON.parse(result.stdout)).toEqual([{ url: 'ws://127.0.0.1:7777', read: true, write: true }]);
  });

  it('bad relay input is exit 2 with one line and changes no file', async () => {
    const cli = cliHome();
    for (const args of [
      ['relay', 'add', 'https://relay.example'],
      ['relay', 'add', 'wss://x.example', '--read-only', '--write-only'],
      ['relay', 'remove', 'wss://not-mine.example'],
      ['relay', 'list', '--relay', 'http://x'],
      ['relay'],
    ]) {
      const result = await cli.run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(fs.existsSync(cli.file('config.json'))).toBe(false);
  });

  it('a broken config file is named with the field, exit 2, and left as it was', async () => {
    const cli = cliHome();
    fs.writeFileSync(cli.file('config.json'), '{"relays": [{"url": 5}]}');
    const result = await cli.run(['relay', 'add', 'wss://x.example']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`nostr-tui: ${cli.file('config.json')}: field "relays[0].url" must be a string. Fix it, or move it away to start over.\n`);
    expect(fs.readFileSync(cli.file('config.json'), 'utf8')).toBe('{"relays": [{"url": 5}]}');
  });
});
