// Issue 16 item 11: `outbox drop` on a terminal asks first; only "y" drops.
import path from 'node:path';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { cliHome } from '../helpers/cli.js';
import { manualClock } from '../helpers/store.js';
import { runInPty } from '../ui/pty.js';

describe('outbox drop on a terminal', () => {
  it('asks before dropping: "n" keeps the entry, "y" drops it', { timeout: 90_000 }, async () => {
    const cli = cliHome('nostr-tui-drop-');
    const sk = generateSecretKey();
    expect((await cli.run(['key', 'import', nsecEncode(sk)])).code).toBe(0);
    const event = finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: 'unsent words' }, sk);
    const store = openStore(path.join(cli.home, 'data'), { clock: manualClock() });
    store.outbox.add(event, ['ws://127.0.0.1:1']);
    store.close();
    const env = { NOSTR_TUI_HOME: cli.home, NO_COLOR: '1' };

    const keep = runInPty(['outbox', 'drop', event.id], env);
    await keep.waitFor((text) => text.includes('Drop this unsent event from the outbox for good? [y/N]'));
    expect(keep.text()).toContain('"unsent words"');
    keep.write('n\r');
    expect((await keep.exited).exitCode).toBe(0);
    expect(keep.text()).toContain('Kept; nothing was dropped.');
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toHaveLength(1);

    const drop = runInPty(['outbox', 'drop', event.id], env);
    await drop.waitFor((text) => text.includes('[y/N]'));
    drop.write('y\r');
    expect((await drop.exited).exitCode).toBe(0);
    expect(drop.text()).toMatch(/Dropped note1\w+ \(unsent\) from the outbox/);
    expect((await cli.run(['outbox', '--json'])).stdout).toBe('[]\n');
  });
});
