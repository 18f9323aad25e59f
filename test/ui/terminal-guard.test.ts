import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { BRACKETED_PASTE, terminalGuard } from '../../src/commands/ui.js';

function ctx(): CommandContext & { written(): string } {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d));
  return {
    stdout: Object.assign(stdout, { isTTY: true }),
    stderr: new PassThrough(),
    stdin: Object.assign(new PassThrough(), { isTTY: true }),
    env: {},
    clock: { now: () => 0 },
    paths: { configDir: '/nonexistent', dataDir: '/nonexistent' },
    exitCode: 0,
    written: () => out,
  };
}

describe('terminalGuard', () => {
  it('enters the alternate screen and restores it exactly once, however often asked', async () => {
    const c = ctx();
    const guard = terminalGuard(c);
    const exitListeners = process.listenerCount('exit');
    guard.enter();
    expect(process.listenerCount('exit')).toBe(exitListeners + 1);
    guard.restore();
    guard.restore();
    await new Promise((r) => setImmediate(r));
    expect(c.written()).toBe('\u001b[?1049h\u001b[H\u001b[?25l\u001b[?25h\u001b[?1049l');
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });

  it('switches extra terminal modes (bracketed paste) on after entering and off before leaving', async () => {
    const c = ctx();
    const guard = terminalGuard(c, BRACKETED_PASTE);
    guard.enter();
    guard.restore();
    await new Promise((r) => setImmediate(r));
    expect(c.written()).toBe('\u001b[?1049h\u001b[H\u001b[?25l\u001b[?2004h\u001b[?2004l\u001b[?25h\u001b[?1049l');
  });

  it('restores on process exit when nothing else did', async () => {
    const c = ctx();
    const guard = terminalGuard(c);
    guard.enter();
    process.emit('exit', 0);
    await new Promise((r) => setImmediate(r));
    expect(c.written().endsWith('\u001b[?25h\u001b[?1049l')).toBe(true);
  });
});
