// The first feed, opened while Ink loads (src/ui/wire.ts openFirstFeedEarly), on a first start
// with no follow list cached: Global is asked for while the relays are asked for the list, not
// after their answer; a list found closes it and Home opens instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { prepareServices, type StartedServices } from '../../src/ui/wire.js';
import { signed, startFaultRelay, type FaultRelay, type FaultReq } from '../helpers/fault-relay.js';
import { until } from '../helpers/until.js';

const me = generateSecretKey();
const alice = generateSecretKey();
const now = Math.floor(Date.now() / 1000);
const note = signed(alice, { created_at: now - 60, content: 'a note on Global' });

const asksFollows = (req: FaultReq) => req.filters.some((f) => f.kinds?.includes(3) && f.authors?.includes(getPublicKey(me)));
const asksGlobal = (req: FaultReq) => req.filters.some((f) => f.kinds?.includes(1) && !f.authors && !f['#p'] && !f.ids);

describe('the first feed on a first start', () => {
  let relay: FaultRelay | undefined;
  let services: StartedServices | undefined;
  let home: string | undefined;
  afterEach(async () => {
    await services?.close();
    await relay?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  async function start(script: Parameters<typeof startFaultRelay>[0], withKey = true) {
    relay = await startFaultRelay(script);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-first-feed-'));
    if (withKey) new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    services = await prepareServices(
      { paths: resolvePaths({ NOSTR_TUI_HOME: home }), env: {}, clock: systemClock, stdin: new PassThrough(), stderr: new PassThrough() },
      [relay.url],
    );
    return services;
  }

  it('asks for Global while the follow list is still unanswered, and shows its notes', async () => {
    let followsReq: FaultReq | undefined;
    let globalAsked = false;
    const services = await start({
      onReq(req) {
        // The list is answered (none) only once Global has been asked for: before this change,
        // Global waited for that answer, and the lookup for its 2.5 s timeout.
        if (asksFollows(req)) {
          followsReq = req;
          if (globalAsked) req.eose();
          return;
        }
        if (asksGlobal(req)) {
          globalAsked = true;
          req.event(note);
          followsReq?.eose();
        }
        req.eose();
      },
    });
    expect(await services.follows()).toEqual([]);
    // Answered by the relay, not by the lookup's timeout: Global had been asked for by then.
    expect(globalAsked).toBe(true);
    const feed = services.openFeed('global', []);
    await until(() => feed.timeline.get?.(note.id), 'the Global note');
  });

  it('asks for the follow list before Global, so that its answer is not queued behind Global\'s notes', async () => {
    const services = await start({ onReq: (req) => req.eose() });
    await services.firstNotes;
    const reqs = relay!.received.filter((r) => r.message[0] === 'REQ').map((r) => ({ subId: r.message[1], filters: r.message.slice(2) }) as FaultReq);
    const list = reqs.findIndex(asksFollows);
    const global = reqs.findIndex(asksGlobal);
    expect(list).toBeGreaterThanOrEqual(0);
    expect(global).toBeGreaterThan(list);
  });

  it('closes the Global it asked for when a follow list is found, and opens Home', async () => {
    const list = signed(me, { kind: 3, created_at: now - 100, tags: [['p', getPublicKey(alice)]] });
    const services = await start({
      onReq(req) {
        if (asksFollows(req)) req.event(list);
        req.eose();
      },
    });
    expect(await services.follows()).toEqual([getPublicKey(alice)]);
    const global = relay!.received.find((r) => r.message[0] === 'REQ' && (r.message.slice(2) as Array<{ kinds?: number[]; authors?: string[] }>).some((f) => f.kinds?.includes(1) && !f.authors));
    expect(global, 'Global asked for while the list was looked up').toBeDefined();
    await relay!.waitFor((r) => r.message[0] === 'CLOSE' && r.message[1] === global!.message[1]);
    await relay!.waitFor((r) => r.message[0] === 'REQ' && (r.message.slice(2) as Array<{ authors?: string[] }>).some((f) => f.authors?.includes(getPublicKey(alice))));
  });

  // The first frame waits a moment for these notes (src/ui/run.tsx FIRST_NOTES_WAIT_MS): what it
  // waits on says when they are in.
  it('says the first notes are in once the first feed holds one', async () => {
    let answer: (() => void) | undefined;
    const services = await start({
      onReq(req) {
        if (asksGlobal(req)) {
          // Held until the test has seen that nothing else says the notes are in.
          answer = () => {
            req.event(note);
            req.eose();
          };
          return;
        }
        req.eose();
      },
    });
    let inFirst = false;
    void services.firstNotes.then(() => (inFirst = true));
    expect(await services.follows()).toEqual([]);
    await until(() => answer, 'the Global request');
    expect(inFirst).toBe(false);
    answer!();
    await services.firstNotes;
    const feed = services.openFeed('global', []);
    expect(feed.timeline.get?.(note.id)).toEqual(note);
  });

  it('says so too when every relay answered with no notes', async () => {
    const services = await start({ onReq: (req) => req.eose() });
    // Resolved by the answers themselves (a relay that never answered would hold it for the
    // follow list's 2.5 s and the feed's EOSE timeout, past this test's time).
    await services.firstNotes;
    expect(services.openFeed('global', []).timeline.view().length).toBe(0);
  });

  it('says there is nothing to wait for without a key (the first screen offers one), even while the relays are silent', async () => {
    const services = await start({ onReq: () => {} }, false);
    expect(services.publicKey()).toBeUndefined();
    // Settled within this turn of the event loop (the relays would have held it for their timeout).
    const turn = new Promise((resolve) => setImmediate(() => resolve('a turn later')));
    expect(await Promise.race([services.firstNotes.then(() => 'settled'), turn])).toBe('settled');
  });
});
