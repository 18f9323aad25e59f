// Issue 16 item 9: `timeline` in a terminal on 194 maximum-size notes took
// 458 s and 513 MB (wrapping every line of every note). In a terminal a note
// now shows at most 20 lines, then `… about N more lines`; piped output and
// --json keep the full text.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { runInPty } from '../ui/pty.js';

const NOTES = 194;
/** strfry's default maximum event size is 64 KiB; content close to that. */
const CONTENT_BYTES = 64_000;

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
  const sk = generateSecretKey();
  const now = Math.floor(Date.now() / 1000);
  const words = 'lorem ipsum dolor sit amet, consectetur adipiscing elit ';
  const notes = Array.from({ length: NOTES }, (_, i) =>
    finalizeEvent({ kind: 1, created_at: now - 60 - i, tags: [], content: `#${i} ${words.repeat(Math.ceil(CONTENT_BYTES / words.length))}`.slice(0, CONTENT_BYTES) }, sk),
  );
  await relay.seed(...notes);
}, 120_000);
afterAll(async () => {
  await relay?.stop();
});

describe('huge notes in a terminal', () => {
  it(`timeline in a pty on ${NOTES} maximum-size notes caps each at 20 lines and finishes in seconds, not minutes`, { timeout: 120_000 }, async () => {
    const cli = cliHome('nostr-tui-huge-');
    const started = Date.now();
    const run = runInPty(['timeline', '--global', '--limit', String(NOTES), '--since', '1d', '--relay', relay.url], { NOSTR_TUI_HOME: cli.home, NO_COLOR: '1' }, { cols: 80, rows: 40 });
    const { exitCode } = await run.exited;
    const seconds = (Date.now() - started) / 1000;
    expect(exitCode).toBe(0);
    const lines = run.text().split('\r\n');
    const more = lines.filter((line) => /^ {2}… about \d+ more lines \(`--json` has the full text\)$/.test(line));
    expect(more).toHaveLength(NOTES);
    // 194 notes of 20 lines, a header and a blank line each, plus the relay summary.
    expect(lines.length).toBeLessThan(NOTES * 24 + 10);
    console.log(`timeline in a pty, ${NOTES} notes of ${CONTENT_BYTES} bytes: ${seconds.toFixed(1)} s`);
    // It took 458 s before; a generous bound for a busy two-core machine.
    expect(seconds).toBeLessThan(60);
  });

  it('piped, the full text is printed as before', { timeout: 120_000 }, async () => {
    const cli = cliHome('nostr-tui-huge-');
    const result = await cli.run(['timeline', '--global', '--limit', '3', '--since', '1d', '--relay', relay.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('more lines');
    expect(result.stdout.length).toBeGreaterThan(3 * CONTENT_BYTES);
  });
});
