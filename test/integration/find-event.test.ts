// Finding a note by id (a pasted nevent, `thread`, `like`): from the cache, else from the relays,
// without waiting for one that stalled earlier in the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { findEvent } from '../../src/client/notes.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';

const NOW = 1_700_000_000;
const note = signed(generateSecretKey(), { created_at: NOW - 60, content: 'find me' });

describe('findEvent', () => {
  let relay: TestRelay;
  let silent: FaultRelay;
  beforeAll(async () => {
    relay = await startRelay();
    await relay.seed(note);
    // Takes every request and never answers.
    silent = await startFaultRelay({});
  });
  afterAll(async () => {
    await Promise.all([relay?.stop(), silent?.stop()]);
  });

  it('does not wait for a relay that stalled earlier in the run', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-find-event-'));
    const client = createClient({
      paths: { configDir: home, dataDir: path.join(home, 'data') },
      env: { NOSTR_TUI_DISCOVERY_RELAYS: '' },
      clock: { now: () => NOW * 1000 },
      relayOverride: [relay.url, silent.url],
      // A wait for the silent relay would outlast the test.
      eoseTimeoutMs: 60_000,
      stdin: new PassThrough(),
      stderr: new PassThrough(),
    });
    try {
      client.stalled.add(silent.url);
      const found = await findEvent(client, { id: note.id });
      expect(found).toEqual({ event: note, relay: relay.url });
    } finally {
      await client.close();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
