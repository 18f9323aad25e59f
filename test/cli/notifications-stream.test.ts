// `nostr-tui notifications --stream`: the window's notifications oldest first, then each new one
// as it arrives, alone, until Ctrl-C (exit 0). The built binary against the real relay.
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { cliHome, finished, spawnCli } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';
import { until } from '../helpers/until.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();

describe('notifications --stream', () => {
  it('prints the window oldest first, then each new reply or like as it comes, with the note it is about', async () => {
    const me = generateSecretKey();
    const carol = generateSecretKey();
    const now = Math.floor(Date.now() / 1000);
    const mine = finalizeEvent({ kind: 1, created_at: now - 600, tags: [], content: 'my note' }, me);
    const reply = (content: string, at: number) =>
      finalizeEvent({ kind: 1, created_at: at, tags: [['e', mine.id, '', 'root'], ['p', getPublicKey(me)]], content }, carol);
    await relay.seed(mine, reply('first answer', now - 300), reply('second answer', now - 200));
    const { home } = cliHome('nostr-tui-notifications-stream-');
    new KeyStore(home).save({ pubkey: getPublicKey(me) });
    const child = spawnCli(['notifications', '--stream', '--json', '--relay', relay.url], { NOSTR_TUI_HOME: home });
    const done = finished(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const lines = () => out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; event: { content: string }; note: { id: string } | null });

    await until(() => err.includes('streaming new ones') || undefined, 'the stream to start', 15_000);
    expect(lines().map((line) => line.event.content)).toEqual(['first answer', 'second answer']);
    await relay.seed(reply('a live answer', now));
    await until(() => lines().length === 3 || undefined, 'the live reply', 15_000);
    await relay.seed(finalizeEvent({ kind: 7, created_at: now, tags: [['e', mine.id], ['p', getPublicKey(me)]], content: '+' }, carol));
    await until(() => lines().length === 4 || undefined, 'the live like', 15_000);
    expect(lines().slice(2).map((line) => [line.type, line.event.content, line.note?.id])).toEqual([
      ['reply', 'a live answer', mine.id],
      ['reaction', '+', mine.id],
    ]);

    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('nostr-tui: streaming new ones as they arrive; Ctrl-C stops.\n');
  });
});
