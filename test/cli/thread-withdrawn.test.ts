// `nostr-tui thread` on several real relays, as a reader meets them: a reply its author deleted
// (NIP-09) while another relay still holds it, a reply past its expiration (NIP-40), a thread the
// cache holds when no relay answers, and relays that answer only in part.
import { noteEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, type Event } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';

vi.setConfig({ testTimeout: 60_000 });

const [alice, bob, carol, mallory] = [1, 2, 3, 4].map(() => generateSecretKey()) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
const now = Math.floor(Date.now() / 1000);
const sign = (key: Uint8Array, kind: number, content: string, at: number, tags: string[][] = []) =>
  finalizeEvent({ kind, created_at: now - at, tags, content }, key);
const reply = (key: Uint8Array, content: string, at: number, root: Event, parent?: Event, more: string[][] = []) =>
  sign(key, 1, content, at, [['e', root.id, '', 'root'], ...(parent ? [['e', parent.id, '', 'reply']] : []), ['p', (parent ?? root).pubkey], ...more]);
const deletion = (key: Uint8Array, target: Event, at: number) => sign(key, 5, '', at, [['e', target.id], ['k', '1']]);

const root = sign(alice, 1, 'ROOT what should we build?', 3000);
const kept = reply(bob, 'BREP a terminal client', 2900, root);
const nested = reply(alice, 'NESTED yes, a terminal one', 2800, root, kept);
const gone = reply(carol, 'CREP carol replies', 2700, root);
const expired = reply(carol, 'EXPREP expired reply', 2600, root, undefined, [['expiration', String(now - 600)]]);

/** Lines of `thread` output that hold a note's text (the heads carry ' · '). */
const texts = (stdout: string) => stdout.split('\n').filter((line) => line.trim() && !line.includes(' · ')).map((line) => line.trim());

describe('thread', () => {
  let r2: TestRelay;
  let r3: TestRelay;
  let liar: FaultRelay;
  beforeAll(async () => {
    [r2, r3] = await Promise.all([startRelay(), startRelay()]);
    await r3.seed(root, kept, nested, gone);
    await r2.seed(root);
    // Carol deleted her reply: the request is on r2, while r3 still holds the reply. Mallory's
    // "deletion" of bob's reply names someone else's note and counts for nothing (NIP-09).
    await r2.keepDeletion(deletion(carol, gone, 2000));
    await r2.keepDeletion(deletion(mallory, kept, 2000));
    // A relay that sends a reply whose expiration has passed (a relay need not drop it, NIP-40).
    liar = await startFaultRelay({
      onReq(req) {
        if (req.filters.some((filter) => filter['#e']?.includes(root.id))) req.event(expired);
        req.eose();
      },
    });
  });
  afterAll(async () => {
    await Promise.all([r2?.stop(), r3?.stop(), liar?.stop()]);
  });

  it('leaves out a reply its author deleted on another relay, and one that has expired; a deletion by someone else is ignored', async () => {
    const { cli } = await cliUser('nostr-tui-thread-withdrawn-');
    const result = await cli.run(['thread', noteEncode(root.id), '--relay', r2.url, '--relay', r3.url, '--relay', liar.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(texts(result.stdout)).toEqual(['ROOT what should we build?', 'BREP a terminal client', 'NESTED yes, a terminal one']);
    // The deletion request is in the cache now: asked of r3 alone, the reply stays out.
    const again = await cli.run(['thread', noteEncode(root.id), '--json', '--relay', r3.url]);
    expect(again.code).toBe(0);
    const ids = again.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { event: Event }).event.id);
    expect(ids).toEqual([root.id, kept.id, nested.id]);
  });

  it('with no relay answering, prints the thread the cache holds and says so on one line (exit 0)', async () => {
    const { cli } = await cliUser('nostr-tui-thread-offline-');
    const warm = await cli.run(['thread', root.id, '--relay', r3.url, '--relay', r2.url]);
    expect(warm.code).toBe(0);
    const dead = await closedPort();
    const offline = await cli.run(['thread', root.id, '--relay', dead]);
    expect(texts(offline.stdout)).toEqual(['ROOT what should we build?', 'BREP a terminal client', 'NESTED yes, a terminal one']);
    expect(offline.stderr).toBe(
      'nostr-tui: warning: no relay answered (1 asked); showed the 3 cached notes of this thread. Check your connection or relays (`nostr-tui relay list`).\n',
    );
    expect(offline.code).toBe(0);
    // Asked for a reply, the cache gives its root above it and its replies below.
    const fromReply = await cli.run(['thread', noteEncode(kept.id), '--json', '--relay', dead]);
    expect(fromReply.code).toBe(0);
    const rows = fromReply.stdout.trim().split('\n').map((line) => JSON.parse(line) as { depth: number; focus: boolean; event: Event });
    expect(rows.map((row) => [row.event.content, row.depth, row.focus])).toEqual([
      ['ROOT what should we build?', 0, false],
      ['BREP a terminal client', 1, true],
      ['NESTED yes, a terminal one', 2, false],
    ]);
    expect(fromReply.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('names the relays that did not answer when others did', async () => {
    const { cli } = await cliUser('nostr-tui-thread-partial-');
    const dead = await closedPort();
    const result = await cli.run(['thread', root.id, '--relay', r3.url, '--relay', dead]);
    expect(texts(result.stdout)).toContain('BREP a terminal client');
    expect(result.stderr).toBe(`nostr-tui: note: ${dead} did not answer; the thread is as the other relays and the cache have it.\n`);
    expect(result.code).toBe(0);
  });

  it('a note nobody has, with no relay answering, is exit 1', async () => {
    const { cli } = await cliUser('nostr-tui-thread-nobody-');
    const result = await cli.run(['thread', root.id, '--relay', await closedPort()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
