// A note sent in the first moments of a start, while the relays are still asked for the follow
// list and no feed is open yet: it is shown when the feed opens (src/ui/hooks/use-shown-feed.ts
// keeps it until then; the feed's cache may also paint it).
import { render } from 'ink-testing-library';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { startFaultRelay, type FaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { keys, waitForFrame } from './frames.js';

const NOW = Math.floor(Date.now() / 1000);
let relay: FaultRelay | undefined;
let run: RealServices | undefined;
let unmount: (() => void) | undefined;
afterEach(async () => {
  unmount?.();
  await run?.close();
  await relay?.stop();
});

describe('a note sent before the first feed is open', () => {
  it('is shown when the feed opens', async () => {
    const me = generateSecretKey();
    let listReq: FaultReq | undefined;
    relay = await startFaultRelay({
      onReq(req) {
        // The follow list is answered (none) only when the test says so.
        if (req.filters.some((f) => f.kinds?.includes(3) && f.authors?.includes(getPublicKey(me)))) listReq ??= req;
        else req.eose();
      },
      onEvent: (event, conn) => conn.send(['OK', event.id, true, '']),
    });
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-post-before-feed-' });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);

    await frame((f) => f.includes('you ·'));
    app.stdin.write('n');
    await frame((f) => f.includes('── New note'));
    app.stdin.write('sent before the feed');
    await frame((f) => f.includes('sent before the feed▏'));
    app.stdin.write(keys.enter);
    await frame((f) => f.includes('post: sent to 1/1 relays'));
    expect(listReq).toBeDefined();
    listReq!.eose();
    const shown = await frame((f) => f.includes('Global') && f.includes('sent before the feed') && !f.includes('── New note'));
    expect(shown).not.toContain('not sent');
  });
});
