// Issue #6: what a relay says about itself (NOTICE, CLOSED reasons, OK messages) and raw
// garbage on the socket reach the user only sanitised. A scripted fault relay says it, since
// a real relay never would; the built CLI prints it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyStore } from '../../src/store/keys.js';
import { startFaultRelay, type FaultRelay } from '../helpers/fault-relay.js';
import { escapeSequences, bidiControls, unsafeBytes } from '../helpers/hostile-strings.js';
import { finishedRaw, spawnCli } from '../helpers/cli.js';

/** Every escape-sequence and bidi attack of the corpus in one message. */
const HOSTILE = [...escapeSequences, ...bidiControls].map((entry) => entry.text).join(' | ');

const runRaw = (args: string[], home: string) =>
  finishedRaw(spawnCli(args, { NOSTR_TUI_HOME: home, NOSTR_TUI_PASSPHRASE: '' }));

describe('hostile relay messages in the CLI', () => {
  let relay: FaultRelay | undefined;
  const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nostr-tui-hostile-msg-'));
  afterEach(async () => relay?.stop());

  it('timeline: a NOTICE, garbage frames and a CLOSED reason full of escapes print clean', async () => {
    relay = await startFaultRelay({
      onConnect(conn) {
        conn.send(['NOTICE', HOSTILE]);
        conn.raw(`\u001b]0;pwned\u0007 not json`);
        conn.raw(`["EVENT","x",{"content":"\u001b[2J"}]`);
      },
      onReq: (req) => req.closed(`error: ${HOSTILE}`),
    });
    const result = await runRaw(['timeline', '--global', '--relay', relay.url], home());
    const stderr = result.stderr.toString();
    expect(result.code).toBe(1);
    expect(stderr).toContain('failed: closed by relay: error: beforeafter | red plain');
    expect(stderr).toMatch(/2 malformed/);
    expect(unsafeBytes(result.stdout)).toEqual([]);
    expect(unsafeBytes(result.stderr)).toEqual([]);
  });

  it('post and outbox: an OK refusal full of escapes prints clean', async () => {
    relay = await startFaultRelay({
      onEvent: (event, conn) => conn.send(['OK', event.id, false, `blocked: ${HOSTILE}`]),
    });
    const dir = home();
    const secretKey = generateSecretKey();
    new KeyStore(dir).save({ pubkey: getPublicKey(secretKey), secret: { type: 'plain', secretKey } });
    const posted = await runRaw(['post', 'hello', '--relay', relay.url], dir);
    expect(posted.code).toBe(1);
    expect(posted.stdout.toString() + posted.stderr.toString()).toContain('blocked:');
    expect(unsafeBytes(posted.stdout)).toEqual([]);
    expect(unsafeBytes(posted.stderr)).toEqual([]);
    // The refusal is kept with the unsent post and shown again by `outbox`.
    const listed = await runRaw(['outbox'], dir);
    expect(listed.stdout.toString()).toContain('blocked:');
    expect(unsafeBytes(listed.stdout)).toEqual([]);
    expect(unsafeBytes(listed.stderr)).toEqual([]);
  });
});
