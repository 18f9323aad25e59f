// A note no relay accepted must not look published (issue #16 item 11): the
// UI marks the user's unsent notes with the reason, and the mark leaves when
// a retry of the outbox gets the note accepted.
import { render } from 'ink-testing-library';
import type { Event } from 'nostr-tools';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushOutbox } from '../../src/client/outbox-flush.js';
import { App } from '../../src/ui/App.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { until } from '../helpers/until.js';
import { keys, waitForFrame } from './frames.js';

vi.setConfig({ testTimeout: 30_000 });

const NOW = Math.floor(Date.now() / 1000);
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Refuses the first note it is sent for now (rate-limited), accepts later ones. */
async function slowToAccept(): Promise<FaultRelay & { sent: Event[] }> {
  const sent: Event[] = [];
  const relay = await startFaultRelay({
    onReq: (req) => req.eose(),
    onEvent(event, conn) {
      sent.push(event);
      conn.send(['OK', event.id, sent.length > 1, sent.length > 1 ? '' : 'rate-limited: slow down']);
    },
  });
  return Object.assign(relay, { sent });
}

describe('unsent notes are marked', () => {
  it('a post one relay accepts while another never answers: the composer closes once it is saved, and it is not marked', async () => {
    const accepting = await startFaultRelay({ onReq: (req) => req.eose(), onEvent: (event, conn) => conn.send(['OK', event.id, true, '']) });
    // Takes the EVENT and never answers: the pool gives it 8 s.
    const silent = await startFaultRelay({ onReq: (req) => req.eose() });
    const secretKey = generateSecretKey();
    const run: RealServices = realServices({ pubkey: getPublicKey(secretKey), secretKey, relays: [accepting.url, silent.url], nowSec: NOW, prefix: 'nostr-tui-unsent-' });
    const app = render(<App services={run.services} size={{ columns: 100, rows: 24 }} color={false} />);
    cleanup.push(() => accepting.stop(), () => silent.stop(), () => run.close(), () => app.unmount());
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);

    await frame((f) => f.includes('Global') || f.includes('Home'));
    app.stdin.write('n');
    await frame((f) => f.includes('── New note'));
    app.stdin.write('to both relays');
    await frame((f) => f.includes('to both relays▏'));
    app.stdin.write(keys.enter);
    await silent.waitFor((r) => r.message[0] === 'EVENT');
    // Delivered at the first acceptance: the outbox does not wait for the silent relay.
    await until(() => run.client.store().outbox.pending().length === 0, 'delivered');
    const shown = await frame((f) => f.includes('to both relays') && !f.includes('── New note') && !f.includes('not sent'));
    // The silent relay's answer is still awaited: the footer says so, and will report it.
    expect(shown).toContain('post: sending…');
  });

  it('a refused post shows "not sent" with the reason; once a retry delivers it, the mark goes', async () => {
    const relay = await slowToAccept();
    const secretKey = generateSecretKey();
    const run: RealServices = realServices({ pubkey: getPublicKey(secretKey), secretKey, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-unsent-' });
    const app = render(<App services={run.services} size={{ columns: 100, rows: 24 }} color={false} />);
    cleanup.push(() => relay.stop(), () => run.close(), () => app.unmount());
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);

    await frame((f) => f.includes('Global') || f.includes('Home'));
    app.stdin.write('n');
    await frame((f) => f.includes('── New note'));
    app.stdin.write('first try');
    await frame((f) => f.includes('first try▏'));
    app.stdin.write(keys.enter);
    // The mark says "waiting for a relay" until the relay's OK false arrives: wait for the refusal.
    const refused = await frame((f) => f.includes('✗ not sent: rejected'));
    const host = relay.url.replace('ws://', '');
    expect(refused).toContain(`✗ not sent: rejected by ${host} (rate-limited: slow down)`);
    expect(refused).toContain('first try');

    // The same retry the UI starts in the background (src/client/client.ts), on the same outbox.
    const report = await flushOutbox(run.client.store().outbox, run.client.pool(), { relays: [relay.url] });
    expect(report).toMatchObject({ delivered: 1, pending: 0 });
    const delivered = await frame((f) => !f.includes('not sent') && f.includes('first try'));
    expect(delivered).not.toContain('✗');
    expect(relay.sent.map((event) => event.content)).toEqual(['first try', 'first try']);
  });

  it('a note sent while its relay was down goes out when the relay is back, while the app runs; the mark goes', async () => {
    let down = false;
    const sent: Event[] = [];
    const relay = await startFaultRelay({
      refuse: () => down,
      onReq: (req) => req.eose(),
      onEvent(event, conn) {
        sent.push(event);
        conn.send(['OK', event.id, true, '']);
      },
    });
    const secretKey = generateSecretKey();
    const run: RealServices = realServices({ pubkey: getPublicKey(secretKey), secretKey, relays: [relay.url], nowSec: NOW, prefix: 'nostr-tui-unsent-', retryOutbox: 'background' });
    const app = render(<App services={run.services} size={{ columns: 100, rows: 24 }} color={false} />);
    cleanup.push(() => relay.stop(), () => run.close(), () => app.unmount());
    const frame = (check: (f: string) => boolean, ms = 10_000) => waitForFrame(app.lastFrame, check, ms);

    await frame((f) => / relays 1\/1$/m.test(f));
    down = true;
    relay.dropAll();
    await frame((f) => / relays 0\/1$/m.test(f));
    app.stdin.write('n');
    await frame((f) => f.includes('── New note'));
    app.stdin.write('while offline');
    await frame((f) => f.includes('while offline▏'));
    app.stdin.write(keys.enter);
    await frame((f) => f.includes('✗ not sent: no relay reachable, will retry'));
    expect(sent).toEqual([]);

    // The relay is back: the pool reconnects (its back-off), and the retry follows, with no key pressed.
    down = false;
    const delivered = await frame((f) => f.includes('while offline') && !f.includes('not sent'), 20_000);
    expect(delivered).not.toContain('✗');
    expect(sent.map((event) => event.content)).toEqual(['while offline']);
    expect(run.client.store().outbox.pending()).toEqual([]);
  });
});
