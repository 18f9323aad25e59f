// A busy inbox on a relay that caps its answers: every conversation is read, page by page, not
// only those in the relay's newest page of wraps (a relay capping at 500 hid all older ones).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as nip17 from 'nostr-tools/nip17';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { createDms } from '../../src/client/dms.js';
import { systemClock } from '../../src/core/clock.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { startCappedRelay } from '../helpers/capped-relay.js';
import type { FaultRelay } from '../helpers/fault-relay.js';

const me = generateSecretKey();
const senders = Array.from({ length: 12 }, () => generateSecretKey());
const wraps = senders.map((sender, i) => nip17.wrapEvent(sender, { publicKey: getPublicKey(me) }, `message ${i}`));

describe('an inbox longer than a relay’s cap', () => {
  let capped: FaultRelay & { reqs(): number };
  let home: string;
  beforeAll(async () => {
    capped = await startCappedRelay(wraps, 5);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-dm-paging-'));
    new KeyStore(home).save({ pubkey: getPublicKey(me), secret: { type: 'plain', secretKey: me } });
  });
  afterAll(async () => {
    await capped?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('reads every message, in pages', async () => {
    const client = createClient({
      paths: resolvePaths({ NOSTR_TUI_HOME: home }),
      env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: '' },
      clock: systemClock,
      relayOverride: [capped.url],
      stdin: new PassThrough(),
      stderr: new PassThrough(),
    });
    try {
      const dms = createDms(client);
      const { relays } = await dms.load();
      expect(relays.map((r) => [r.url, r.eose])).toEqual([[capped.url, true]]);
      expect(dms.messages().map((m) => m.rumor.content).sort()).toEqual(wraps.map((_, i) => `message ${i}`).sort());
      expect(dms.conversations()).toHaveLength(12);
      expect(capped.reqs()).toBeGreaterThan(2);
    } finally {
      await client.close();
    }
  });
});
