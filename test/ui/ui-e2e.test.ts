// End to end: the built CLI in a real pseudo-terminal against the real
// loopback relay. The timeline appears, a post typed in the composer reaches
// the relay, and q gives the terminal back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { runCli } from '../helpers/cli.js';
import { runInPty } from './pty.js';

const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const ENTER_ALT_SCREEN = '\u001b[?1049h';

describe('nostr-tui (interactive) in a real terminal', () => {
  let relay: TestRelay;
  let home: string;
  const me = generateSecretKey();
  const other = generateSecretKey();

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-ui-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 100, tags: [], content: JSON.stringify({ name: 'otto' }) }, other),
      finalizeEvent({ kind: 1, created_at: now - 60, tags: [], content: 'first seeded note' }, other),
      finalizeEvent({ kind: 1, created_at: now - 30, tags: [], content: 'second seeded note' }, other),
    );
  });
  afterAll(async () => {
    await relay?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('refuses to start without a terminal and says what to run instead (exit 2)', async () => {
    const result = await runCli(['--relay', relay.url], { NOSTR_TUI_HOME: home });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nostr-tui: the interactive timeline needs a terminal; to print your timeline instead, run `nostr-tui timeline`.\n');
    expect(result.stdout).toBe('');
  });

  it('shows the timeline, posts from the composer to the relay, and q restores the terminal', async () => {
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: '1' });
    try {
      await run.waitFor((text) => text.includes('second seeded note') && text.includes('first seeded note'));
      expect(run.output().startsWith(ENTER_ALT_SCREEN)).toBe(true);
      await run.waitFor((text) => text.includes('otto · '));
      run.write('n');
      await run.waitFor((text) => text.includes('New note'));
      run.write('hello from a real terminal');
      await run.waitFor((text) => text.includes('hello from a real terminal▏'));
      run.write('\r');
      await run.waitFor((text) => text.includes('post: sent to 1/1 relays'));
      const stored = await relay.find({ authors: [getPublicKey(me)], kinds: [1] });
      expect(stored.map((e) => e.content)).toEqual(['hello from a real terminal']);
      run.write('q');
      const exit = await run.exited;
      expect(exit.exitCode).toBe(0);
      const raw = run.output();
      // The last thing written leaves the alternate screen with the cursor shown.
      expect(raw.lastIndexOf(LEAVE_ALT_SCREEN)).toBeGreaterThan(raw.lastIndexOf('hello from a real terminal'));
      expect(raw.slice(raw.lastIndexOf(LEAVE_ALT_SCREEN) - 6)).toMatch(/\u001b\[\?25h\u001b\[\?1049l[\s\S]*$/);
    } finally {
      run.pty.kill();
    }
  });

  it('first run: creates a key in the UI, then follows the author of a note (kind 3 on the relay)', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-ui-fresh-'));
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: fresh, NO_COLOR: '1' });
    try {
      await run.waitFor((text) => text.includes('You have no Nostr key yet.'));
      expect(run.text()).toContain(path.join(fresh, 'keys.json'));
      run.write('c');
      await run.waitFor((text) => text.includes('key created and stored in'));
      const stored = JSON.parse(fs.readFileSync(path.join(fresh, 'keys.json'), 'utf8')) as { pubkey: string };
      expect(fs.statSync(path.join(fresh, 'keys.json')).mode & 0o777).toBe(0o600);
      await run.waitFor((text) => text.includes('second seeded note') && text.includes('otto · '));
      // The oldest note is otto's (other tests may have posted newer ones).
      run.write('G');
      await run.waitFor((_, raw) => /▌ [^\n]*first seeded note/.test(raw.slice(raw.lastIndexOf('relays 1/1'))));
      run.write('f');
      await run.waitFor((text) => text.includes('follow otto: sent to 1/1 relays'));
      const lists = await relay.find({ kinds: [3], authors: [stored.pubkey] });
      expect(lists).toHaveLength(1);
      expect(lists[0]!.tags).toEqual([['p', getPublicKey(other)]]);
      run.write('q');
      expect((await run.exited).exitCode).toBe(0);
    } finally {
      run.pty.kill();
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('opens Home with the notes of the people in the follow list the relay holds', async () => {
    const reader = generateSecretKey();
    const readerHome = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-ui-home-'));
    new KeyStore(readerHome).save({ pubkey: getPublicKey(reader), secret: { type: 'plain', secretKey: reader } });
    const now = Math.floor(Date.now() / 1000);
    const stranger = generateSecretKey();
    await relay.seed(
      finalizeEvent({ kind: 3, created_at: now - 10, tags: [['p', getPublicKey(other)]], content: '' }, reader),
      finalizeEvent({ kind: 1, created_at: now - 5, tags: [], content: 'from a stranger' }, stranger),
    );
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: readerHome, NO_COLOR: '1' });
    try {
      await run.waitFor((text) => text.includes(' · Home') && text.includes('second seeded note'));
      expect(run.text()).not.toContain('from a stranger');
      run.write('\t');
      await run.waitFor((text) => text.includes(' · Notifications'));
      run.write('\t');
      await run.waitFor((text) => text.includes(' · Global') && text.includes('from a stranger'));
      run.write('q');
      expect((await run.exited).exitCode).toBe(0);
    } finally {
      run.pty.kill();
      fs.rmSync(readerHome, { recursive: true, force: true });
    }
  });

  it('Ctrl-C also restores the terminal, and an unsent draft is printed, not lost', async () => {
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: '1' });
    try {
      await run.waitFor((text) => text.includes('second seeded note'));
      run.write('n');
      await run.waitFor((text) => text.includes('New note'));
      run.write('half a thought');
      await run.waitFor((text) => text.includes('half a thought▏'));
      run.write('\u0003');
      const exit = await run.exited;
      expect(exit.exitCode).toBe(0);
      const raw = run.output();
      const restored = raw.lastIndexOf('\u001b[?25h\u001b[?1049l');
      expect(restored).toBeGreaterThan(0);
      expect(raw.slice(restored)).toContain('nostr-tui: your unsent draft:\r\nhalf a thought');
    } finally {
      run.pty.kill();
    }
  });
});
