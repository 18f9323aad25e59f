// Killing `post` after its event is in the outbox loses nothing: the next run
// delivers the same signed bytes (never re-signed).
import path from 'node:path';
import type { Event } from 'nostr-tools';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openStore } from '../../src/store/open.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { finished, runCli, spawnCli } from '../helpers/cli.js';
import { manualClock, tempDir } from '../helpers/store.js';

/** Fault relay: accepts connections and reads every frame, answers nothing (no OK, no EOSE). */
async function startSilentRelay() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const frames: string[] = [];
  const waiters: (() => void)[] = [];
  server.on('connection', (ws) => {
    ws.on('message', (data) => {
      frames.push(data.toString());
      for (const wake of waiters.splice(0)) wake();
    });
    ws.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    /** Resolves with the first EVENT frame, exactly as it arrived. */
    async eventFrame(): Promise<string> {
      for (;;) {
        const frame = frames.find((f) => f.startsWith('["EVENT"'));
        if (frame) return frame;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const ws of server.clients) ws.terminate();
        server.close(() => resolve());
      }),
  };
}

describe('kill -9 during post', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => relay?.stop());

  it('leaves the event pending; outbox flush then delivers it byte for byte', async () => {
    const home = tempDir('nostr-tui-crash-');
    const env = { NOSTR_TUI_HOME: home };
    const sk = generateSecretKey();
    const imported = await runCli(['key', 'import', nsecEncode(sk)], env);
    expect(imported.code).toBe(0);

    const silent = await startSilentRelay();
    const child = spawnCli(['post', 'this must not be lost', '--relay', silent.url], env);
    const exit = finished(child);
    // The relay has the EVENT: by the rule "outbox before network" it is in the outbox now.
    const frame = await silent.eventFrame();
    child.kill('SIGKILL');
    const killed = await exit;
    expect(killed.signal).toBe('SIGKILL');
    await silent.stop();

    const sent = JSON.parse(frame) as ['EVENT', Event];
    expect(sent[1].pubkey).toBe(getPublicKey(sk));
    const store = openStore(path.join(home, 'data'), { clock: manualClock() });
    const pending = store.outbox.pending();
    store.close();
    expect(pending.map((e) => e.event.id)).toEqual([sent[1].id]);
    // What was saved is exactly what went out.
    expect(frame).toBe(`["EVENT",${pending[0]!.raw}]`);

    const listed = await runCli(['outbox', '--json'], env);
    expect(JSON.parse(listed.stdout).map((e: { id: string }) => e.id)).toEqual([sent[1].id]);

    const flushed = await runCli(['outbox', 'flush', '--relay', relay.url], env);
    expect(flushed.stderr).toBe('');
    expect(flushed.code).toBe(0);
    const [onRelay] = await relay.find({ ids: [sent[1].id] });
    // Same id, same signature, same everything: the saved event, not a re-signed copy.
    expect(onRelay).toEqual(sent[1]);

    const after = await runCli(['outbox', '--json'], env);
    expect(after.stdout).toBe('[]\n');
  });

  it('any command that connects also sends what earlier runs left pending', async () => {
    const home = tempDir('nostr-tui-retry-');
    const env = { NOSTR_TUI_HOME: home };
    const sk = generateSecretKey();
    expect((await runCli(['key', 'import', nsecEncode(sk)], env)).code).toBe(0);
    const store = openStore(path.join(home, 'data'), { clock: manualClock() });
    const earlier = finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [], content: 'left over' }, sk);
    store.outbox.add(earlier);
    store.close();

    const posted = await runCli(['post', 'a new note', '--json', '--relay', relay.url], env);
    expect(posted.code).toBe(0);
    const fresh = (JSON.parse(posted.stdout) as { id: string }).id;
    const found = await relay.find({ ids: [earlier.id, fresh] });
    expect(found.map((e) => e.id).sort()).toEqual([earlier.id, fresh].sort());
    expect((await runCli(['outbox', '--json'], env)).stdout).toBe('[]\n');
  });
});
