// Issue 16 item 10: `timeline --relay X` with one unsent post used to send it
// to X, and a post that a relay never answers made every later command wait
// for its retry. Now only commands that write send the outbox, each entry only
// to the relays it was meant for, and a read command neither sends nor waits.
import fs from 'node:fs';
import path from 'node:path';
import { noteEncode, nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { openStore } from '../../src/store/open.js';
import { cliHome, runningCli } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { manualClock } from '../helpers/store.js';
import { until } from '../helpers/until.js';

vi.setConfig({ testTimeout: 90_000 });

let intended: TestRelay;
let other: TestRelay;
beforeAll(async () => {
  [intended, other] = await Promise.all([startRelay(), startRelay()]);
});
afterAll(async () => {
  await Promise.all([intended?.stop(), other?.stop()]);
});

/** Fault relay: takes connections and frames, never answers (no OK, no EOSE). Counts EVENT frames. */
async function startSilentRelay() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  let events = 0;
  let connections = 0;
  server.on('connection', (ws) => {
    connections++;
    ws.on('message', (data) => {
      if (data.toString().startsWith('["EVENT"')) events++;
    });
    ws.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
    events: () => events,
    connections: () => connections,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const ws of server.clients) ws.terminate();
        server.close(() => resolve());
      }),
  };
}

/** A home with a key and one unsent note meant for `relays`. */
async function homeWithPending(relays: string[]) {
  const cli = cliHome('nostr-tui-intent-');
  const sk = generateSecretKey();
  expect((await cli.run(['key', 'import', nsecEncode(sk)])).code).toBe(0);
  const pending = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content: 'meant for one relay' }, sk);
  const store = openStore(path.join(cli.home, 'data'), { clock: manualClock(Date.now() - 60_000) });
  store.outbox.add(pending, relays);
  store.close();
  return { cli, sk, pubkey: getPublicKey(sk), pending };
}

describe('the outbox goes where it was meant to, from writing commands only', () => {
  it('timeline --relay X with one unsent post does not send it to X (nor anywhere), and the post stays pending', async () => {
    const { cli, pending } = await homeWithPending([intended.url]);
    const result = await cli.run(['timeline', '--global', '--relay', other.url]);
    expect(result.code).toBe(0);
    expect(await other.find({ ids: [pending.id] })).toEqual([]);
    expect(await intended.find({ ids: [pending.id] })).toEqual([]);
    const listed = await cli.run(['outbox', '--json']);
    expect(JSON.parse(listed.stdout).map((e: { id: string }) => e.id)).toEqual([pending.id]);
  });

  it('post --relay B sends an earlier unsent note only to its own relay A, and the new one only to B', async () => {
    const { cli, pending } = await homeWithPending([intended.url]);
    const posted = await cli.run(['post', 'new note', '--json', '--relay', other.url]);
    expect(posted.code).toBe(0);
    const fresh = (JSON.parse(posted.stdout) as { id: string }).id;
    expect((await intended.find({ ids: [pending.id] })).map((e) => e.id)).toEqual([pending.id]);
    expect(await other.find({ ids: [pending.id] })).toEqual([]);
    expect(await intended.find({ ids: [fresh] })).toEqual([]);
    expect((await cli.run(['outbox', '--json'])).stdout).toBe('[]\n');
  });

  it('a read command never waits for a relay that never answers a pending post', async () => {
    const silent = await startSilentRelay();
    try {
      const { cli } = await homeWithPending([silent.url]);
      const result = await cli.run(['timeline', '--global', '--relay', other.url]);
      expect(result.code).toBe(0);
      // Not even a connection: there is no retry for the exit to wait on (the
      // publish timeout it used to wait for is several seconds).
      expect(silent.connections()).toBe(0);
      expect(silent.events()).toBe(0);
    } finally {
      await silent.stop();
    }
  });

  it('outbox flush says each entry as soon as it is done with: one a relay never answers holds back only itself', async () => {
    const silent = await startSilentRelay();
    const { cli, sk, pending } = await homeWithPending([intended.url]);
    const stuck = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content: 'meant for a silent relay' }, sk);
    const store = openStore(path.join(cli.home, 'data'), { clock: manualClock(Date.now() - 30_000) });
    store.outbox.add(stuck, [silent.url]);
    store.close();
    const run = runningCli(['outbox', 'flush'], { NOSTR_TUI_HOME: cli.home, NOSTR_TUI_DISCOVERY_RELAYS: '' });
    try {
      await until(() => run.stdout().includes(`  ${intended.url}  accepted\n`) || undefined, 'the older entry, before the silent relay times out');
      expect(run.stdout().startsWith(`${noteEncode(pending.id)}  delivered\n`)).toBe(true);
      expect(run.stdout()).not.toContain(noteEncode(stuck.id));
      await until(() => silent.events() > 0 || undefined, 'the newer entry sent to the silent relay');
      expect(run.exited()).toBe(false);
    } finally {
      await run.interrupt();
      await silent.stop();
    }
  });

  it('outbox flush sends each entry to its own relays; --relay sends them there instead', async () => {
    const { cli, pending } = await homeWithPending([intended.url]);
    const flushed = await cli.run(['outbox', 'flush']);
    expect(flushed.code).toBe(0);
    expect(flushed.stdout).toContain(intended.url);
    expect(flushed.stdout).not.toContain(other.url);
    expect((await intended.find({ ids: [pending.id] })).length).toBe(1);
    expect(await other.find({ ids: [pending.id] })).toEqual([]);

    // Meant for a relay the user no longer writes to (it is gone): still not sent elsewhere, and the user is told how.
    const gone = await startSilentRelay();
    await gone.stop();
    const left = await homeWithPending([gone.url]);
    fs.writeFileSync(left.cli.file('config.json'), JSON.stringify({ relays: [{ url: other.url, read: true, write: true }] }));
    const stranded = await left.cli.run(['outbox', 'flush']);
    expect(stranded.code).toBe(1);
    expect(stranded.stderr).toContain(
      `nostr-tui: ${noteEncode(left.pending.id)} was meant for relays you no longer write to; \`nostr-tui outbox flush --relay <url>\` sends it to a relay you name.\n`,
    );
    expect(await other.find({ ids: [left.pending.id] })).toEqual([]);

    const second = await homeWithPending([intended.url]);
    const overridden = await second.cli.run(['outbox', 'flush', '--relay', other.url]);
    expect(overridden.code).toBe(0);
    expect((await other.find({ ids: [second.pending.id] })).length).toBe(1);
  });
});
