// The interactive UI writes too: a note an earlier run saved but no relay took
// is sent again when the UI starts, to the relays it was meant for; quitting
// never waits for that retry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { KeyStore } from '../../src/store/keys.js';
import { openStore } from '../../src/store/open.js';
import { resolvePaths } from '../../src/store/paths.js';
import { prepareServices } from '../../src/ui/wire.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { until } from '../helpers/until.js';

const me = generateSecretKey();

describe('the UI and the outbox', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay?.stop();
  });

  it('sends what earlier runs left unsent when it starts, and the entry is delivered', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-ui-outbox-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
    const paths = resolvePaths({ NOSTR_TUI_HOME: home });
    const note = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000) - 60, tags: [], content: 'written offline' }, me);
    const before = openStore(paths.dataDir, { clock: systemClock });
    before.outbox.add(note, [relay.url]);
    before.close();

    const services = await prepareServices(
      { paths, env: {}, clock: systemClock, stdin: new PassThrough(), stderr: new PassThrough() },
      [relay.url],
    );
    // The relay is asked on each tick; the note's arrival there is what is awaited.
    let arrived = false;
    await until(() => {
      void relay.find({ ids: [note.id] }).then((found) => (arrived ||= found.length === 1));
      return arrived || undefined;
    }, 'the note on the relay');
    await services.close();

    const after = openStore(paths.dataDir, { clock: systemClock });
    expect(after.outbox.pending().map((entry) => entry.event.id)).toEqual([]);
    after.close();
  });
});
