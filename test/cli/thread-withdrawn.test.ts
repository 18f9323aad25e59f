// `nostr-tui thread` on several real relays, as a reader meets them: a reply its author deleted
// (NIP-09) while another relay still holds it, a reply past its expiration (NIP-40).
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

  it('a note nobody has, with no relay answering, is exit 1', async () => {
    const { cli } = await cliUser('nostr-tui-thread-nobody-');
    const result = await cli.run(['thread', root.id, '--relay', await closedPort()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
