// Passphrases and secrets typed by the user: from NOSTR_TUI_PASSPHRASE for
// scripts, or asked on the terminal without echo. Never from a pipe that is
// also carrying other input, and never repeated back.
import { failure, usageError } from '../core/errors.js';

export const PASSPHRASE_ENV = 'NOSTR_TUI_PASSPHRASE';

export interface PromptIO {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  stderr: NodeJS.WritableStream;
}

const canAsk = (io: PromptIO): boolean => io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function';

/**
 * The passphrase: NOSTR_TUI_PASSPHRASE when set, else asked on the terminal
 * (twice when `confirm`, for a new passphrase). No terminal and no variable: a
 * failure saying how to give one.
 */
export async function askPassphrase(io: PromptIO, opts: { prompt?: string; confirm?: boolean; minLength?: number } = {}): Promise<string> {
  const fromEnv = io.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return checkLength(fromEnv, opts.minLength);
  if (!canAsk(io)) {
    throw failure(`a passphrase is needed: run this in a terminal, or set ${PASSPHRASE_ENV} for scripts.`);
  }
  const passphrase = await readHidden(io, opts.prompt ?? 'Passphrase: ');
  if (passphrase === '') throw failure('the passphrase is empty; nothing was changed.');
  if (opts.confirm) {
    const again = await readHidden(io, 'Repeat the passphrase: ');
    if (again !== passphrase) throw failure('the two passphrases differ; nothing was changed.');
  }
  return checkLength(passphrase, opts.minLength);
}

/** NIP-49 encryption is only as strong as its passphrase: a new one has a minimum length (in characters). */
export const MIN_PASSPHRASE = 8;

function checkLength(passphrase: string, minLength: number | undefined): string {
  if (minLength !== undefined && [...passphrase.trim()].length < minLength) {
    throw usageError(
      `the new passphrase is shorter than ${minLength} characters, too easy to guess for a key; choose a longer one (\`key encrypt --force\` accepts a short one). Nothing was changed.`,
    );
  }
  return passphrase;
}

/** True when a secret can be typed on the terminal without echo. */
export const canReadHidden = canAsk;

/**
 * One line typed on the terminal without echo. Raw mode, so the terminal shows
 * nothing; Backspace edits, Enter ends, Esc, Ctrl-C and Ctrl-D cancel. An escape
 * sequence (an arrow key, Alt+key) comes in one read and is skipped, not typed.
 */
export function readHidden(io: PromptIO, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  // Echo off before the prompt shows: whatever is typed after seeing it must not appear.
  stdin.setRawMode!(true);
  stdin.resume();
  stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      const chars = [...chunk.toString()];
      for (let i = 0; i < chars.length; i++) {
        const char = chars[i]!;
        if (char === '\r' || char === '\n') return finish();
        // Esc alone: a key's sequence comes whole in one read, so an ESC ending it (or doubled) is the key.
        const esc = char === '\u001b' && (i === chars.length - 1 || chars[i + 1] === '\u001b');
        if (char === '\u0003' || char === '\u0004' || esc) return finish(failure('cancelled; nothing was changed.'));
        if (char === '\u001b') i = escapeEnd(chars, i);
        else if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The index of the last character of the escape sequence at `start` (CSI `ESC [ … final`, SS3 `ESC O x`, Alt+key `ESC x`). */
function escapeEnd(chars: readonly string[], start: number): number {
  if (chars[start + 1] !== '[') return Math.min(start + (chars[start + 1] === 'O' ? 2 : 1), chars.length - 1);
  let i = start + 2;
  while (i < chars.length - 1 && !(chars[i]! >= '@' && chars[i]! <= '~')) i++;
  return i;
}

/**
 * All of stdin, read once to its end (shared/DESIGN.md: reading a pipe in
 * pieces, or after something switched it to non-blocking, fails now and then).
 */
export function readAllStdin(stdin: NodeJS.ReadableStream, limitBytes = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stdin.on('data', (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limitBytes) {
        reject(usageError(`standard input is larger than ${Math.round(limitBytes / 1024)} KiB; nothing was read.`));
        stdin.pause();
        return;
      }
      chunks.push(buffer);
    });
    stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stdin.once('error', (error) => reject(failure(`cannot read standard input (${(error as Error).message})`)));
  });
}
