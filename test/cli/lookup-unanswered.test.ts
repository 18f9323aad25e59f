// Commands that look a note up (src/client/notes.ts lookUpEvent: the cache, then the relays) say
// "could not find" only of relays that answered: when none did, the note may well exist, and the
// line says no relay answered; when some did, those that did not are named.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';
import { closedPort } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();
const MISSING = 'ab'.repeat(32);

/** Each command that finds a note first, with what it says it did not do. */
const COMMANDS: Array<{ args: string[]; what: string; then: string; hint: boolean }> = [
  { args: ['thread', MISSING], what: 'that note', then: '', hint: true },
  { args: ['delete', MISSING], what: 'that note', then: '; nothing was deleted', hint: false },
  { args: ['like', MISSING], what: 'that note', then: '; nothing was sent', hint: true },
  { args: ['unrepost', MISSING], what: 'that note', then: '; nothing was sent', hint: true },
  { args: ['bookmark', MISSING], what: 'that note', then: '; nothing was saved', hint: true },
  { args: ['post', '--reply', MISSING, 'hello'], what: 'the note to reply to', then: '; nothing was posted', hint: true },
];

describe('a note looked up while relays do not answer', () => {
  it('no relay answered: each command says so (not that the note does not exist), exit 1', async () => {
    const { cli } = await cliUser('nostr-tui-lookup-none-');
    const dead = await closedPort();
    for (const { args, what, then } of COMMANDS) {
      const result = await cli.run([...args, '--relay', dead]);
      expect(result.code, args[0]).toBe(1);
      expect(result.stdout, args[0]).toBe('');
      expect(result.stderr, args[0]).toBe(
        `nostr-tui: could not look up ${what}: no relay answered (1 asked) and the cache does not have it${then}. ` +
          'Check your connection or relays (`nostr-tui relay list`).\n',
      );
    }
    // Nothing was signed on the way.
    expect(JSON.parse((await cli.run(['outbox', '--json'])).stdout)).toEqual([]);
  });

  it('one relay answered without it, one did not: not found, naming the one that did not answer, exit 1', async () => {
    const { cli } = await cliUser('nostr-tui-lookup-some-');
    const dead = await closedPort();
    for (const { args, what, then, hint } of COMMANDS) {
      const result = await cli.run([...args, '--relay', relay.url, '--relay', dead]);
      expect(result.code, args[0]).toBe(1);
      const asides = [`${dead} did not answer`, ...(hint ? ['an nevent1… with relay hints helps'] : [])].join('; ');
      expect(result.stderr, args[0]).toBe(`nostr-tui: could not find ${what} in the cache or on your relays (${asides})${then}.\n`);
    }
  });

  it('a repost in the cache whose note no relay could be asked for: says no relay answered, nothing sent, exit 1', async () => {
    const { cli } = await cliUser('nostr-tui-lookup-repost-');
    const repost = finalizeEvent({ kind: 6, created_at: Math.floor(Date.now() / 1000) - 60, tags: [['e', MISSING]], content: '' }, generateSecretKey());
    await relay.seed(repost);
    // Read once from the relay: the repost is in the cache.
    expect((await cli.run(['thread', repost.id, '--relay', relay.url])).code).toBe(0);
    const dead = await closedPort();
    const result = await cli.run(['like', repost.id, '--relay', dead]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'nostr-tui: could not look up the note that repost carries: no relay answered (1 asked) and the cache does not have it; nothing was sent. ' +
        'Check your connection or relays (`nostr-tui relay list`).\n',
    );
  });
});
