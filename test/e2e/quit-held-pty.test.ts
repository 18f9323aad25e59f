// Quitting ends the process even while something out of the client's hands still holds it (a
// relay's DNS lookup that a resolver never answers held a quit 10 s after the screen was gone):
// src/start.ts ends it shortly after the timeline has closed all it opened. The built UI in a
// real terminal, held by a preloaded two-minute timer (test/fixtures/hold-process.cjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { runInPty } from '../ui/pty.js';

const HOLD = fileURLToPath(new URL('../fixtures/hold-process.cjs', import.meta.url));

describe('q while something still holds the process', () => {
  let relay: TestRelay;
  let home: string;

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-quit-held-'));
    new KeyStore(home).save({ pubkey: getPublicKey(generateSecretKey()) });
    await relay.seed(finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000) - 60, tags: [], content: 'a note to quit from' }, generateSecretKey()));
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('gives the terminal back and ends the process (exit 0), not when the hold would end', async () => {
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: '1', NODE_OPTIONS: `--require ${HOLD}` });
    try {
      await run.waitFor((text) => text.includes('a note to quit from'));
      run.write('q');
      // Held, it would live two minutes: past this test's limit.
      expect((await run.exited).exitCode).toBe(0);
      // The alternate screen was left after the last frame.
      const raw = run.output();
      expect(raw.lastIndexOf('\u001b[?1049l')).toBeGreaterThan(raw.lastIndexOf('a note to quit from'));
    } finally {
      run.pty.kill();
    }
  }, 30_000);
});
