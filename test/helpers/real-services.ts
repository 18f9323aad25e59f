// The UI's real services (src/ui/wire.ts -> client -> pool, store) for a fresh
// home that holds a public key (and its secret when given), over the relays named, at a fixed time:
// for UI tests against real (or fault) relays rather than in-memory stand-ins.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createClient, type Client } from '../../src/client/client.js';
import { KeyStore } from '../../src/store/keys.js';
import { resolvePaths } from '../../src/store/paths.js';
import { createServices, type WiredServices } from '../../src/ui/wire.js';

export interface RealServices {
  home: string;
  client: Client;
  services: WiredServices;
  /** Closes the services and removes the home. */
  close(): Promise<void>;
}

/**
 * `configured`: the relays are written to config.json (as `relay add` does), not named for the run
 * (`--relay`), so routing by people's relay lists (inboxes, DM relays) is on.
 */
export function realServices(opts: {
  /** None: a first run, with no key yet. */
  pubkey?: string;
  secretKey?: Uint8Array;
  relays: string[];
  nowSec: number;
  prefix?: string;
  retryOutbox?: 'background';
  configured?: boolean;
  /** Discovery relays (indexers) on loopback; none by default. */
  discovery?: string[];
}): RealServices {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'nostr-tui-real-services-'));
  if (opts.pubkey) new KeyStore(home).save({ pubkey: opts.pubkey, ...(opts.secretKey ? { secret: { type: 'plain' as const, secretKey: opts.secretKey } } : {}) });
  if (opts.configured) fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ relays: opts.relays.map((url) => ({ url, read: true, write: true })) }));
  const client = createClient({
    paths: resolvePaths({ NOSTR_TUI_HOME: home }),
    // No discovery relays (public indexers by default): tests talk to 127.0.0.1 only.
    env: { NOSTR_TUI_HOME: home, NOSTR_TUI_DISCOVERY_RELAYS: (opts.discovery ?? []).join(',') },
    clock: { now: () => opts.nowSec * 1000 },
    ...(opts.configured ? {} : { relayOverride: opts.relays }),
    // The app's own setting (src/ui/wire.ts): the outbox retried while it runs.
    ...(opts.retryOutbox ? { retryOutbox: opts.retryOutbox } : {}),
    stdin: new PassThrough(),
    stderr: new PassThrough(),
  } as Parameters<typeof createClient>[0]);
  const services = createServices(client);
  return {
    home,
    client,
    services,
    async close() {
      await services.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
