// The chat's composer is free for the next message once the last one is saved in the outbox, not
// after the slowest of the recipient's DM relays has answered (one that takes the EVENT and never
// answers held every key for 8 s). Over the real services, a real relay and a silent one.
import { render } from 'ink-testing-library';
import * as nip19 from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { shortNpub } from '../../src/core/identifiers.js';
import { App } from '../../src/ui/App.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { keys, waitForFrame } from './frames.js';

let relay: TestRelay | undefined;
let silent: FaultRelay | undefined;
let run: RealServices | undefined;
let unmount: (() => void) | undefined;
afterEach(async () => {
  unmount?.();
  await run?.close();
  await Promise.all([relay?.stop(), silent?.stop()]);
});

describe('sending in a private chat', () => {
  it('frees the composer once the message is saved, while a DM relay has not answered', async () => {
    const me = generateSecretKey();
    const alice = generateSecretKey();
    relay = await startRelay();
    silent = await startFaultRelay({ onReq: (req) => req.eose() });
    const now = Math.floor(Date.now() / 1000);
    // Alice receives at both: the real relay, and one that never answers an EVENT.
    await relay.seed(finalizeEvent({ kind: 10050, created_at: now - 100, tags: [['relay', relay.url], ['relay', silent.url]], content: '' }, alice));
    run = realServices({ pubkey: getPublicKey(me), secretKey: me, relays: [relay.url], nowSec: now, prefix: 'nostr-tui-chat-send-', configured: true });
    const app = render(<App services={run.services} size={{ columns: 80, rows: 24 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 15_000);

    await frame((f) => f.includes(' · Global'));
    app.stdin.write('M');
    await frame((f) => f.includes(' · Messages'));
    app.stdin.write('n');
    await frame((f) => f.includes('message to: ▏'));
    app.stdin.write(nip19.npubEncode(getPublicKey(alice)));
    app.stdin.write(keys.enter);
    await frame((f) => f.includes(`── To ${shortNpub(getPublicKey(alice))} (private, NIP-17)`));
    app.stdin.write('first message');
    await frame((f) => f.includes('first message▏'));
    app.stdin.write(keys.enter);
    await silent.waitFor((r) => r.message[0] === 'EVENT');
    // Shown, and the composer empty and taking keys, while the silent relay's answer is awaited.
    const freed = await frame((f) => f.includes('first message') && !f.includes('first message▏') && f.includes('message: sending…'));
    expect(freed).not.toContain('(sending…)');
    app.stdin.write('second');
    const typing = await frame((f) => f.includes('second▏'));
    expect(typing).toContain('message: sending…');
  });
});
