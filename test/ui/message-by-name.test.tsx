// Writing to someone without their npub: `c` on a note opens the private chat with its author,
// and on Messages `n` takes the name of someone the user follows or writes to. Over the real services and
// relay, at 80x24. Nothing is sent on the way: the chat opens with its composer, empty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import * as nip17 from 'nostr-tools/nip17';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { systemClock } from '../../src/core/clock.js';
import { shortNpub } from '../../src/core/identifiers.js';
import { App } from '../../src/ui/App.js';
import { createServices, type WiredServices } from '../../src/ui/wire.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { keys, waitForFrame } from './frames.js';

const me = generateSecretKey();
const bob = generateSecretKey();
const bobby = generateSecretKey();
const stranger = generateSecretKey();

describe('a private message to someone by name, or to the author of a note', () => {
  let relay: TestRelay;
  let home: string;
  let services: WiredServices | undefined;

  beforeAll(async () => {
    relay = await startRelay();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-message-by-name-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
    const now = Math.floor(Date.now() / 1000);
    const profile = (key: Uint8Array, fields: object) => finalizeEvent({ kind: 0, created_at: now - 1_000, tags: [], content: JSON.stringify(fields) }, key);
    await relay.seed(
      profile(bob, { name: 'bob', display_name: 'Bob Builder' }),
      profile(bobby, { name: 'bobby' }),
      // Someone the user does not follow, with a name that would match: never chosen by name.
      profile(stranger, { name: 'carol' }),
      finalizeEvent({ kind: 3, created_at: now - 900, tags: [['p', getPublicKey(bob)], ['p', getPublicKey(bobby)]], content: '' }, me),
      finalizeEvent({ kind: 1, created_at: now - 60, tags: [], content: 'a note by bob' }, bob),
    );
  });
  afterAll(async () => {
    await services?.close();
    await relay?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('c opens the chat with the note\'s author; n on Messages takes the name of someone followed, and says why when it names no one or several', async () => {
    const client = createClient({
      paths: resolvePaths({ NOSTR_TUI_HOME: home }),
      env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '', NODE_ENV: 'test' },
      clock: systemClock,
      stdin: new PassThrough(),
      stderr: new PassThrough(),
    } as Parameters<typeof createClient>[0]);
    services = createServices(client);
    const app = render(<App services={services} size={{ columns: 80, rows: 24 }} color={false} />);
    const frame = (check: (f: string) => boolean | void) => waitForFrame(app.lastFrame, check, 15_000);
    const press = (k: string) => app.stdin.write(k);
    const ask = async (text: string) => {
      press('n');
      await frame((f) => f.includes('message to: ▏  (name, npub or name@domain'));
      press(text);
      press(keys.enter);
    };

    await frame((f) => f.includes(' · Home') && f.includes('a note by bob') && f.includes('Bob Builder'));
    press('c');
    const chat = await frame((f) => f.includes('Chat: Bob Builder') && f.includes('── To Bob Builder (private, NIP-17)'));
    expect(chat).toContain('no messages yet: write below and press Enter');
    press(keys.escape); // closes the composer
    await frame((f) => f.includes('Chat: Bob Builder') && !f.includes('── To '));
    press(keys.escape); // back to Home
    await frame((f) => f.includes(' · Home') && !f.includes('Chat:'));
    press('M');
    await frame((f) => f.includes(' · Messages'));

    await ask('bo');
    const several = await frame((f) => f.includes('could be 2 people you follow'));
    expect(several).toMatch(/"bo" could be 2 people you follow \((Bob Builder, bobby|bobby, Bob Builder)\): type more of the name/);
    expect(several).not.toContain('Chat:');

    await ask('carol');
    await frame((f) => f.includes('no one you follow is named "carol"'));

    await ask('BOBBY');
    await frame((f) => f.includes('Chat: bobby') && f.includes('── To bobby (private, NIP-17)'));
    press(keys.escape);
    press(keys.escape);
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));

    await ask('@bob builder');
    const named = await frame((f) => f.includes('Chat: Bob Builder'));
    expect(named).toContain(`"bob builder" is ${shortNpub(getPublicKey(bob))}`);

    // Only chats were opened: nothing was written, public or private.
    expect(await relay.find({ kinds: [1, 1059, 14], authors: [getPublicKey(me)] })).toEqual([]);
    expect(await relay.find({ kinds: [1059] })).toEqual([]);

    // Carol, not followed, writes first: now her name finds her, as someone the user writes to.
    press(keys.escape);
    press(keys.escape);
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));
    await relay.seed(nip17.wrapEvent(stranger, { publicKey: getPublicKey(me) }, 'hi, it is carol'));
    await frame((f) => f.includes('hi, it is carol'));
    await ask('carol');
    await frame((f) => f.includes('Chat: carol') && f.includes('── To carol (private, NIP-17)'));
    press(keys.escape);
    press(keys.escape);
    await frame((f) => f.includes(' · Messages') && !f.includes('Chat:'));
    await ask('dave');
    await frame((f) => f.includes('no one you follow or write to is named "dave"'));
    expect(await relay.find({ kinds: [1059], '#p': [getPublicKey(stranger), getPublicKey(bob), getPublicKey(bobby)] })).toEqual([]);
    app.unmount();
  });
});
