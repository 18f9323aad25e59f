// Issue #6 end to end: a real relay serves validly signed notes whose content and tags carry
// the hostile corpus; the built `nostr-tui timeline` prints them. No byte a terminal would act
// on may reach stdout or stderr, and in a terminal every line stays within its width.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileNotes, hostileProfile, type HostileNote } from '../helpers/hostile-events.js';
import { legitimateText, unsafeBytes, unsafeCharacters } from '../helpers/hostile-strings.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { finishedRaw, spawnCli } from '../helpers/cli.js';
import { runInPty } from '../ui/pty.js';

/**
 * Columns a terminal may use: string-width, plus a column for each spacing mark (wcwidth counts
 * them). Measured in slices of 1,000 characters: string-width segments its whole input, which
 * costs time quadratic in the length (V8's Intl.Segmenter), and a cut grapheme only adds columns.
 */
function terminalColumns(line: string): number {
  let columns = line.match(/\p{Mc}/gu)?.length ?? 0;
  for (let at = 0; at < line.length; at += 1_000) columns += stringWidth(line.slice(at, at + 1_000));
  return columns;
}

/** Runs the built CLI with stdout and stderr as raw bytes, exactly what a terminal would get. */
const runRaw = (args: string[], env: NodeJS.ProcessEnv) => finishedRaw(spawnCli(args, env));

describe('hostile notes from a real relay in `nostr-tui timeline`', () => {
  let relay: TestRelay;
  let notes: HostileNote[];
  let home: string;
  const args = () => ['timeline', '--global', '--limit', '1000', '--since', '1d', '--relay', relay.url];

  beforeAll(async () => {
    relay = await startRelay();
    // The CLI reads the system clock; the notes are from the last few minutes, inside --since 1d.
    const now = Math.floor(Date.now() / 1000);
    notes = hostileNotes(now - 60);
    await relay.seed(...notes.map((note) => note.event), hostileProfile(now - 60));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-hostile-'));
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('prints every note with no control byte on stdout or stderr, real writing intact', async () => {
    const result = await runRaw(args(), { NOSTR_TUI_HOME: home });
    const stdout = result.stdout.toString('utf8');
    expect(result.code, result.stderr.toString()).toBe(0);
    expect(unsafeBytes(result.stdout)).toEqual([]);
    expect(unsafeBytes(result.stderr)).toEqual([]);
    // Nothing was dropped to get there: every note's marker is on screen. The exception proves
    // verification: the relay stores text as UTF-8, so a lone surrogate comes back as U+FFFD, the
    // id no longer matches the content, and the client drops those notes as invalid.
    const mangled = notes.flatMap((note, i) => (/[\ud800-\udfff]/u.test(note.event.content) ? [`#${i} `] : []));
    const missing = notes.map((_, i) => `#${i} `).filter((marker) => !stdout.includes(marker));
    expect(missing).toEqual(mangled);
    expect(result.stderr.toString()).toContain(`${mangled.length} with a bad id or signature`);
    for (const { name, text } of legitimateText.filter((t) => !/[\n\t]/.test(t.text))) {
      expect(stdout.includes(text), name).toBe(true);
    }
  });

  it('keeps every line within the width of a 60-column terminal', async () => {
    const run = runInPty(args(), { NOSTR_TUI_HOME: home, NO_COLOR: '1' }, { cols: 60, rows: 40 });
    const { exitCode } = await run.exited;
    expect(exitCode).toBe(0);
    // The terminal driver turns each \n into \r\n; anything else would be the program's.
    const lines = run.output().split('\r\n');
    expect(lines.flatMap(unsafeCharacters)).toEqual([]);
    // The notes; the per-relay summary on stderr (the user's own relay URLs) is not network text.
    const notesShown = lines.filter((line) => !line.startsWith('relay '));
    const longWord = notes.findIndex((note) => note.name === 'longWord');
    expect(notesShown.some((line) => line.startsWith(`  #${longWord} AAAA`))).toBe(true);
    const tooWide = notesShown
      .map((line, i) => ({ line: i, columns: terminalColumns(line), start: line.slice(0, 40) }))
      .filter(({ columns }) => columns > 60);
    expect(tooWide.slice(0, 5), `${tooWide.length} lines wider than 60 columns`).toEqual([]);
  });
});
