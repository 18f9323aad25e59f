// `nostr-tui timeline --stream`: the window's notes oldest first, then each note as it arrives,
// until Ctrl-C (exit 0, the client closed as after any command). The built binary against the real relay.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import type { Event } from 'nostr-tools';
import { describe, expect, it, vi } from 'vitest';
import { cliHome, finished, spawnCli } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';
import { until } from '../helpers/until.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();

const nowSec = () => Math.floor(Date.now() / 1000);
const alice = generateSecretKey();
const note = (content: string, at: number, tags: string[][] = []) => finalizeEvent({ kind: 1, created_at: at, tags, content }, alice);

describe('timeline --stream', () => {
  it('prints the window oldest first, then each new note as it comes, once, until SIGINT (exit 0)', async () => {
    const { home } = cliHome('nostr-tui-stream-');
    const older = note('first of the window', nowSec() - 120, [['t', 'streamtest']]);
    const newer = note('second of the window', nowSec() - 60, [['t', 'streamtest']]);
    await relay.seed(older, newer);
    const child = spawnCli(['timeline', '--tag', 'streamtest', '--stream', '--json', '--relay', relay.url], { NOSTR_TUI_HOME: home });
    const done = finished(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const printed = () => out.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Event).content);

    await until(() => err.includes('streaming new ones') || undefined, 'the stream to start', 15_000);
    expect(printed()).toEqual(['first of the window', 'second of the window']);
    // Live: each arrives once, in the order it came; an untagged note is not asked for.
    await relay.seed(note('live one', nowSec(), [['t', 'streamtest']]), note('not this one', nowSec()));
    await until(() => printed().includes('live one') || undefined, 'the live note', 15_000);
    await relay.seed(note('live two', nowSec(), [['t', 'streamtest']]));
    await until(() => printed().includes('live two') || undefined, 'the second live note', 15_000);
    expect(printed()).toEqual(['first of the window', 'second of the window', 'live one', 'live two']);
    // The relay drops the connection: the stream reconnects and asks again; what it had is not printed twice.
    relay.dropAll();
    await relay.seed(note('after the drop', nowSec(), [['t', 'streamtest']]));
    await until(() => printed().includes('after the drop') || undefined, 'the note after the drop', 30_000);
    expect(printed()).toEqual(['first of the window', 'second of the window', 'live one', 'live two', 'after the drop']);

    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`relay ${relay.url}: 2 events\nnostr-tui: streaming new ones as they arrive; Ctrl-C stops.\n`);
  });

  it('refuses --until with --stream, with one line and exit 2', async () => {
    const { run } = cliHome('nostr-tui-stream-until-');
    const result = await run(['timeline', '--global', '--stream', '--until', '1h', '--relay', relay.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nostr-tui: --stream prints notes as they arrive, so it cannot end at --until: leave one out\n');
  });
});
