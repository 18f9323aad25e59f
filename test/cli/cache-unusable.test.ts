// A local cache that cannot be opened is said as it is, in one line, by the commands that read
// (src/commands/with-client.ts, openCache). `timeline` went on without it and then said what was
// not so: "no relay answered, so whom you follow is unknown: showing everyone on your relays"
// (exit 0, Global in place of Home) while the relay had answered and held the follow list.
import fs from 'node:fs';
import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signed } from '../helpers/fault-relay.js';
import { runInProcess, tempHome } from '../helpers/in-process-cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const ROOT = process.getuid?.() === 0;
const me = generateSecretKey();
const friend = generateSecretKey();

describe('read commands with a cache that cannot be opened', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(
      signed(me, { kind: 3, created_at: NOW - 600, tags: [['p', getPublicKey(friend)]] }),
      signed(friend, { created_at: NOW - 60, content: 'from a friend' }),
      signed(generateSecretKey(), { created_at: NOW - 30, content: 'from a stranger' }),
    );
  });
  afterAll(async () => {
    await relay.stop();
  });

  async function home() {
    const dir = tempHome('nostr-tui-cache-unusable-');
    expect((await runInProcess(['key', 'import', nsecEncode(me)], { home: dir, nowSec: NOW, env: { NOSTR_TUI_DISCOVERY_RELAYS: '' } })).code).toBe(0);
    // Each test makes the data directory it needs.
    fs.rmSync(path.join(dir, 'data'), { recursive: true, force: true });
    return dir;
  }
  const run = (dir: string, argv: string[], env: NodeJS.ProcessEnv = {}) =>
    runInProcess([...argv, '--relay', relay.url], { home: dir, nowSec: NOW, env: { NOSTR_TUI_DISCOVERY_RELAYS: '', ...env } });

  it('NOSTR_TUI_CACHE_MB=abc: timeline, notifications, search and dm list say so (exit 2), as following does', async () => {
    const dir = await home();
    const said = 'nostr-tui: NOSTR_TUI_CACHE_MB must be a number of megabytes above 0, like 500 (it is "abc")\n';
    for (const argv of [['timeline'], ['notifications'], ['search', 'friend'], ['dm', 'list'], ['following']]) {
      const result = await run(dir, argv, { NOSTR_TUI_CACHE_MB: 'abc' });
      expect([argv[0], result.code, result.stdout, result.stderr]).toEqual([argv[0], 2, '', said]);
    }
    // The same home with a good value: Home, from the follow list the relay holds.
    const fine = await run(dir, ['timeline', '--json']);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain('from a friend');
    expect(fine.stdout).not.toContain('from a stranger');
  });

  it('a data directory that is a symbolic link: timeline names it and stops, never showing everyone', async () => {
    const dir = await home();
    const real = tempHome('nostr-tui-cache-elsewhere-');
    const data = path.join(dir, 'data');
    fs.symlinkSync(real, data);
    const result = await run(dir, ['timeline']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      `nostr-tui: ${data} is a symbolic link; nostr-tui keeps its files only in a real directory of yours. ` +
        `Replace it with one (\`rm '${data}' && mkdir -m 700 '${data}'\`) or set NOSTR_TUI_HOME.\n`,
    );
  });

  it.skipIf(!ROOT)("a data directory that is nobody's: notifications and dm list name it and stop", async () => {
    const dir = await home();
    const data = path.join(dir, 'data');
    fs.mkdirSync(data, { mode: 0o700 });
    fs.chownSync(data, 65534, 65534);
    for (const argv of [['notifications'], ['dm', 'list']]) {
      const result = await run(dir, argv);
      expect([argv[0], result.code, result.stdout]).toEqual([argv[0], 1, '']);
      expect(result.stderr).toBe(
        `nostr-tui: ${data} belongs to another user (uid 65534), who could read or replace your keys; ` +
          `run \`sudo chown 0 '${data}'\` if it is yours, or set NOSTR_TUI_HOME to a directory you own.\n`,
      );
    }
  });
});
