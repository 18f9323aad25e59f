// The footer's line after a send in a group chat, over the real services and the real relay:
// Dave lists DM relays (kind 10050), Erin only read relays (NIP-65), and the user says yes to
// hers, so the line names both routes. The line's other cases (none or some took it, --relay) from
// the wraps' results.
import { render } from 'ink-testing-library';
import * as nip17 from 'nostr-tools/nip17';
import * as nip59 from 'nostr-tools/nip59';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { sentLine } from '../../src/ui/dms-wire.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { keys, waitForFrame } from './frames.js';

let relay: TestRelay | undefined;
let run: RealServices | undefined;
afterAll(async () => {
  await run?.close();
  await relay?.stop();
});

describe('the footer after a group send', () => {
  it('names each route when one person got it on their DM relays and another on their read relays', async () => {
    relay = await startRelay();
    const [me, dave, erin] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
    const [ME, DAVE, ERIN] = [me, dave, erin].map((key) => getPublicKey(key));
    const now = Math.floor(Date.now() / 1000);
    await relay.seed(
      finalizeEvent({ kind: 0, created_at: now - 100, tags: [], content: JSON.stringify({ name: 'dave' }) }, dave),
      finalizeEvent({ kind: 0, created_at: now - 100, tags: [], content: JSON.stringify({ name: 'erin' }) }, erin),
      finalizeEvent({ kind: 10050, created_at: now - 100, tags: [['relay', relay.url]], content: '' }, dave),
      finalizeEvent({ kind: 10002, created_at: now - 100, tags: [['r', relay.url, 'read']], content: '' }, erin),
      nip59.wrapEvent({ kind: 14, created_at: now - 10, tags: [['p', ME!], ['p', ERIN!]], content: 'dinner on friday?' }, dave, ME!),
    );
    run = realServices({ pubkey: ME!, secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-chat-group-', configured: true });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000);
    await frame((f) => f.includes(' · Global'));
    app.stdin.write('M');
    await frame((f) => /^▸ .*dinner on friday\?/m.test(f));
    app.stdin.write(keys.enter);
    await frame((f) => f.includes('── To ') && f.includes('dave') && f.includes('erin'));
    app.stdin.write('friday works');
    app.stdin.write(keys.enter);
    await frame((f) => f.includes('send to their read relays? y/n (erin: no DM relay list, kind 10050)'));
    app.stdin.write('y');
    const sent = await frame((f) => f.includes('message: sent'));
    expect(sent.split('\n').at(-2)).toBe(' message: sent to everyone: 1 on their DM relays, 1 on their read relays');
    for (const [key, pubkey] of [[dave, DAVE!], [erin, ERIN!]] as const) {
      const found = (await relay.find({ kinds: [1059], '#p': [pubkey] })).map((wrap) => nip17.unwrapEvent(wrap, key).content);
      expect(found).toContain('friday works');
    }
    app.unmount();
  });

  it('says how many no relay took yet, and where --relay sent it', () => {
    const took = { route: 'dm-relays' as const, results: [{ url: 'ws://a', ok: true, outcome: 'accepted' as const, message: '' }] };
    const refused = { route: 'read-relays' as const, results: [{ url: 'ws://b', ok: false, outcome: 'rejected' as const, message: 'blocked' }] };
    expect(sentLine([took])).toBe('message: sent to their DM relays');
    expect(sentLine([took, took])).toBe("message: sent to everyone's DM relays");
    expect(sentLine([took, refused])).toBe('message: sent to 1 of 2; saved in the outbox for the rest');
    expect(sentLine([refused, refused])).toBe('message: saved in the outbox; no relay of theirs accepted it yet');
    expect(sentLine([{ ...took, route: 'pinned' }, { ...took, route: 'pinned' }])).toBe('message: sent to the --relay relays');
  });
});
