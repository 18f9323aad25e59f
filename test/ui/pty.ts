// The built CLI in a real pseudo-terminal (node-pty), for end-to-end runs of
// the interactive UI and the first-frame benchmark.
import { stripVTControlCharacters } from 'node:util';
import { spawn as spawnPty, type IPty } from 'node-pty';
import { BIN } from '../helpers/cli.js';

export interface PtyRun {
  pty: IPty;
  /** Everything written to the terminal so far, raw. */
  output(): string;
  /** The output with escape sequences removed. */
  text(): string;
  write(data: string): void;
  /** Resolves when the output matches; rejects after `timeoutMs`, naming what was seen. */
  waitFor(check: (text: string, raw: string) => boolean, timeoutMs?: number): Promise<void>;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

/** `bin`: the entry script to run (the repository's own by default). */
export function runInPty(args: string[], env: NodeJS.ProcessEnv, size = { cols: 80, rows: 24 }, bin = BIN): PtyRun {
  const pty = spawnPty(process.execPath, [bin, ...args], {
    name: 'xterm-256color',
    ...size,
    // A variable given as undefined is removed (e.g. NO_COLOR from the test's own environment).
    env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as Record<string, string>,
  });
  let raw = '';
  const waiters = new Set<() => void>();
  pty.onData((data) => {
    raw += data;
    for (const w of waiters) w();
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => pty.onExit((e) => {
    for (const w of waiters) w();
    resolve(e);
  }));
  let done = false;
  void exited.then(() => (done = true));
  return {
    pty,
    output: () => raw,
    text: () => stripVTControlCharacters(raw),
    write: (data) => pty.write(data),
    waitFor(check, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const test = () => {
          if (check(stripVTControlCharacters(raw), raw)) {
            cleanup();
            resolve();
          } else if (done) {
            cleanup();
            reject(new Error(`the program exited before the expected output; it wrote:\n${stripVTControlCharacters(raw).slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for output; last seen:\n${stripVTControlCharacters(raw).slice(-1400)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(test);
        };
        waiters.add(test);
        test();
      });
    },
    exited,
  };
}

/**
 * The escape sequences and controls the client itself writes to a terminal, and nothing
 * else: Ink's styling (bold, dim, inverse and their resets, the 8/16 foreground colours
 * and their reset), its redraw (erase line, cursor up/down/left/right, column 1, home),
 * synchronized output (mode 2026), the cursor shown/hidden (25), the alternate screen
 * (1049, src/commands/ui.ts) and bracketed paste (2004), plus CR and LF. Any other
 * sequence in the raw output (ESC[2J from a name, a conceal SGR, a cursor jump to a
 * position, an OSC title, a bare control character) came from somewhere it must not.
 */
const STYLE = '0|1|2|7|22|27';
const COLOUR = '3[0-7]|39|9[0-7]';
const sgr = (params: string) => new RegExp(`^\\u001b\\[(?:(?:${params})(?:;(?:${params}))*)?m$`);
const CONTROL_SEQUENCES: RegExp[] = [
  /^\u001b\[\d*[ABCDG]$/, // cursor up/down/right/left, to column
  /^\u001b\[H$/, // cursor home (entering the alternate screen)
  /^\u001b\[[012]?K$/, // erase in line
  /^\u001b\[\?(?:25|1049|2004|2026)[hl]$/, // cursor, alternate screen, bracketed paste, synchronized output
];
/** The client's own hyperlinks (issue #13, core/links.ts): OSC 8 in the BEL form, a validated http(s) URL or none (the end). Not under NO_COLOR. */
const HYPERLINK = /^\u001b\]8;;(?:https?:\/\/[!-~]+)?\u0007$/;
const WITH_COLOUR = [sgr(`${STYLE}|${COLOUR}`), HYPERLINK, ...CONTROL_SEQUENCES];
// Under NO_COLOR the client writes no colour at all, so a colour in the output came from a note.
const WITHOUT_COLOUR = [sgr(STYLE), ...CONTROL_SEQUENCES];

/** Every distinct sequence or control in `raw` that the client never writes (empty when clean). */
export function foreignSequences(raw: string, opts: { color?: boolean } = {}): string[] {
  const allowed = opts.color === false ? WITHOUT_COLOUR : WITH_COLOUR;
  const found = new Set<string>();
  // An ESC and what follows it (a whole CSI, or the one character after ESC), any other
  // C0 or C1 control, DEL, a bidi control, a lone surrogate.
  const token =
    /\u001b(?:\[[0-?]*[ -/]*[@-~]|\]8;;[!-~]{0,2100}\u0007|[\s\S]?)|[\u0000-\u0009\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]|[\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;
  for (const [seq] of raw.matchAll(token)) {
    if (seq.startsWith('\u001b') && allowed.some((pattern) => pattern.test(seq))) continue;
    found.add(JSON.stringify(seq));
  }
  return [...found];
}
