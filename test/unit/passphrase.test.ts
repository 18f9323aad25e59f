import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askPassphrase, readAllStdin } from '../../src/store/passphrase.js';

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

  it('Ctrl-C cancels', async () => {
    const terminal = fakeTerminal();
    const answer = askPassphrase(terminal.io);
    await terminal.typeAt(1, 'abc\u0003');
    await expect(answer).rejects.toThrow(/cancelled/);
    expect(terminal.stdin.rawModes).toEqual([true, false]);
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
