// Issue #13 in a real pseudo-terminal: the built UI writes its links as OSC 8 hyperlinks (BEL
// form) around the whole URL, with colour, and writes none under NO_COLOR; the quoted note is
// boxed with its author's name; `y` writes the note's nevent1… as OSC 52.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { noteEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { foreignSequences, runInPty } from '../ui/pty.js';

const URL_TEXT = 'https://example.com/a/page?x=1';

describe('links and quotes in a real terminal', () => {
  let relay: TestRelay;
  let home: string;
  const author = generateSecretKey();
  const quotedAuthor = generateSecretKey();

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-links-pty-'));
    new KeyStore(home).save({ pubkey: getPublicKey(generateSecretKey()) });
    const now = Math.floor(Date.now() / 1000);
    const quoted = finalizeEvent({ kind: 1, created_at: now - 3_600, tags: [], content: 'the quoted words' }, quotedAuthor);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 100, tags: [], content: JSON.stringify({ name: 'quotee' }) }, quotedAuthor),
      quoted,
      finalizeEvent({ kind: 1, created_at: now - 60, tags: [['q', quoted.id]], content: `日本語 read ${URL_TEXT} and nostr:${noteEncode(quoted.id)}` }, author),
    );
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function drawn(noColor: string | undefined, keys = ''): Promise<{ before: string; after: string }> {
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NO_COLOR: noColor, FORCE_COLOR: undefined });
    try {
      await run.waitFor((text) => text.includes('the quoted words') && text.includes('quotee'), 20_000);
      const before = run.output();
      if (keys) {
        run.write(keys);
        await run.waitFor((text) => text.includes('copied nevent1'));
      }
      run.write('q');
      expect((await run.exited).exitCode).toBe(0);
      return { before, after: run.output().slice(before.length) };
    } finally {
      run.pty.kill();
    }
  }

  it('with colour: the whole URL inside the client\'s OSC 8, nothing foreign; y writes OSC 52', async () => {
    const { before, after } = await drawn(undefined, 'y');
    expect(before).toMatch(new RegExp(`\\u001b\\]8;;${URL_TEXT.replace(/[.?/]/g, '\\$&')}\\u0007[^\\u001b]*(?:\\u001b\\[[0-9;]*m)*${URL_TEXT.replace(/[.?/]/g, '\\$&')}`));
    expect(before).toContain('╭─ quotee · 1h');
    expect(foreignSequences(before)).toEqual([]);
    expect(after).toMatch(/\u001b\]52;c;[A-Za-z0-9+/]+=*\u0007/);
  }, 60_000);

  it('under NO_COLOR: the URL as plain text, no OSC 8', async () => {
    const { before } = await drawn('1');
    expect(before).not.toContain('\u001b]8');
    expect(before).toContain(URL_TEXT);
    expect(foreignSequences(before, { color: false })).toEqual([]);
  }, 60_000);
});
