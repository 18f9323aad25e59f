// NIP-42 for read commands: a relay of the user's list that refuses a REQ with `auth-required:`
// gets an AUTH signed with the key when it is at hand without asking (stored plain, or
// NOSTR_TUI_PASSPHRASE given), and the REQ is sent once more. An encrypted key with no
// passphrase is never asked for: the command says on stderr how to let it answer.
// A fake relay, as @nostr-relay/core never asks for AUTH.
import fs from 'node:fs';
import type { Event } from 'nostr-tools';
import { matchFilters } from 'nostr-tools/filter';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';

vi.setConfig({ testTimeout: 90_000 });

const nowSec = () => Math.floor(Date.now() / 1000);
const env = { NOSTR_TUI_DISCOVERY_RELAYS: '' };
const me = generateSecretKey();
const alice = generateSecretKey();
const stored: Event[] = [
  finalizeEvent({ kind: 3, created_at: nowSec() - 100, tags: [['p', getPublicKey(alice)]], content: '' }, me),
  finalizeEvent({ kind: 1, created_at: nowSec() - 50, tags: [], content: 'only for those who authenticate' }, alice),
];

let relay: FaultRelay;
beforeAll(async () => {
  const authed = new Set<number>();
  const challenges = new Map<number, string>();
  relay = await startFaultRelay({
    onConnect(conn) {
      challenges.set(conn.index, `challenge-${conn.index}`);
      conn.send(['AUTH', `challenge-${conn.index}`]);
    },
    onAuth(event, conn) {
      const ok = verifyEvent(event) && event.kind === 22242 && event.tags.some((t) => t[0] === 'challenge' && t[1] === challenges.get(conn.index));
      if (ok) authed.add(conn.index);
      conn.send(['OK', event.id, ok, ok ? '' : 'auth failed']);
    },
    onReq(req) {
      if (!authed.has(req.conn.index)) return req.closed('auth-required: we only serve authenticated users');
      for (const event of stored) if (matchFilters(req.filters, event)) req.event(event);
      req.eose();
    },
  });
  // The published list names this relay and one that is read only (so not asked by timeline).
  stored.push(finalizeEvent({ kind: 10002, created_at: nowSec() - 100, tags: [['r', relay.url], ['r', 'wss://listed.example', 'write']], content: '' }, me));
});
afterAll(async () => {
  await relay?.stop();
});

async function home(extraEnv: NodeJS.ProcessEnv = {}) {
  const cli = cliHome('nostr-tui-readauth-');
  const run = (args: string[], more: NodeJS.ProcessEnv = {}) => cli.run(args, { env: { ...env, ...extraEnv, ...more } });
  expect((await run(['key', 'import', nsecEncode(me)])).code).toBe(0);
  fs.writeFileSync(cli.file('config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
  return run;
}

describe('read commands answer NIP-42 AUTH', () => {
  it('with a plain key, timeline, following and relay list authenticate and are answered', async () => {
    const run = await home();
    const timeline = await run(['timeline']);
    expect(timeline.stderr).toContain(`relay ${relay.url}: 1 event\n`);
    expect(timeline.stderr).not.toContain('auth');
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain('only for those who authenticate');

    const following = await run(['following']);
    expect(following.stderr).toBe('');
    expect(following.stdout).toBe(`${npubEncode(getPublicKey(alice))}\n`);

    const list = await run(['relay', 'list']);
    expect(list.stderr).toBe('');
    expect(list.stdout).toContain('wss://listed.example');
  });

  it('with an encrypted key and no passphrase, nothing is asked: stderr says how to answer the relay', { timeout: 120_000 }, async () => {
    const run = await home();
    const pass = { NOSTR_TUI_PASSPHRASE: 'correct horse battery' };
    expect((await run(['key', 'encrypt'], pass)).code).toBe(0);

    const locked = await run(['timeline']);
    expect(locked.stdout).not.toContain('only for those who authenticate');
    expect(locked.stderr).toContain(
      `nostr-tui: ${relay.url} wants you to authenticate (NIP-42) and your key is encrypted: set NOSTR_TUI_PASSPHRASE to let commands answer it.\n`,
    );
    expect(locked.stderr).not.toMatch(/[Pp]assphrase for your key/);

    const unlocked = await run(['timeline'], pass);
    expect(unlocked.stderr).toContain(`relay ${relay.url}: 1 event\n`);
    expect(unlocked.stderr).not.toContain('auth');
    expect(unlocked.stdout).toContain('only for those who authenticate');
  });
});
