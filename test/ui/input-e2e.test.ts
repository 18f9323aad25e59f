// Typed-ahead keys and pastes in a real pseudo-terminal, against the real
// loopback relay (issue #11): "n"+"lol" in one write opens the composer holding
// "lol" and publishes nothing; a bracketed paste is text; the terminal's paste
// mode is switched on while the UI runs and off on the way out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { runInPty } from './pty.js';

describe('keys typed ahead, in a real terminal', () => {
  let relay: TestRelay;
  let home: string;
  const me = generateSecretKey();
  const other = generateSecretKey();
  const mine = () => relay.find({ authors: [getPublicKey(me)] });

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-input-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(finalizeEvent({ kind: 1, created_at: now - 30, tags: [], content: 'a note to like by mistake' }, other));
  });
  afterAll(async () => {
    await relay?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('"n"+"lol" in one write opens the composer holding "lol"; nothing reaches the relay', async () => {
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: '1' });
    try {
      await run.waitFor((text) => text.includes('a note to like by mistake'));
      expect(run.output()).toContain('\u001b[?2004h');
      run.write('nlol');
      await run.waitFor((text) => text.includes('New note') && text.includes('lol▏'));
      expect(run.text()).not.toMatch(/(sending…|sent to)/);
      // "q" typed into the composer is text, not quit; then a paste with a line break and a q.
      run.write(' quick question');
      await run.waitFor((text) => text.includes('lol quick question▏'));
      run.write('\u001b[200~pasted\rq line\u001b[201~');
      await run.waitFor((text) => text.includes('q line▏'));
      run.write('\u0003');
      const exit = await run.exited;
      expect(exit.exitCode).toBe(0);
      const raw = run.output();
      // Paste mode off before the alternate screen is left; the draft is printed, not sent.
      expect(raw.lastIndexOf('\u001b[?2004l')).toBeGreaterThan(raw.lastIndexOf('\u001b[?2004h'));
      expect(raw.slice(raw.lastIndexOf('\u001b[?1049l'))).toContain('nostr-tui: your unsent draft:\r\nlol quick questionpasted\r\nq line');
      expect(await mine()).toEqual([]);
    } finally {
      run.pty.kill();
    }
  });
});
