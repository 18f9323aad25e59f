// Issue 16 item 1: key and config files are never written through a link, and
// a directory another user owns or can write to is refused, never chmodded.
// As root (CI) the other user is real: files are chowned to `nobody`; without
// root the owner check runs with an injected user id, and the test name says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { ConfigStore } from '../../src/store/config.js';
import { KeyStore } from '../../src/store/keys.js';
import { checkPrivateDir, writePrivateFile } from '../../src/store/safe-file.js';
import { userError } from '../helpers/user-error.js';

const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
/** The other user: `nobody` for real as root, else a uid the owner check is told is not ours. */
const other = ROOT ? 'nobody (real chown)' : 'another user (injected uid)';
const asOtherUser = (target: string) => {
  if (ROOT) fs.chownSync(target, NOBODY, NOBODY);
};
/** The owner check as the tests see it: the real uid as root, a uid that owns nothing otherwise. */
const check = ROOT ? {} : { getuid: () => (process.getuid?.() ?? 0) + 1 };
const ownCheck = ROOT ? {} : { getuid: () => process.getuid?.() };

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-safe-'));
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const key = () => {
  const secretKey = generateSecretKey();
  return { pubkey: getPublicKey(secretKey), secret: { type: 'plain' as const, secretKey } };
};

describe('keys.json through a symlink', () => {
  it(`key save with keys.json a symlink to a file of ${other} is refused; the target keeps its content and owner`, () => {
    const home = tempDir();
    const elsewhere = tempDir();
    const target = path.join(elsewhere, 'loot');
    fs.writeFileSync(target, 'theirs', { mode: 0o666 });
    asOtherUser(target);
    const before = fs.statSync(target);
    fs.symlinkSync(target, path.join(home, 'keys.json'));
    const error = userError(() => new KeyStore(home, ownCheck).save(key()));
    expect(error.message).toMatch(/keys\.json is a symbolic link; nostr-tui never writes through a link/);
    expect(error.message).toContain(`rm '${path.join(home, 'keys.json')}'`);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(fs.readFileSync(target, 'utf8')).toBe('theirs');
    expect(fs.statSync(target).uid).toBe(before.uid);
    expect(fs.lstatSync(path.join(home, 'keys.json')).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(home)).toEqual(['keys.json']); // no temporary file left behind
  });

  it('config save with config.json a symlink is refused; the target is unchanged', () => {
    const home = tempDir();
    const target = path.join(tempDir(), 'config.json');
    fs.writeFileSync(target, '{}');
    fs.symlinkSync(target, path.join(home, 'config.json'));
    const error = userError(() => new ConfigStore(home, ownCheck).setRelays([{ url: 'wss://a.example', read: true, write: true }]));
    expect(error.message).toMatch(/config\.json is a symbolic link/);
    expect(fs.readFileSync(target, 'utf8')).toBe('{}');
  });

  it('a dangling symlink at keys.json (pointing where the attacker wants the secret) is refused, nothing created', () => {
    const home = tempDir();
    const target = path.join(tempDir(), 'will-be-created');
    fs.symlinkSync(target, path.join(home, 'keys.json'));
    userError(() => new KeyStore(home, ownCheck).save(key()));
    expect(fs.existsSync(target)).toBe(false);
  });

  it('key load with keys.json a symlink to a valid key file is refused, never read; the target is unchanged', () => {
    const home = tempDir();
    const target = path.join(tempDir(), 'keys.json');
    new KeyStore(path.dirname(target), ownCheck).save(key());
    const before = fs.readFileSync(target, 'utf8');
    fs.symlinkSync(target, path.join(home, 'keys.json'));
    const error = userError(() => new KeyStore(home, ownCheck).load());
    expect(error.message).toMatch(/keys\.json is a symbolic link; nostr-tui never reads or writes it through a link\. Replace it with the file it points to \(`mv /);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(fs.readFileSync(target, 'utf8')).toBe(before);
  });

  it.skipIf(!ROOT)("key load of a keys.json that is nobody's (in a directory of ours) is refused with the chown", () => {
    const home = tempDir();
    const store = new KeyStore(home);
    store.save(key());
    fs.chownSync(path.join(home, 'keys.json'), NOBODY, NOBODY);
    const error = userError(() => store.load());
    expect(error.message).toBe(
      `${path.join(home, 'keys.json')} belongs to another user (uid ${NOBODY}), who could read or replace it; ` +
        `run \`sudo chown 0 '${path.join(home, 'keys.json')}'\` if it is yours, or move it away.`,
    );
  });

  it('replacing a keys.json owned by another user gives a new file of ours, mode 0600 (never chowned back)', () => {
    const home = tempDir();
    const file = path.join(home, 'keys.json');
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    asOtherUser(file);
    const store = new KeyStore(home, ownCheck);
    const k = key();
    store.save(k);
    expect(fs.statSync(file).uid).toBe(process.getuid?.());
    expect(mode(file)).toBe(0o600);
    expect(store.load()).toEqual(k);
  });

  // A worker thread (StrykerJS runs tests in one) may not change the umask; the file must still be 0600.
  it(`writes a private file whole: 0600 ${isMainThread ? 'whatever the umask' : 'under the umask in force'}, no temporary file left`, () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.json');
    const old = isMainThread ? process.umask(0) : undefined;
    try {
      writePrivateFile(file, 'one');
      writePrivateFile(file, 'two');
    } finally {
      if (old !== undefined) process.umask(old);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(mode(file)).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['x.json']);
  });
});

describe('the config directory', () => {
  it(`a config directory owned by ${other}, mode 0777, is refused with the chown command and never chmodded`, () => {
    const home = tempDir();
    fs.chmodSync(home, 0o777);
    asOtherUser(home);
    const error = userError(() => new KeyStore(home, check).save(key()));
    expect(error.message).toMatch(/belongs to another user \(uid \d+\).*run `sudo chown \d+ '/);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(mode(home)).toBe(0o777);
    expect(fs.readdirSync(home)).toEqual([]);
  });

  it('a config directory of ours that others can write to (0777) is refused when reading the key, with the chmod command', () => {
    const home = tempDir();
    const store = new KeyStore(home, ownCheck);
    store.save(key());
    fs.chmodSync(home, 0o777);
    const error = userError(() => store.load());
    expect(error.message).toContain(`can be written by other users (mode 777)`);
    expect(error.message).toContain(`chmod 700 '${home}'`);
    expect(mode(home)).toBe(0o777);
    expect(userError(() => new ConfigStore(home, ownCheck).relays()).message).toContain(`chmod 700 '${home}'`);
  });

  it('a group-writable (0770) directory is refused as well; a 0755 one of ours is used as it is', () => {
    const home = tempDir();
    fs.chmodSync(home, 0o770);
    expect(userError(() => new KeyStore(home, ownCheck).save(key())).message).toMatch(/mode 770/);
    fs.chmodSync(home, 0o755);
    new KeyStore(home, ownCheck).save(key());
    expect(mode(home)).toBe(0o755);
  });

  it('a config directory that is a symlink to elsewhere is refused', () => {
    const real = tempDir();
    const link = path.join(tempDir(), 'config');
    fs.symlinkSync(real, link);
    const error = userError(() => new KeyStore(link, ownCheck).save(key()));
    expect(error.message).toMatch(/is a symbolic link; nostr-tui keeps its files only in a real directory/);
    expect(fs.readdirSync(real)).toEqual([]);
  });

  it('a missing directory is created 0700 (its parents too)', () => {
    const dir = path.join(tempDir(), 'a', 'b');
    new KeyStore(dir, ownCheck).save(key());
    expect(mode(dir)).toBe(0o700);
    expect(checkPrivateDir(dir, ownCheck)).toBe(true);
  });
});
