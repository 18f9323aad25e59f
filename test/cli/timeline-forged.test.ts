// The built CLI with the native signature checker switched off (NOSTR_TUI_VERIFIER=wasm:
// what runs when bcrypto did not build; =js: when WebAssembly cannot load either):
// `timeline --json` prints the valid notes a hostile relay sent and none of the forged
// ones (test/helpers/hostile-events.ts). The forged events come from a fault relay; a
// real relay would not store them.
import type { Event } from 'nostr-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { signed, startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { HOSTILE_SECRET, forgedEvents } from '../helpers/hostile-events.js';

const NOW = Math.floor(Date.now() / 1000);
const forged = forgedEvents(NOW - 60);
// More valid notes than the worker verifier checks on the main thread (200) before it starts its workers.
const valid: Event[] = Array.from({ length: 260 }, (_, i) => signed(HOSTILE_SECRET, { created_at: NOW - 100 - i, content: `valid #${i}` }));

describe('timeline --json with the native binding disabled', () => {
  let relay: FaultRelay;
  beforeAll(async () => {
    relay = await startFaultRelay({
      onReq(req) {
        // Forged first (answered while nostr-wasm is still loading: the asynchronous path),
        // then forged again among the valid ones (answered by the main thread or the workers).
        for (const { event } of forged) req.event(event);
        valid.forEach((event, i) => {
          req.event(event);
          if (i % 17 === 0) req.event(forged[(i / 17) % forged.length]!.event);
        });
        req.eose();
      },
    });
  });
  afterAll(async () => relay.stop());

  for (const verifier of ['wasm', 'js']) {
    it(`NOSTR_TUI_VERIFIER=${verifier}: only the valid notes are printed`, async () => {
      const { run } = cliHome();
      const result = await run(['timeline', '--json', '--limit', '1000', '--since', `${NOW - 3_600}`, '--relay', relay.url], {
        env: { NOSTR_TUI_VERIFIER: verifier },
      });
      expect(result.stderr).not.toMatch(/forged|Error/);
      expect(result.code).toBe(0);
      const printed = result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as Event).id);
      expect(printed.filter((id) => forged.some((f) => f.event.id === id))).toEqual([]);
      expect([...printed].sort()).toEqual(valid.map((e) => e.id).sort());
    });
  }
});
