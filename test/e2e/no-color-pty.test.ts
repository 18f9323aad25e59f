// NO_COLOR (https://no-color.org) in a real pseudo-terminal: the built UI writes colour
// sequences without it and none with it (bold and inverse still mark the selection).
// Both halves are asserted, so the test fails whichever way the switch breaks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { foreignSequences, runInPty } from '../ui/pty.js';

/** An SGR sequence that sets a foreground or background colour (or resets one). */
const COLOUR_SGR = /\u001b\[(?:\d+;)*(?:3\d|4\d|9[0-7]|10[0-7])(?:;\d+)*m/;
const INVERSE = '\u001b[7m';

describe('NO_COLOR in a real terminal', () => {
  let relay: TestRelay;
  let home: string;
  const author = generateSecretKey();

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-no-color-'));
    new KeyStore(home).save({ pubkey: getPublicKey(generateSecretKey()) });
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 100, tags: [], content: JSON.stringify({ name: 'colourful' }) }, author),
      finalizeEvent({ kind: 1, created_at: now - 60, tags: [], content: 'a note in colour, or not' }, author),
    );
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function drawn(noColor: string | undefined): Promise<string> {
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: noColor, FORCE_COLOR: undefined });
    try {
      await run.waitFor((text) => text.includes('a note in colour, or not') && text.includes('colourful'), 20_000);
      run.write('q');
      expect((await run.exited).exitCode).toBe(0);
      return run.output();
    } finally {
      run.pty.kill();
    }
  }

  it('without NO_COLOR the UI is coloured', async () => {
    const raw = await drawn(undefined);
    expect(raw).toMatch(COLOUR_SGR);
    expect(foreignSequences(raw)).toEqual([]);
  }, 60_000);

  it('with NO_COLOR=1 it writes no colour sequence at all, and still marks the selection', async () => {
    const raw = await drawn('1');
    expect(raw).not.toMatch(COLOUR_SGR);
    expect(raw).toContain(INVERSE);
    expect(foreignSequences(raw, { color: false })).toEqual([]);
  }, 60_000);
});
