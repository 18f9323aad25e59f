import { stripVTControlCharacters } from 'node:util';
import { expect } from 'vitest';

export const keys = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  enter: '\r',
  altEnter: '\u001b\r',
  escape: '\u001b',
  tab: '\t',
  backspace: '\u007f',
};

/** The frame as a person sees it: colours stripped, trailing spaces trimmed per line. */
export function screen(frame: string | undefined): string {
  return stripVTControlCharacters(frame ?? '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

/** Polls the last frame until `check` passes (no sleeping for a guessed time). */
export async function waitForFrame(lastFrame: () => string | undefined, check: (frame: string) => boolean | void, timeoutMs = 3000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let frame = '';
  for (;;) {
    frame = screen(lastFrame());
    try {
      if (check(frame) !== false) return frame;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) {
      expect.fail(`frame never matched; last frame:\n${frame}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
