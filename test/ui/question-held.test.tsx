// A y/n question stays in the footer until its key. Since a post's composer closes once it is
// saved, its relays may answer later, while a question asked meanwhile waits: that answer used to
// replace the question, and the next key still answered a question no longer on screen.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { startFaultRelay, type FaultConnection, type FaultRelay } from '../helpers/fault-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { until } from '../helpers/until.js';
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

describe('a question in the footer', () => {
  it('is not replaced by a post’s relays answering while it waits, and its key still answers it', async () => {
    // Answers a note's EVENT only when the test says so; anything else at once.
    let held: { event: Event; conn: FaultConnection } | undefined;
    relay = await startFaultRelay({
      onReq: (req) => req.eose(),
      onEvent(event, conn) {
        if (event.kind === 1 && !held) held = { event, conn };
        else conn.send(['OK', event.id, true, '']);
      },
    });
    const me = generateSecretKey();
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-question-' });
    // Known when the post's publish is over (its footer message is set right after).
    let published = false;
    const publish = run.services.publish.bind(run.services);
    run.services.publish = (template, onSaved) => publish(template, onSaved).finally(() => (published = true));
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);

    await frame((f) => f.includes(' · Global'));
    app.stdin.write('n');
    await frame((f) => f.includes('── New note'));
    app.stdin.write('soon deleted');
    await frame((f) => f.includes('soon deleted▏'));
    app.stdin.write(keys.enter);
    await frame((f) => f.includes('▌ soon deleted') && f.includes('post: sending…'));
    app.stdin.write('d');
    await frame((f) => f.includes('delete? y/n'));
    // The post's relay answers now.
    held!.conn.send(['OK', held!.event.id, true, '']);
    await until(() => published, 'the post answered by its relay');
    // Turns of the loop for its message to be set and drawn, had it not been held.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(app.lastFrame()).toContain('delete? y/n');
    app.stdin.write('y');
    const deleted = await frame((f) => f.includes('delete your note: sent to 1/1 relays'));
    expect(deleted).not.toContain('soon deleted');
  });
});
