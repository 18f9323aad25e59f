// The data directory (and the parents nostr-tui makes for it) is 0700 and the database 0600
// whatever the umask: under umask 0177 the data directory was made 0600, which not even its owner
// can enter, and every command that needs the cache failed for good with EACCES.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BIN, finished } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 60_000 });

const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
/** Nothing listens there: a post stays in the outbox. */
const DEAD = 'ws://127.0.0.1:1';

/** `args` run by the built CLI under `umask`, as `nobody` when the tests run as root (root ignores modes). */
async function underUmask(umask: string, home: string, args: string[]) {
  const child = spawn('/bin/sh', ['-c', `umask ${umask}; exec "$0" "$@"`, process.execPath, BIN, ...args], {
    ...(ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
    env: { PATH: process.env.PATH, NO_COLOR: '1', NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return finished(child);
}

describe('the umask', () => {
  for (const umask of ['177', '777']) {
    it(`under umask ${umask} the data directory and its parents are 0700, the database 0600, and the outbox works${ROOT ? ' (as nobody)' : ''}`, async () => {
      const base = fs.mkdtempSync('/tmp/nostr-tui-umask-');
      if (ROOT) fs.chownSync(base, NOBODY, NOBODY);
      try {
        const home = path.join(base, 'new', 'home');
        expect((await underUmask(umask, home, ['key', 'generate'])).code).toBe(0);
        const post = await underUmask(umask, home, ['post', 'hi', '--relay', DEAD]);
        expect(post.stderr).toContain('it is kept in the outbox');
        const outbox = await underUmask(umask, home, ['outbox']);
        expect(outbox).toMatchObject({ code: 0, stderr: '' });
        expect(outbox.stdout).toMatch(/^1 unsent event in the outbox:/);
        const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
        expect([mode(path.join(base, 'new')), mode(home), mode(path.join(home, 'data')), mode(path.join(home, 'data', 'nostr-tui.db'))]).toEqual(['700', '700', '700', '600']);
        expect(fs.readdirSync(home).sort()).toEqual(['data', 'keys.json']);
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    });
  }
});
