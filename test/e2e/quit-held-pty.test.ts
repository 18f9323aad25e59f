// Quitting ends the process while a relay's name is still being looked up. The system's resolver
// (getaddrinfo) cannot be cancelled and the process cannot exit while one runs: with a DNS server
// that never answered, the prompt came back 10 s after the screen. Names are asked of DNS
// directly, and the pool cancels what it still asks as it closes (src/net/lookup.ts). The built
// UI in a real terminal, one relay on 127.0.0.1 and one by a name whose DNS server never answers
// (test/helpers/dns-server.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { runInPty } from '../ui/pty.js';

/**
 * Longer than a quit takes, shorter than what a lookup begun just before it still has to wait
 * (c-ares gives up on a silent server after 2 + 4 s, and the pool starts a new one on each retry).
 */
const QUIT_WITHIN_MS = 3_000;

describe('q while a relay\'s name is still being looked up', () => {
  let relay: TestRelay;
  let dns: TestDnsServer;
  let home: string;

  beforeAll(async () => {
    relay = await startRelay();
    dns = await startDnsServer('silent');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-quit-held-'));
    new KeyStore(home).save({ pubkey: getPublicKey(generateSecretKey()) });
    await relay.seed(finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000) - 60, tags: [], content: 'a note to quit from' }, generateSecretKey()));
  });
  afterAll(async () => {
    await relay.stop();
    await dns.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('gives the terminal back and ends the process (exit 0) at once', async () => {
    const env = { NOSTR_TUI_HOME: home, NO_COLOR: '1', NOSTR_TUI_DNS_SERVERS: dns.server, NOSTR_TUI_DISCOVERY_RELAYS: '' };
    const run = runInPty(['--relay', relay.url, '--relay', 'ws://relay.nostr-tui.test:7777'], env);
    try {
      await run.waitFor((text) => text.includes('a note to quit from'));
      await expect.poll(() => dns.asked.some((q) => q.name === 'relay.nostr-tui.test')).toBe(true);
      run.write('q');
      const kill = setTimeout(() => run.pty.kill('SIGKILL'), QUIT_WITHIN_MS);
      const exit = await run.exited.finally(() => clearTimeout(kill));
      expect(exit).toEqual({ exitCode: 0, signal: 0 });
      // The alternate screen was left after the last frame.
      const raw = run.output();
      expect(raw.lastIndexOf('\u001b[?1049l')).toBeGreaterThan(raw.lastIndexOf('a note to quit from'));
    } finally {
      run.pty.kill();
    }
  }, 30_000);
});
