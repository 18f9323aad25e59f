// `nostr-tui thread <note>`: the built binary against the real relay. The thread as Enter shows it:
// the root, every reply under the note it answers (NIP-10 marked tags), oldest first, the note
// asked for marked; muted people's replies left out; text from the network cleaned.
import { noteEncode, nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, type Event } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

const [alice, bob, carol, mallory] = [1, 2, 3, 4].map(() => generateSecretKey()) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
const now = Math.floor(Date.now() / 1000);
const note = (key: Uint8Array, content: string, at: number, tags: string[][] = []) => finalizeEvent({ kind: 1, created_at: now - at, tags, content }, key);
const reply = (key: Uint8Array, content: string, at: number, root: Event, parent?: Event) =>
  note(key, content, at, [
    ['e', root.id, '', 'root'],
    ...(parent ? [['e', parent.id, '', 'reply']] : []),
    ['p', (parent ?? root).pubkey],
  ]);

const root = note(alice, 'what should we build?', 600);
const answer = reply(bob, 'a terminal client', 500, root);
const deeper = reply(carol, 'with \u001b[31mcolours\u001b[0m?', 400, root, answer);
const rude = reply(mallory, 'spam spam', 300, root, answer);
const other = reply(carol, 'me too', 200, root);

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
  await relay.seed(root, answer, deeper, rude, other, note(alice, 'unrelated', 100));
});
afterAll(async () => {
  await relay?.stop();
});

describe('thread', () => {
  it('prints the root, the replies under what they answer (oldest first), the note asked for marked; --json gives depth and focus', async () => {
    const { cli, secretKey } = await cliUser('nostr-tui-thread-');
    // The user mutes mallory (NIP-51): her reply is not printed.
    await relay.seed(finalizeEvent({ kind: 10000, created_at: now - 50, tags: [['p', getPublicKey(mallory)]], content: '' }, secretKey));
    const text = await cli.run(['thread', noteEncode(answer.id), '--relay', relay.url]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const heads = text.stdout.split('\n').filter((line) => line.includes(' · '));
    expect(heads).toHaveLength(4);
    // Indented by depth: the root, bob's answer (asked for), carol under it, carol's other reply.
    expect(heads[0]).toMatch(/^npub1\S+ · \d+ minutes ago$/);
    expect(heads[1]).toMatch(/^  ▶ npub1\S+ · \d+ minutes ago$/);
    expect(heads[2]).toMatch(/^    npub1\S+ · \d+ minutes ago$/);
    expect(heads[3]).toMatch(/^  npub1\S+ · \d+ minutes ago$/);
    expect(text.stdout).toContain('\n      with colours?\n');
    expect(text.stdout).not.toContain('\u001b');
    expect(text.stdout).not.toContain('spam');
    expect(text.stdout).not.toContain('unrelated');

    const json = await cli.run(['thread', answer.id, '--json', '--relay', relay.url]);
    expect(json.code).toBe(0);
    const rows = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { depth: number; focus: boolean; event: Event });
    expect(rows.map((row) => [row.event.id, row.depth, row.focus])).toEqual([
      [root.id, 0, false],
      [answer.id, 1, true],
      [deeper.id, 2, false],
      [other.id, 1, false],
    ]);
    // Exactly as signed.
    expect(rows[2]!.event.content).toBe(deeper.content);
  });

  it('a note nobody has is exit 1; bad input exit 2, one line, never echoed', async () => {
    const { cli } = await cliUser('nostr-tui-thread-missing-');
    const missing = await cli.run(['thread', 'ab'.repeat(32), '--relay', relay.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('nostr-tui: could not find that note in the cache or on your relays (an nevent1… with relay hints helps).\n');
    const secret = nsecEncode(generateSecretKey());
    for (const arg of ['nonsense', secret]) {
      const bad = await cli.run(['thread', arg, '--relay', relay.url]);
      expect(bad.code, arg).toBe(2);
      expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(bad.stderr).not.toContain(arg);
    }
  });
});
