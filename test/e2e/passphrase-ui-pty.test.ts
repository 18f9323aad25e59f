// The interactive UI with an encrypted key (NIP-49), on a real terminal (node-pty). The
// passphrase is asked before the UI draws, three tries; it never reaches the UI as keys. A wrong
// one used to start the UI locked, and the first like asked again under it: a passphrase typed
// there was taken as keys too (`n` opened a note, the rest of the passphrase typed into it).
import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey } from 'nostr-tools/pure';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { startRelay, type TestRelay } from '../helpers/relay.js';
import { runInPty } from '../ui/pty.js';

const PASSPHRASE = 'correct-horse-battery';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

async function encryptedHome() {
  const cli = cliHome('nostr-tui-ui-passphrase-');
  const imported = await cli.run(['key', 'import', '--encrypt', '--no-adopt'], { stdin: nsecEncode(generateSecretKey()), env: { NOSTR_TUI_PASSPHRASE: PASSPHRASE } });
  expect(imported.code).toBe(0);
  return cli;
}

const inTerminal = (home: string) =>
  runInPty(['--relay', relay.url], { NOSTR_TUI_HOME: home, NOSTR_TUI_PASSPHRASE: '', NOSTR_TUI_DISCOVERY_RELAYS: '', NO_COLOR: '1' });

const prompts = (text: string) => text.split('Passphrase for your key: ').length - 1;

describe('the interactive UI with an encrypted key', () => {
  it('asks again after a wrong passphrase, before it draws; the right one opens the UI', { timeout: 60_000 }, async () => {
    const cli = await encryptedHome();
    const run = inTerminal(cli.home);
    try {
      await run.waitFor((text) => prompts(text) === 1);
      run.write('not the passphrase\r');
      await run.waitFor((text) => text.includes('Wrong passphrase; try again.') && prompts(text) === 2);
      run.write(`${PASSPHRASE}\r`);
      await run.waitFor((text) => text.includes('relays 1/1'));
      expect(run.output()).not.toContain(PASSPHRASE);
      expect(run.output()).not.toContain('not the passphrase');
      run.write('Q');
      expect((await run.exited).exitCode).toBe(0);
    } finally {
      run.pty.kill();
    }
  });

  it('three wrong passphrases: exit 1 with the reason, and the UI never drew', { timeout: 60_000 }, async () => {
    const cli = await encryptedHome();
    const run = inTerminal(cli.home);
    try {
      for (let tries = 1; tries <= 3; tries++) {
        await run.waitFor((text) => prompts(text) === tries);
        run.write(`wrong ${tries}\r`);
      }
      expect((await run.exited).exitCode).toBe(1);
      expect(run.text()).toContain('nostr-tui: wrong passphrase: the key could not be decrypted.');
      expect(run.text()).not.toContain('relays 1/1');
      expect(prompts(run.text())).toBe(3);
    } finally {
      run.pty.kill();
    }
  });

  it('an empty passphrase is a try like a wrong one: asked again, and the right one opens the UI', { timeout: 60_000 }, async () => {
    const cli = await encryptedHome();
    const run = inTerminal(cli.home);
    try {
      await run.waitFor((text) => prompts(text) === 1);
      run.write('\r');
      await run.waitFor((text) => text.includes('No passphrase typed; try again.') && prompts(text) === 2);
      run.write(`${PASSPHRASE}\r`);
      await run.waitFor((text) => text.includes('relays 1/1'));
      expect(run.text()).not.toContain('nothing was changed');
      run.write('Q');
      expect((await run.exited).exitCode).toBe(0);
    } finally {
      run.pty.kill();
    }
  });

  it('Esc at the prompt cancels with one line, as Ctrl-C does; so does it for a one-shot command', { timeout: 60_000 }, async () => {
    const cli = await encryptedHome();
    for (const args of [['--relay', relay.url], ['like', '0'.repeat(64), '--relay', relay.url]]) {
      const run = runInPty(args, { NOSTR_TUI_HOME: cli.home, NOSTR_TUI_PASSPHRASE: '', NOSTR_TUI_DISCOVERY_RELAYS: '', NO_COLOR: '1' });
      try {
        await run.waitFor((text) => prompts(text) === 1);
        run.write('\u001b');
        expect((await run.exited).exitCode).toBe(1);
        expect(run.text().trim().split(/\r?\n/)).toEqual(['Passphrase for your key: ', 'nostr-tui: cancelled; nothing was changed.']);
      } finally {
        run.pty.kill();
      }
    }
  });
});
