// With every relay unreachable, `timeline` shows what the cache holds, says no
// relay answered, and exits 0.
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { npubEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { manualClock, tempDir } from '../helpers/store.js';

const UNREACHABLE = 'ws://127.0.0.1:1';

describe('timeline offline', () => {
  it('prints the cached timeline of the people followed, warns, exit 0', async () => {
    const home = tempDir('nostr-tui-offline-');
    const env = { NOSTR_TUI_HOME: home };
    const [me, alice, bob, stranger] = [0, 1, 2, 3].map(() => generateSecretKey());
    expect((await runCli(['key', 'import', npubEncode(getPublicKey(me!))], env)).code).toBe(0);

    const now = Math.floor(Date.now() / 1000);
    const note = (sk: Uint8Array, ago: number): Event =>
      finalizeEvent({ kind: 1, created_at: now - ago, tags: [], content: `note ${ago}s ago` }, sk);
    const followed = [note(alice!, 60), note(bob!, 120), note(alice!, 180)];
    const store = openStore(path.join(home, 'data'), { clock: manualClock() });
    store.events.put(
      finalizeEvent({ kind: 3, created_at: now - 600, tags: [['p', getPublicKey(alice!)], ['p', getPublicKey(bob!)]], content: '' }, me!),
      'wss://relay.example',
    );
    store.events.putMany([...followed, note(stranger!, 30)], 'wss://relay.example');
    store.close();

    const result = await runCli(['timeline', '--json', '--relay', UNREACHABLE], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(followed.map((e) => JSON.stringify(e) + '\n').join(''));
    expect(result.stderr).toContain(`relay ${UNREACHABLE}: failed: could not connect`);
    expect(result.stderr).toContain('warning: no relay answered (1 asked); showed 3 cached notes.');
  });

  it('with no follow list cached and no relay answering, says whom you follow is unknown, not that you follow no one', async () => {
    const home = tempDir('nostr-tui-offline-nofollows-');
    const env = { NOSTR_TUI_HOME: home };
    expect((await runCli(['key', 'import', npubEncode(getPublicKey(generateSecretKey()))], env)).code).toBe(0);
    const result = await runCli(['timeline', '--relay', UNREACHABLE], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nostr-tui: no relay answered, so whom you follow is unknown: showing everyone on your relays.\n');
    expect(result.stderr).not.toContain('you follow no one');
  });
});
