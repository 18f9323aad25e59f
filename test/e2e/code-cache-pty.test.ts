// The interactive start through the real entry (bin -> dist/start.js -> dist/interactive.cjs):
// the first start after an install saves V8's code cache a few seconds in (or as it quits, if
// sooner), the next one runs from it, and both show the same timeline. A one-shot command never
// writes one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { SAVE_CACHE_AFTER_MS } from '../../src/start.js';
import { runCli } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';
import { runInPty } from '../ui/pty.js';

describe('the interactive start and its code cache', () => {
  let relay: TestRelay;
  let home: string;
  const cacheDir = () => path.join(home, 'cache');
  const cacheFiles = () => (fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()).filter((name) => name.endsWith('.v8')) : []);
  const trace = () => path.join(home, 'trace');

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-code-cache-'));
    new KeyStore(home).save({ pubkey: getPublicKey(generateSecretKey()) });
    await relay.seed(finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000) - 60, tags: [], content: 'compiled once, started twice' }, generateSecretKey()));
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  async function start(keepOpen: () => Promise<unknown>): Promise<string> {
    fs.rmSync(trace(), { force: true });
    const run = runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NOSTR_TUI_STARTUP_TRACE: trace() });
    try {
      await run.waitFor((text) => text.includes('compiled once, started twice'), 20_000);
      await keepOpen();
      run.write('q');
      expect((await run.exited).exitCode).toBe(0);
      return fs.readFileSync(trace(), 'utf8');
    } finally {
      run.pty.kill();
    }
  }

  it('a one-shot command writes no cache', async () => {
    const result = await runCli(['timeline', '--relay', relay.url, '--json'], { NOSTR_TUI_HOME: home });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('compiled once, started twice');
    expect(cacheFiles()).toEqual([]);
  }, 30_000);

  it('the first start saves the cache after a few seconds; the second runs from it', async () => {
    const started = Date.now();
    const first = await start(() => until(() => (cacheFiles().length > 0 ? true : undefined), 'the code cache', SAVE_CACHE_AFTER_MS + 15_000));
    expect(first).toContain('code-cache-absent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SAVE_CACHE_AFTER_MS);
    expect(cacheFiles()).toHaveLength(1);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(cacheDir(), cacheFiles()[0]!)).mode & 0o777).toBe(0o600);

    const second = await start(async () => {});
    expect(second).toContain('code-cache-used');
  }, 60_000);

  it('a first start quit before the cache is due saves it as it quits', async () => {
    fs.rmSync(cacheDir(), { recursive: true, force: true });
    // Quit as soon as the note shows (about a second in, well before SAVE_CACHE_AFTER_MS):
    // the cache is written on the way out.
    const first = await start(async () => {});
    expect(first).toContain('code-cache-absent');
    expect(cacheFiles()).toHaveLength(1);
    expect(await start(async () => {})).toContain('code-cache-used');
  }, 60_000);
});
