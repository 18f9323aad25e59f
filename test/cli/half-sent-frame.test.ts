// Issue #16 item 7 through the built CLI: a relay announces a 10 MiB frame and sends a byte every
// 200 ms. `timeline` reported the timeout at 5 s but exited at 35 s (ws waited 30 s for a close
// frame). Now the socket is destroyed a second after the pool closes: the exit comes within the
// EOSE timeout (5 s) plus that grace, plus process start-up (a loose bound on a shared machine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { until } from '../helpers/until.js';
import { startTrickleRelay, type TrickleRelay } from '../helpers/trickle-relay.js';

describe('a relay holding a half-sent frame', () => {
  let relay: TrickleRelay;
  let home: string;
  beforeAll(async () => {
    relay = await startTrickleRelay(200);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-trickle-'));
  });
  afterAll(async () => {
    await relay.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('timeline exits within the EOSE timeout plus the 1 s close grace, not 30 s later', async () => {
    const started = Date.now();
    const result = await runCli(['timeline', '--global', '--relay', relay.url], { NOSTR_TUI_HOME: home });
    const seconds = (Date.now() - started) / 1000;
    expect(result.stderr).toMatch(/timed out|did not answer|no relay/i);
    await until(() => relay.clientGone(), 'the relay to see the socket go');
    // 5 s EOSE timeout + 1 s grace + start-up; before the fix this was 35 s.
    expect(seconds).toBeLessThan(12);
  }, 60_000);
});
