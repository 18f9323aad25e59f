// config.json and keys.json are read, changed and written back whole: commands started together
// (a setup script, `&` in a shell) each read the same file, and the one that wrote last dropped the
// others' changes. Real processes on one home, as a user would start them.
import fs from 'node:fs';
import { npubEncode } from 'nostr-tools/nip19';
import { describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';

vi.setConfig({ testTimeout: 90_000 });

const env = { NOSTR_TUI_DISCOVERY_RELAYS: '' };

describe('commands started together on one home', () => {
  it('six `relay add --local` keep all six relays', async () => {
    const cli = cliHome('nostr-tui-together-');
    const urls = Array.from({ length: 6 }, (_, i) => `wss://relay-${i}.example`);
    const results = await Promise.all(urls.map((url) => cli.run(['relay', 'add', url, '--local'], { env })));
    expect(results.map((r) => [r.code, r.stderr])).toEqual(urls.map(() => [0, '']));
    const config = JSON.parse(fs.readFileSync(cli.file('config.json'), 'utf8')) as { relays: { url: string }[] };
    expect(config.relays.map((relay) => relay.url).filter((url) => url.startsWith('wss://relay-')).sort()).toEqual(urls);
    expect(fs.readdirSync(cli.home).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });

  it('of four `key generate`, one stores its key and the others say a key is there: no npub printed is of a key that is gone', async () => {
    const cli = cliHome('nostr-tui-together-');
    const results = await Promise.all([1, 2, 3, 4].map(() => cli.run(['key', 'generate', '--json'], { env })));
    const created = results.filter((r) => r.code === 0);
    expect(created).toHaveLength(1);
    const stored = JSON.parse(fs.readFileSync(cli.file('keys.json'), 'utf8')) as { pubkey: string };
    expect(JSON.parse(created[0]!.stdout)).toEqual({ npub: npubEncode(stored.pubkey), pubkey: stored.pubkey });
    for (const refused of results.filter((r) => r.code !== 0)) {
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^nostr-tui: (a key is already stored|.*keys\.json changed while this command ran)/);
    }
  });
});
