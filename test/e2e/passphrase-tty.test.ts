// Secrets typed on a real terminal (node-pty): the passphrase and an imported
// key are read without echo, so they never appear on the screen.
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { describe, expect, it } from 'vitest';
import { cliHome } from '../helpers/cli.js';
import { runInPty } from '../ui/pty.js';

const PASSPHRASE = 'hunter2-very-secret';

function inTerminal(home: string, args: string[]) {
  return runInPty(args, { NOSTR_TUI_HOME: home, NOSTR_TUI_PASSPHRASE: '', NO_COLOR: '1' });
}

describe('secrets typed on a terminal', () => {
  it('key import with no argument asks for the key without echo', async () => {
    const cli = cliHome();
    const secretKey = generateSecretKey();
    const nsec = nsecEncode(secretKey);
    const run = inTerminal(cli.home, ['key', 'import']);
    await run.waitFor((text) => text.includes('Key (nsec1…, hex, ncryptsec1… or npub1…): '));
    run.write(`${nsec}\r`);
    expect((await run.exited).exitCode).toBe(0);
    expect(run.text()).toContain(npubEncode(getPublicKey(secretKey)));
    expect(run.output()).not.toContain(nsec.slice(5, 25));
  });

  it('key encrypt asks twice without echo; three wrong passphrases later are exit 1, the right one unlocks', { timeout: 120_000 }, async () => {
    const cli = cliHome();
    const secretKey = generateSecretKey();
    expect((await cli.run(['key', 'import', nsecEncode(secretKey)])).code).toBe(0);

    const encrypt = inTerminal(cli.home, ['key', 'encrypt']);
    await encrypt.waitFor((text) => text.includes('New passphrase: '));
    encrypt.write(`${PASSPHRASE}\r`);
    await encrypt.waitFor((text) => text.includes('Repeat the passphrase: '));
    encrypt.write(`${PASSPHRASE}\r`);
    expect((await encrypt.exited).exitCode).toBe(0);
    expect(encrypt.text()).toContain('Encrypted the secret key');
    expect(encrypt.output()).not.toContain(PASSPHRASE);

    const wrong = inTerminal(cli.home, ['key', 'show', '--secret']);
    // Three tries, an empty one counting as one.
    const asked = (text: string) => text.split('Passphrase: ').length - 1;
    for (const [tries, typed] of [[1, 'not it'], [2, ''], [3, 'not it either']] as const) {
      await wrong.waitFor((text) => asked(text) === tries);
      wrong.write(`${typed}\r`);
    }
    expect((await wrong.exited).exitCode).toBe(1);
    expect(wrong.text()).toContain('Wrong passphrase; try again.');
    expect(wrong.text()).toContain('No passphrase typed; try again.');
    expect(wrong.text()).toMatch(/wrong passphrase/);

    const right = inTerminal(cli.home, ['key', 'show', '--secret']);
    await right.waitFor((text) => text.includes('Passphrase: '));
    right.write(`${PASSPHRASE}\r`);
    expect((await right.exited).exitCode).toBe(0);
    expect(right.text()).toContain(nsecEncode(secretKey));
    expect(right.output()).not.toContain(PASSPHRASE);
  });
});
