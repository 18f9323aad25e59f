// Issue 16 item 1, end to end: the built CLI never writes a key through a
// link and refuses directories other users own or can write to. As root the
// attacker's steps run as `nobody` for real; otherwise the target is our own
// file (the link is still refused) and the test name says so.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BIN, cliHome, finished } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 60_000 });

const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
/**
 * The per-run temporary directory is root's and 0700, so `nobody` cannot
 * reach into it: the steps that involve nobody happen under a directory of
 * their own in /tmp, removed at the end.
 */
const shared = ROOT ? fs.mkdtempSync('/tmp/nostr-tui-users-') : os.tmpdir();
if (ROOT) fs.chmodSync(shared, 0o711);
afterAll(() => {
  if (ROOT) fs.rmSync(shared, { recursive: true, force: true });
});
/** A home for the CLI where `nobody` can reach (as root). */
function reachableHome() {
  const cli = cliHome();
  const home = fs.mkdtempSync(path.join(shared, 'home-'));
  return { ...cli, home, file: (name: string) => path.join(home, name), run: (args: string[]) => cli.run(args, { env: { NOSTR_TUI_HOME: home } }) };
}

/** A shell step run as `nobody` (root only), like `su nobody -s /bin/sh -c`. */
async function asNobody(script: string): Promise<void> {
  const child = spawn('/bin/sh', ['-c', script], { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = await finished(child);
  expect(result.code, result.stderr).toBe(0);
}

describe('key files and other users', () => {
  it(`key generate --force with keys.json a symlink to ${ROOT ? "nobody's file" : 'a file elsewhere'} is refused; the target is unchanged`, async () => {
    const cli = cliHome();
    expect((await cli.run(['key', 'generate'])).code).toBe(0);
    const attacker = fs.mkdtempSync(path.join(shared, 'attacker-'));
    const loot = path.join(attacker, 'loot');
    // A valid (public-only) key file, so the link passes as a stored key until the write.
    const theirs = JSON.stringify({ pubkey: 'a'.repeat(64) });
    if (ROOT) {
      fs.chmodSync(attacker, 0o777);
      fs.chownSync(attacker, NOBODY, NOBODY);
      await asNobody(`umask 000; printf '%s' '${theirs}' > '${loot}'`);
    } else {
      fs.writeFileSync(loot, theirs, { mode: 0o666 });
    }
    const owner = fs.statSync(loot).uid;
    if (ROOT) expect(owner).toBe(NOBODY);
    fs.rmSync(cli.file('keys.json'));
    fs.symlinkSync(loot, cli.file('keys.json'));

    const result = await cli.run(['key', 'generate', '--force']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `nostr-tui: ${cli.file('keys.json')} is a symbolic link; nostr-tui never reads or writes it through a link. ` +
        `Replace it with the file it points to (\`mv "$(readlink -f '${cli.file('keys.json')}')" '${cli.file('keys.json')}'\`) ` +
        `or remove it (\`rm '${cli.file('keys.json')}'\`), and run the command again.\n`,
    );
    expect(result.stdout).toBe('');
    expect(fs.readFileSync(loot, 'utf8')).toBe(theirs);
    expect(fs.statSync(loot).uid).toBe(owner);
    expect(fs.statSync(loot).mode & 0o777).toBe(0o666);
  });

  it('keys.json a symlink to a valid key file elsewhere is never read: key show and post refuse it', async () => {
    const cli = cliHome();
    expect((await cli.run(['key', 'generate'])).code).toBe(0);
    const elsewhere = path.join(fs.mkdtempSync(path.join(shared, 'elsewhere-')), 'keys.json');
    fs.renameSync(cli.file('keys.json'), elsewhere);
    fs.symlinkSync(elsewhere, cli.file('keys.json'));
    const refused =
      `nostr-tui: ${cli.file('keys.json')} is a symbolic link; nostr-tui never reads or writes it through a link. ` +
      `Replace it with the file it points to (\`mv "$(readlink -f '${cli.file('keys.json')}')" '${cli.file('keys.json')}'\`) ` +
      `or remove it (\`rm '${cli.file('keys.json')}'\`), and run the command again.\n`;
    for (const args of [['key', 'show'], ['post', 'signed with a linked key', '--relay', 'ws://127.0.0.1:1']]) {
      const result = await cli.run(args);
      expect([args[0], result.code, result.stdout, result.stderr]).toEqual([args[0], 1, '', refused]);
    }
    // Nothing was signed, so nothing waits in an outbox.
    expect(fs.existsSync(cli.file('data'))).toBe(false);
  });

  // Only root can give a file to another user.
  it.skipIf(!ROOT)('a keys.json owned by nobody is refused by every command that reads it, with the chown', async () => {
    const cli = cliHome();
    expect((await cli.run(['key', 'generate'])).code).toBe(0);
    fs.chownSync(cli.file('keys.json'), NOBODY, NOBODY);
    for (const args of [['key', 'show'], ['post', 'hi', '--relay', 'ws://127.0.0.1:1'], ['key', 'generate', '--force']]) {
      const result = await cli.run(args);
      expect([args.join(' '), result.code, result.stderr]).toEqual([
        args.join(' '),
        1,
        `nostr-tui: ${cli.file('keys.json')} belongs to another user (uid ${NOBODY}), who could read or replace it; ` +
          `run \`sudo chown 0 '${cli.file('keys.json')}'\` if it is yours, or move it away.\n`,
      ]);
    }
    expect(fs.statSync(cli.file('keys.json')).uid).toBe(NOBODY);
  });

  it(ROOT ? 'nobody running the CLI in a 0777 home owned by root is refused, the home left as it was' : 'a 0777 home is refused, the home left as it was', async () => {
    const cli = reachableHome();
    fs.chmodSync(cli.home, 0o777);
    if (ROOT) {
      // The CLI itself runs as the second user: the home belongs to someone else (root).
      const child = spawn(process.execPath, [BIN, 'key', 'generate'], {
        uid: NOBODY,
        gid: NOBODY,
        env: { PATH: process.env.PATH, NO_COLOR: '1', NOSTR_TUI_HOME: cli.home },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const result = await finished(child);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `nostr-tui: ${cli.home} belongs to another user (uid 0), who could read or replace your keys; ` +
          `run \`sudo chown ${NOBODY} '${cli.home}'\` if it is yours, or set NOSTR_TUI_HOME to a directory you own.\n`,
      );
    } else {
      const result = await cli.run(['key', 'generate']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`chmod 700 '${cli.home}'`);
    }
    expect(fs.statSync(cli.home).mode & 0o777).toBe(0o777);
    expect(fs.readdirSync(cli.home)).toEqual([]);
  });

  it('a 0777 data directory is refused before the database is opened, with the chmod command', async () => {
    const cli = cliHome();
    fs.mkdirSync(cli.file('data'), { mode: 0o700 });
    fs.chmodSync(cli.file('data'), 0o777);
    const result = await cli.run(['outbox']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`chmod 700 '${cli.file('data')}'`);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(fs.readdirSync(cli.file('data'))).toEqual([]);
  });
});
