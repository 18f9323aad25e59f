import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encryptSecret, KeySecurity } from '../../src/store/keys.js';
import { askPassphrase, readAllStdin } from '../../src/store/passphrase.js';
import { unlockSecret } from '../../src/store/unlock.js';

/** A terminal stand-in: raw mode recorded, keystrokes written by the test. */
function fakeTerminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  (stdin as unknown as { setRawMode(mode: boolean): void }).setRawMode = (mode: boolean) => void stdin.rawModes.push(mode);
  let shown = '';
  const stderr = new PassThrough();
  stderr.on('data', (chunk) => (shown += chunk));
  /** Types `keys` once the prompt numbered `prompt` (1-based) is on screen. */
  const typeAt = async (prompt: number, keys: string) => {
    while (shown.split(': ').length <= prompt) await new Promise((resolve) => setImmediate(resolve));
    stdin.write(keys);
  };
  return { io: { env: {}, stdin, stderr }, stdin, shown: () => shown, typeAt };
}

describe('askPassphrase', () => {
  it('takes NOSTR_TUI_PASSPHRASE without asking', async () => {
    const terminal = fakeTerminal();
    expect(await askPassphrase({ ...terminal.io, env: { NOSTR_TUI_PASSPHRASE: 'from env' } })).toBe('from env');
    expect(terminal.shown()).toBe('');
  });

  it('with no terminal and no variable, says how to give one (exit 1)', async () => {
    await expect(askPassphrase({ env: {}, stdin: new PassThrough(), stderr: new PassThrough() })).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/NOSTR_TUI_PASSPHRASE/),
    });
  });

  it('reads a line in raw mode without echoing it; Backspace edits', async () => {
    const terminal = fakeTerminal();
    const answer = askPassphrase(terminal.io, { prompt: 'Passphrase: ' });
    await terminal.typeAt(1, 'secrex\u007ft\r');
    expect(await answer).toBe('secret');
    expect(terminal.shown()).toBe('Passphrase: \n');
    expect(terminal.stdin.rawModes).toEqual([true, false]);
  });

  it('turns echo off before the prompt appears, so nothing typed after it is echoed', async () => {
    const terminal = fakeTerminal();
    const modesAtPrompt: boolean[][] = [];
    terminal.io.stderr.on('data', () => modesAtPrompt.push([...terminal.stdin.rawModes]));
    const answer = askPassphrase(terminal.io);
    await terminal.typeAt(1, 'x\r');
    await answer;
    expect(modesAtPrompt[0]).toEqual([true]);
  });

  it('asks twice for a new passphrase and refuses a mismatch', async () => {
    const terminal = fakeTerminal();
    const answer = askPassphrase(terminal.io, { prompt: 'New passphrase: ', confirm: true });
    await terminal.typeAt(1, 'one\r');
    await terminal.typeAt(2, 'two\r');
    await expect(answer).rejects.toThrow(/differ; nothing was changed/);
  });

  it('Esc cancels, as Ctrl-C does; an arrow key or Alt+key is skipped, not typed', async () => {
    const terminal = fakeTerminal();
    const answer = askPassphrase(terminal.io);
    await terminal.typeAt(1, 'abc\u001b');
    await expect(answer).rejects.toThrow(/^cancelled; nothing was changed\.$/);
    expect(terminal.stdin.rawModes).toEqual([true, false]);
    const keys = fakeTerminal();
    const typed = askPassphrase(keys.io);
    await keys.typeAt(1, 'se\u001b[Dc\u001b[1;5Cr\u001bOAe\u001bxt\r');
    expect(await typed).toBe('secret');
  });

  it('Ctrl-C cancels', async () => {
    const terminal = fakeTerminal();
    const answer = askPassphrase(terminal.io);
    await terminal.typeAt(1, 'abc\u0003');
    await expect(answer).rejects.toThrow(/cancelled/);
    expect(terminal.stdin.rawModes).toEqual([true, false]);
  });
});

describe('unlockSecret', () => {
  const secret = new Uint8Array(32).fill(7);
  const ncryptsec = encryptSecret(secret, 'right one', KeySecurity.insecure, 1);

  it('an empty passphrase is a try, as a wrong one is: asked again, the third try ends it', async () => {
    const terminal = fakeTerminal();
    const unlocked = unlockSecret(terminal.io, ncryptsec);
    await terminal.typeAt(1, '\r');
    await terminal.typeAt(2, 'wrong\r');
    await terminal.typeAt(3, 'right one\r');
    expect(await unlocked).toEqual(secret);
    expect(terminal.shown()).toBe('Passphrase: \nNo passphrase typed; try again.\nPassphrase: \nWrong passphrase; try again.\nPassphrase: \n');

    const again = fakeTerminal();
    const refused = unlockSecret(again.io, ncryptsec);
    for (let prompt = 1; prompt <= 3; prompt++) await again.typeAt(prompt, '\r');
    await expect(refused).rejects.toMatchObject({ exitCode: 1, message: 'no passphrase typed, so the key could not be decrypted.' });
  });

  it('Esc cancels at once; NOSTR_TUI_PASSPHRASE is tried once, without asking', async () => {
    const terminal = fakeTerminal();
    const unlocked = unlockSecret(terminal.io, ncryptsec);
    await terminal.typeAt(1, '\u001b');
    await expect(unlocked).rejects.toThrow(/^cancelled/);
    expect(terminal.shown()).toBe('Passphrase: \n');
    const env = fakeTerminal();
    await expect(unlockSecret({ ...env.io, env: { NOSTR_TUI_PASSPHRASE: 'wrong' } }, ncryptsec)).rejects.toThrow(/^wrong passphrase/);
    expect(env.shown()).toBe('');
  });
});

describe('readAllStdin', () => {
  it('collects every chunk to the end, once', async () => {
    const stdin = new PassThrough();
    const text = readAllStdin(stdin);
    stdin.write('nsec1');
    stdin.write('abc\nsecond');
    stdin.end();
    expect(await text).toBe('nsec1abc\nsecond');
  });

  it('refuses more than the limit (exit 2)', async () => {
    const stdin = new PassThrough();
    const text = readAllStdin(stdin, 10);
    stdin.end('x'.repeat(11));
    await expect(text).rejects.toMatchObject({ exitCode: 2 });
  });
});
