// After close, the client opens nothing: a request the UI started as it quit (a lookup due after
// the screen went) ends at once instead of making a new pool whose connections to the user's
// relays, never idle, kept the process running after `q`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { systemClock } from '../../src/core/clock.js';
import { resolvePaths } from '../../src/store/paths.js';
import { relayForFile } from '../helpers/file-relay.js';
import { until } from '../helpers/until.js';

const relay = relayForFile();
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-client-closed-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
const newClient = () =>
  createClient({
    paths: resolvePaths({ NOSTR_TUI_HOME: home }),
    env: { NOSTR_TUI_HOME: home },
    clock: systemClock,
    stdin: new PassThrough(),
    stderr: new PassThrough(),
  } as Parameters<typeof createClient>[0]);

describe('a closed client', () => {
  it('answers a late request at once, "pool closed", and leaves no connection open', async () => {
    fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ relays: [{ url: relay.url, read: true, write: true }] }));
    const client = newClient();
    const first = await client.pool().query([{ kinds: [1], limit: 1 }]);
    expect(first.relays[0]).toMatchObject({ eose: true });
    await client.close();
    await until(() => relay.connections() === 0 || undefined, 'the connection to close');

    const late = await client.pool().query([{ kinds: [1], limit: 1 }]);
    expect(late.relays).toEqual([{ url: relay.url, eose: false, timedOut: false, events: 0, error: 'pool closed' }]);
    // The same with no pool made before close.
    const unused = newClient();
    await unused.close();
    expect((await unused.pool().query([{ kinds: [1], limit: 1 }])).relays[0]).toMatchObject({ error: 'pool closed' });
    expect(relay.connections()).toBe(0);
  });
});
