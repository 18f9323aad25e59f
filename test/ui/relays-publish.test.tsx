// The relays panel publishes the relay list as `nostr-tui relay add` does (NIP-65
// kind 10002, changed from its newest copy), over the real services and relays:
// `a` with a secret key changes the config and the published list together; when
// no relay answers the lookup, neither changes.
import { render } from 'ink-testing-library';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigStore } from '../../src/store/config.js';
import { App } from '../../src/ui/App.js';
import { realServices, type RealServices } from '../helpers/real-services.js';
import { closedPort, startRelay, type TestRelay } from '../helpers/relay.js';
import { keys, waitForFrame } from './frames.js';

const NOW = 1_700_000_000;
const me = generateSecretKey();
const ME = getPublicKey(me);

describe('relays panel: the published relay list', () => {
  const relays: TestRelay[] = [];
  let real: RealServices | undefined;
  let unmount: (() => void) | undefined;
  afterEach(async () => {
    unmount?.();
    await real?.close();
    for (const relay of relays.splice(0)) await relay.stop();
  });

  const open = (url: string) => {
    real = realServices({ pubkey: ME, secretKey: me, relays: [url], nowSec: NOW, prefix: 'nostr-tui-relays-panel-' });
    const config = new ConfigStore(real.client.paths.configDir);
    config.setRelays([{ url, read: true, write: true }]);
    const app = render(<App services={real.services} size={{ columns: 100, rows: 30 }} color={false} />);
    unmount = app.unmount;
    const frame = (check: (f: string) => boolean) => waitForFrame(app.lastFrame, check, 10_000);
    /** Once `ready` shows (the app reads keys): R, a, the URL typed, Enter. */
    const addInPanel = async (ready: string, typed: string) => {
      await frame((f) => f.includes(ready));
      if (!app.lastFrame()!.includes(' · Relays')) app.stdin.write('R');
      await frame((f) => f.includes(' · Relays'));
      app.stdin.write('a');
      await frame((f) => f.includes('add relay: ▏'));
      app.stdin.write(typed);
      await frame((f) => f.includes(`add relay: ${typed}▏`));
      app.stdin.write(keys.enter);
    };
    return { config, frame, addInPanel, press: (input: string) => app.stdin.write(input) };
  };

  it('a adds the relay to the config and to the published kind 10002, from its newest copy', async () => {
    const [one, two] = [await startRelay(), await startRelay()];
    relays.push(one, two);
    // An older list on the relay, with a relay of another machine: kept, not rebuilt from config.
    await one.seed(finalizeEvent({ kind: 10002, created_at: NOW - 100, tags: [['r', one.url], ['r', 'wss://elsewhere.example', 'read']], content: '' }, me));
    const { config, frame, addInPanel } = open(one.url);
    await addInPanel('the relays sent no notes yet', two.url);
    // The message may wrap over both footer rows.
    await frame((f) => f.replace(/\s+/g, ' ').includes('published to 2 of 2 relays'));
    expect(config.relays().map((r) => r.url)).toEqual([one.url, two.url]);
    for (const relay of [one, two]) {
      const [list] = await relay.find({ kinds: [10002], authors: [ME] });
      expect(list!.created_at).toBeGreaterThan(NOW - 100);
      expect(list!.tags).toEqual([['r', one.url], ['r', 'wss://elsewhere.example', 'read'], ['r', two.url]]);
    }
  });

  it('when no relay answers the lookup, nothing is changed and the panel says why; y changes config.json only', async () => {
    const down = await closedPort();
    // The relay being added is asked too (it may hold a newer list): one on loopback that is down as well.
    const two = await closedPort();
    const { config, frame, addInPanel, press } = open(down);
    const before = config.relays();
    await addInPanel('no relay reachable', two);
    const asked = await frame((f) => f.includes(`add ${two} to config.json only? y/n`) && f.includes('nothing changed yet'));
    expect(asked).toMatch(/nothing changed yet: no relay answered \(\d+ asked\), so your current relay list \(kind 10002\) is\s+unknown/);
    expect(config.relays()).toEqual(before);
    press('n');
    await frame((f) => !f.includes('y/n'));
    expect(config.relays()).toEqual(before);

    await addInPanel(' · Relays', two);
    await frame((f) => f.includes(`add ${two} to config.json only? y/n`));
    press('y');
    // These services run with --relay (test/helpers/real-services.ts): the edit waits for a start without it.
    // The footer wraps where the URL's length puts it.
    await frame((f) => f.replace(/\s+/g, ' ').includes(`added ${two}: saved; used from the next start without --relay; only config.json changed`));
    expect(config.relays()).toEqual([...before, { url: two, read: true, write: true }]);
  });

  it('a bad URL is refused at once, before any lookup, with the command\'s sentence', async () => {
    const one = await startRelay();
    relays.push(one);
    const { config, frame, addInPanel } = open(one.url);
    const before = config.relays();
    await addInPanel('the relays sent no notes yet', 'http://nope');
    const refused = await frame((f) => f.includes('is not a relay URL'));
    expect(refused).not.toContain('nothing changed');
    expect(config.relays()).toEqual(before);
  });
});
