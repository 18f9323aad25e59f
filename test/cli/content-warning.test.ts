// NIP-36 from the command line: `post --content-warning <reason>` writes the tag as given, and
// `timeline` prints a marked note under its warning (the built CLI, the real relay).
import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey } from 'nostr-tools/pure';
import { describe, expect, it, vi } from 'vitest';
import { cliUser } from '../helpers/cli.js';
import { relayForFile } from '../helpers/file-relay.js';

vi.setConfig({ testTimeout: 60_000 });

const relay = relayForFile();

describe('post --content-warning', () => {
  it('tags the note with the reason as given; timeline prints it under its warning', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-cw-');
    const posted = await cli.run(['post', '--content-warning', 'film spoilers', '--relay', relay.url, 'the ending: they all die']);
    expect(posted.code).toBe(0);
    const noReason = await cli.run(['post', '--content-warning', '', '--relay', relay.url, 'rather graphic']);
    expect(noReason.code).toBe(0);
    const [graphic, spoiler] = await relay.find({ kinds: [1], authors: [pubkey] });
    expect(spoiler!.tags).toEqual([['content-warning', 'film spoilers']]);
    expect(graphic!.tags).toEqual([['content-warning', '']]);

    const timeline = await cli.run(['timeline', '--global', '--relay', relay.url]);
    expect(timeline.code).toBe(0);
    const lines = timeline.stdout.split('\n');
    expect(lines[lines.indexOf('  ⚠ content warning: film spoilers') + 1]).toBe('  the ending: they all die');
    expect(lines[lines.indexOf('  ⚠ content warning') + 1]).toBe('  rather graphic');
  });

  it('a secret key in the reason is refused before anything is signed or sent', async () => {
    const { cli, pubkey } = await cliUser('nostr-tui-cw-');
    const secret = nsecEncode(generateSecretKey());
    const refused = await cli.run(['post', '--content-warning', secret, '--relay', relay.url, 'hello']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^nostr-tui: the note contains a secret key/);
    expect(refused.stderr).not.toContain(secret);
    expect(await relay.find({ authors: [pubkey] })).toEqual([]);
  });
});
